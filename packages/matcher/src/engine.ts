/**
 * A multi-pattern matcher over UTF-16 code units.
 *
 * Patterns are identified by their index in the array the engine was built from.
 * Offsets are UTF-16 code-unit offsets, half-open: `text.slice(start, end) === patterns[pattern]`.
 */
export interface MatchEngine {
  readonly patternCount: number;
  /**
   * Calls onMatch for EVERY occurrence of every pattern (overlapping), ordered by end then by
   * pattern length desc (then by pattern index asc for duplicate patterns).
   * start/end: half-open UTF-16 offsets.
   */
  forEachMatch(text: string, onMatch: (pattern: number, start: number, end: number) => void): void;
  /** Number of overlapping matches (for benchmarks; no callback cost). */
  countMatches(text: string): number;
}

export type EngineName = 'cuomin' | 'monyone' | 'monyone-fast';

/** Throws if a pattern list cannot be compiled (not an array, non-string or empty pattern). */
export function validatePatterns(patterns: readonly string[], who: string): void {
  if (!Array.isArray(patterns)) {
    throw new TypeError(`${who}: patterns must be an array of strings`);
  }
  for (let i = 0; i < patterns.length; i++) {
    const p: unknown = patterns[i];
    if (typeof p !== 'string') {
      throw new TypeError(`${who}: pattern ${i} is not a string`);
    }
    if (p.length === 0) {
      throw new Error(`${who}: pattern ${i} is empty`);
    }
  }
}
