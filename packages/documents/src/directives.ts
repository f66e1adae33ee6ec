import type { Finding, Problem } from '@cuomin/types';
import { lineAt, lineStarts } from './lines.js';

/** An in-document directive: `<!-- cuomin-disable-next-line -->` and its siblings. */
export interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids or categories; empty means every rule. */
  rules: string[];
  /** Span of the whole directive (the comment) in the source. */
  start: number;
  end: number;
}

export const DIRECTIVE_NAMES = ['cuomin-disable-next-line', 'cuomin-disable', 'cuomin-enable'] as const;

const NAME = /^cuomin-[A-Za-z-]*/;

/**
 * Reads the body of a comment (or a plain-text line). Not a directive when it does not start with `cuomin-`;
 * an unknown `cuomin-…` name is a problem, never silently ignored.
 */
export function parseDirective(body: string, start: number, end: number): Directive | Problem | undefined {
  const words = body.trim().split(/\s+/);
  const name = words[0] ?? '';
  if (!NAME.test(name)) return undefined;
  if (!(DIRECTIVE_NAMES as readonly string[]).includes(name)) {
    return {
      kind: 'directive',
      severity: 'warning',
      message: `unknown directive "${name}" (known: ${DIRECTIVE_NAMES.join(', ')})`,
      start,
      end,
    };
  }
  return { kind: name.slice('cuomin-'.length) as Directive['kind'], rules: words.slice(1), start, end };
}

const covers = (rules: readonly string[], f: Finding) => rules.length === 0 || rules.includes(f.ruleId) || rules.includes(f.category);

/** Drops the findings that directives switch off. */
export function applyDirectives(source: string, directives: readonly Directive[], findings: Finding[]): Finding[] {
  if (directives.length === 0) return findings;
  const starts = lineStarts(source);
  const nextLine: { line: number; rules: string[] }[] = [];
  const ranges: { from: number; to: number; rules: string[] }[] = [];
  const open: { from: number; rules: string[] }[] = [];
  for (const d of [...directives].sort((a, b) => a.start - b.start)) {
    if (d.kind === 'disable-next-line') nextLine.push({ line: lineAt(starts, d.end) + 1, rules: d.rules });
    else if (d.kind === 'disable') open.push({ from: d.end, rules: d.rules });
    else {
      // `cuomin-enable` closes every open range, `cuomin-enable id` only the ranges that name that id.
      for (let i = open.length - 1; i >= 0; i--) {
        const range = open[i] as { from: number; rules: string[] };
        if (d.rules.length === 0 || range.rules.some((r) => d.rules.includes(r))) {
          ranges.push({ from: range.from, to: d.start, rules: range.rules });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const range of open) ranges.push({ from: range.from, to: Infinity, rules: range.rules });
  return findings.filter((f) => {
    if (ranges.some((r) => f.start >= r.from && f.start < r.to && covers(r.rules, f))) return false;
    if (nextLine.length > 0) {
      const line = lineAt(starts, f.start);
      if (nextLine.some((n) => n.line === line && covers(n.rules, f))) return false;
    }
    return true;
  });
}
