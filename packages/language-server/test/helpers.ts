import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BIN = join(PACKAGE_DIR, 'dist', 'bin.js');
export const FIXTURES = join(PACKAGE_DIR, 'test', 'fixtures');

/** A temporary workspace with the test dictionary and config. */
export function makeWorkspace(): { dir: string; uri: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cuomin-ls-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, uri: (name) => pathToFileURL(join(dir, name)).href, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Every publishDiagnostics, in order. */
  published: PublishDiagnosticsParams[];
  messages: { type: number; message: string }[];
  logs: string[];
  progress: unknown[];
  registrations: { method: string; registerOptions?: unknown }[];
  stderr: () => string;
  /** Resolves with the first publishDiagnostics for `uri` (and `version`, if given) that satisfies `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]>;
  waitFor<T>(what: string, probe: () => T | undefined): Promise<T>;
  close(): Promise<number | null>;
}

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  settings?: (scopeUri: string | undefined) => unknown;
  rootDir?: string;
  initializationOptions?: unknown;
  args?: string[];
}

export async function startClient(options: ClientOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER_BIN, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const messages: { type: number; message: string }[] = [];
  const logs: string[] = [];
  const progress: unknown[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    changed();
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    messages.push(p);
    changed();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
    changed();
  });
  connection.onNotification('$/progress', (p: unknown) => {
    progress.push(p);
    changed();
  });
  connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
    p.items.map((item) => options.settings?.(item.scopeUri) ?? null),
  );
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    changed();
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    logs.push('refresh');
    changed();
    return null;
  });
  connection.onRequest('window/showMessageRequest', () => null);
  connection.listen();

  const waitFor = <T>(what: string, probe: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value !== undefined) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}; logs: ${logs.slice(-5).join(' | ')}`));
      }, 30_000);
      listeners.add(check);
      check();
    });

  const capabilities: ClientCapabilities = options.capabilities ?? {
    workspace: { configuration: true },
    textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
    window: { workDoneProgress: true },
  };
  const rootUri = options.rootDir ? pathToFileURL(options.rootDir).href : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'test' }] : null,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    child,
    published,
    messages,
    logs,
    progress,
    registrations,
    stderr: () => stderr,
    waitFor,
    diagnostics(uri, accept = () => true) {
      const seen = published.length;
      // Only notifications that arrive from now on, so that a test sees the effect of what it just did.
      return waitFor(`diagnostics for ${uri}`, () => published.slice(seen).find((p) => p.uri === uri && accept(p))?.diagnostics);
    },
    async close() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      {
        await connection.sendRequest('shutdown').catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
      }
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
