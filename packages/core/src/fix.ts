import type { Finding } from '@cuomin/types';

export interface FixResult {
  /** The text with the fixes applied. */
  text: string;
  /** The findings that were applied, in text order. */
  applied: Finding[];
}

/**
 * Applies the fixable findings' first suggestion. Findings are applied from the end so
 * earlier offsets stay valid; an overlapping finding is skipped rather than guessed at.
 */
export function applyFixes(text: string, findings: readonly Finding[]): FixResult {
  const fixable = findings.filter((f) => f.fixable && f.expected.length === 1 && text.slice(f.start, f.end) === f.actual);
  fixable.sort((a, b) => b.start - a.start);
  const applied: Finding[] = [];
  let result = text;
  let limit = Infinity;
  for (const finding of fixable) {
    if (finding.end > limit) continue;
    result = result.slice(0, finding.start) + (finding.expected[0] as string) + result.slice(finding.end);
    applied.push(finding);
    limit = finding.start;
  }
  return { text: result, applied: applied.reverse() };
}
