import { readFile, stat } from 'node:fs/promises';
import { IgnoreRules, walkFiles } from '@cuomin/config';
import { pathToFileURL } from 'node:url';
import { kindForPath, type DocumentKind } from '@cuomin/documents';
import type { Finding, Problem } from '@cuomin/types';
import type { Connection, Diagnostic, ProgressToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findingToDiagnostic, problemToDiagnostic } from './convert.js';
import type { Settings } from './settings.js';

export interface WorkspaceScan {
  connection: Connection;
  folders: string[];
  isOpen(uri: string): boolean;
  settingsFor(uri: string): Promise<Settings>;
  kindOf(languageId: string, settings: Settings): DocumentKind | undefined;
  scan(uri: string, text: string, kind: DocumentKind, settings: Settings): Promise<{ findings: Finding[]; problems: Problem[] } | string | undefined>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  supportsProgress: boolean;
  workDoneToken: ProgressToken | undefined;
}

export interface WorkspaceScanResult {
  files: number;
  findings: number;
  skipped: number;
}

const LANGUAGE_ID: Record<DocumentKind, string> = { text: 'plaintext', markdown: 'markdown', html: 'html' };

/** Scans every text, Markdown and HTML file of the workspace that is not open, with progress. */
export async function scanWorkspace(job: WorkspaceScan): Promise<WorkspaceScanResult> {
  const { connection } = job;
  const progress = job.workDoneToken !== undefined
    ? connection.window.attachWorkDoneProgress(job.workDoneToken)
    : job.supportsProgress
      ? await connection.window.createWorkDoneProgress()
      : undefined;
  progress?.begin('cuomin：检查工作区', 0, '正在查找文件…', false);
  const result: WorkspaceScanResult = { files: 0, findings: 0, skipped: 0 };
  try {
    const files: string[] = [];
    // The same files the command line would scan: .gitignore and the config's `ignore` apply.
    const rules = new IgnoreRules(undefined);
    const readable = (name: string) => {
      const kind = kindForPath(name);
      return kind !== undefined && kind !== 'docx';
    };
    for (const folder of job.folders) {
      try {
        await walkFiles(folder, rules, readable, files);
      } catch (error) {
        connection.console.log(`cuomin: cannot read ${folder}: ${(error as Error).message}`);
      }
    }
    for (const [i, path] of files.entries()) {
      progress?.report(Math.floor((i / Math.max(files.length, 1)) * 100), `${i + 1}/${files.length} ${path}`);
      const uri = pathToFileURL(path).href;
      if (job.isOpen(uri)) continue;
      const settings = await job.settingsFor(uri);
      const kind = kindForPath(path) as DocumentKind;
      if (!settings.enable || !job.kindOf(LANGUAGE_ID[kind], settings)) continue;
      let text: string;
      try {
        if ((await stat(path)).size > 64 * 1024 * 1024) throw new Error('too large to read');
        text = await readFile(path, 'utf8');
      } catch (error) {
        connection.console.log(`cuomin: skipped ${path}: ${(error as Error).message}`);
        result.skipped++;
        continue;
      }
      const scanned = await job.scan(uri, text, kind, settings);
      if (scanned === undefined) continue;
      if (typeof scanned === 'string') {
        connection.console.log(`cuomin: skipped ${path}: ${scanned}`);
        result.skipped++;
        continue;
      }
      const doc = TextDocument.create(uri, LANGUAGE_ID[kind], 0, text);
      const diagnostics = [
        ...scanned.findings.map((f) => findingToDiagnostic(doc, f)),
        ...scanned.problems.map((p) => problemToDiagnostic(doc, p)).filter((d): d is Diagnostic => d !== undefined),
      ];
      job.publish(uri, diagnostics);
      result.files++;
      result.findings += scanned.findings.length;
      // Let edits and other requests through between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    progress?.done();
  }
  connection.console.log(`cuomin: workspace scan: ${result.findings} findings in ${result.files} files (${result.skipped} skipped)`);
  return result;
}
