import { availableParallelism } from 'node:os';
import { dirname, extname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { ConfigError, readConfigFile, type Overrides, type RuleLevel } from '@cuomin/config';
import { isCategory, loadDictionaryFile } from '@cuomin/dictionary';
import { kindForPath } from '@cuomin/documents';
import type { Severity } from '@cuomin/types';
import { analyseFile, ScannerCache, type FileResult, type FileTask, type ScanSettings } from './analyse.js';
import { resolveInputs } from './files.js';
import { fixFile } from './fix.js';
import { FORMATS, summarise, toJson, toSarif, toStylish, type Format } from './formats.js';
import { EXIT, UsageError, type Io } from './io.js';

export const VERSION = '0.1.0';

const HELP = `Usage: cuomin scan [paths | globs | -] [options]

Scans plain text (.txt), Markdown (.md), HTML (.html, .htm) and Word (.docx) files; folders are walked,
skipping .gitignore'd paths and the config's "ignore" globs. "-" reads standard input.

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --dict FILE                   an extra dictionary (.yaml, .txt, .tsv, .csv); repeatable
  --no-baseline                 do not use the built-in baseline dictionary
  --config FILE                 use this config file instead of looking for cuomin.config.json/.yaml
  --rule ID=LEVEL               set a rule id or category to off|info|warning|error; repeatable
  --allow PHRASE                a phrase that is fine everywhere; repeatable
  --no-segmentation             do not use word segmentation
  --fail-on error|warning|info|never
                                exit 1 when a finding is at or above this severity (default: error)
  --stdin-filename NAME         name (and kind, by extension) of the text read from "-"
  --fix                         apply suggestions that are safe to apply automatically
  --dry-run                     with --fix: print a unified diff instead of writing
  --max-file-size BYTES         skip larger files with a notice (default: 10485760)
  --jobs N                      scanning threads (default: 2 for large jobs, 0 = scan in this thread)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or dictionary error.
`;

const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];
const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const FAIL_ON: Record<string, number> = { info: 1, warning: 2, error: 3, never: Infinity };
const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/** Past this many files the work goes to threads: each loads its own scanner (and jieba, ~1.3 s, ~400 MB). */
const THREAD_THRESHOLD = 200;

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      dict: { type: 'string', multiple: true },
      'no-baseline': { type: 'boolean' },
      config: { type: 'string' },
      rule: { type: 'string', multiple: true },
      allow: { type: 'string', multiple: true },
      'no-segmentation': { type: 'boolean' },
      'fail-on': { type: 'string' },
      'stdin-filename': { type: 'string' },
      fix: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseRules(values: readonly string[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  for (const value of values) {
    const [key, level] = value.split('=');
    if (!key || !level || !(LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`--rule ${value}: expected ID=LEVEL with LEVEL one of ${LEVELS.join(', ')}`);
    }
    rules[key] = level as RuleLevel;
  }
  return rules;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} ${value}: expected a whole number`);
  return n;
}

/** Scans tasks on threads, results in task order. */
async function scanOnThreads(tasks: readonly FileTask[], settings: ScanSettings, threads: number, progress: (done: number) => void): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: settings }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolveAll, reject) => {
      // A few tasks in flight per thread keeps each busy while the next file is read.
      const send = (worker: Worker) => {
        if (next >= tasks.length) return;
        const id = next++;
        worker.postMessage({ id, task: tasks[id] });
      };
      for (const worker of workers) {
        worker.on('message', (message: { id: number; result?: FileResult; failure?: string }) => {
          if (message.failure !== undefined) {
            reject(new UsageError(message.failure));
            return;
          }
          results[message.id] = message.result as FileResult;
          progress(++done);
          if (done === tasks.length) resolveAll();
          else send(worker);
        });
        worker.on('error', (error) => reject(new UsageError(`a scanning thread failed: ${error.message}`)));
        for (let i = 0; i < 4; i++) send(worker);
      }
      if (tasks.length === 0) resolveAll();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

async function scanInThread(tasks: readonly FileTask[], settings: ScanSettings, progress: (done: number) => void): Promise<FileResult[]> {
  const cache = new ScannerCache(settings.overrides);
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  // Reading overlaps scanning: a few files are read ahead.
  const lane = async () => {
    while (next < tasks.length) {
      const id = next++;
      results[id] = await analyseFile(tasks[id] as FileTask, cache, settings);
      progress(++done);
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return results;
}

function progressBar(io: Io, total: number): { tick(done: number): void; end(): void } {
  if (!io.stderrIsTTY || total <= 50) return { tick() {}, end() {} };
  let last = 0;
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
  };
  return {
    tick(done) {
      const now = Date.now();
      if (now - last > 100 || done === total) {
        last = now;
        draw(done);
      }
    },
    end() {
      io.stderr('\r\u001b[K');
    },
  };
}

/** Checks config and dictionary files before any scanning, so that a mistake in them is one clear line and exit 2. */
function checkConfigs(paths: Iterable<string>, overrides: Overrides): void {
  const dictionaries = new Set(overrides.dictionaries ?? []);
  for (const path of paths) {
    const loaded = readConfigFile(path);
    for (const dictionary of loaded.config.dictionaries ?? []) dictionaries.add(resolve(loaded.dir, dictionary));
  }
  for (const file of dictionaries) {
    const shown = relative(process.cwd(), file) || file;
    const parsed = loadDictionaryFile(file, { displayPath: shown.startsWith('..') ? file : shown });
    const problem = parsed.problems[0];
    if (problem) {
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
      throw new ConfigError(problem.file, problem.line, `${problem.message}${more}`);
    }
  }
}

export async function scanCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('give files, folders, globs or - to scan (cuomin scan --help)');
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: expected one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] ?? 'error';
  if (!(failOn in FAIL_ON)) throw new UsageError(`--fail-on ${failOn}: expected error, warning, info or never`);
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run only goes with --fix');
  if (values.fix && positionals.includes('-')) throw new UsageError('--fix cannot write to standard input; scan a file instead');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given once');
  for (const file of values.dict ?? []) {
    if (!['.yaml', '.yml', '.txt', '.tsv', '.csv'].includes(extname(file).toLowerCase())) {
      throw new UsageError(`--dict ${file}: expected a .yaml, .txt, .tsv or .csv file`);
    }
  }

  const overrides: Overrides = {
    ...(values.dict ? { dictionaries: values.dict.map((d) => resolve(io.cwd, d)) } : {}),
    ...(values['no-baseline'] ? { baseline: false } : {}),
    ...(values.rule ? { rules: parseRules(values.rule) } : {}),
    ...(values.allow ? { allow: values.allow } : {}),
    ...(values['no-segmentation'] ? { segmentation: false } : {}),
  };
  for (const key of Object.keys(overrides.rules ?? {})) {
    if (!key.includes('/') && !isCategory(key)) throw new UsageError(`--rule ${key}: not a rule id (category/name) or a category`);
  }
  const configOverride = values.config === undefined ? undefined : resolve(io.cwd, values.config);

  try {
    if (configOverride) readConfigFile(configOverride);
    const resolved = await resolveInputs(positionals.filter((p) => p !== '-'), io.cwd, configOverride);
    const shown = (absolute: string) => {
      const rel = relative(io.cwd, absolute);
      return rel && !rel.startsWith('..') ? rel : absolute;
    };
    const tasks: FileTask[] = resolved.files.map((file) => {
      const configPath = resolved.configFor(dirname(file.absolute));
      return { absolute: file.absolute, path: shown(file.absolute), explicit: file.explicit, ...(configPath ? { configPath } : {}) };
    });
    if (positionals.includes('-')) {
      const name = values['stdin-filename'];
      const configPath = configOverride ?? resolved.configFor(name ? dirname(resolve(io.cwd, name)) : io.cwd);
      const kind = name ? kindForPath(name) : 'text';
      if (kind === 'docx') throw new UsageError('--stdin-filename: .docx cannot be read from standard input');
      tasks.unshift({ path: name ?? '<stdin>', text: await io.readStdin(), kind: kind ?? 'text', ...(configPath ? { configPath } : {}) });
    }
    const configs = new Set(tasks.map((t) => t.configPath).filter((p): p is string => p !== undefined));
    checkConfigs(configs, overrides);

    const maxFromConfig = configs.size === 1 ? readConfigFile([...configs][0] as string).config.maxFileSize : undefined;
    const settings: ScanSettings = { overrides, maxFileSize: positiveInteger('--max-file-size', values['max-file-size'], maxFromConfig ?? DEFAULT_MAX_FILE_SIZE) };
    const jobs = positiveInteger('--jobs', values.jobs, tasks.length >= THREAD_THRESHOLD ? Math.min(2, availableParallelism()) : 0);
    const bar = progressBar(io, tasks.length);
    const results = jobs > 0 && tasks.length > 1 ? await scanOnThreads(tasks, settings, jobs, bar.tick) : await scanInThread(tasks, settings, bar.tick);
    bar.end();

    let failed = resolved.errors.length > 0;
    for (const error of resolved.errors) io.stderr(`cuomin: ${error}\n`);
    for (const r of results) {
      for (const notice of r.notices) io.stderr(`cuomin: ${r.path}: ${notice}\n`);
      if (r.error) {
        io.stderr(`cuomin: ${r.path}: ${r.error}\n`);
        failed = true;
      }
    }

    let fixed = 0;
    if (values.fix) {
      for (const [i, r] of results.entries()) {
        const task = tasks[i] as FileTask;
        if (!r.hash || !task.absolute) continue;
        const fixable = r.findings.filter((f) => f.fixable && f.expected.length === 1);
        if (fixable.length === 0) continue;
        if (!r.writable) {
          io.stderr(`cuomin: ${r.path}: not fixed: only text files read without errors are fixed\n`);
          continue;
        }
        const outcome = fixFile(task.absolute, r.path, r.hash, r.findings, values['dry-run'] === true);
        if (outcome.status === 'changed') io.stderr(`cuomin: ${r.path}: not fixed: the file changed since it was read\n`);
        else if (outcome.status === 'error') {
          io.stderr(`cuomin: ${r.path}: not fixed: ${outcome.message}\n`);
          failed = true;
        } else if (outcome.status === 'fixed') {
          fixed += outcome.applied.length;
          const applied = new Set(outcome.applied);
          r.findings = r.findings.filter((f) => !applied.has(f));
          if (values['dry-run']) io.stdout(outcome.diff);
          else io.stderr(`cuomin: ${r.path}: fixed ${outcome.applied.length}\n`);
        }
      }
    }

    const shownResults = results.filter((r) => !r.error);
    const summary = summarise(results, fixed);
    if (!(values.fix && values['dry-run'])) {
      if (format === 'json') io.stdout(toJson(shownResults, summary));
      else if (format === 'sarif') io.stdout(toSarif(shownResults, VERSION));
      else io.stdout(toStylish(shownResults, summary, io.stdoutIsTTY && !process.env.NO_COLOR));
    }
    if (failed) return EXIT.usage;
    const threshold = FAIL_ON[failOn] as number;
    const worst = Math.max(0, ...results.flatMap((r) => r.findings.map((f) => RANK[f.severity])));
    return worst >= threshold ? EXIT.findings : EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

