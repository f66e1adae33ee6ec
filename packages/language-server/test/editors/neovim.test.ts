import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { makeWorkspace } from '../helpers.js';
import { requireEditor, runEditor } from './run-editor.js';

const SCRIPT = fileURLToPath(new URL('./neovim.lua', import.meta.url));
let workspace: ReturnType<typeof makeWorkspace> | undefined;
afterEach(() => workspace?.cleanup());

it('Neovim 0.7 shows the findings at the right byte columns and applies the preferred fix', async () => {
  requireEditor('nvim');
  workspace = makeWorkspace();
  const report = await runEditor('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${SCRIPT}`], workspace.dir);
  // Neovim counts bytes: 𠮷 (4) 文 (3) ： (3) puts 银 at byte 10; each CJK character is 3 bytes.
  expect(report.diagnostics).toEqual([
    expect.objectContaining({ lnum: 2, col: 10, end_lnum: 2, end_col: 22, code: 'test/yinbaojianhui', source: 'cuomin', severity: 2 }),
    expect.objectContaining({ lnum: 4, col: 12, end_lnum: 4, end_col: 24, code: 'test/anbu-jiuban', message: '疑似错别字：“按步就班”应为“按部就班”' }),
    expect.objectContaining({ lnum: 4, col: 45, end_lnum: 4, end_col: 54, code: 'test/zuoyouming' }),
  ]);
  expect(report.actions).toContain('替换为“按部就班”');
  expect(report.lines_after).toEqual(['# 通知', '', '𠮷文：银保监会发布通知。', '', '各单位要按部就班推进工作，牢记坐右铭。']);
  expect(report.count_after).toBe(2);
});
