import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { Category } from '@cuomin/types';
import { parseListDictionary } from './lists.js';
import { parseYamlDictionary, type ParsedDictionary } from './source.js';

export const DICTIONARY_EXTENSIONS = ['.yaml', '.yml', '.txt', '.tsv', '.csv'] as const;

export interface LoadOptions {
  /** Category for plain lists without one. */
  category?: Category;
  /** Name shown in messages instead of the absolute path. */
  displayPath?: string;
}

/** Reads one dictionary file of any supported format. Problems come back with file and line; a missing file too. */
export function loadDictionaryFile(path: string, options: LoadOptions = {}): ParsedDictionary {
  const file = options.displayPath ?? path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { entries: [], problems: [{ file, line: 1, message: `cannot read dictionary: ${reason}` }] };
  }
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.yaml':
    case '.yml':
      return parseYamlDictionary(text, file);
    case '.txt':
    case '.tsv':
    case '.csv':
      return parseListDictionary(text, extension.slice(1) as 'txt' | 'tsv' | 'csv', {
        file,
        ...(options.category ? { category: options.category } : {}),
        idPrefix: basename(path, extension),
      });
    default:
      return {
        entries: [],
        problems: [{ file, line: 1, message: `unknown dictionary format "${extension}" (use ${DICTIONARY_EXTENSIONS.join(', ')})` }],
      };
  }
}

/** Every YAML source file below a folder, in a stable order. */
export function findYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Loads every YAML file below `dir` (except those `skip` returns true for), paths shown relative to `base`. */
export function loadSourceTree(dir: string, base: string, skip: (path: string) => boolean = () => false): ParsedDictionary {
  const result: ParsedDictionary = { entries: [], problems: [] };
  for (const path of findYamlFiles(dir)) {
    if (skip(path)) continue;
    const parsed = loadDictionaryFile(path, { displayPath: relative(base, path) });
    result.entries.push(...parsed.entries);
    result.problems.push(...parsed.problems);
  }
  return result;
}

/** A plain phrase list: one per line, `#` starts a comment. */
export function readPhraseList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}
