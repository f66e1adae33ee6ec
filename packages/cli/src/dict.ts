import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CATEGORIES, type Entry } from '@cuomin/core';
import {
  BASELINE_DIR,
  buildFromSources,
  checksumMismatches,
  dictionaryStats,
  isCategory,
  loadDictionaryFile,
  readBaseline,
  readSources,
  staleFiles,
  writeArtefact,
  type DictionaryProblem,
  type Generator,
} from '@cuomin/dictionary';
import { seriousVariants } from '@cuomin/dictionary/generate';
import { dictDiff } from './dict-diff.js';
import { EXIT, UsageError, type Io } from './io.js';

const HELP = `Usage:
  cuomin dict validate [SRC]                 check sources: schema, duplicates, examples (default SRC: dictionaries/src)
  cuomin dict build [SRC] [--out DIR] [--check]
                                             compile SRC to the shipped artefact (default DIR: the baseline package);
                                             --check fails if the committed artefact is stale or its checksum is wrong
  cuomin dict stats [SRC]                    entries per category and severity (default: the shipped baseline)
  cuomin dict import FILE [--category C] [--out FILE.yaml]
                                             turn a .txt/.tsv/.csv list into a YAML source to curate
  cuomin dict diff OLD NEW --corpus DIR [--format stylish|json] [--max-rate N]
                                             what a dictionary update changes on a reference corpus
`;

const GENERATORS: readonly Generator[] = [seriousVariants];

function printProblems(problems: readonly DictionaryProblem[], io: Io): void {
  for (const p of problems) io.stderr(`${p.file}:${p.line}: ${p.message}\n`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)} s`;
}

export async function dictCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'validate':
      return validate(rest, io);
    case 'build':
      return build(rest, io);
    case 'stats':
      return stats(rest, io);
    case 'import':
      return importList(rest, io);
    case 'diff':
      return dictDiff(rest, io);
    case undefined:
    case '--help':
    case '-h':
      io.stdout(HELP);
      return sub === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown dict command "${sub}" (validate, build, stats, import, diff)`);
  }
}

function sourceDir(positionals: string[], io: Io): string {
  if (positionals.length > 1) throw new UsageError('give one source folder');
  return resolve(io.cwd, positionals[0] ?? 'dictionaries/src');
}

function validate(argv: readonly string[], io: Io): number {
  const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: {} });
  const started = performance.now();
  const tree = readSources(sourceDir(positionals, io), io.cwd, GENERATORS);
  const result = buildFromSources(tree);
  printProblems(result.problems, io);
  const verdict = result.problems.length === 0 ? 'valid' : `${result.problems.length} problem(s)`;
  io.stdout(`${tree.entries.length} entries, ${result.examplesRun} examples run: ${verdict} (${seconds(started)})\n`);
  return result.problems.length === 0 ? EXIT.ok : EXIT.findings;
}

function build(argv: readonly string[], io: Io): number {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  const started = performance.now();
  const out = values.out ? resolve(io.cwd, values.out) : BASELINE_DIR;
  const tree = readSources(sourceDir(positionals, io), io.cwd, GENERATORS);
  const result = buildFromSources(tree);
  if (!result.artefact) {
    printProblems(result.problems, io);
    io.stderr(`cuomin: the dictionary has ${result.problems.length} problem(s); nothing written\n`);
    return EXIT.findings;
  }
  if (values.check) {
    const stale = staleFiles(result.artefact, out);
    const corrupt = checksumMismatches(out);
    if (stale.length > 0 || corrupt.length > 0) {
      if (stale.length > 0) io.stderr(`cuomin: stale generated files in ${out}: ${stale.join(', ')} (run the dictionary build)\n`);
      if (corrupt.length > 0) io.stderr(`cuomin: checksum mismatch in ${out}: ${corrupt.join(', ')}\n`);
      return EXIT.findings;
    }
    io.stdout(`${result.artefact.entries.length} entries: generated files are up to date (${seconds(started)})\n`);
    return EXIT.ok;
  }
  writeArtefact(result.artefact, out);
  const size = result.artefact.files['baseline.bin'].length;
  io.stdout(`${result.artefact.entries.length} entries, ${result.examplesRun} examples run; wrote ${out} (baseline.bin ${size} bytes) in ${seconds(started)}\n`);
  return EXIT.ok;
}

function stats(argv: readonly string[], io: Io): number {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  let entries: readonly Entry[];
  if (positionals.length > 0) {
    const tree = readSources(sourceDir(positionals, io), io.cwd, GENERATORS);
    printProblems(tree.problems, io);
    entries = tree.entries.map((s) => s.entry);
  } else entries = readBaseline().entries;
  const s = dictionaryStats(entries);
  if (values.json) {
    io.stdout(`${JSON.stringify(s, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout('category     error  warning  info  total\n');
  for (const category of CATEGORIES) {
    const row = s.byCategory[category];
    const total = row.error + row.warning + row.info;
    if (total === 0) continue;
    io.stdout(`${category.padEnd(11)} ${String(row.error).padStart(6)} ${String(row.warning).padStart(8)} ${String(row.info).padStart(5)} ${String(total).padStart(6)}\n`);
  }
  io.stdout(`${s.entries} entries, ${s.examples} examples, ${s.counterExamples} counter-examples\n`);
  return EXIT.ok;
}

function importList(argv: readonly string[], io: Io): number {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { category: { type: 'string' }, out: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give one list file to import');
  if (values.category !== undefined && !isCategory(values.category)) {
    throw new UsageError(`unknown category "${values.category}" (one of ${CATEGORIES.join(', ')})`);
  }
  const parsed = loadDictionaryFile(resolve(io.cwd, file), {
    displayPath: file,
    ...(values.category ? { category: values.category as Entry['category'] } : {}),
  });
  if (parsed.problems.length > 0) {
    printProblems(parsed.problems, io);
    return EXIT.usage;
  }
  const entries = parsed.entries.map(({ entry }) => {
    const { autoFix, counterExamples, ...rest } = entry;
    return {
      ...rest,
      ...(autoFix === undefined ? {} : { auto_fix: autoFix }),
      examples: entry.examples ?? [],
      counter_examples: counterExamples ?? [],
    };
  });
  const yaml = stringify({ entries }, { lineWidth: 0 });
  if (values.out) {
    writeFileSync(resolve(io.cwd, values.out), yaml);
    io.stdout(`${entries.length} entries written to ${values.out}; add examples and counter-examples before building\n`);
  } else io.stdout(yaml);
  return EXIT.ok;
}
