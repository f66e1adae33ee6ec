// Inputs shared by the benchmark scripts: the corpus, the jieba word list, seeded sampling.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..');
export const SEED = 0x5eed2024;
export const MB = 1_000_000;

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** jieba's dictionary as shipped inside nodejieba. */
export function jiebaDictPath() {
  const require = createRequire(join(here, 'package.json'));
  const root = dirname(require.resolve('nodejieba/package.json'));
  for (const p of ['dict/jieba.dict.utf8', 'submodules/cppjieba/dict/jieba.dict.utf8']) {
    if (existsSync(join(root, p))) return join(root, p);
  }
  throw new Error(`jieba.dict.utf8 not found under ${root}`);
}

let words;
/** Han words of 2-6 characters from jieba's dictionary, deduplicated, shuffled with a fixed seed. */
export function jiebaWords() {
  if (words) return words;
  const path = jiebaDictPath();
  words = [
    ...new Set(
      readFileSync(path, 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[0])
        .filter((w) => w && /^\p{Script=Han}{2,6}$/u.test(w)),
    ),
  ];
  const rand = mulberry32(SEED);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [words[i], words[j]] = [words[j], words[i]];
  }
  words.source = relative(repo, path);
  return words;
}

/** Cuts `text` to at most `bytes` UTF-8 bytes, at the last line break before the limit. */
function cutToBytes(text, bytes) {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = buf.lastIndexOf(0x0a, bytes - 1);
  if (end <= 0) end = bytes;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/**
 * The reference corpus: ../shared/corpus (relative to the repo root) when present, else text generated
 * from jieba words. Returns the base text and a label saying where it came from.
 */
export function loadCorpus() {
  const root = join(repo, '..', 'shared', 'corpus');
  if (existsSync(root)) {
    const files = [];
    const walk = (d) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(txt|md)$/i.test(name) && name !== 'SOURCES.md') files.push(p);
      }
    };
    walk(root);
    if (files.length > 0) {
      const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
      return { text, label: `../shared/corpus (${files.length} files of real official text, ${Buffer.byteLength(text).toLocaleString('en')} bytes)` };
    }
  }
  const all = jiebaWords();
  const rand = mulberry32(SEED ^ 1);
  const parts = [];
  let len = 0;
  while (len < 600_000) {
    const w = all[Math.floor(rand() * all.length)];
    const r = rand();
    const sep = r < 0.01 ? '。\n' : r < 0.1 ? '，' : '';
    parts.push(w, sep);
    len += w.length + sep.length;
  }
  return { text: parts.join(''), label: 'generated from jieba words (../shared/corpus not found)' };
}

/** The corpus at `bytes` UTF-8 bytes: a prefix, or the text repeated (separated by a newline) to reach it. */
export function corpusOfSize(base, bytes) {
  const have = Buffer.byteLength(base, 'utf8');
  if (have >= bytes) return { text: cutToBytes(base, bytes), repeated: 1 };
  const times = Math.ceil(bytes / (have + 1));
  return { text: cutToBytes(Array(times).fill(base).join('\n'), bytes), repeated: bytes / have };
}

/** Dictionary entries for the core's scanner from plain terms. */
export function entriesOf(terms, prefix = 'bench') {
  return terms.map((term, i) => ({ id: `${prefix}/${i}`, term, category: 'custom' }));
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function timed(fn) {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}

/** Leftmost-longest, non-overlapping selection from overlapping [start, end) spans. */
export function leftmostLongest(spans) {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let reach = 0;
  let n = 0;
  for (const [s, e] of spans) {
    if (s < reach) continue;
    n++;
    reach = e;
  }
  return n;
}
