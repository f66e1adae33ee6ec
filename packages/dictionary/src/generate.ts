import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseDocument, LineCounter, isSeq, type Node } from 'yaml';
import { normalizeTerm } from '@cuomin/core';
import type { Generator } from './build.js';
import { readingsOf, termReadings } from './pinyin.js';
import type { DictionaryProblem, SourceEntry } from './source.js';
import { loadSourceTree } from './files.js';
import {
  commonCharsFromJiebaDict,
  generateVariants,
  jiebaIsWord,
  jiebaNameLike,
  jiebaStandalone,
  loadShapeGroups,
  makeHomophoneIndex,
  parseJiebaDict,
  reviewList,
  variantToEntry,
  type GeneratedVariant,
  type ProtectedTerm,
} from './variants.js';

// Build-time generation of the `serious` misspellings: protected terms from
// `serious/protected.yaml`, confusion sets from pinyin (pinyin-pro) and `confusion/shape.tsv`,
// and jieba's dictionary to drop variants that are real words.

/** jieba's word list inside the installed nodejieba (its location moved between releases). */
export function jiebaDictPath(): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('nodejieba/package.json'));
  const candidates = [join(root, 'dict', 'jieba.dict.utf8'), join(root, 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`jieba.dict.utf8 not found in ${root}`);
  return found;
}

interface ProtectedFile {
  terms: ProtectedTerm[];
  problems: DictionaryProblem[];
}

function readProtected(path: string, file: string): ProtectedFile {
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter });
  if (doc.errors.length > 0) {
    return { terms: [], problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? 1, message: `YAML: ${e.message.split('\n')[0]}` })) };
  }
  const data = doc.toJS() as { protected?: Record<string, unknown>[] };
  const seq = doc.get('protected', true);
  const problems: DictionaryProblem[] = [];
  const terms: ProtectedTerm[] = [];
  (data.protected ?? []).forEach((raw, i) => {
    const node = isSeq(seq) ? (seq.items[i] as Node | undefined) : undefined;
    const line = node?.range ? counter.linePos(node.range[0]).line : 1;
    const term = raw.term;
    const idPrefix = raw.id_prefix;
    const kind = raw.kind;
    if (typeof term !== 'string' || typeof idPrefix !== 'string' || !['name', 'country', 'formulation'].includes(kind as string)) {
      problems.push({ file, line, message: 'a protected term needs term, id_prefix and kind (name, country or formulation)' });
      return;
    }
    if (typeof raw.note !== 'string' || typeof raw.source !== 'string') {
      problems.push({ file, line, message: `${idPrefix}: a protected term needs a note and a source` });
      return;
    }
    const item: ProtectedTerm = { term, idPrefix, kind: kind as ProtectedTerm['kind'], note: raw.note, source: raw.source };
    if (raw.generate === false) item.generate = false;
    if (typeof raw.max === 'number') item.max = raw.max;
    terms.push(item);
  });
  return { terms, problems };
}

export interface GeneratedSerious {
  variants: GeneratedVariant[];
  entries: SourceEntry[];
  problems: DictionaryProblem[];
}

/** Generates the misspellings of every protected term; `review` variants are returned but not made entries. */
export function generateSerious(sourceDir: string, root: string): GeneratedSerious {
  const protectedPath = join(sourceDir, 'serious', 'protected.yaml');
  const shapePath = join(sourceDir, 'confusion', 'shape.tsv');
  if (!existsSync(protectedPath)) return { variants: [], entries: [], problems: [] };
  const file = relative(root, protectedPath);
  const { terms, problems } = readProtected(protectedPath, file);
  if (problems.length > 0) return { variants: [], entries: [], problems };
  let dictText: string;
  try {
    dictText = readFileSync(jiebaDictPath(), 'utf8');
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    return { variants: [], entries: [], problems: [{ file, line: 1, message: `jieba's dictionary is needed to generate variants: ${why}` }] };
  }
  const jieba = parseJiebaDict(dictText);
  // Hand-written serious entries are known errors, even where jieba's web-derived word list contains them.
  const handWritten = loadSourceTree(join(sourceDir, 'serious'), root, (p) => p.endsWith('protected.yaml')).entries;
  const known = handWritten.map((s) => s.entry.term);
  const shapes = loadShapeGroups(existsSync(shapePath) ? readFileSync(shapePath, 'utf8') : '');
  const homophones = makeHomophoneIndex(commonCharsFromJiebaDict(jieba), readingsOf);
  const variants = generateVariants(terms, {
    homophones,
    shapeAlikes: (ch) => shapes.get(ch) ?? [],
    isWord: jiebaIsWord(jieba, known),
    standalone: jiebaStandalone(jieba),
    nameLike: jiebaNameLike(jieba),
    exclude: known,
    readings: termReadings,
    pinyinOf: readingsOf,
    normalize: normalizeTerm,
  });
  const knownForms = new Set(known.map(normalizeTerm));
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  const entries: SourceEntry[] = [];
  for (const v of variants) {
    const p = byTerm.get(v.correct);
    // A hand-written entry for the same wrong form wins: it carries a curated note and examples.
    if (v.review || !p || knownForms.has(normalizeTerm(v.term))) continue;
    entries.push({ entry: variantToEntry(v, p), location: { file, line: 1 } });
  }
  return { variants, entries, problems };
}

/** The generator `cuomin dict build` runs; the held-back variants go to a review list beside the artefact. */
export const seriousVariants: Generator = (sourceDir, root) => {
  const { entries, problems, variants } = generateSerious(sourceDir, root);
  return { entries, problems, files: { 'serious-review.tsv': reviewList(variants) } };
};
