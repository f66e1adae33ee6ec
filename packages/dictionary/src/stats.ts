import { CATEGORIES, DEFAULT_SEVERITY, type Category, type Entry, type Severity } from '@cuomin/core';

export interface DictionaryStats {
  entries: number;
  byCategory: Record<Category, Record<Severity, number>>;
  examples: number;
  counterExamples: number;
}

export function dictionaryStats(entries: readonly Entry[]): DictionaryStats {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { error: 0, warning: 0, info: 0 }])) as DictionaryStats['byCategory'];
  let examples = 0;
  let counterExamples = 0;
  for (const entry of entries) {
    byCategory[entry.category][entry.severity ?? DEFAULT_SEVERITY[entry.category]]++;
    examples += entry.examples?.length ?? 0;
    counterExamples += entry.counterExamples?.length ?? 0;
  }
  return { entries: entries.length, byCategory, examples, counterExamples };
}
