import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { CATEGORIES, type Category, type Entry } from '@cuomin/types';
import type { DictionaryProblem, ListFormat, ListOptions, ParsedDictionary, SourceEntry } from './source.js';

// Plain lists that units already keep: one term per line (.txt), or a table with a header row
// (.tsv/.csv) naming `term`, `category` and `suggestion` (several separated by `|`); other columns are ignored.

/** A stable id from the term, so re-importing a list keeps ids. */
function idFor(prefix: string, category: Category, term: string): string {
  return `${category}/${prefix}-${createHash('sha1').update(term).digest('hex').slice(0, 10)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'list';
}

function makeEntry(term: string, category: Category, suggestions: string[], options: ListOptions): Entry {
  const entry: Entry = {
    id: idFor(slug(options.idPrefix ?? 'user'), category, term),
    term,
    category,
    suggestions,
    source: options.file,
  };
  if (category === 'sensitive') entry.autoFix = false;
  return entry;
}

export function parseListDictionary(text: string, format: ListFormat, options: ListOptions): ParsedDictionary {
  const entries: SourceEntry[] = [];
  const problems: DictionaryProblem[] = [];
  const file = options.file;
  const body = text.replace(/^\uFEFF/, '');
  const defaultCategory = options.category ?? 'custom';
  if (!CATEGORIES.includes(defaultCategory)) {
    return { entries, problems: [{ file, line: 1, message: `unknown category ${JSON.stringify(defaultCategory)}` }] };
  }

  if (format === 'txt') {
    body.split(/\r?\n/).forEach((raw, i) => {
      const term = raw.trim();
      if (term === '' || term.startsWith('#')) return;
      entries.push({ entry: makeEntry(term, defaultCategory, [], options), location: { file, line: i + 1 } });
    });
    return { entries, problems };
  }

  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      info: true,
      delimiter: format === 'tsv' ? '\t' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      quote: format === 'tsv' ? false : '"',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { entries, problems: [{ file, line, message: `${format.toUpperCase()}: ${(error as Error).message}` }] };
  }
  const header = (rows[0]?.record ?? []).map((h) => h.toLowerCase());
  const termColumn = header.indexOf('term');
  if (termColumn < 0) {
    return { entries, problems: [{ file, line: 1, message: 'the header row has no "term" column' }] };
  }
  const categoryColumn = header.indexOf('category');
  const suggestionColumn = header.indexOf('suggestion');
  for (const { record: row, info } of rows.slice(1)) {
    const line = info.lines;
    const term = row[termColumn] ?? '';
    if (term === '' || term.startsWith('#')) continue;
    const category = (categoryColumn >= 0 && row[categoryColumn] ? row[categoryColumn] : defaultCategory) as Category;
    if (!CATEGORIES.includes(category)) {
      problems.push({ file, line, message: `unknown category ${JSON.stringify(category)} (one of ${CATEGORIES.join(', ')})` });
      continue;
    }
    const suggestions = suggestionColumn >= 0 ? (row[suggestionColumn] ?? '').split('|').map((s) => s.trim()).filter(Boolean) : [];
    entries.push({ entry: makeEntry(term, category, suggestions, options), location: { file, line } });
  }
  return { entries, problems };
}
