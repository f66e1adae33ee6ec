// The server's edge: core offsets (UTF-16 code units into the text) become LSP positions here, once.
import type { Category, Finding, Problem, Severity } from '@cuomin/types';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const SOURCE = 'cuomin';

/** What code actions need, carried on each diagnostic so that they never rescan. */
export interface FindingData {
  /** Document version the offsets belong to. */
  version: number;
  ruleId: string;
  /** For clients that adjust display per category (the VS Code extension's severity setting). */
  category: Category;
  actual: string;
  expected: string[];
  start: number;
  end: number;
  fixable: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export function findingToDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const data: FindingData = {
    version: doc.version,
    ruleId: finding.ruleId,
    category: finding.category,
    actual: finding.actual,
    expected: finding.expected,
    start: finding.start,
    end: finding.end,
    fixable: finding.fixable,
  };
  return {
    range: { start: doc.positionAt(finding.start), end: doc.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: SOURCE,
    message: finding.message,
    data,
  };
}

/** Problems with a place in the document (an unknown directive) are shown where they are. */
export function problemToDiagnostic(doc: TextDocument, problem: Problem): Diagnostic | undefined {
  if (problem.start === undefined) return undefined;
  return {
    range: { start: doc.positionAt(problem.start), end: doc.positionAt(problem.end ?? problem.start) },
    severity: SEVERITY[problem.severity],
    code: problem.kind,
    source: SOURCE,
    message: problem.message,
  };
}

export function isFindingData(value: unknown): value is FindingData {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.version === 'number' &&
    typeof d.ruleId === 'string' &&
    typeof d.actual === 'string' &&
    Array.isArray(d.expected) &&
    d.expected.every((e) => typeof e === 'string') &&
    typeof d.start === 'number' &&
    typeof d.end === 'number' &&
    typeof d.fixable === 'boolean'
  );
}
