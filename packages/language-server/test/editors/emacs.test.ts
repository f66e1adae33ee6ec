import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { makeWorkspace } from '../helpers.js';
import { requireEditor, runEditor } from './run-editor.js';

const SCRIPT = fileURLToPath(new URL('./emacs-eglot.el', import.meta.url));
let workspace: ReturnType<typeof makeWorkspace> | undefined;
afterEach(() => workspace?.cleanup());

it('Emacs with eglot shows the findings on the right characters and applies the preferred fix', async () => {
  requireEditor('emacs');
  workspace = makeWorkspace();
  // Not -Q: that hides Debian's load-path, where eglot lives.
  const report = await runEditor('emacs', ['--batch', '-l', SCRIPT], workspace.dir);
  // Emacs counts characters (code points): 𠮷 is one, so 银 is the fourth character of its line.
  expect(report.diagnostics).toEqual([
    expect.objectContaining({ line: 3, column: 3, text: '银保监会', type: 'eglot-warning' }),
    expect.objectContaining({ line: 5, column: 4, text: '按步就班', message: expect.stringContaining('疑似错别字：“按步就班”应为“按部就班”') }),
    expect.objectContaining({ line: 5, column: 15, text: '坐右铭' }),
  ]);
  expect(report.actions).toContain('替换为“按部就班”');
  expect(report.text_after).toBe('# 通知\n\n𠮷文：银保监会发布通知。\n\n各单位要按部就班推进工作，牢记坐右铭。\n');
  expect(report.count_after).toBe(2);
});
