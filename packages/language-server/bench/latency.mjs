#!/usr/bin/env node
// Latency of the language server as an editor sees it, with the baseline dictionary:
//   - start-up: spawn → initialize → didOpen → first diagnostics;
//   - open: didOpen → diagnostics, for 10 KB, 100 KB and 1 MB documents;
//   - edit: one-character didChange → diagnostics for that version (includes the debounce);
//   - worst wait of a hover on a small document sent every 5 ms while the big one is rescanned;
//   - reload: a dictionary file of the workspace changes on disk → fresh diagnostics for an open document.
// Writes bench/results/latency-<date>.json (the repository's benchmark report reads the newest one).
// Usage: node bench/latency.mjs [--edits N] [--kinds markdown,plaintext,html] [--corpus DIR]
// Build first (npx tsc -b). Prose comes from samples/ and, when present, the corpus folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const here = fileURLToPath(new URL('.', import.meta.url));
const server = join(here, '..', 'dist', 'bin.js');
const repo = join(here, '..', '..', '..');
const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '5' },
    kinds: { type: 'string', default: 'markdown,plaintext,html' },
    corpus: { type: 'string', default: join(repo, '..', 'shared', 'corpus') },
  },
});
const edits = Number(values.edits);
if (!Number.isInteger(edits) || edits < 1) throw new Error(`--edits must be a positive integer, got ${values.edits}`);
if (!existsSync(server)) throw new Error(`${server} is missing: run npx tsc -b first`);

function paragraphs() {
  const files = [join(repo, 'samples', 'draft.md')];
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (/\.(md|txt)$/.test(name.name)) files.push(path);
    }
  };
  if (existsSync(values.corpus)) walk(values.corpus);
  return files
    .flatMap((f) => readFileSync(f, 'utf8').split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length > 20 && !p.startsWith('#') && !p.startsWith('```'));
}

/** A document of about `size` UTF-16 units; every paragraph unique, as in a real long draft. */
function documentOf(size, pool, languageId) {
  const out = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const prose = `${pool[i % pool.length]}（第${i}段）`;
    const p = languageId === 'html' ? `<p>${prose.replace(/[<&]/g, ' ')}</p>` : prose;
    out.push(p);
    length += p.length + 2;
  }
  return out.join('\n\n');
}

async function start(workspace) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.(p.diagnostics);
    waiting.delete(key);
    for (const listener of listeners) listener(p);
  });
  connection.onNotification('window/showMessage', (p) => console.error(`server: ${p.message}`));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  const capabilities = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: [{ uri: rootUri, name: 'bench' }] });
  await connection.sendNotification('initialized', {});
  const diagnostics = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
  const until = (predicate) =>
    new Promise((resolve) => {
      const listener = (p) => {
        if (!predicate(p)) return;
        listeners.delete(listener);
        resolve(p);
      };
      listeners.add(listener);
    });
  return { child, connection, diagnostics, until, t0 };
}

/** A unit dictionary next to the draft, layered over the baseline by the workspace's config file. */
function unitDictionary(term) {
  return `category: custom\nsource: 本单位词表\nentries:\n  - id: custom/unit\n    term: ${term}\n    boundary: none\n    note: 基准测试。\n    examples: [${term}]\n`;
}

async function main() {
  const workspace = mkdtempSync(join(tmpdir(), 'cuomin-bench-'));
  const pool = paragraphs();
  const rows = [];
  try {
    const draft = readFileSync(join(repo, 'samples', 'draft.md'), 'utf8');
    writeFileSync(join(workspace, 'draft.md'), draft);
    writeFileSync(join(workspace, 'cuomin.config.json'), JSON.stringify({ dictionaries: ['unit.yaml'] }));
    writeFileSync(join(workspace, 'unit.yaml'), unitDictionary('本报讯'));
    const s = await start(workspace);
    const draftUri = pathToFileURL(join(workspace, 'draft.md')).href;
    const first = s.diagnostics(draftUri, 1);
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text: draft } });
    const found = await first;
    const startup = performance.now() - s.t0;
    console.log(`start-up to first diagnostics (samples/draft.md, baseline): ${startup.toFixed(0)} ms, ${found.length} findings`);

    // The dictionary file changes on disk; the client reports it; the open draft is re-diagnosed.
    const reloads = [];
    const terms = ['金融工作', '推进会', '不良贷款', '实体经济', '政策落实'];
    for (const term of terms) {
      const fresh = s.until((p) => p.uri === draftUri && p.diagnostics.some((d) => d.code === 'custom/unit' && d.message.includes(term)));
      const t = performance.now();
      writeFileSync(join(workspace, 'unit.yaml'), unitDictionary(term));
      await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(workspace, 'unit.yaml')).href, type: 2 }] });
      await fresh;
      reloads.push(performance.now() - t);
    }
    reloads.sort((a, b) => a - b);
    const reload = reloads[Math.floor(reloads.length / 2)];
    console.log(`changed dictionary file → fresh diagnostics (median of ${reloads.length}): ${reload.toFixed(0)} ms`);

    for (const languageId of values.kinds.split(',')) {
      for (const size of [10_000, 100_000, 1_000_000]) {
        const uri = pathToFileURL(join(workspace, `doc-${size}.${{ markdown: 'md', html: 'html' }[languageId] ?? 'txt'}`)).href;
        let text = documentOf(size, pool, languageId);
        let t = performance.now();
        const opened = s.diagnostics(uri, 1);
        await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
        const findings = (await opened).length;
        const open = performance.now() - t;
        const times = [];
        let worstHover = 0;
        for (let version = 2; version < 2 + edits; version++) {
          // One character typed in the middle of a line somewhere in the document.
          const offset = Math.floor(((version * 7919) % 1000) / 1000 * text.length);
          const lines = text.slice(0, offset).split('\n');
          const position = { line: lines.length - 1, character: lines.at(-1).length };
          text = text.slice(0, offset) + '的' + text.slice(offset);
          const done = s.diagnostics(uri, version);
          t = performance.now();
          await s.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: position, end: position }, text: '的' }],
          });
          let finished = false;
          const probing = (async () => {
            while (!finished) {
              const h = performance.now();
              await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: draftUri }, position: { line: 0, character: 0 } });
              worstHover = Math.max(worstHover, performance.now() - h);
              await new Promise((r) => setTimeout(r, 5));
            }
          })();
          await done;
          times.push(performance.now() - t);
          finished = true;
          await probing;
        }
        times.sort((a, b) => a - b);
        rows.push({
          kind: languageId,
          size: `${Math.round(text.length / 1000)} K chars`,
          findings,
          'open → diagnostics (ms)': open.toFixed(0),
          'edit → diagnostics, median (ms)': times[Math.floor(times.length / 2)].toFixed(0),
          'edit → diagnostics, max (ms)': times.at(-1).toFixed(0),
          'worst hover wait meanwhile (ms)': worstHover.toFixed(0),
        });
        await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
    }
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
    console.table(rows);
    console.log('edit → diagnostics includes the debounce: min(300, 40 + length / 4000) ms.');
    const resultsDir = join(here, 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `latency-${new Date().toISOString().slice(0, 10)}.json`);
    const summary = { 'start-up to first diagnostics, ms': startup, 'changed dictionary file to fresh diagnostics, median ms': reload };
    writeFileSync(file, `${JSON.stringify({ ...summary, node: process.version, rows }, null, 1)}\n`);
    console.log(`wrote ${file}`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
