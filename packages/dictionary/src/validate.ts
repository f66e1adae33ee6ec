import { createScanner, DictionaryError, normalizeTerm, type Scanner, type Segmenter, type SegmenterLoad } from '@cuomin/core';
import type { DictionaryProblem, SourceEntry } from './source.js';

export interface ValidateOptions {
  /** Phrases allowed everywhere (the global allow-list). */
  allow?: readonly string[];
  /** Segmenter for the examples; default nodejieba, as in a real scan. */
  segmenter?: Segmenter | 'jieba' | (() => SegmenterLoad) | null;
}

export interface ValidationResult {
  problems: DictionaryProblem[];
  /** The scanner built from the entries, when they compile. */
  scanner?: Scanner;
  examplesRun: number;
}

function termLength(term: string): number {
  return [...normalizeTerm(term)].length;
}

/**
 * Checks a set of entries as a curator needs: shape rules, duplicates, fixes that would create
 * new findings, and every example and counter-example run through a real scanner.
 */
export function validateEntries(sources: readonly SourceEntry[], options: ValidateOptions = {}): ValidationResult {
  const problems: DictionaryProblem[] = [];
  const at = (source: SourceEntry, message: string) =>
    problems.push({ ...source.location, entryId: source.entry.id, message: `${source.entry.id}: ${message}` });

  const ids = new Map<string, SourceEntry>();
  const forms = new Map<string, SourceEntry>();
  for (const source of sources) {
    const { entry } = source;
    const first = ids.get(entry.id);
    if (first) at(source, `duplicate id (first at ${first.location.file}:${first.location.line})`);
    else ids.set(entry.id, source);
    for (const form of new Set([entry.term, ...(entry.variants ?? [])].map(normalizeTerm))) {
      const other = forms.get(form);
      if (other && other.entry.id !== entry.id) {
        at(source, `term "${form}" is also entry ${other.entry.id} (${other.location.file}:${other.location.line})`);
      } else forms.set(form, source);
    }
    if (!entry.note) at(source, 'no note (why it is wrong)');
    if (!entry.source) at(source, 'no source');
    if ((entry.examples ?? []).length === 0) at(source, 'no example');
    if (termLength(entry.term) <= 2 && (entry.counterExamples ?? []).length === 0) {
      at(source, 'a term of two characters or fewer needs a counter-example');
    }
    if (entry.category === 'sensitive') {
      if ((entry.counterExamples ?? []).length === 0) at(source, 'a sensitive entry needs a counter-example');
      if (entry.autoFix === true) at(source, 'a sensitive entry is never auto-fixed');
    }
  }

  // A global allow phrase that contains no entry's term allows nothing: a typo in the list.
  const allForms = [...forms.keys()];
  for (const phrase of options.allow ?? []) {
    const form = normalizeTerm(phrase);
    if (!allForms.some((term) => form.includes(term))) {
      problems.push({ file: 'allow.txt', line: 1, message: `global allow phrase "${phrase}" contains no entry's term` });
    }
  }

  let scanner: Scanner;
  try {
    scanner = createScanner({
      entries: sources.map((s) => s.entry),
      allow: options.allow ?? [],
      segmenter: options.segmenter ?? 'jieba',
    });
  } catch (error) {
    if (!(error instanceof DictionaryError)) throw error;
    const source = sources.find((s) => s.entry.id === error.entryId);
    if (source) at(source, error.message.replace(/^entry "[^"]*": /, ''));
    else problems.push({ file: sources[0]?.location.file ?? '<none>', line: 1, message: error.message });
    return { problems, examplesRun: 0 };
  }

  let examplesRun = 0;
  for (const source of sources) {
    const { entry } = source;
    for (const example of entry.examples ?? []) {
      examplesRun++;
      const findings = scanner.scan(example).findings;
      if (!findings.some((f) => f.ruleId === entry.id)) {
        const got = findings.map((f) => `${f.ruleId} “${f.actual}”`).join(', ') || 'nothing';
        at(source, `example not flagged: “${example}” (found ${got})`);
      }
    }
    for (const counter of entry.counterExamples ?? []) {
      examplesRun++;
      const hit = scanner.scan(counter).findings.find((f) => f.ruleId === entry.id);
      if (hit) at(source, `counter-example flagged: “${counter}” at “${hit.actual}”`);
    }
    for (const suggestion of entry.suggestions ?? []) {
      const other = scanner.scan(suggestion).findings.find((f) => f.ruleId !== entry.id);
      if (other) at(source, `suggestion “${suggestion}” would itself be flagged by ${other.ruleId} (“${other.actual}”)`);
    }
  }
  return { problems, scanner, examplesRun };
}
