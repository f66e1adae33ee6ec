// The engines compared, each as build(dictionary) -> state and scan(state, text) -> count.
// `semantics` says which counts must agree:
//   overlapping       every occurrence of every term (cuomin's matcher, @monyone default and /fast)
//   leftmost-longest  non-overlapping, leftmost then longest (@monyone /greedy, sorted RegExp, rg -o, grep -o)
//   findings          the full pipeline's findings (normalisation, boundaries, allow-lists, selection)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Automaton } from '@cuomin/matcher';
import { createScanner } from '@cuomin/core';
import { AhoCorasick as MonyoneDefault } from '@monyone/aho-corasick';
import { AhoCorasick as MonyoneFast } from '@monyone/aho-corasick/fast';
import { AhoCorasick as MonyoneGreedy } from '@monyone/aho-corasick/greedy';
import ModernAhoCorasick from 'modern-ahocorasick';
import { Mint } from 'mint-filter';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
const longestFirst = (patterns) => [...patterns].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));

function toolVersion(cmd) {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return null;
  }
}

/** A whole-process engine: build = start-up and pattern compile on an empty file; scan = the full run. */
function processEngine(name, cmd, args, env) {
  const version = toolVersion(cmd);
  if (!version) return null;
  return {
    name,
    group: 'process',
    semantics: 'leftmost-longest',
    version,
    build(dict, ctx) {
      const dir = mkdtempSync(join(tmpdir(), 'cuomin-bench-'));
      const words = join(dir, 'words.txt');
      writeFileSync(words, longestFirst(dict.patterns).join('\n') + '\n');
      const empty = join(dir, 'empty.txt');
      writeFileSync(empty, '');
      ctx.cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const state = { dir, words, files: new Map() };
      state.run = (file) => {
        const r = spawnSync(cmd, [...args, words, file], { env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
        if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
        let n = 0;
        for (let i = r.stdout.indexOf(10); i >= 0; i = r.stdout.indexOf(10, i + 1)) n++;
        return n;
      };
      state.run(empty);
      return state;
    },
    scan(state, text) {
      let file = state.files.get(text);
      if (!file) {
        file = join(state.dir, `corpus-${state.files.size}.txt`);
        writeFileSync(file, text);
        state.files.set(text, file);
      }
      return state.run(file);
    },
  };
}

export function allEngines() {
  const list = [
    {
      name: 'cuomin matcher',
      group: 'cuomin',
      semantics: 'overlapping',
      note: 'Automaton.forEachMatch: every match through a callback',
      build: (dict) => Automaton.build(dict.patterns),
      scan(a, text) {
        let n = 0;
        a.forEachMatch(text, () => {
          n++;
        });
        return n;
      },
    },
    {
      name: 'cuomin countMatches',
      group: 'cuomin',
      semantics: 'overlapping',
      note: 'Automaton.countMatches: counts without reporting',
      build: (dict) => Automaton.build(dict.patterns),
      scan: (a, text) => a.countMatches(text),
    },
    {
      name: 'cuomin pipeline',
      group: 'cuomin',
      semantics: 'findings',
      note: 'createScanner({ segmenter: null }).scan: normalisation, allow-lists, selection, findings',
      build: (dict) => createScanner({ entries: dict.entries, allow: dict.allow, segmenter: null }),
      scan: (s, text) => s.scan(text).findings.length,
    },
    {
      name: 'cuomin pipeline + nodejieba',
      group: 'cuomin',
      semantics: 'findings',
      note: 'the same with word boundaries from nodejieba on windows around candidates',
      build: (dict) => createScanner({ entries: dict.entries, allow: dict.allow, segmenter: 'jieba' }),
      scan(s, text) {
        const r = s.scan(text);
        if (r.problems.some((p) => p.kind === 'segmenter')) throw new Error(r.problems[0].message);
        return r.findings.length;
      },
    },
    {
      name: '@monyone default',
      group: 'peer',
      semantics: 'overlapping',
      build: (dict) => new MonyoneDefault(dict.patterns),
      scan: (m, text) => m.matchInText(text).length,
    },
    {
      name: '@monyone /fast',
      group: 'peer',
      semantics: 'overlapping',
      build: (dict) => new MonyoneFast(dict.patterns),
      scan: (m, text) => m.matchInText(text).length,
    },
    {
      name: '@monyone /greedy',
      group: 'peer',
      semantics: 'leftmost-longest',
      build: (dict) => new MonyoneGreedy(dict.patterns),
      scan: (m, text) => m.matchInText(text).length,
    },
    {
      name: 'modern-ahocorasick',
      group: 'peer',
      semantics: 'overlapping',
      expectMismatch: 'counts whole grapheme clusters: a term ending before a combining mark or inside \\r\\n does not match',
      note: 'count() per line: one call on a long CJK string is superlinear (Intl.Segmenter), 100k chars took 18 s',
      build: (dict) => new ModernAhoCorasick(dict.patterns),
      scan(m, text) {
        let n = 0;
        let from = 0;
        while (from <= text.length) {
          let to = text.indexOf('\n', from);
          if (to < 0) to = text.length;
          if (to > from) n += m.count(text.slice(from, to));
          from = to + 1;
        }
        return n;
      },
    },
    {
      name: 'mint-filter',
      group: 'peer',
      semantics: 'overlapping',
      expectMismatch: 'misses a term nested as a suffix of a longer one that is being matched (documented bug)',
      note: 'filter(text, { replace: false }).words: one word per occurrence',
      build: (dict) => new Mint(dict.patterns),
      scan: (m, text) => m.filter(text, { replace: false }).words.length,
    },
    {
      name: 'RegExp alternation',
      group: 'peer',
      semantics: 'leftmost-longest',
      note: 'one /a|b|…/g, alternatives longest first; V8 compiles it on first use, so build is new RegExp + one exec',
      build(dict) {
        const re = new RegExp(longestFirst(dict.patterns).map(escapeRe).join('|'), 'g');
        re.exec('');
        return re;
      },
      scan(re, text) {
        re.lastIndex = 0;
        let n = 0;
        while (re.exec(text) !== null) n++;
        return n;
      },
    },
  ];
  const rg = processEngine('ripgrep (process)', 'rg', ['--no-config', '-o', '-N', '-F', '-f'], {});
  const grep = processEngine('GNU grep (process)', 'grep', ['-o', '-F', '-f'], { LC_ALL: 'C' });
  if (rg) list.push({ ...rg, note: `${rg.version}; rg -o -F -f, patterns longest first; whole process` });
  if (grep) list.push({ ...grep, note: `${grep.version}; LC_ALL=C grep -o -F -f, output piped; whole process` });
  return list;
}
