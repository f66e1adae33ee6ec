// Markdown tables from a results object (see run.mjs).
//   node benchmarks/report.mjs results/DATE.json   re-renders DATE.md (and, for a full run, README-section.md and the chart)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(d) : x.toFixed(d + 1));
const int = (n) => (n === null || n === undefined ? '–' : n.toLocaleString('en'));
const mib = (b) => (b === undefined ? '–' : `${(b / 2 ** 20).toFixed(0)} MiB`);
const dictLabel = (d) => (d === 'baseline' ? 'baseline' : `${Number(d) / 1000}k`);

function table(head, rows, align) {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (align?.[i] === 'l' ? ':---' : '---:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function cells(result, corpus) {
  return result.speed.filter((c) => c.corpus === corpus);
}

function scanTable(result, corpus, dictionaries) {
  const cs = cells(result, corpus).filter((c) => !dictionaries || dictionaries.includes(c.dictionary));
  const engines = result.engines.map((e) => e.name);
  const head = ['engine', 'semantics', ...cs.map((c) => `${dictLabel(c.dictionary)}: MB/s`), ...cs.map((c) => `${dictLabel(c.dictionary)}: ÷ cuomin`)];
  const rows = engines.map((name) => {
    const sem = result.engines.find((e) => e.name === name).semantics;
    const rs = cs.map((c) => c.rows.find((r) => r.engine === name));
    return [
      name,
      sem,
      ...rs.map((r) => (r?.error ? 'error' : `${f(r?.mbPerS)}${r && r.rounds < 2 ? '¹' : ''}${r?.prefix ? '²' : ''}`)),
      ...rs.map((r) => (r?.error ? '–' : r?.engine === 'cuomin matcher' ? '1' : `${f(r?.ratio, 1)}×`)),
    ];
  });
  return table(head, rows, ['l', 'l']);
}

function countTable(result, corpus) {
  const cs = cells(result, corpus);
  const head = ['engine', 'semantics', ...cs.map((c) => dictLabel(c.dictionary))];
  const rows = result.engines.map((e) => [
    e.name,
    e.semantics,
    ...cs.map((c) => {
      const r = c.rows.find((x) => x.engine === e.name);
      if (!r || r.error) return `error: ${r?.error ?? '?'}`;
      const on = r.prefix ? ` on ${int(r.chars)} chars` : '';
      if (r.agrees === undefined) return int(r.count) + on;
      return r.agrees ? `${int(r.count)} ✓${on}` : `${int(r.count)} ✗ (cuomin ${int(r.reference)})${on}`;
    }),
  ]);
  return table(head, rows, ['l', 'l']);
}

export function renderMarkdown(result, { readme = false, chart } = {}) {
  const out = [];
  const m = result.machine;
  const corpora = result.corpus.sizes.map((s) => s.label);
  const machineLine = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`;
  const corpusLine = `${result.corpus.source}; ${result.corpus.sizes
    .map((s) => `${s.label} = ${int(s.bytes)} UTF-8 bytes, ${int(s.chars)} chars${s.repeated > 1 ? ` (the text repeated ${s.repeated}×)` : ''}`)
    .join('; ')}`;
  const method = `All engines run in one process, interleaved round by round; the first round warms up and is discarded; figures are medians (${result.plan.scanRounds} rounds, fewer for an engine whose runs of one cell add up to ${result.plan.budgetMs / 1000} s: ¹ marks a single run; ² an engine too slow for the whole text, measured on a prefix sized to a quarter of that budget, its count checked against cuomin's on the same prefix). MB/s counts UTF-8 bytes of input. "÷ cuomin" is the engine's scan time per byte divided by that of cuomin's matcher (Automaton.forEachMatch) in the same run: above 1, cuomin is faster.`;

  if (readme) {
    out.push('## Benchmarks', '');
    out.push(`\`pnpm bench\` compares cuomin with peer libraries side by side in one run and records the results in \`benchmarks/results/\`; \`pnpm bench:quick\` (CI) fails if cuomin's matcher is slower than @monyone/aho-corasick \`/fast\` or if an engine disagrees with cuomin on a match count where their semantics agree. Machines are shared and noisy: read the ratios, not the absolute figures.`, '');
    out.push(`Latest full run (${result.date.slice(0, 10)}): ${machineLine}. Corpus: ${corpusLine}. Dictionaries: the shipped baseline (${int(result.speed.find((c) => c.dictionary === 'baseline')?.terms)} entries) and 1k/10k/100k words sampled from jieba's dictionary.`, '');
    const big = corpora[corpora.length - 1];
    out.push(`### Scan throughput, ${big}`, '', method, '', scanTable(result, big, ['10000', '100000', 'baseline']), '');
    if (chart) out.push(`![Scan throughput by dictionary size](${chart})`, '');
  } else {
    out.push(`# cuomin benchmarks — ${result.date.slice(0, 16).replace('T', ' ')} UTC (${result.mode})`, '');
    out.push(`- Machine: ${machineLine}`);
    out.push(`- Corpus: ${corpusLine}`);
    out.push(`- Dictionaries: baseline = the shipped baseline's entries (terms and variants as patterns); 1k/10k/100k = ${result.dictionaries.jieba}`);
    out.push(`- Versions: ${Object.entries(result.versions).map(([k, v]) => `${k} ${v}`).join('; ')}`);
    out.push(`- Run time: ${result.seconds} s`, '');
    out.push(`Semantics: overlapping = every occurrence of every term; leftmost-longest = non-overlapping, leftmost then longest (@monyone /greedy; the RegExp, rg and grep with alternatives sorted longest first, so leftmost-first is leftmost-longest; rg/grep -o per line, and no term spans a line); findings = the full pipeline's findings (not comparable with raw matches). ✓ = equal to cuomin's count under the same semantics.`, '');
    for (const e of result.engines) if (e.note || e.expectMismatch) out.push(`- ${e.name}: ${[e.note, e.expectMismatch && `may differ: ${e.expectMismatch}`].filter(Boolean).join('; ')}`);
    out.push('');
    for (const corpus of corpora) {
      out.push(`## Scan, ${corpus}`, '', method, '', scanTable(result, corpus), '');
      out.push(`### Match counts, ${corpus}`, '', countTable(result, corpus), '');
    }
    const first = cells(result, corpora[0]);
    out.push('## Build (ms, median)', '');
    out.push(
      table(
        ['engine', ...first.map((c) => dictLabel(c.dictionary))],
        result.engines.map((e) => [e.name, ...first.map((c) => f(c.rows.find((r) => r.engine === e.name)?.buildMs))]),
        ['l'],
      ),
      '',
      'rg and grep: one whole process over an empty file (start-up and pattern compile). The pipelines compile the dictionary into scanner streams (normalised terms, allow phrases, per-entry data).',
      '',
    );
    out.push('## Load of the serialised form against a fresh build (ms, median)', '');
    out.push(
      table(
        ['dictionary', 'Automaton.build', 'Automaton.deserialize', 'build ÷ load', 'blob', 'createScanner(entries)', 'createScanner(compiled)', 'build ÷ load', 'blob'],
        first.map((c) => [
          dictLabel(c.dictionary),
          f(c.load.automatonBuildMs),
          f(c.load.automatonLoadMs),
          `${f(c.load.automatonBuildMs / c.load.automatonLoadMs)}×`,
          `${int(Math.round(c.load.automatonBytes / 1024))} KiB`,
          f(c.load.scannerBuildMs),
          f(c.load.scannerLoadMs),
          `${f(c.load.scannerBuildMs / c.load.scannerLoadMs)}×`,
          `${int(Math.round(c.load.scannerBytes / 1024))} KiB`,
        ]),
        ['l'],
      ),
      '',
    );
    if (result.memory.length > 0) {
      const dicts = [...new Set(result.memory.map((r) => r.dictionary))];
      const names = [...new Set(result.memory.map((r) => r.engine))];
      out.push('## Peak memory', '');
      out.push(`Each engine in its own child process: build over the dictionary, scan ${corpora[0]} once. Figure: peak RSS (VmHWM from /proc/self/status) minus RSS after reading the dictionary and the corpus from files; the whole process's peak in brackets. The nodejieba pipeline includes loading jieba's dictionary. rg and grep are not measured.`, '');
      out.push(
        table(
          ['engine', ...dicts.map(dictLabel)],
          names.map((n) => [
            n,
            ...dicts.map((d) => {
              const r = result.memory.find((x) => x.engine === n && x.dictionary === d);
              return !r ? '–' : r.error ? 'error' : `${mib(r.delta)} (${mib(r.peak)})`;
            }),
          ]),
          ['l'],
        ),
        '',
      );
    }
  }

  const s = result.segmentation;
  out.push(`### Segmentation cost, ${s.corpus}`, '');
  if (s.error) out.push(`not measured: ${s.error}`, '');
  else {
    out.push(
      table(
        ['what', 'chars segmented', 'ms', 'M chars/s', 'load ms'],
        s.rows.map((r) => [r.what, int(r.chars), r.error ? `error: ${r.error}` : f(r.ms), f(r.mCharsPerS), r.loadMs ? f(r.loadMs) : '']),
        ['l'],
      ),
      '',
      'The core segments only windows of 8 characters around candidates of terms with the word-boundary policy (by default, terms of two characters or fewer), merged where they overlap; the whole-text rows show what segmenting everything would cost. The pipeline + nodejieba rows above include this cost.',
      '',
    );
  }

  const u = result.updates;
  out.push(`### Dictionary update on a ${int(u.terms)}-term scanner (ms, median)`, '');
  const scans = u.rows.some((r) => r.scanAfterLiveMs !== null);
  out.push(
    table(
      ['change', 'entries', 'scanner.update', 'createScanner again', 'rebuild ÷ update', ...(scans ? [`first scan of ${u.corpus} after update`, 'after rebuild'] : [])],
      u.rows.map((r) => [r.op, int(r.n), f(r.liveMs, 2), f(r.rebuildMs), `${f(r.ratio)}×`, ...(scans ? [f(r.scanAfterLiveMs), f(r.scanAfterRebuildMs)] : [])]),
      ['l'],
    ),
    '',
    'add = new terms; remove = existing ids; change = existing ids with a different term. `scanner.update` and `createScanner` do no segmentation, so those columns are the dictionary work alone.',
    '',
  );
  if (result.languageServer) {
    const numbers = Object.entries(result.languageServer.data ?? {}).filter(([, v]) => typeof v === 'number');
    out.push(
      `Language server, changed dictionary file to fresh diagnostics (measured by its own benchmark, \`${result.languageServer.file}\`)${numbers.length ? `: ${numbers.map(([k, v]) => `${k} ${f(v)}`).join('; ')}` : ''}.`,
      '',
    );
  }
  if (readme) {
    out.push(`Per-corpus tables with match counts, build and load times, peak memory and the machine notes: \`benchmarks/results/\`. What a dictionary update changes on a corpus: \`cuomin dict diff OLD NEW --corpus DIR\`.`, '');
  }
  for (const note of result.notes ?? []) out.push(`Note: ${note}`, '');
  if (result.failures.length > 0) {
    out.push('## Failures', '', ...result.failures.map((x) => `- ${x}`), '');
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2]) {
  const { writeChart } = await import('./chart.mjs');
  const file = process.argv[2];
  const result = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file.replace(/\.json$/, '.md'), renderMarkdown(result));
  if (result.mode === 'full') {
    const here = dirname(fileURLToPath(import.meta.url));
    const chart = writeChart(result, dirname(file));
    writeFileSync(join(here, 'README-section.md'), renderMarkdown(result, { readme: true, chart: relative(join(here, '..'), chart) }));
  }
}
