// cuomin against peer libraries, side by side in one process and run, plus what a dictionary update
// costs. Writes benchmarks/results/<date>[-quick].{json,md}; full runs also the chart and README-section.md.
//
//   pnpm bench          full run (1 MB and 10 MB corpus)
//   pnpm bench:quick    CI mode (1 MB corpus, fewer rounds), under two minutes
//
// Exits 1 when cuomin's matcher scans slower than @monyone/aho-corasick /fast on any dictionary, or when
// an engine whose semantics match disagrees with cuomin on a match count.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Automaton } from '@cuomin/matcher';
import { createScanner, loadJieba } from '@cuomin/core';
import { makeDictionary, SYNTHETIC_SIZES } from './dictionaries.mjs';
import { allEngines } from './engines.mjs';
import { corpusOfSize, entriesOf, here, jiebaWords, leftmostLongest, loadCorpus, MB, median, repo, timed } from './inputs.mjs';
import { renderMarkdown } from './report.mjs';
import { writeChart } from './chart.mjs';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(here, 'results') },
    'no-memory': { type: 'boolean', default: false },
  },
});
const quick = opts.quick;
const started = performance.now();
const log = (s) => process.stderr.write(`${s}\n`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

// ---------- setup ----------
const plan = {
  mode: quick ? 'quick' : 'full',
  corpusBytes: quick ? [MB] : [MB, 10 * MB],
  dictionaries: ['baseline', ...SYNTHETIC_SIZES.map(String)],
  buildRounds: quick ? 1 : 3,
  scanRounds: quick ? 3 : 7,
  // Slow engines stop adding rounds once their scans of one cell add up to this much.
  budgetMs: quick ? 2_500 : 20_000,
  updateRounds: quick ? 3 : 7,
  rebuildRounds: quick ? 1 : 3,
};

const words = jiebaWords();
const corpus = loadCorpus();
const texts = plan.corpusBytes.map((bytes) => {
  const { text, repeated } = corpusOfSize(corpus.text, bytes);
  return { label: `${bytes / MB} MB`, text, bytes: Buffer.byteLength(text, 'utf8'), chars: text.length, repeated };
});
const engines = allEngines();

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const require = createRequire(join(here, 'package.json'));
const versions = Object.fromEntries(
  ['@monyone/aho-corasick', 'modern-ahocorasick', 'mint-filter', 'nodejieba', '@node-rs/jieba'].map((p) => [
    p,
    JSON.parse(readFileSync(join(here, 'node_modules', p, 'package.json'), 'utf8')).version,
  ]),
);
for (const e of engines) if (e.version) versions[e.name] = e.version;

log(`cuomin bench (${plan.mode}): ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
log(`corpus: ${corpus.label}; jieba words: ${words.length}`);

// `segmenter: null` is documented to turn word-boundary checks off; say so when this build does not.
const notes = [];
{
  const probe = createScanner({ entries: [{ id: 'custom/cun-zhang', term: '村长', category: 'custom' }], segmenter: null });
  if (probe.scan('推动农村长期发展').findings.length === 0) {
    notes.push("this build of @cuomin/core does not honour `segmenter: null` (村长 in 农村长期 was dropped by word boundaries), so the pipeline row without a segmenter and the first scans after an update also segment with nodejieba");
  }
}

// ---------- speed ----------
const speed = [];
const failures = [];
let sink = 0;

for (const dictName of plan.dictionaries) {
  const dict = makeDictionary(dictName);
  log(`[${elapsed()}] dictionary ${dictName}: ${dict.patterns.length} patterns`);
  const ctx = { cleanup: [] };
  const builds = {};
  const states = {};
  const broken = {};
  for (let r = 0; r < plan.buildRounds; r++) {
    for (const e of engines) {
      if (broken[e.name]) continue;
      if (r > 0 && (e.group === 'process' || e.name === 'cuomin pipeline + nodejieba')) continue;
      try {
        const [ms, state] = timed(() => e.build(dict, ctx));
        (builds[e.name] ??= []).push(ms);
        states[e.name] = state;
      } catch (error) {
        broken[e.name] = String(error?.message ?? error).split('\n')[0];
      }
    }
  }

  // Load of the serialised automaton against a fresh build.
  const load = { automatonBuild: [], automatonLoad: [], scannerBuild: [], scannerLoad: [] };
  let blobBytes = 0;
  let scannerBytes = 0;
  for (let r = 0; r < Math.max(3, plan.buildRounds); r++) {
    const [b, a] = timed(() => Automaton.build(dict.patterns));
    load.automatonBuild.push(b);
    const blob = a.serialize();
    blobBytes = blob.length;
    load.automatonLoad.push(timed(() => Automaton.deserialize(blob))[0]);
    const [sb, s] = timed(() => createScanner({ entries: dict.entries, allow: dict.allow, segmenter: null }));
    load.scannerBuild.push(sb);
    const sblob = s.serialize();
    scannerBytes = sblob.length;
    load.scannerLoad.push(timed(() => createScanner({ compiled: sblob, segmenter: null }))[0]);
  }

  for (const t of texts) {
    // Reference counts from cuomin's matcher: overlapping and leftmost-longest, per text measured.
    const references = new Map();
    const referenceOf = (text) => {
      let ref = references.get(text.length);
      if (!ref) {
        const spans = [];
        states['cuomin matcher'].forEachMatch(text, (p, s, e) => spans.push([s, e]));
        ref = { overlapping: spans.length, 'leftmost-longest': leftmostLongest(spans) };
        references.set(text.length, ref);
      }
      return ref;
    };
    const reference = referenceOf(t.text);

    const times = {};
    const counts = {};
    const spent = {};
    const errors = { ...broken };
    // An engine far too slow for the whole text (the RegExp on large dictionaries) runs on a prefix
    // sized from a probe, so that one run takes about a quarter of the budget.
    const input = {};
    const PROBE = 20_000;
    for (const e of engines) {
      if (errors[e.name]) continue;
      if (e.group === 'process') {
        input[e.name] = t.text;
        continue;
      }
      try {
        // Twice: the first call may load something (nodejieba takes a second).
        e.scan(states[e.name], t.text.slice(0, PROBE));
        const [ms] = timed(() => e.scan(states[e.name], t.text.slice(0, PROBE)));
        let len = t.chars;
        if ((ms * t.chars) / PROBE > plan.budgetMs) {
          len = Math.max(PROBE, Math.floor((PROBE * plan.budgetMs) / 4 / ms));
          if (/[\ud800-\udbff]/.test(t.text[len - 1])) len--;
        }
        input[e.name] = len < t.chars ? t.text.slice(0, len) : t.text;
      } catch (error) {
        errors[e.name] = String(error?.message ?? error).split('\n')[0];
      }
    }
    for (let r = 0; r <= plan.scanRounds; r++) {
      for (const e of engines) {
        if (errors[e.name]) continue;
        // Round 0 warms up and is discarded, unless the engine is too slow for more than one run.
        if (r > 0 && (spent[e.name] ?? 0) >= plan.budgetMs && (times[e.name]?.length ?? 0) > 0) continue;
        try {
          const [ms, n] = timed(() => e.scan(states[e.name], input[e.name]));
          spent[e.name] = (spent[e.name] ?? 0) + ms;
          counts[e.name] = n;
          if (r > 0 || ms * 2 > plan.budgetMs) (times[e.name] ??= []).push(ms);
          sink += n;
        } catch (error) {
          errors[e.name] = String(error?.message ?? error).split('\n')[0];
        }
      }
    }

    const rows = engines.map((e) => {
      const scanMs = median(times[e.name] ?? []);
      const text = input[e.name] ?? t.text;
      const bytes = text === t.text ? t.bytes : Buffer.byteLength(text, 'utf8');
      const row = {
        engine: e.name,
        group: e.group,
        semantics: e.semantics,
        buildMs: median(builds[e.name] ?? []),
        scanMs,
        rounds: times[e.name]?.length ?? 0,
        chars: text.length,
        bytes,
        mbPerS: bytes / MB / (scanMs / 1000),
        mCharsPerS: text.length / 1e6 / (scanMs / 1000),
        count: counts[e.name] ?? null,
      };
      if (text.length < t.chars) row.prefix = true;
      if (errors[e.name]) row.error = errors[e.name];
      const ref = row.count === null ? undefined : referenceOf(text)[e.semantics];
      if (ref !== undefined && row.count !== null) {
        row.reference = ref;
        row.agrees = row.count === ref;
        if (!row.agrees) {
          if (e.expectMismatch) row.mismatchReason = e.expectMismatch;
          else failures.push(`${e.name} counts ${row.count} ${e.semantics} matches on ${dictName} / ${t.label}${row.prefix ? ` (first ${text.length} chars)` : ''}, cuomin ${ref}`);
        }
      }
      return row;
    });
    const cuominMs = rows.find((r) => r.engine === 'cuomin matcher').scanMs;
    for (const row of rows) row.ratio = row.scanMs / row.bytes / (cuominMs / t.bytes);
    const fast = rows.find((r) => r.engine === '@monyone /fast');
    if (fast && !(cuominMs <= fast.scanMs)) {
      failures.push(`cuomin matcher is slower than @monyone /fast on ${dictName} / ${t.label}: ${cuominMs.toFixed(1)} ms against ${fast.scanMs.toFixed(1)} ms`);
    }
    speed.push({
      dictionary: dictName,
      terms: dict.size,
      patterns: dict.patterns.length,
      corpus: t.label,
      bytes: t.bytes,
      chars: t.chars,
      reference,
      rows,
      load: {
        automatonBuildMs: median(load.automatonBuild),
        automatonLoadMs: median(load.automatonLoad),
        automatonBytes: blobBytes,
        scannerBuildMs: median(load.scannerBuild),
        scannerLoadMs: median(load.scannerLoad),
        scannerBytes,
      },
    });
    log(`[${elapsed()}]   ${t.label}: cuomin ${cuominMs.toFixed(1)} ms, /fast ${fast?.scanMs.toFixed(1)} ms, ${reference.overlapping} matches`);
  }
  for (const f of ctx.cleanup) f();
}

// ---------- segmentation cost ----------
log(`[${elapsed()}] segmentation`);
const segmentation = (() => {
  const t = texts[0];
  const out = { corpus: t.label, chars: t.chars, rows: [] };
  const jieba = loadJieba();
  if (!jieba.segmenter) return { ...out, error: jieba.error };
  const rounds = quick ? 1 : 3;
  const whole = [];
  for (let r = 0; r < rounds; r++) whole.push(timed(() => jieba.segmenter.cut(t.text))[0]);
  out.rows.push({ what: 'nodejieba: whole text', ms: median(whole), chars: t.chars });
  // What the core does: windows of 8 characters around candidates of terms with the word boundary policy
  // (the default `auto` means terms of two characters or fewer), merged where they overlap.
  for (const dictName of ['baseline', '10000']) {
    const dict = makeDictionary(dictName);
    const a = Automaton.build(dict.patterns);
    const windows = [];
    a.forEachMatch(t.text, (p, s, e) => {
      if (e - s <= 2) windows.push([Math.max(0, s - 8), Math.min(t.text.length, e + 8)]);
    });
    windows.sort((x, y) => x[0] - y[0]);
    const merged = [];
    for (const w of windows) {
      const last = merged[merged.length - 1];
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else merged.push([...w]);
    }
    const chars = merged.reduce((n, [s, e]) => n + e - s, 0);
    const ms = [];
    for (let r = 0; r < rounds; r++) ms.push(timed(() => merged.forEach(([s, e]) => jieba.segmenter.cut(t.text.slice(s, e))))[0]);
    out.rows.push({ what: `nodejieba: ${merged.length} windows around candidates (${dictName === 'baseline' ? 'baseline' : '10k terms'})`, ms: median(ms), chars });
  }
  try {
    const { Jieba } = require('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict');
    const [loadMs, nr] = timed(() => Jieba.withDict(dict));
    const ms = [];
    for (let r = 0; r < rounds; r++) ms.push(timed(() => nr.cut(t.text, false))[0]);
    out.rows.push({ what: `@node-rs/jieba ${versions['@node-rs/jieba']}: whole text`, ms: median(ms), chars: t.chars, loadMs });
  } catch (error) {
    out.rows.push({ what: '@node-rs/jieba', error: String(error?.message ?? error) });
  }
  for (const row of out.rows) if (row.ms) row.mCharsPerS = row.chars / 1e6 / (row.ms / 1000);
  return out;
})();

// ---------- dictionary updates ----------
log(`[${elapsed()}] updates`);
const updates = (() => {
  const size = 100_000;
  const base = entriesOf(words.slice(0, size));
  const fresh = words.slice(size, size + 2_000);
  const scanner = createScanner({ entries: base, segmenter: null });
  const text = texts[0].text;
  const rows = [];
  for (const n of [1, 100, 1_000]) {
    const victims = base.slice(0, n * 7).filter((_, i) => i % 7 === 3).slice(0, n);
    const ops = {
      add: { change: { add: entriesOf(fresh.slice(0, n), 'new') }, undo: { remove: Array.from({ length: n }, (_, i) => `new/${i}`) } },
      remove: { change: { remove: victims.map((e) => e.id) }, undo: { add: victims } },
      change: { change: { add: victims.map((e, i) => ({ ...e, term: fresh[1_000 + i] })) }, undo: { add: victims } },
    };
    for (const [op, { change, undo }] of Object.entries(ops)) {
      const live = [];
      let scanAfterLive = null;
      for (let r = 0; r < plan.updateRounds; r++) {
        live.push(timed(() => scanner.update(change))[0]);
        if (r === 0 && !quick) scanAfterLive = timed(() => scanner.scan(text))[0];
        scanner.update(undo);
      }
      const next = new Map(base.map((e) => [e.id, e]));
      for (const id of change.remove ?? []) next.delete(id);
      for (const e of change.add ?? []) next.set(e.id, e);
      const rebuild = [];
      let rebuilt;
      for (let r = 0; r < plan.rebuildRounds; r++) {
        let ms;
        [ms, rebuilt] = timed(() => createScanner({ entries: [...next.values()], segmenter: null }));
        rebuild.push(ms);
      }
      const scanAfterRebuild = quick ? null : timed(() => rebuilt.scan(text))[0];
      rows.push({ op, n, liveMs: median(live), rebuildMs: median(rebuild), ratio: median(rebuild) / median(live), scanAfterLiveMs: scanAfterLive, scanAfterRebuildMs: scanAfterRebuild });
    }
  }
  return { terms: size, corpus: texts[0].label, rows };
})();

// The language server's time from a changed dictionary file to fresh diagnostics, when its developer has recorded it.
const languageServer = (() => {
  const dir = join(repo, 'packages/language-server/bench');
  if (!existsSync(dir)) return null;
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) found.push(p);
    }
  };
  walk(dir);
  const newest = found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).at(-1);
  if (!newest) return null;
  try {
    return { file: relative(repo, newest), data: JSON.parse(readFileSync(newest, 'utf8')) };
  } catch {
    return null;
  }
})();

// ---------- memory, one child process per engine ----------
const memory = [];
if (!opts['no-memory']) {
  log(`[${elapsed()}] memory`);
  const dicts = quick ? ['100000'] : plan.dictionaries;
  const dir = mkdtempSync(join(tmpdir(), 'cuomin-bench-memory-'));
  const corpusFile = join(dir, 'corpus.txt');
  writeFileSync(corpusFile, texts[0].text);
  for (const dictName of dicts) {
    const dictFile = join(dir, `${dictName}.json`);
    writeFileSync(dictFile, JSON.stringify(makeDictionary(dictName)));
    for (const e of engines) {
      if (e.group === 'process' || e.name === 'cuomin countMatches') continue;
      if (quick && !['cuomin matcher', 'cuomin pipeline', '@monyone /fast'].includes(e.name)) continue;
      try {
        const out = execFileSync(process.execPath, [join(here, 'memory-child.mjs'), e.name, dictFile, corpusFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
        memory.push({ dictionary: dictName, engine: e.name, ...JSON.parse(out) });
      } catch (error) {
        memory.push({ dictionary: dictName, engine: e.name, error: String(error?.message ?? error).split('\n')[0] });
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---------- write ----------
const seconds = (performance.now() - started) / 1000;
const date = new Date().toISOString().slice(0, 10);
const result = {
  date: new Date().toISOString(),
  mode: plan.mode,
  seconds: +seconds.toFixed(1),
  machine,
  versions,
  corpus: { source: corpus.label, sizes: texts.map((t) => ({ label: t.label, bytes: t.bytes, chars: t.chars, repeated: +t.repeated.toFixed(2) })) },
  dictionaries: { jieba: `${words.length} Han words of 2-6 characters from ${words.source}, shuffled with a fixed seed; the first N taken` },
  plan,
  engines: engines.map((e) => ({ name: e.name, semantics: e.semantics, note: e.note ?? null, expectMismatch: e.expectMismatch ?? null })),
  speed,
  segmentation,
  updates,
  languageServer,
  memory,
  notes,
  failures,
};
mkdirSync(opts.out, { recursive: true });
const stem = join(opts.out, `${date}${quick ? '-quick' : ''}`);
writeFileSync(`${stem}.json`, `${JSON.stringify(result, null, 2)}\n`);
const md = renderMarkdown(result);
writeFileSync(`${stem}.md`, md);
// The chart and the README section come from full runs only; a quick run leaves them as they are.
let chart = null;
if (!quick) {
  chart = writeChart(result, opts.out);
  const section = renderMarkdown(result, { readme: true, chart: relative(repo, chart) });
  writeFileSync(join(here, 'README-section.md'), section);
}
process.stdout.write(md);
log(`\nwrote ${relative(process.cwd(), stem)}.json and .md${chart ? `, ${relative(process.cwd(), chart)} and README-section.md` : ''} in ${seconds.toFixed(1)} s (checksum ${sink % 997})`);
if (failures.length > 0) {
  for (const f of failures) log(`FAIL: ${f}`);
  process.exitCode = 1;
}
