// Side-by-side benchmark of @cuomin/matcher's Automaton against @monyone/aho-corasick
// (default and /fast), in one process with interleaved rounds; reports medians and ratios.
//
// Build first:  npx tsc -b packages/matcher
// Run:          node benchmarks/matcher/compare.mjs [--quick]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const { Automaton } = await import(join(repo, 'packages/matcher/dist/index.js'));
const monyoneDir = join(repo, 'packages/matcher/node_modules/@monyone/aho-corasick/dist');
const { AhoCorasick: MonyoneDefault } = await import(join(monyoneDir, 'index.mjs'));
const { AhoCorasick: MonyoneFast } = await import(join(monyoneDir, 'fast.mjs'));

const quick = process.argv.includes('--quick');
const SIZES = [1_000, 10_000, 100_000];
const SEED = 0x5eed2024;

// ---------- inputs ----------
function findJiebaDict() {
  const pnpm = join(repo, 'node_modules/.pnpm');
  const candidates = [
    join(pnpm, 'nodejieba@3.5.8/node_modules/nodejieba/dict/jieba.dict.utf8'),
    join(pnpm, 'nodejieba@3.5.8/node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8'),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  const stack = existsSync(pnpm) ? readdirSync(pnpm).filter((d) => d.startsWith('nodejieba')).map((d) => join(pnpm, d)) : [];
  while (stack.length) {
    const dir = stack.pop();
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) stack.push(p);
      else if (name === 'jieba.dict.utf8') return p;
    }
  }
  throw new Error('jieba.dict.utf8 not found under node_modules/.pnpm (is nodejieba installed?)');
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dictPath = findJiebaDict();
const allWords = [
  ...new Set(
    readFileSync(dictPath, 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter((w) => w && /^\p{Script=Han}+$/u.test(w) && [...w].length >= 2 && [...w].length <= 6),
  ),
];
{
  const rand = mulberry32(SEED);
  for (let i = allWords.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [allWords[i], allWords[j]] = [allWords[j], allWords[i]];
  }
}

function readCorpus(root) {
  if (!existsSync(root)) return null;
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(root);
  return files.length ? { text: files.map((f) => readFileSync(f, 'utf8')).join('\n'), files: files.length } : null;
}

let corpus = readCorpus('/work/shared/corpus');
let corpusLabel;
if (corpus) {
  corpusLabel = `/work/shared/corpus (${corpus.files} files)`;
} else {
  const rand = mulberry32(SEED ^ 1);
  const parts = [];
  let len = 0;
  while (len < 500_000) {
    const w = allWords[Math.floor(rand() * allWords.length)];
    parts.push(w, rand() < 0.1 ? '，' : '');
    len += w.length + 1;
  }
  corpus = { text: parts.join('') };
  corpusLabel = 'generated from dictionary words';
}
const text = corpus.text;
const bytes = Buffer.byteLength(text, 'utf8');

// ---------- timing helpers ----------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = (fn) => {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
};
const fmt = (x, d = 1) => (x >= 100 ? x.toFixed(0) : x.toFixed(d));
let sink = 0;

// ---------- run ----------
const results = [];
const t0 = performance.now();
for (const size of SIZES) {
  if (size > allWords.length) throw new Error(`dictionary has only ${allWords.length} words`);
  const words = allWords.slice(0, size);
  const buildRounds = quick ? 1 : size >= 100_000 ? 5 : 9;
  const scanRounds = quick ? 2 : size >= 100_000 ? 9 : 15;

  // Build, interleaved.
  const bt = { cuomin: [], monyone: [], fast: [], serialize: [], deserialize: [] };
  let a, md, mf, blob;
  for (let r = 0; r < buildRounds; r++) {
    let dt;
    [dt, a] = time(() => Automaton.build(words));
    bt.cuomin.push(dt);
    [dt, md] = time(() => new MonyoneDefault(words));
    bt.monyone.push(dt);
    [dt, mf] = time(() => new MonyoneFast(words));
    bt.fast.push(dt);
    [dt, blob] = time(() => a.serialize());
    bt.serialize.push(dt);
    const [dl, loaded] = time(() => Automaton.deserialize(blob));
    bt.deserialize.push(dl);
    sink += loaded.patternCount;
  }

  // Scan, interleaved; the first round warms up and is discarded.
  const engines = {
    'cuomin countMatches': () => a.countMatches(text),
    'cuomin forEachMatch': () => {
      let n = 0;
      a.forEachMatch(text, (p, s, e) => {
        n++;
        sink += p + s + e;
      });
      return n;
    },
    'monyone default': () => md.matchInText(text).length,
    'monyone /fast': () => mf.matchInText(text).length,
  };
  const st = Object.fromEntries(Object.keys(engines).map((k) => [k, []]));
  const counts = {};
  for (let r = 0; r <= scanRounds; r++) {
    for (const [name, fn] of Object.entries(engines)) {
      const [dt, n] = time(fn);
      if (r > 0) st[name].push(dt);
      counts[name] = n;
    }
  }
  const distinct = new Set(Object.values(counts));
  if (distinct.size !== 1) {
    console.error(`match counts disagree at ${size} terms:`, counts);
    process.exitCode = 1;
  }
  results.push({
    size,
    states: a.stateCount,
    blobBytes: blob.length,
    matches: counts['cuomin countMatches'],
    counts,
    build: Object.fromEntries(Object.entries(bt).map(([k, v]) => [k, median(v)])),
    scan: Object.fromEntries(Object.entries(st).map(([k, v]) => [k, median(v)])),
  });
}
const elapsed = (performance.now() - t0) / 1000;

// ---------- report ----------
console.log(`\n## @cuomin/matcher vs @monyone/aho-corasick 1.1.11\n`);
console.log(`- Node ${process.version}; medians of interleaved rounds in one process${quick ? ' (--quick)' : ''}`);
console.log(`- dictionary: ${allWords.length} Han words of 2–6 chars from ${dictPath.replace(repo + '/', '')}, shuffled with seed 0x${SEED.toString(16)}`);
console.log(`- corpus: ${corpusLabel}: ${text.length.toLocaleString('en')} UTF-16 units, ${bytes.toLocaleString('en')} UTF-8 bytes\n`);

console.log('### Scan throughput (MB/s of UTF-8 · M chars/s)\n');
console.log('| terms | matches (all engines) | cuomin countMatches | cuomin forEachMatch | monyone default | monyone /fast | count / default | count / fast | forEach / fast |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const cell = (ms) => `${fmt(bytes / 1e6 / (ms / 1000))} MB/s · ${fmt(text.length / 1e6 / (ms / 1000))} M/s`;
  const s = r.scan;
  const agree = new Set(Object.values(r.counts)).size === 1 ? `${r.matches.toLocaleString('en')}` : `DISAGREE ${JSON.stringify(r.counts)}`;
  console.log(
    `| ${r.size.toLocaleString('en')} | ${agree} | ${cell(s['cuomin countMatches'])} | ${cell(s['cuomin forEachMatch'])} | ${cell(s['monyone default'])} | ${cell(s['monyone /fast'])} | ${fmt(s['monyone default'] / s['cuomin countMatches'])}x | ${fmt(s['monyone /fast'] / s['cuomin countMatches'])}x | ${fmt(s['monyone /fast'] / s['cuomin forEachMatch'])}x |`,
  );
}

console.log('\n### Build and load (ms, median)\n');
console.log('| terms | states | cuomin build | monyone default build | monyone /fast build | build: default / cuomin | build: fast / cuomin | serialize | blob | deserialize | build / deserialize |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const b = r.build;
  console.log(
    `| ${r.size.toLocaleString('en')} | ${r.states.toLocaleString('en')} | ${fmt(b.cuomin, 2)} | ${fmt(b.monyone, 2)} | ${fmt(b.fast, 2)} | ${fmt(b.monyone / b.cuomin)}x | ${fmt(b.fast / b.cuomin)}x | ${fmt(b.serialize, 2)} | ${(r.blobBytes / 1024).toFixed(0)} KiB | ${fmt(b.deserialize, 2)} | ${fmt(b.cuomin / b.deserialize)}x |`,
  );
}
console.log(`\n(total ${elapsed.toFixed(1)} s; checksum ${sink % 997})`);
