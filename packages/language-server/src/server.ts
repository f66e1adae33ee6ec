import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, isAbsolute, relative } from 'node:path';
import { unwatchFile, watchFile } from 'node:fs';
import { applyRuleLevels, addAllowPhrase, findConfigFile } from '@cuomin/config';
import type { ScanOptions } from '@cuomin/core';
import { kindForLanguageId, scanDocument, type DocumentKind } from '@cuomin/documents';
import { CATEGORY_LABEL, type Finding, type Problem } from '@cuomin/types';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  FileChangeType,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, type ActionContext } from './actions.js';
import { ChunkedScan } from './chunks.js';
import { findingToDiagnostic, problemToDiagnostic, SEVERITY_LABEL } from './convert.js';
import { ScannerCache, type ScannerEntry } from './scanners.js';
import { parseSettings, type Settings } from './settings.js';
import { scanWorkspace } from './workspace.js';

export const COMMANDS = {
  scanWorkspace: 'cuomin.scanWorkspace',
  allowPhrase: 'cuomin.allowPhrase',
} as const;

export interface ServerOptions {
  /** Documents longer than this (UTF-16 code units) are scanned piece by piece with memoised pieces. */
  chunkThreshold?: number;
  /** Documents longer than this are not scanned at all (default: the config's maxFileSize or 10 MiB). */
  maxDocumentLength?: number;
  /** Poll interval for watching config and dictionary files when the client cannot watch them. */
  pollInterval?: number;
}

interface DocumentState {
  version: number;
  /** Distinct for every scan, so that a pull after a configuration change is never answered "unchanged". */
  scanId: number;
  kind: DocumentKind;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Scanner generation, settings and kind the chunk memo belongs to. */
  chunkKey?: string;
  chunks?: ChunkedScan;
}

interface Pending {
  timer?: NodeJS.Timeout;
  waiters: { version: number; resolve: () => void }[];
}

const DEFAULT_MAX_LENGTH = 10 * 1024 * 1024;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Short pauses for small documents; longer ones while typing in a large document, so keystrokes coalesce. */
function debounceFor(length: number): number {
  return Math.min(300, 40 + Math.floor(length / 4000));
}

/**
 * Serves cuomin over an LSP connection. The caller creates the connection (stdio, IPC, or a
 * bundled extension's own), this function registers every handler and starts listening.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const chunkThreshold = options.chunkThreshold ?? 32 * 1024;
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  const pending = new Map<string, Pending>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const reported = new Set<string>();
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  let workspaceFolders: WorkspaceFolder[] = [];
  let globalSettings: unknown;
  let polling = false;
  let scans = 0;
  const polled = new Set<string>();

  const log = (message: string) => connection.console.log(message);
  /** Tells the user once per distinct message; the log gets every occurrence. */
  const showOnce = (message: string, type: 'error' | 'warning' = 'error') => {
    connection.console.error(message);
    if (reported.has(message)) return;
    reported.add(message);
    // A notification, not showMessageRequest: nothing to answer, and every client shows it.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: type === 'error' ? MessageType.Error : MessageType.Warning,
      message,
    });
  };
  const scanners = new ScannerCache((message) => {
    // A fixed file may break again the same way; the message must show again then.
    reported.delete(message);
    showOnce(message);
  });

  const folderFor = (path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    let best: string | undefined;
    for (const folder of workspaceFolders) {
      const root = uriToPath(folder.uri);
      const inside = root !== undefined && !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
      if (inside && (!best || root.length > best.length)) best = root;
    }
    return best;
  };

  const settingsFor = (uri: string): Promise<Settings> => {
    let cached = settingsCache.get(uri);
    if (!cached) {
      const warn = (message: string) => showOnce(`cuomin: ${message}`, 'warning');
      cached = capabilities.workspace?.configuration
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'cuomin' })
            .then((raw) => parseSettings(raw, warn))
            .catch((error: unknown) => {
              log(`cuomin: workspace/configuration failed (${String(error)}); using defaults`);
              return parseSettings(undefined, warn);
            })
        : Promise.resolve(parseSettings(globalSettings, warn));
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  const scannerFor = (uri: string, settings: Settings): ScannerEntry => {
    const path = uriToPath(uri);
    const folder = folderFor(path);
    const entry = scanners.get({
      dir: path === undefined ? folder : dirname(path),
      dictionaries: settings.dictionaries,
      base: folder ?? (path === undefined ? undefined : dirname(path)),
      segmentation: settings.segmentation,
    });
    if (polling) watchFilesByPolling();
    return entry;
  };

  const kindOf = (languageId: string, settings: Settings): DocumentKind | undefined =>
    kindForLanguageId(languageId) ?? (settings.languageIds.includes(languageId) ? 'text' : undefined);

  /** Why a text is not scanned, or undefined when it is. */
  const refusal = (text: string, entry: ScannerEntry): string | undefined => {
    const max = options.maxDocumentLength ?? entry.config?.config.maxFileSize ?? DEFAULT_MAX_LENGTH;
    if (text.length > max) return `longer than ${max} characters`;
    if (text.includes('\u0000')) return 'binary content (NUL characters)';
    return undefined;
  };

  /**
   * Findings for a text, or why it was not scanned. Long documents with a state are scanned piece
   * by piece, yielding to other requests; undefined means `current()` turned false meanwhile.
   */
  const scanText = async (
    uri: string,
    text: string,
    kind: DocumentKind,
    settings: Settings,
    state?: DocumentState,
    current: () => boolean = () => true,
  ): Promise<{ findings: Finding[]; problems: Problem[] } | string | undefined> => {
    const entry = scannerFor(uri, settings);
    const refused = refusal(text, entry);
    if (refused) return refused;
    const scanOptions: ScanOptions = settings.categories ? { categories: settings.categories } : {};
    let result;
    if (state && text.length >= chunkThreshold) {
      const key = JSON.stringify([entry.generation, kind, settings.categories ?? null]);
      if (!state.chunks || state.chunkKey !== key) {
        state.chunks = new ChunkedScan(kind, (piece) => scanDocument(entry.scanner, piece, kind, scanOptions));
        state.chunkKey = key;
      }
      result = await state.chunks.scanAsync(text, current);
      if (!result) return undefined;
    } else {
      result = scanDocument(entry.scanner, text, kind, scanOptions);
    }
    for (const problem of result.problems) {
      if (problem.start === undefined) showOnce(`cuomin: ${problem.message}`, 'warning');
    }
    return { findings: applyRuleLevels(result.findings, entry.rules), problems: result.problems };
  };

  const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => {
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics });
  };

  const runScan = async (uri: string): Promise<void> => {
    if (!documents.get(uri)) return;
    const settings = await settingsFor(uri);
    // The document may have changed or closed while the settings were on their way.
    const doc = documents.get(uri);
    if (!doc) return;
    const previous = states.get(uri);
    const kind = kindOf(doc.languageId, settings);
    const state: DocumentState = {
      version: doc.version,
      scanId: ++scans,
      kind: kind ?? 'text',
      findings: [],
      diagnostics: [],
      ...(previous?.chunks ? { chunks: previous.chunks, chunkKey: previous.chunkKey } : {}),
    };
    if (kind && settings.enable) {
      try {
        const current = () => documents.get(uri)?.version === doc.version;
        const result = await scanText(uri, doc.getText(), kind, settings, state, current);
        // A newer version arrived meanwhile; its own scan publishes.
        if (result === undefined || !current()) return;
        if (typeof result === 'string') {
          log(`cuomin: not scanning ${uri}: ${result}`);
        } else {
          state.findings = result.findings;
          state.diagnostics = [
            ...result.findings.map((f) => findingToDiagnostic(doc, f)),
            ...result.problems.map((p) => problemToDiagnostic(doc, p)).filter((d): d is Diagnostic => d !== undefined),
          ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        }
      } catch (error) {
        connection.console.error(`cuomin: scanning ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    states.set(uri, state);
    publish(uri, doc.version, state.diagnostics);
    const waiting = pending.get(uri);
    if (waiting) {
      waiting.waiters = waiting.waiters.filter((w) => {
        if (w.version > doc.version) return true;
        w.resolve();
        return false;
      });
    }
  };

  const schedule = (uri: string, delay: number) => {
    let entry = pending.get(uri);
    if (!entry) pending.set(uri, (entry = { waiters: [] }));
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      runScan(uri).catch((error: unknown) => connection.console.error(`cuomin: ${String(error)}`));
    }, delay);
  };

  /** The state for the document's current version, scanning first if it is not there yet. */
  const currentState = async (uri: string): Promise<DocumentState | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const state = states.get(uri);
    if (state && state.version === doc.version) return state;
    await new Promise<void>((resolve) => {
      let entry = pending.get(uri);
      if (!entry) pending.set(uri, (entry = { waiters: [] }));
      entry.waiters.push({ version: doc.version, resolve });
      if (!entry.timer) schedule(uri, 0);
    });
    return states.get(uri);
  };

  const rescanAll = () => {
    for (const doc of documents.all()) schedule(doc.uri, 0);
    if (pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport) {
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  };

  const onFileChanged = (path: string, kind: 'created' | 'changed' | 'deleted') => {
    if (scanners.fileChanged(path, kind)) {
      log(`cuomin: ${path} ${kind}; re-checking open documents`);
      rescanAll();
    }
  };

  /** For clients that cannot watch files: poll the config and dictionary files in use. */
  const watchFilesByPolling = () => {
    for (const file of scanners.files()) {
      if (polled.has(file)) continue;
      polled.add(file);
      watchFile(file, { interval: options.pollInterval ?? 1000, persistent: false }, (current, before) => {
        const kind = current.mtimeMs === 0 ? 'deleted' : before.mtimeMs === 0 ? 'created' : 'changed';
        onFileChanged(file, kind);
      });
    }
  };

  // Handlers never throw at the client: anything unexpected is logged and answered with "nothing".
  const guard =
    <P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R> => {
      try {
        return await handler(params);
      } catch (error) {
        // Errors meant for the client (bad arguments) go back as errors.
        if (error instanceof ResponseError) {
          connection.console.error(`cuomin: ${name}: ${error.message}`);
          throw error;
        }
        connection.console.error(`cuomin: ${name} failed: ${(error as Error).stack ?? String(error)}`);
        return fallback;
      }
    };

  const uriOf = (params: unknown): string | undefined => {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    return typeof uri === 'string' ? uri : undefined;
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    pullDiagnostics = Boolean(capabilities.textDocument?.diagnostic);
    globalSettings = (params.initializationOptions as { settings?: { cuomin?: unknown } } | undefined)?.settings?.cuomin;
    if (params.workspaceFolders) workspaceFolders = params.workspaceFolders;
    else if (params.rootUri) workspaceFolders = [{ uri: params.rootUri, name: 'root' }];
    else if (params.rootPath) workspaceFolders = [{ uri: pathToFileURL(params.rootPath).href, name: 'root' }];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.cuomin`],
          resolveProvider: false,
        },
        hoverProvider: true,
        executeCommandProvider: { commands: [COMMANDS.scanWorkspace, COMMANDS.allowPhrase] },
        ...(pullDiagnostics
          ? { diagnosticProvider: { identifier: 'cuomin', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cuomin-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/cuomin.config.{json,yaml,yml}' }, { globPattern: '**/*.{yaml,yml,txt,tsv,csv}' }],
        })
        .catch((error: unknown) => {
          log(`cuomin: file watching not registered (${String(error)}); polling instead`);
          polling = true;
          watchFilesByPolling();
        });
    } else {
      // A document may have been opened (and its files read) before this notification arrived.
      polling = true;
      watchFilesByPolling();
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cuomin' }).catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspaceFolders = [
          ...workspaceFolders.filter((f) => !event.removed.some((r) => r.uri === f.uri)),
          ...event.added,
        ];
      });
    }
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      const settings = (params as { settings?: { cuomin?: unknown } } | undefined)?.settings;
      if (settings && typeof settings === 'object' && 'cuomin' in settings) globalSettings = settings.cuomin;
      settingsCache.clear();
      rescanAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      for (const change of params?.changes ?? []) {
        const path = typeof change?.uri === 'string' ? uriToPath(change.uri) : undefined;
        if (!path) continue;
        const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        onFileChanged(path, kind);
      }
    }),
  );

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    schedule(uri, states.has(uri) ? debounceFor(event.document.getText().length) : 0);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const entry = pending.get(uri);
    if (entry?.timer) clearTimeout(entry.timer);
    for (const waiter of entry?.waiters ?? []) waiter.resolve();
    pending.delete(uri);
    states.delete(uri);
    settingsCache.delete(uri);
    publish(uri, undefined, []);
  });

  connection.languages.diagnostics.on(
    guard<unknown, DocumentDiagnosticReport>('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params) => {
      const uri = uriOf(params);
      const state = uri ? await currentState(uri) : undefined;
      if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${state.version}:${state.scanId}`;
      const previous = (params as { previousResultId?: string }).previousResultId;
      if (previous === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: state.diagnostics };
    }),
  );

  const actionContext = (): ActionContext => ({
    documents,
    states,
    currentState,
    capabilities,
  });

  connection.onCodeAction(guard('textDocument/codeAction', [], (params) => codeActions(actionContext(), params)));

  connection.onHover(
    guard<unknown, Hover | null>('textDocument/hover', null, async (params) => {
      const uri = uriOf(params);
      const position = (params as { position?: { line?: unknown; character?: unknown } }).position;
      const doc = uri ? documents.get(uri) : undefined;
      if (!uri || !doc || typeof position?.line !== 'number' || typeof position.character !== 'number') return null;
      const state = await currentState(uri);
      const current = documents.get(uri);
      if (!state || !current || state.version !== current.version) return null;
      const offset = current.offsetAt({ line: position.line, character: position.character });
      const finding = state.findings.find((f) => f.start <= offset && offset < f.end) ?? state.findings.find((f) => f.start <= offset && offset <= f.end);
      if (!finding) return null;
      const markdown = capabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false;
      return {
        contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: hoverText(finding, markdown) },
        range: { start: current.positionAt(finding.start), end: current.positionAt(finding.end) },
      };
    }),
  );

  connection.onExecuteCommand(
    guard('workspace/executeCommand', null, async (params) => {
      const command = params?.command;
      const args = Array.isArray(params?.arguments) ? params.arguments : [];
      if (command === COMMANDS.scanWorkspace) {
        return scanWorkspace({
          connection,
          folders: workspaceFolders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined),
          isOpen: (uri) => documents.get(uri) !== undefined,
          settingsFor,
          kindOf,
          scan: (uri, text, kind, settings) => scanText(uri, text, kind, settings),
          publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
          supportsProgress: Boolean(capabilities.window?.workDoneProgress),
          workDoneToken: params.workDoneToken,
        });
      }
      if (command === COMMANDS.allowPhrase) {
        const [uri, phrase] = args as unknown[];
        if (typeof uri !== 'string' || typeof phrase !== 'string' || phrase.trim() === '') {
          throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.allowPhrase} needs two arguments: a document uri and a phrase`);
        }
        const path = uriToPath(uri);
        const target = (path && findConfigFile(dirname(path))) ?? folderFor(path) ?? (path ? dirname(path) : undefined);
        if (!target) throw new ResponseError(ErrorCodes.InvalidParams, `cannot add to the allow-list for ${uri}: not a file on disk`);
        const written = addAllowPhrase(target, phrase);
        log(`cuomin: added “${phrase}” to ${written}`);
        // Do not wait for a file watcher that the client may not have.
        onFileChanged(written, target === written ? 'changed' : 'created');
        return { file: written };
      }
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${String(command)} (known: ${Object.values(COMMANDS).join(', ')})`);
    }),
  );

  connection.onShutdown(() => {
    for (const entry of pending.values()) if (entry.timer) clearTimeout(entry.timer);
    for (const file of polled) unwatchFile(file);
  });

  documents.listen(connection);
  connection.listen();
}

function hoverText(finding: Finding, markdown: boolean): string {
  const lines = [
    `${CATEGORY_LABEL[finding.category]} · ${SEVERITY_LABEL[finding.severity]} · ${finding.ruleId}`,
    finding.message,
  ];
  if (finding.note) lines.push(`说明：${finding.note}`);
  if (finding.source) lines.push(`依据：${finding.source}`);
  lines.push(finding.expected.length > 0 ? `建议：${finding.expected.map((e) => `“${e}”`).join('、')}` : '建议：请改写或删除');
  if (!markdown) return lines.join('\n');
  return [`**${lines[0]}**`, ...lines.slice(1)].join('\n\n');
}

