import { AhoCorasick } from '@monyone/aho-corasick';
import { AhoCorasick as FastAhoCorasick } from '@monyone/aho-corasick/fast';
import { validatePatterns, type MatchEngine } from './engine.js';

interface MonyoneMatcher {
  matchInText(text: string): { begin: number; end: number; keyword: string }[];
}

/**
 * Wraps @monyone/aho-corasick (default `AhoCorasick` or the `/fast` double array) behind the
 * MatchEngine interface: an alternative engine and the oracle for tests.
 *
 * monyone reports keywords, not indices, so duplicate patterns are collapsed before building
 * and expanded again (ascending index) when reporting.
 */
export function createMonyoneEngine(
  patterns: readonly string[],
  variant: 'default' | 'fast' = 'default',
): MatchEngine {
  validatePatterns(patterns, 'createMonyoneEngine');
  if (variant !== 'default' && variant !== 'fast') {
    throw new Error(`createMonyoneEngine: unknown variant ${String(variant)}`);
  }
  const indicesOf = new Map<string, number[]>();
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i]!;
    const list = indicesOf.get(p);
    if (list === undefined) indicesOf.set(p, [i]);
    else list.push(i);
  }
  const unique = [...indicesOf.keys()];
  const matcher: MonyoneMatcher = variant === 'fast' ? new FastAhoCorasick(unique) : new AhoCorasick(unique);
  const patternCount = patterns.length;

  return {
    patternCount,
    forEachMatch(text, onMatch) {
      const found = matcher.matchInText(text);
      // Stable sort: by end, then longer first (monyone already emits this order; keep it guaranteed).
      found.sort((x, y) => x.end - y.end || y.end - y.begin - (x.end - x.begin));
      for (const m of found) {
        const list = indicesOf.get(m.keyword);
        if (list === undefined) continue;
        for (const p of list) onMatch(p, m.begin, m.end);
      }
    },
    countMatches(text) {
      let count = 0;
      for (const m of matcher.matchInText(text)) count += indicesOf.get(m.keyword)?.length ?? 0;
      return count;
    },
  };
}
