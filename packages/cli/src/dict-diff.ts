import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createScanner, type Entry, type Finding, type Scanner } from '@cuomin/core';
import { loadDictionaryFile, readSources, type DictionaryProblem } from '@cuomin/dictionary';
import { seriousVariants } from '@cuomin/dictionary/generate';
import { lineAt, lineStarts } from '@cuomin/documents';
import { EXIT, UsageError, type Io } from './io.js';

const HELP = `Usage: cuomin dict diff OLD NEW --corpus PATH [options]

What a dictionary update changes: entries added, removed and changed between OLD and NEW
(dictionary files .yaml/.txt/.tsv/.csv, or source folders like dictionaries/src), and the findings
that appear and disappear on a reference corpus, per entry, with example contexts.

Options:
  --corpus PATH        a folder (its .txt and .md files, walked) or one text file; required
  --format stylish|json
                       output format (default: stylish)
  --max-rate N         an entry with more than N findings per 100,000 corpus characters under NEW, and
                       more than under OLD, is listed as suspicious, a likely false positive (default: 5)
  --examples N         example contexts per entry and direction (default: 3)
  --no-segmentation    do not use word segmentation (nodejieba) for the word-boundary policy

Exit codes: 0 no suspicious entry, 1 some entry fires suspiciously often, 2 usage or dictionary error.
`;

const CORPUS_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
const CONTEXT = 12;

interface Side {
  label: string;
  entries: Entry[];
  allow: string[];
}

interface CorpusFile {
  path: string;
  text: string;
}

/** A finding seen in one corpus file, with where and what surrounds it. */
export interface DiffExample {
  file: string;
  line: number;
  column: number;
  actual: string;
  context: string;
}

export interface EntryDiff {
  ruleId: string;
  term: string;
  before: number;
  after: number;
  appeared: number;
  disappeared: number;
  examples: { appeared: DiffExample[]; disappeared: DiffExample[] };
}

export interface DictDiffReport {
  old: string;
  new: string;
  entries: {
    added: { id: string; term: string; category: string }[];
    removed: { id: string; term: string; category: string }[];
    changed: { id: string; term: string; fields: string[]; before: Partial<Entry>; after: Partial<Entry> }[];
  };
  corpus: { path: string; files: number; chars: number };
  findings: { before: number; after: number; appeared: number; disappeared: number; byEntry: EntryDiff[] };
  maxRate: number;
  suspicious: { ruleId: string; term: string; findings: number; per100k: number; before: number }[];
}

function loadSide(arg: string, io: Io): Side {
  const path = resolve(io.cwd, arg);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`${arg}: no such dictionary file or folder`);
  }
  let problems: DictionaryProblem[];
  let side: Side;
  if (isDir) {
    const tree = readSources(path, io.cwd, [seriousVariants]);
    problems = tree.problems;
    side = { label: arg, entries: tree.entries.map((s) => s.entry), allow: tree.allow };
  } else {
    const parsed = loadDictionaryFile(path, { displayPath: arg });
    problems = parsed.problems;
    side = { label: arg, entries: parsed.entries.map((s) => s.entry), allow: [] };
  }
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`${p.file}:${p.line}: ${p.message}\n`);
    throw new UsageError(`${arg}: the dictionary has ${problems.length} problem(s)`);
  }
  return side;
}

function readCorpus(arg: string, io: Io): CorpusFile[] {
  const root = resolve(io.cwd, arg);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`--corpus ${arg}: no such file or folder`);
  }
  const shown = (p: string) => {
    const rel = relative(io.cwd, p);
    return rel && !rel.startsWith('..') ? rel : p;
  };
  if (!isDir) return [{ path: shown(root), text: readFileSync(root, 'utf8') }];
  const files: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (CORPUS_EXTENSIONS.has(extname(name).toLowerCase())) files.push({ path: shown(p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  if (files.length === 0) throw new UsageError(`--corpus ${arg}: no .txt or .md files in it`);
  return files;
}

/** Keys in a stable order, so that two equal entries serialise equally. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function diffEntries(oldEntries: readonly Entry[], newEntries: readonly Entry[]): DictDiffReport['entries'] {
  const before = new Map(oldEntries.map((e) => [e.id, e]));
  const after = new Map(newEntries.map((e) => [e.id, e]));
  const brief = (e: Entry) => ({ id: e.id, term: e.term, category: e.category });
  const changed: DictDiffReport['entries']['changed'] = [];
  for (const [id, n] of after) {
    const o = before.get(id);
    if (!o || canonical(o) === canonical(n)) continue;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].sort() as (keyof Entry)[];
    const fields = keys.filter((k) => canonical(o[k]) !== canonical(n[k]));
    const pick = (e: Entry) => Object.fromEntries(fields.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])) as Partial<Entry>;
    changed.push({ id, term: n.term, fields, before: pick(o), after: pick(n) });
  }
  return {
    added: [...after.values()].filter((e) => !before.has(e.id)).map(brief),
    removed: [...before.values()].filter((e) => !after.has(e.id)).map(brief),
    changed,
  };
}

function example(file: CorpusFile, starts: number[], f: Finding): DiffExample {
  const lo = lineAt(starts, f.start);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const before = flat(file.text.slice(Math.max(0, f.start - CONTEXT), f.start));
  const after = flat(file.text.slice(f.end, f.end + CONTEXT));
  return { file: file.path, line: lo + 1, column: f.start - (starts[lo] as number) + 1, actual: f.actual, context: `${before}【${f.actual}】${after}` };
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.start}\u0000${f.end}`;

/** `cuomin dict diff OLD NEW --corpus PATH`: what an update changes, in entries and in findings on a corpus. */
export async function dictDiff(argv: readonly string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      corpus: { type: 'string' },
      format: { type: 'string', default: 'stylish' },
      'max-rate': { type: 'string', default: '5' },
      examples: { type: 'string', default: '3' },
      'no-segmentation': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const [oldArg, newArg] = positionals;
  if (!oldArg || !newArg || positionals.length > 2) throw new UsageError('give two dictionaries: cuomin dict diff OLD NEW --corpus PATH');
  if (!values.corpus) throw new UsageError('--corpus PATH is required (a folder of .txt/.md files or one file)');
  if (values.format !== 'stylish' && values.format !== 'json') throw new UsageError(`--format ${values.format}: expected stylish or json`);
  const maxRate = Number(values['max-rate']);
  if (!(maxRate >= 0) || !Number.isFinite(maxRate)) throw new UsageError(`--max-rate ${values['max-rate']}: expected a number of findings per 100,000 characters`);
  const perEntry = Number(values.examples);
  if (!Number.isInteger(perEntry) || perEntry < 0) throw new UsageError(`--examples ${values.examples}: expected a whole number`);

  const oldSide = loadSide(oldArg, io);
  const newSide = loadSide(newArg, io);
  const corpus = readCorpus(values.corpus, io);

  const segmenter = values['no-segmentation'] ? null : 'jieba';
  let scanners: [Scanner, Scanner];
  try {
    scanners = [
      createScanner({ entries: oldSide.entries, allow: oldSide.allow, segmenter }),
      createScanner({ entries: newSide.entries, allow: newSide.allow, segmenter }),
    ];
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const oldTerms = new Map(oldSide.entries.map((e) => [e.id, e.term]));
  const newTerms = new Map(newSide.entries.map((e) => [e.id, e.term]));
  const byEntry = new Map<string, EntryDiff>();
  const entryDiff = (ruleId: string): EntryDiff => {
    let d = byEntry.get(ruleId);
    if (!d) {
      d = { ruleId, term: newTerms.get(ruleId) ?? oldTerms.get(ruleId) ?? '', before: 0, after: 0, appeared: 0, disappeared: 0, examples: { appeared: [], disappeared: [] } };
      byEntry.set(ruleId, d);
    }
    return d;
  };
  const problems = new Set<string>();
  let chars = 0;
  let totalBefore = 0;
  let totalAfter = 0;
  for (const file of corpus) {
    chars += file.text.length;
    const [before, after] = scanners.map((s) => {
      const result = s.scan(file.text);
      for (const p of result.problems) problems.add(p.message);
      return result.findings;
    }) as [Finding[], Finding[]];
    totalBefore += before.length;
    totalAfter += after.length;
    const beforeKeys = new Set(before.map(key));
    const afterKeys = new Set(after.map(key));
    let starts: number[] | undefined;
    // A finding on one side only disappeared (old side) or appeared (new side).
    const tally = (findings: Finding[], otherKeys: Set<string>, count: 'before' | 'after', change: 'disappeared' | 'appeared') => {
      for (const f of findings) {
        const d = entryDiff(f.ruleId);
        d[count]++;
        if (otherKeys.has(key(f))) continue;
        d[change]++;
        if (d.examples[change].length < perEntry) d.examples[change].push(example(file, (starts ??= lineStarts(file.text)), f));
      }
    };
    tally(before, afterKeys, 'before', 'disappeared');
    tally(after, beforeKeys, 'after', 'appeared');
  }
  for (const message of problems) io.stderr(`cuomin: ${message}\n`);

  const per100k = (n: number) => (chars === 0 ? 0 : (n * 100_000) / chars);
  const all = [...byEntry.values()];
  const changedEntries = all.filter((d) => d.appeared > 0 || d.disappeared > 0).sort((a, b) => b.appeared + b.disappeared - (a.appeared + a.disappeared) || (a.ruleId < b.ruleId ? -1 : 1));
  const suspicious = all
    .filter((d) => d.after > d.before && per100k(d.after) > maxRate)
    .sort((a, b) => b.after - a.after || (a.ruleId < b.ruleId ? -1 : 1))
    .map((d) => ({ ruleId: d.ruleId, term: d.term, findings: d.after, per100k: +per100k(d.after).toFixed(2), before: d.before }));

  const report: DictDiffReport = {
    old: oldSide.label,
    new: newSide.label,
    entries: diffEntries(oldSide.entries, newSide.entries),
    corpus: { path: values.corpus, files: corpus.length, chars },
    findings: {
      before: totalBefore,
      after: totalAfter,
      appeared: changedEntries.reduce((n, d) => n + d.appeared, 0),
      disappeared: changedEntries.reduce((n, d) => n + d.disappeared, 0),
      byEntry: changedEntries,
    },
    maxRate,
    suspicious,
  };
  io.stdout(values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : stylish(report));
  return suspicious.length > 0 ? EXIT.findings : EXIT.ok;
}

function stylish(r: DictDiffReport): string {
  const out: string[] = [];
  const { added, removed, changed } = r.entries;
  out.push(`Entries ${r.old} → ${r.new}: ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
  for (const e of added) out.push(`  + ${e.id}  ${e.term} (${e.category})`);
  for (const e of removed) out.push(`  - ${e.id}  ${e.term} (${e.category})`);
  for (const c of changed) {
    const show = (v: unknown) => (v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
    const parts = c.fields.map((k) => `${k}: ${show(c.before[k as keyof Entry])} → ${show(c.after[k as keyof Entry])}`);
    out.push(`  ~ ${c.id}  ${parts.join('; ')}`);
  }
  const f = r.findings;
  out.push('');
  out.push(`Findings on ${r.corpus.path} (${r.corpus.files} file(s), ${r.corpus.chars.toLocaleString('en')} chars): ${f.before} → ${f.after}, ${f.appeared} appeared, ${f.disappeared} disappeared`);
  for (const d of f.byEntry) {
    out.push(`  ${d.ruleId}  ${d.term}  +${d.appeared} -${d.disappeared}  (${d.before} → ${d.after})`);
    for (const x of d.examples.appeared) out.push(`    + ${x.file}:${x.line}:${x.column}  ${x.context}`);
    for (const x of d.examples.disappeared) out.push(`    - ${x.file}:${x.line}:${x.column}  ${x.context}`);
  }
  out.push('');
  if (r.suspicious.length === 0) out.push(`No entry fires more than ${r.maxRate} times per 100,000 characters.`);
  else {
    out.push(`Suspicious: ${r.suspicious.length} entr${r.suspicious.length === 1 ? 'y fires' : 'ies fire'} more than ${r.maxRate} times per 100,000 characters (likely false positives):`);
    for (const s of r.suspicious) out.push(`  ! ${s.ruleId}  ${s.term}  ${s.findings} findings (before: ${s.before}), ${s.per100k} per 100k chars`);
  }
  return `${out.join('\n')}\n`;
}
