// @cuomin/core: finds 错敏 terms in text. No I/O; never throws on input text.
export type { Category, Entry, Finding, Problem, ScanResult, Severity } from '@cuomin/types';
export { CATEGORIES, CATEGORY_LABEL, DEFAULT_SEVERITY } from '@cuomin/types';
export type { EngineName } from '@cuomin/matcher';
export {
  createScanner,
  HISTORICAL_AFTER,
  HISTORICAL_BEFORE,
  type EntryChange,
  type ScanOptions,
  type Scanner,
  type ScannerOptions,
} from './scanner.js';
export { DictionaryError } from './compile.js';
export { normalize, normalizeTerm, type NormalizedText, type NormalizeOptions } from './normalize.js';
export { loadJieba, type Segmenter, type SegmenterLoad } from './segmenter.js';
export { applyFixes, type FixResult } from './fix.js';
