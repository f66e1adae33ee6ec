// End-to-end: the extension on a platform where the segmenter cannot load (a .vsix built without it),
// with a workspace setting that changes a category's severity.
// Expects dist/cuomin-vscode-no-jieba.vsix (built by `pnpm e2e`).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openVSCode, root } from './harness.mjs';

let vscode;

before(async () => {
  vscode = await openVSCode({
    name: 'e2e-no-segmenter',
    vsix: join(root, 'dist', 'cuomin-vscode-no-jieba.vsix'),
    workspaceFiles: { '.vscode/settings.json': JSON.stringify({ 'cuomin.severity': { serious: 'warning' } }, null, 2) },
  });
});

after(async () => {
  if (vscode) writeFileSync(join(vscode.artefacts, 'extension-logs.txt'), vscode.extensionLogs());
  await vscode?.close();
});

function cuominLog(dir) {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) text += cuominLog(path);
    else if (name === 'cuomin.log') text += readFileSync(path, 'utf8');
  }
  return text;
}

test('without the segmenter the findings still come, and it is said once', async () => {
  const { page, squiggles, waitFor, shot } = vscode;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('draft.md');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'draft.md' }).first().waitFor();
  await page.keyboard.press('Enter');
  await waitFor('three squiggles', async () => (await squiggles().count()) === 3);
  // cuomin.severity: { serious: 'warning' } makes 习进平 a warning.
  assert.equal(await page.locator('.monaco-editor .squiggly-error').count(), 0);
  assert.equal(await page.locator('.monaco-editor .squiggly-warning').count(), 3);

  const status = page.locator('.statusbar-item', { hasText: '错敏' }).first();
  await waitFor('the status bar count', async () => /错敏 3/.test((await status.textContent()) ?? ''));
  await status.hover();
  const tooltip = await waitFor('the status bar tooltip', async () => {
    const hovers = await page.locator('.workbench-hover, .monaco-hover').allTextContents();
    return hovers.find((text) => text.includes('Word segmentation is off'));
  });
  assert.match(tooltip, /nodejieba is not shipped in this build/);
  await shot('tooltip');

  const logsDir = join(vscode.extensionsDir, '..', 'user-data', 'logs');
  const log = cuominLog(logsDir);
  assert.equal(log.split('word-boundary checks are off').length - 1, 1, log);
  // The server was told to run without segmentation: it neither tried nor complained.
  assert.doesNotMatch(log, /could not be loaded/);
  assert.equal(await page.locator('.notifications-toasts', { hasText: 'nodejieba' }).count(), 0);
});
