import { createRequire } from 'node:module';

/** Splits text into words; the words concatenate back to the input. */
export interface Segmenter {
  readonly name: string;
  cut(text: string): string[];
}

interface NodeJieba {
  cut(text: string, hmm?: boolean): string[];
  load?(options?: Record<string, unknown>): void;
}

export type SegmenterLoad = { segmenter: Segmenter; error?: undefined } | { segmenter?: undefined; error: string };

let cached: SegmenterLoad | undefined;

/**
 * nodejieba, if it is installed and its native addon loads. Loading is slow (about a second and
 * a few hundred MB for the dictionary), so it happens once per process and only when asked for.
 */
export function loadJieba(): SegmenterLoad {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    const jieba = require('nodejieba') as NodeJieba;
    // Without HMM, unknown characters stay single: a misspelling is not glued to its neighbours,
    // and only real dictionary words can straddle a hit's edge.
    cached = { segmenter: { name: 'nodejieba', cut: (text) => jieba.cut(text, false) } };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    cached = { error: `nodejieba could not be loaded (${reason}); word-boundary checks are off` };
  }
  return cached;
}

/**
 * Word boundaries of `text` as offsets (including 0 and text.length). A segmenter that drops
 * or changes characters loses sync; the offsets then resynchronise on the next word found.
 */
export function wordBoundaries(segmenter: Segmenter, text: string): Set<number> {
  const boundaries = new Set<number>([0, text.length]);
  let offset = 0;
  for (const word of segmenter.cut(text)) {
    if (word.length === 0) continue;
    const at = text.startsWith(word, offset) ? offset : text.indexOf(word, offset);
    if (at < 0) continue;
    boundaries.add(at);
    offset = at + word.length;
    boundaries.add(offset);
  }
  return boundaries;
}
