import type { MatchEngine } from '../src/index.js';

export type Hit = [pattern: number, start: number, end: number];

export function collect(engine: MatchEngine, text: string): Hit[] {
  const hits: Hit[] = [];
  engine.forEachMatch(text, (p, s, e) => hits.push([p, s, e]));
  return hits;
}

/** Every occurrence of every pattern, found by brute force with indexOf. */
export function bruteForce(patterns: readonly string[], text: string): Hit[] {
  const hits: Hit[] = [];
  patterns.forEach((p, i) => {
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) hits.push([i, at, at + p.length]);
  });
  return hits;
}

/** Canonical order of the MatchEngine contract: end asc, length desc, index asc. */
export function canonical(hits: Hit[]): Hit[] {
  return [...hits].sort((a, b) => a[2] - b[2] || b[2] - b[1] - (a[2] - a[1]) || a[0] - b[0]);
}

export function named(patterns: readonly string[], hits: Hit[]): [string, number, number][] {
  return hits.map(([p, s, e]) => [patterns[p]!, s, e]);
}
