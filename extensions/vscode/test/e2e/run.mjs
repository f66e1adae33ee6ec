// End-to-end test in a real VS Code (code-server in Debian's Chromium, driven by playwright-core).
// Expects dist/cuomin-vscode.vsix (built by `pnpm e2e`, which also runs scripts/e2e-deps.sh).
//
//   1. installs the .vsix into a fresh code-server profile;
//   2. opens a workspace whose draft.md holds three baseline findings, waits for the squiggles and
//      checks the Problems panel lists them at their positions;
//   3. applies the quick fix of one finding and checks the text;
//   4. types a new error and sees a new squiggle and a new problem;
//   5. scans the workspace, explains a rule, fixes all in the file;
//   6. saves screenshots into test-results/e2e/ (gitignored); with --update-readme-image it also
//      copies one to images/screenshot.png.
// Prints the time from opening the file to the first squiggle (reported, not asserted).
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openVSCode, root } from './harness.mjs';

const updateReadmeImage = process.argv.includes('--update-readme-image');

/** The findings draft.md holds, as the Problems panel shows them (1-based line and column). */
const EXPECTED = [
  { rule: 'typo/zai-jie-zai-li', text: '再接再励', line: 3, column: 6, severity: 'Warning' },
  { rule: 'outdated/zhongguo-yinhang-baoxian-jiandu-guanli-weiyuanhui', text: '银保监会', line: 5, column: 1, severity: 'Warning' },
  { rule: 'serious/name-xijinping-1-8fdb', text: '习进平', line: 7, column: 1, severity: 'Error' },
];

let vscode;
let page;
let shot, squiggles, editorLines, problemRows, waitFor, runCommand, openFile, goTo, serverProcesses;
let extensionsDir, artefacts;

before(async () => {
  vscode = await openVSCode({ name: 'e2e', vsix: join(root, 'dist', 'cuomin-vscode.vsix') });
  ({ page, shot, squiggles, editorLines, problemRows, waitFor, runCommand, openFile, goTo, serverProcesses, extensionsDir, artefacts } = vscode);
});

after(async () => {
  if (vscode) writeFileSync(join(artefacts, 'extension-logs.txt'), vscode.extensionLogs());
  await vscode?.close();
});

test('findings appear as squiggles and in the Problems panel, with their positions', async () => {
  // Nothing of cuomin runs before a file it checks is open.
  assert.deepEqual(serverProcesses(), [], 'the language server started before any Markdown file was opened');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('draft.md');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'draft.md' }).first().waitFor();
  const opened = Date.now();
  await page.keyboard.press('Enter');
  await squiggles().first().waitFor({ timeout: 90_000 });
  const firstSquiggle = Date.now() - opened;
  console.log(`# time from opening draft.md to the first squiggle: ${firstSquiggle} ms`);
  writeFileSync(join(artefacts, 'timing.json'), JSON.stringify({ openToFirstSquiggleMs: firstSquiggle }) + '\n');

  assert.equal(serverProcesses().length, 1, 'one language server runs once draft.md is open');
  await waitFor('three squiggles', async () => (await squiggles().count()) === 3);
  assert.equal(await page.locator('.monaco-editor .squiggly-error').count(), 1, 'one error: 习进平');
  assert.equal(await page.locator('.monaco-editor .squiggly-warning').count(), 2, 'two warnings');

  await page.keyboard.press('Control+Shift+M');
  const rows = await waitFor('the Problems panel rows', async () => {
    const labels = await problemRows();
    return labels.filter((label) => /cuomin/.test(label)).length >= 3 ? labels : undefined;
  });
  writeFileSync(join(artefacts, 'problems.txt'), rows.join('\n') + '\n');
  for (const finding of EXPECTED) {
    const row = rows.find((label) => label.includes(finding.text) && label.includes(`line ${finding.line}`));
    assert.ok(row, `no problem for ${finding.text} at line ${finding.line} in:\n${rows.join('\n')}`);
    assert.match(row, new RegExp(`line ${finding.line} and character ${finding.column}\\b`), row);
    assert.match(row, new RegExp(finding.severity), row);
    assert.ok(row.includes(finding.rule), `the rule id ${finding.rule} is missing from: ${row}`);
  }
  assert.equal(rows.filter((label) => /cuomin/.test(label)).length, 3, rows.join('\n'));
  const statusItem = page.locator('.statusbar-item', { hasText: '错敏' });
  await waitFor('the status bar count', async () => /错敏 3/.test((await statusItem.first().textContent()) ?? ''));
  await shot('1-findings');
});

test('the quick fix replaces a finding with its suggestion', async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  await goTo(3, 7);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: '再接再厉' }).first();
  await fix.waitFor({ timeout: 30_000 });
  await shot('2-quick-fix-menu');
  await fix.click();
  await waitFor('the fixed text', async () => {
    const lines = await editorLines();
    return lines[2] === '各级干部要再接再厉，推动各项工作再上新台阶。';
  });
  await waitFor('two squiggles after the fix', async () => (await squiggles().count()) === 2);
  await shot('3-after-fix');
});

test('typing a new error adds a squiggle and a problem', async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  // The file ends with a newline: the cursor is on an empty line 8.
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('各单位要再接再励。');
  await waitFor('a new squiggle', async () => (await squiggles().count()) === 3);
  const lines = await editorLines();
  assert.equal(lines[8], '各单位要再接再励。');
  const rows = await waitFor('the new problem', async () => {
    const labels = await problemRows();
    return labels.some((label) => label.includes('再接再励') && label.includes('line 9 and character 5')) ? labels : undefined;
  });
  assert.equal(rows.filter((label) => /cuomin/.test(label)).length, 3, rows.join('\n'));
  const file = await shot('4-new-error');
  if (updateReadmeImage) cpSync(join(artefacts, '1-findings.png'), join(root, 'images', 'screenshot.png'));
  assert.ok(statSync(file).size > 10_000);
});

test('scanning the workspace lists the findings of files that are not open', async () => {
  assert.equal(await problemRows().then((rows) => rows.some((row) => row.includes('notes.txt'))), false);
  await runCommand('cuomin: Scan Workspace');
  const rows = await waitFor('the findings of notes.txt', async () => {
    const labels = await problemRows();
    return labels.some((label) => label.includes('再接再励') && label.includes('line 1 and character 8')) ? labels : undefined;
  });
  assert.ok(rows.some((row) => /2 problems in file notes\.txt/.test(row)), rows.join('\n'));
  // 既使 is a two-character term: it is checked at word boundaries, which need the segmenter.
  assert.ok(rows.some((row) => row.includes('typo/ji-shi-ji-shi') && row.includes('line 2 and character 1')), rows.join('\n'));
  // The nodejieba addon shipped in the .vsix is loaded in the server that VS Code started.
  const [pid] = serverProcesses();
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
  assert.match(maps, new RegExp(`${extensionsDir}/cuomin\\.cuomin-vscode-[^/]+/dist/node_modules/nodejieba/build/Release/nodejieba\\.node`));
  await shot('6-workspace-scan');

  // Opened, the file's findings are the live ones: listed once, not beside the scan's.
  await openFile('notes.txt');
  await waitFor('the squiggles of notes.txt', async () => (await squiggles().count()) === 2);
  const open = await waitFor('notes.txt listed once', async () => {
    const labels = await problemRows();
    return labels.some((label) => /2 problems in file notes\.txt/.test(label)) &&
      labels.filter((label) => label.includes('typo/ji-shi-ji-shi')).length === 1
      ? labels
      : undefined;
  });
  assert.equal(open.filter((label) => label.includes('notes.txt') || label.includes('line 1 and character 8')).length, 2, open.join('\n'));
  await openFile('draft.md');
  await waitFor('draft.md again', async () => (await squiggles().count()) === 3);
});

test("explaining the rule at the cursor opens its note and source", async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  await goTo(7, 2);
  await runCommand('cuomin: Explain the Rule at the Cursor');
  // The explanation is a Markdown preview (a webview, in frames of its own).
  const text = await waitFor('the rule explanation', async () => {
    for (const frame of page.frames()) {
      const body = await frame.locator('body').textContent({ timeout: 1000 }).catch(() => '');
      if (body?.includes('serious/name-xijinping-1-8fdb') && body.includes('说明')) return body;
    }
    return undefined;
  });
  assert.match(text, /“近”误作同音字“进”/);
  assert.match(text, /依据：/);
  assert.match(text, /建议：“习近平”/);
  await shot('5-explain-rule');
});

test('fix all in file applies every suggestion at once', async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  assert.equal(await squiggles().count(), 3);
  await runCommand('cuomin: Fix All in File');

  await waitFor('no squiggles left', async () => (await squiggles().count()) === 0);
  const lines = await editorLines();
  assert.equal(lines[4], '国家金融监督管理总局发布了关于规范保险销售行为的通知。');
  assert.equal(lines[6], '习近平同志出席会议并讲话。');
  assert.equal(lines[8], '各单位要再接再厉。');
  const statusItem = page.locator('.statusbar-item', { hasText: '错敏' });
  await waitFor('the status bar count to drop to zero', async () => /错敏 0/.test((await statusItem.first().textContent()) ?? ''));
  await shot('7-fix-all');
});
