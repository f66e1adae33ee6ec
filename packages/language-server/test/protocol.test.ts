import { fork, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { makeWorkspace, SERVER_BIN, startClient, type TestClient } from './helpers.js';

const DRAFT = readFileSync(new URL('./fixtures/draft.md', import.meta.url), 'utf8');

let client: TestClient | undefined;
let workspace: ReturnType<typeof makeWorkspace> | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  workspace?.cleanup();
  workspace = undefined;
});

async function open(c: TestClient, uri: string, text: string, languageId = 'markdown', version = 1): Promise<Diagnostic[]> {
  const diagnostics = c.diagnostics(uri, (p) => p.version === version);
  await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  return diagnostics;
}

function applyEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits = (edit?.changes?.[uri] ?? (edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []))) as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
}

describe('protocol over stdio', () => {
  it('initializes with incremental sync and the advertised features', async () => {
    workspace = makeWorkspace();
    const child = await startClient({ rootDir: workspace.dir });
    client = child;
    const result = await child.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }).catch((e: Error) => e);
    // A second initialize is the client's mistake; the server answers rather than dying.
    expect(result).toBeDefined();
    const hover = await child.connection.sendRequest('textDocument/hover', { textDocument: { uri: workspace.uri('none.md') }, position: { line: 0, character: 0 } });
    expect(hover).toBeNull();
  });

  it('reports findings with UTF-16 ranges, rule id, source, severity and Chinese message', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    const diagnostics = await open(client, uri, DRAFT);
    expect(diagnostics.map((d) => d.code)).toEqual(['test/yinbaojianhui', 'test/anbu-jiuban', 'test/zuoyouming']);
    const [yinbao, anbu] = diagnostics as [Diagnostic, Diagnostic];
    // 𠮷 is two UTF-16 code units: 𠮷文： puts 银 at character 4.
    expect(yinbao.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    expect(yinbao.source).toBe('cuomin');
    expect(yinbao.severity).toBe(2);
    expect(yinbao.message).toContain('国家金融监督管理总局');
    expect(anbu.range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 8 } });
    expect(anbu.message).toBe('疑似错别字：“按步就班”应为“按部就班”');
    expect(anbu.data).toMatchObject({ ruleId: 'test/anbu-jiuban', actual: '按步就班', expected: ['按部就班'], fixable: true, version: 1 });
  });

  it('follows incremental edits and publishes for the new version', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    await open(client, uri, DRAFT);
    const next = client.diagnostics(uri, (p) => p.version === 2);
    // 按步就班 → 按部就班: one character, sent as an incremental change.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 5 }, end: { line: 4, character: 6 } }, text: '部' }],
    });
    const diagnostics = await next;
    expect(diagnostics.map((d) => d.code)).toEqual(['test/yinbaojianhui', 'test/zuoyouming']);
    // Typing in front of a finding moves it.
    const third = client.diagnostics(uri, (p) => p.version === 3);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '注意：' }],
    });
    expect((await third)[0]!.range.start).toEqual({ line: 2, character: 7 });
  });

  it('offers replacements (first preferred), fix all, allow-list and disable-next-line, and they edit as promised', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    const diagnostics = await open(client, uri, DRAFT);
    const zuoyou = diagnostics.find((d) => d.code === 'test/zuoyouming')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: zuoyou.range,
      context: { diagnostics: [zuoyou] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      '替换为“座右铭”',
      '替换为“格言”',
      '将“坐右铭”加入工作区允许列表',
      '在下一行停用规则 test/zuoyouming',
      '修正本文档中所有可自动修正的问题（2 处）',
    ]);
    // Two suggestions: not safe to apply unasked, so not preferred.
    expect(actions[0]!.isPreferred).toBe(false);
    expect(applyEdit(DRAFT, uri, actions[1]!.edit)).toContain('牢记格言。');
    const fixAll = applyEdit(DRAFT, uri, actions[4]!.edit);
    expect(fixAll).toContain('国家金融监督管理总局发布通知');
    expect(fixAll).toContain('按部就班');
    expect(fixAll).toContain('坐右铭');
    const disabled = applyEdit(DRAFT, uri, actions[3]!.edit);
    expect(disabled.split('\n')[4]).toBe('<!-- cuomin-disable-next-line test/zuoyouming -->');

    const anbu = diagnostics.find((d) => d.code === 'test/anbu-jiuban')!;
    const single = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: anbu.range,
      context: { diagnostics: [anbu] },
    })) as CodeAction[];
    expect(single[0]).toMatchObject({ title: '替换为“按部就班”', isPreferred: true, kind: 'quickfix' });

    // The directive really silences the rule once the edit is in the document.
    const after = client.diagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: disabled }] });
    expect((await after).map((d) => d.code)).toEqual(['test/yinbaojianhui', 'test/anbu-jiuban']);

    const sourceFixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(sourceFixAll).toHaveLength(1);
    expect(sourceFixAll[0]!.kind).toBe('source.fixAll.cuomin');
  });

  it('uses versioned edits when the client supports documentChanges', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir, capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } } });
    const uri = workspace.uri('draft.md');
    const diagnostics = await open(client, uri, DRAFT, 'markdown', 7);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    expect(actions[0]!.edit!.documentChanges![0]).toMatchObject({ textDocument: { uri, version: 7 } });
  });

  it('explains a finding on hover', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    await open(client, uri, DRAFT);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } })) as Hover;
    const value = (hover.contents as { kind: string; value: string }).value;
    expect((hover.contents as { kind: string }).kind).toBe('markdown');
    expect(value).toContain('过时名称');
    expect(value).toContain('警告');
    expect(value).toContain('说明：2023年组建国家金融监督管理总局，不再保留银保监会。');
    expect(value).toContain('依据：《党和国家机构改革方案》，2023年3月');
    expect(value).toContain('建议：“国家金融监督管理总局”');
    expect(hover.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(nothing).toBeNull();
  });

  it('reloads the dictionary when it changes on disk, and keeps the last good one when it breaks', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    await open(client, uri, DRAFT);
    const dictionary = join(workspace.dir, 'test-dictionary.yaml');
    appendFileSync(dictionary, '  - id: test/tongzhi\n    term: 发布通知\n    suggestions: [印发通知]\n    boundary: none\n');
    let next = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'test/tongzhi'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('test-dictionary.yaml'), type: 2 }] });
    expect((await next).map((d) => d.code)).toContain('test/tongzhi');

    writeFileSync(dictionary, 'entries: [ {id: broken\n');
    next = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('test-dictionary.yaml'), type: 2 }] });
    const message = await client.waitFor('an error message', () => client!.messages.find((m) => m.message.includes('test-dictionary.yaml')));
    expect(message.type).toBe(1);
    // Still the last good dictionary.
    expect((await next).map((d) => d.code)).toContain('test/tongzhi');

    rmSync(dictionary);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('test-dictionary.yaml'), type: 3 }] });
    await client.waitFor('a missing-file message', () => client!.messages.find((m) => m.message.includes('no such file')));
    const still = client.diagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: DRAFT }] });
    expect((await still).map((d) => d.code)).toContain('test/tongzhi');
  });

  it('reports a broken config file and keeps the last good configuration', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    await open(client, uri, DRAFT);
    const config = join(workspace.dir, 'cuomin.config.json');
    writeFileSync(config, '{ "baseline": false,\n  "dictionaries": ["test-dictionary.yaml"],\n  "rules": { "typo": "nonsense" } }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('cuomin.config.json'), type: 2 }] });
    const message = await client.waitFor('a config error', () => client!.messages.find((m) => m.message.includes('cuomin.config.json:3')));
    expect(message.message).toContain('rules.typo');
    // A valid change applies: typo findings become errors.
    writeFileSync(config, JSON.stringify({ baseline: false, segmentation: false, dictionaries: ['test-dictionary.yaml'], rules: { typo: 'error', 'test/yinbaojianhui': 'off' } }));
    const next = client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('cuomin.config.json'), type: 2 }] });
    const diagnostics = await next;
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['test/anbu-jiuban', 1],
      ['test/zuoyouming', 1],
    ]);
  });

  it('adds a phrase to the allow-list, creating the config file when there is none', async () => {
    workspace = makeWorkspace();
    rmSync(join(workspace.dir, 'cuomin.config.json'));
    const dir = workspace.dir;
    client = await startClient({
      rootDir: dir,
      settings: () => ({ dictionaries: ['test-dictionary.yaml'], segmentation: false, categories: ['outdated', 'typo'] }),
    });
    const uri = workspace.uri('draft.md');
    const diagnostics = await open(client, uri, DRAFT);
    const yinbao = diagnostics.find((d) => d.code === 'test/yinbaojianhui')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: yinbao.range,
      context: { diagnostics: [yinbao] },
    })) as CodeAction[];
    const allow = actions.find((a) => a.command?.command === 'cuomin.allowPhrase')!;
    const next = client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'test/yinbaojianhui'));
    await client.connection.sendRequest('workspace/executeCommand', allow.command);
    await next;
    expect(JSON.parse(readFileSync(join(dir, 'cuomin.config.json'), 'utf8'))).toEqual({ allow: ['银保监会'] });
  });

  it('reads settings per document', async () => {
    workspace = makeWorkspace();
    const only = workspace.uri('only-outdated.md');
    client = await startClient({
      rootDir: workspace.dir,
      settings: (scope) =>
        scope === only
          ? { categories: ['outdated'] }
          : scope?.endsWith('.tex')
            ? { languageIds: ['latex'] }
            : scope?.endsWith('off.md')
              ? { enable: false }
              : {},
    });
    expect((await open(client, workspace.uri('draft.md'), DRAFT)).length).toBe(3);
    expect((await open(client, only, DRAFT)).map((d) => d.code)).toEqual(['test/yinbaojianhui']);
    expect((await open(client, workspace.uri('paper.tex'), DRAFT, 'latex')).length).toBe(3);
    // Not enabled for this language id: published empty.
    expect(await open(client, workspace.uri('script.py'), DRAFT, 'python')).toEqual([]);
    expect(await open(client, workspace.uri('off.md'), DRAFT)).toEqual([]);
  });

  it('answers pull diagnostics when the client asks for them, and nothing is pushed', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir, capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    const uri = workspace.uri('draft.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; resultId: string; items: Diagnostic[] };
    expect(report.kind).toBe('full');
    expect(report.items.map((d) => d.code)).toEqual(['test/yinbaojianhui', 'test/anbu-jiuban', 'test/zuoyouming']);
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId })) as { kind: string };
    expect(again.kind).toBe('unchanged');
    // A config change asks the client to pull again.
    // Same number of findings, different ones: the answer must still be a full report.
    const dictionary = join(workspace.dir, 'test-dictionary.yaml');
    writeFileSync(dictionary, readFileSync(dictionary, 'utf8').replace('term: 坐右铭', 'term: 发布通知'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri('test-dictionary.yaml'), type: 2 }] });
    await client.waitFor('a diagnostic refresh', () => (client!.logs.includes('refresh') ? true : undefined));
    const pulled = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId })) as { kind: string; items: Diagnostic[] };
    expect(pulled.kind).toBe('full');
    expect(pulled.items.map((d) => (d.data as { actual: string }).actual)).toEqual(['银保监会', '发布通知', '按步就班']);
    // A closed document is answered with an empty report.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
    expect(closed.items).toEqual([]);
    expect(client.published).toEqual([]);
  });

  it('answers requests about closed and stale documents', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    const diagnostics = await open(client, uri, DRAFT);
    const stale = diagnostics[1]!;
    const next = client.diagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: DRAFT.replace('按步就班', '稳步') }] });
    await next;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale] } })) as CodeAction[];
    // The text under the stale diagnostic is gone: nothing to replace.
    expect(actions.filter((a) => a.title.startsWith('替换'))).toEqual([]);
    const closed = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await closed;
    expect(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale] } })).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } })).toBeNull();
  });

  it('survives malformed params, unknown methods, binary and huge documents', async () => {
    workspace = makeWorkspace();
    writeFileSync(join(workspace.dir, 'cuomin.config.json'), JSON.stringify({ baseline: false, segmentation: false, dictionaries: ['test-dictionary.yaml'], maxFileSize: 100000 }));
    client = await startClient({ rootDir: workspace.dir });
    const c = client.connection;
    await c.sendNotification('textDocument/didOpen', {});
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri: 42 } });
    await c.sendNotification('textDocument/didChange', { textDocument: { uri: workspace.uri('never-opened.md'), version: 3 }, contentChanges: [{ text: 'x' }] });
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: 'nope' });
    await c.sendNotification('workspace/didChangeConfiguration', null);
    await c.sendNotification('cuomin/unknownNotification', { x: 1 });
    expect(await c.sendRequest('textDocument/codeAction', { nonsense: true })).toEqual([]);
    expect(await c.sendRequest('textDocument/hover', { textDocument: { uri: workspace.uri('draft.md') } })).toBeNull();
    await expect(c.sendRequest('cuomin/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    await expect(c.sendRequest('workspace/executeCommand', { command: 'cuomin.allowPhrase', arguments: [] })).rejects.toMatchObject({
      code: -32602,
      message: 'cuomin.allowPhrase needs two arguments: a document uri and a phrase',
    });
    await expect(c.sendRequest('workspace/executeCommand', { command: 'cuomin.nope' })).rejects.toThrow(/unknown command cuomin.nope/);

    const binary = await open(client, workspace.uri('blob.txt'), '银保监会\u0000\u0001\u0002', 'plaintext');
    expect(binary).toEqual([]);
    const huge = await open(client, workspace.uri('huge.md'), '银保监会。\n'.repeat(30000));
    expect(huge).toEqual([]);
    expect(client.logs.some((l) => l.includes('binary content'))).toBe(true);
    expect(client.logs.some((l) => l.includes('longer than 100000 characters'))).toBe(true);
    // Still serving.
    expect((await open(client, workspace.uri('draft.md'), DRAFT)).length).toBe(3);
    expect(client.child.exitCode).toBeNull();
  });

  it('scans the workspace with progress and publishes for files that are not open', async () => {
    workspace = makeWorkspace();
    writeFileSync(join(workspace.dir, 'notes.txt'), '请按步就班。\n');
    writeFileSync(join(workspace.dir, 'page.html'), '<p>银保监会</p><script>var 银保监会 = 1;</script>\n');
    // Ignored paths are skipped as the command line skips them: the config's `ignore` and .gitignore.
    const configPath = join(workspace.dir, 'cuomin.config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), ignore: ['archive/'] }));
    mkdirSync(join(workspace.dir, 'archive'));
    writeFileSync(join(workspace.dir, 'archive', 'old.md'), '银保监会\n');
    mkdirSync(join(workspace.dir, 'build'));
    writeFileSync(join(workspace.dir, 'build', 'copy.md'), '银保监会\n');
    writeFileSync(join(workspace.dir, '.gitignore'), 'build/\n');
    client = await startClient({ rootDir: workspace.dir });
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'cuomin.scanWorkspace', arguments: [] });
    expect(result).toEqual({ files: 3, findings: 5, skipped: 0 });
    const byUri = new Map(client.published.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]));
    expect(byUri.get(workspace.uri('notes.txt'))).toEqual(['test/anbu-jiuban']);
    expect(byUri.get(workspace.uri('page.html'))).toEqual(['test/yinbaojianhui']);
    expect(byUri.get(workspace.uri('draft.md'))).toHaveLength(3);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
  });

  it('shuts down and exits with 0 when asked in order, 1 when not', async () => {
    workspace = makeWorkspace();
    const first = await startClient({ rootDir: workspace.dir });
    expect(await first.close()).toBe(0);
    const second = await startClient({ rootDir: workspace.dir });
    await second.connection.sendNotification('exit');
    expect(await new Promise((resolve) => second.child.once('exit', resolve))).toBe(1);
    second.connection.dispose();
  });

  it('registers a file watcher when the client can watch, and polls the files itself when it cannot', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir, capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const registration = await client.waitFor('a watcher registration', () => client!.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    expect(JSON.stringify(registration.registerOptions)).toContain('cuomin.config.{json,yaml,yml}');
    await client.close();

    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('draft.md');
    await open(client, uri, DRAFT);
    expect(client.registrations).toEqual([]);
    // No notification from the client: the server notices the file itself.
    const next = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'test/tongzhi'));
    appendFileSync(join(workspace.dir, 'test-dictionary.yaml'), '  - id: test/tongzhi\n    term: 发布通知\n    boundary: none\n');
    expect((await next).map((d) => d.code)).toContain('test/tongzhi');
  });

  it('rescans a large document after a one-character edit and answers hover for the new version', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const uri = workspace.uri('big.md');
    const paragraphs = Array.from({ length: 20000 }, (_, i) => `第${i}段：各单位要按步就班推进工作，做好政务公开。`);
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(500_000);
    const first = await open(client, uri, text);
    expect(first).toHaveLength(20000);
    const next = client.diagnostics(uri, (p) => p.version === 2);
    const line = 2 * 12345;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 13 }, end: { line, character: 14 } }, text: '部' }],
    });
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    expect(hover).not.toBeNull();
    const second = await next;
    expect(second).toHaveLength(19999);
    expect(second.some((d) => d.range.start.line === line)).toBe(false);
    expect(second[12345]!.range.start.line).toBe(line + 2);
  });

  it('serves over Node IPC too, and refuses to start without a transport', async () => {
    workspace = makeWorkspace();
    const child = fork(SERVER_BIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const uri = workspace.uri('draft.md');
    const diagnostics = new Promise<Diagnostic[]>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Diagnostic[] }) => resolve(p.diagnostics)),
    );
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace.dir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    expect((await diagnostics).length).toBe(3);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();

    const bare = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8' });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('usage: cuomin-language-server --stdio | --node-ipc');
  });

  it('reports an unknown directive where it is written', async () => {
    workspace = makeWorkspace();
    client = await startClient({ rootDir: workspace.dir });
    const diagnostics = await open(client, workspace.uri('directive.md'), '<!-- cuomin-disabel-next-line -->\n按步就班\n');
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      ['directive', 0, expect.stringContaining('unknown directive "cuomin-disabel-next-line"')],
      ['test/anbu-jiuban', 1, '疑似错别字：“按步就班”应为“按部就班”'],
    ]);
  });
});
