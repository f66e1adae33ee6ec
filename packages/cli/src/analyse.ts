import { readFile, stat } from 'node:fs/promises';
import { applyRuleLevels, createConfiguredScanner, readConfigFile, type LoadedConfig, type Overrides, type RuleLevel } from '@cuomin/config';
import type { Scanner } from '@cuomin/core';
import { extractDocx, kindForPath, lineAt, lineStarts, scanDocument, type DocumentKind } from '@cuomin/documents';
import type { Finding, Severity } from '@cuomin/types';
import { decode, hashBytes, looksBinary } from './read.js';

/** A finding with where it is for people: 1-based line and column (UTF-16 units); for .docx also paragraph and character. */
export interface LocatedFinding extends Finding {
  line: number;
  column: number;
  paragraph?: number;
  character?: number;
}

export interface LocatedProblem {
  kind: string;
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
}

export interface FileResult {
  path: string;
  findings: LocatedFinding[];
  problems: LocatedProblem[];
  /** One-line notices: skipped, invalid UTF-8. */
  notices: string[];
  /** An error that kept the file from being scanned (exit code 2). */
  error?: string;
  /** sha1 of the bytes that were scanned, for --fix to see whether the file changed since. */
  hash?: string;
  /** True when the scanned text is exactly the file (not a .docx, no replaced bytes): only then may --fix write. */
  writable?: boolean;
}

export interface FileTask {
  /** Absolute path, or undefined for standard input. */
  absolute?: string;
  /** Path as shown. */
  path: string;
  /** Config file in force (absolute), if any. */
  configPath?: string;
  /** For standard input: its text. */
  text?: string;
  kind?: DocumentKind | 'docx';
  /** Files named explicitly are scanned whatever their extension, unless binary. */
  explicit?: boolean;
}

export interface ScanSettings {
  overrides: Overrides;
  maxFileSize: number;
}

export interface Setup {
  scanner: Scanner;
  rules: Record<string, RuleLevel>;
}

/** One scanner per config file, built on first use. */
export class ScannerCache {
  private readonly setups = new Map<string, Setup>();
  constructor(private readonly overrides: Overrides) {}

  get(configPath: string | undefined): Setup {
    const key = configPath ?? '';
    let setup = this.setups.get(key);
    if (!setup) {
      const config: LoadedConfig | undefined = configPath ? readConfigFile(configPath) : undefined;
      const { scanner } = createConfiguredScanner(config, this.overrides);
      setup = { scanner, rules: { ...(config?.config.rules ?? {}), ...(this.overrides.rules ?? {}) } };
      this.setups.set(key, setup);
    }
    return setup;
  }
}

function locate(text: string, paragraphStarts?: readonly number[]) {
  const starts = lineStarts(text);
  return (offset: number) => {
    const line = lineAt(starts, offset);
    const at = { line: line + 1, column: offset - (starts[line] as number) + 1 };
    if (!paragraphStarts) return at;
    const p = lineAt(paragraphStarts, offset);
    return { ...at, paragraph: p + 1, character: offset - (paragraphStarts[p] as number) + 1 };
  };
}

export function scanText(setup: Setup, text: string, kind: DocumentKind, paragraphStarts?: readonly number[]): Pick<FileResult, 'findings' | 'problems'> {
  const result = scanDocument(setup.scanner, text, kind);
  const at = locate(text, paragraphStarts);
  const findings = applyRuleLevels(result.findings, setup.rules).map((f) => ({ ...f, ...at(f.start) }));
  const problems = result.problems.map((p) => ({
    kind: p.kind,
    severity: p.severity,
    message: p.message,
    ...(p.start === undefined ? {} : at(p.start)),
  }));
  return { findings, problems };
}

function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}

/** Reads and scans one file. Never throws for a bad file: what went wrong is in the result. */
export async function analyseFile(task: FileTask, cache: ScannerCache, settings: ScanSettings): Promise<FileResult> {
  const out: FileResult = { path: task.path, findings: [], problems: [], notices: [] };
  const kind = task.kind ?? kindForPath(task.path);
  let bytes: Uint8Array;
  if (task.text !== undefined) bytes = Buffer.from(task.text, 'utf8');
  else {
    try {
      const info = await stat(task.absolute as string);
      if (info.size > settings.maxFileSize) {
        out.notices.push(`skipped: ${info.size} bytes is over the size limit of ${settings.maxFileSize} (--max-file-size)`);
        return out;
      }
      bytes = await readFile(task.absolute as string);
    } catch (error) {
      out.error = describeError(error as NodeJS.ErrnoException);
      return out;
    }
  }
  const setup = cache.get(task.configPath);
  if (kind === 'docx') {
    try {
      const { text, paragraphStarts } = await extractDocx(bytes);
      Object.assign(out, scanText(setup, text, 'text', paragraphStarts));
    } catch (error) {
      out.error = `not a readable .docx: ${(error as Error).message.split('\n')[0]}`;
    }
    return out;
  }
  if (looksBinary(bytes)) {
    out.notices.push('skipped: binary file');
    return out;
  }
  const decoded = decode(bytes);
  if (decoded.invalidAt !== undefined) {
    out.notices.push(`invalid UTF-8 at byte ${decoded.invalidAt}; scanned with replacement characters`);
  }
  Object.assign(out, scanText(setup, decoded.text, kind ?? 'text'));
  out.hash = hashBytes(bytes);
  out.writable = task.text === undefined && decoded.invalidAt === undefined;
  return out;
}
