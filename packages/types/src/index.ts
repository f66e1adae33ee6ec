// The one result type and the dictionary model, shared by every cuomin package.
// Everything here is plain data that survives JSON.stringify unchanged.

/** How bad a finding is. `off` exists only in configuration, never on a finding. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * What kind of problem an entry describes. The categories follow the inspection
 * indicators (《政府网站与政务新媒体检查指标》): `serious` is a 严重表述错误 that fails a site.
 */
export type Category = 'serious' | 'banned' | 'outdated' | 'typo' | 'sensitive' | 'custom';

export const CATEGORIES: readonly Category[] = ['serious', 'banned', 'outdated', 'typo', 'sensitive', 'custom'];

/** Default severity of each category; an entry may override it. */
export const DEFAULT_SEVERITY: Readonly<Record<Category, Severity>> = {
  serious: 'error',
  banned: 'error',
  outdated: 'warning',
  typo: 'warning',
  sensitive: 'warning',
  custom: 'warning',
};

/** Chinese names of the categories, for messages. */
export const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  serious: '严重表述错误',
  banned: '禁用词',
  outdated: '过时名称',
  typo: '错别字',
  sensitive: '敏感词',
  custom: '自定义',
};

/**
 * One thing found in a text.
 * `start`/`end` are a half-open span of UTF-16 code units into the original text
 * (JavaScript string indices), so `text.slice(start, end) === actual` always holds.
 * Lines and columns are not stored: each edge (CLI, language server) derives them.
 */
export interface Finding {
  /** Stable id of the dictionary entry, e.g. `outdated/yinbaojianhui`. */
  ruleId: string;
  category: Category;
  severity: Severity;
  /** The exact source text, `text.slice(start, end)`. */
  actual: string;
  /** Suggested replacements, best first. `[]` means delete or rewrite. */
  expected: string[];
  /** One line in Chinese. */
  message: string;
  /** Why this is wrong. */
  note?: string;
  /** Where the rule comes from: document and date, or inspection bulletin. */
  source?: string;
  start: number;
  end: number;
  /** The dictionary form that matched, when normalisation made the text differ from it. */
  matched?: string;
  /** True when the match sat inside quotation marks. */
  quoted?: boolean;
  /** True when a tool may apply `expected[0]` without asking. */
  fixable: boolean;
}

/** Something about the run rather than about the text: a missing segmenter, a bad directive. */
export interface Problem {
  kind: 'segmenter' | 'dictionary' | 'config' | 'directive' | 'input';
  severity: Severity;
  message: string;
  file?: string;
  start?: number;
  end?: number;
}

export interface ScanResult {
  findings: Finding[];
  problems: Problem[];
}

/**
 * `word`: drop a hit whose start or end cuts through a word of the segmented text
 * (既使 in 既使用了). `none`: report every hit. `auto`: `word` for terms of two
 * characters or fewer, `none` for longer ones.
 */
export type BoundaryPolicy = 'word' | 'none' | 'auto';

/** `flag`: report quoted mentions too. `ignore`: a mention in quotation marks is not reported. */
export type QuotePolicy = 'flag' | 'ignore';

/** `flag`: report historical mentions too. `ignore`: not after 原, 时任, … nor before 更名为, …. */
export type HistoricalPolicy = 'flag' | 'ignore';

/** Literal strings that must (or must not) touch the term on either side. */
export interface ContextRule {
  /** The text just before the term must end with one of these. */
  requireBefore?: string[];
  /** The text just after the term must start with one of these. */
  requireAfter?: string[];
  /** Not reported when the text just before ends with one of these. */
  forbidBefore?: string[];
  /** Not reported when the text just after starts with one of these. */
  forbidAfter?: string[];
}

/** A dictionary entry as the scanner sees it. */
export interface Entry {
  id: string;
  term: string;
  /** Other spellings that normalisation does not cover. */
  variants?: string[];
  category: Category;
  severity?: Severity;
  suggestions?: string[];
  /** Overrides the message made from the category. */
  message?: string;
  note?: string;
  source?: string;
  boundary?: BoundaryPolicy;
  quotes?: QuotePolicy;
  historical?: HistoricalPolicy;
  /** Skip interfering characters (`*`, `·`, spaces, …) between two CJK characters of the term. */
  noise?: boolean;
  /** Longer phrases that contain the term and are fine. */
  allow?: string[];
  context?: ContextRule;
  /** False when a tool must never apply the suggestion without a person (default: true unless `sensitive`). */
  autoFix?: boolean;
  /** ISO date from which the term is wrong, e.g. the day an agency was abolished. */
  since?: string;
  examples?: string[];
  counterExamples?: string[];
}
