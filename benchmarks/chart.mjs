// One SVG chart from a results file: scan throughput (MB/s, log scale) by dictionary size (log scale), one line per engine.
//   node benchmarks/chart.mjs [results/<date>.json]    (default: the newest full run, else the newest run)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COLORS = ['#d62728', '#ff7f0e', '#8c564b', '#e377c2', '#1f77b4', '#17becf', '#2ca02c', '#9467bd', '#bcbd22', '#7f7f7f', '#393b79', '#637939'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chartSvg(result) {
  const corpus = result.corpus.sizes[result.corpus.sizes.length - 1].label;
  const cells = result.speed.filter((c) => c.corpus === corpus && c.dictionary !== 'baseline').sort((a, b) => a.terms - b.terms);
  const series = result.engines
    .map((e, i) => ({
      name: e.name,
      color: COLORS[i % COLORS.length],
      dash: e.name.startsWith('cuomin') ? '' : '5,3',
      points: cells.map((c) => ({ x: c.terms, y: c.rows.find((r) => r.engine === e.name)?.mbPerS })).filter((p) => p.y > 0 && Number.isFinite(p.y)),
    }))
    .filter((s) => s.points.length > 0);
  const W = 760, H = 440, L = 64, R = 230, T = 40, B = 50;
  const xs = cells.map((c) => c.terms);
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const x0 = Math.log10(Math.min(...xs)), x1 = Math.log10(Math.max(...xs));
  const y0 = Math.floor(Math.log10(Math.min(...ys))), y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const px = (x) => L + ((Math.log10(x) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y) => H - B - ((Math.log10(y) - y0) / (y1 - y0 || 1)) * (H - T - B);
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${L}" y="22" font-size="14" font-weight="bold">Scan throughput by dictionary size (${esc(corpus)}, ${esc(result.date.slice(0, 10))})</text>`);
  for (let e = y0; e <= y1; e++) {
    for (const k of [1, 2, 5]) {
      const v = k * 10 ** e;
      if (v < 10 ** y0 || v > 10 ** y1) continue;
      const y = py(v);
      parts.push(`<line x1="${L}" x2="${W - R}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${k === 1 ? '#ccc' : '#eee'}"/>`);
      parts.push(`<text x="${L - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${v >= 1 ? v : v.toPrecision(1)}</text>`);
    }
  }
  for (const x of xs) {
    parts.push(`<line x1="${px(x).toFixed(1)}" x2="${px(x).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(x).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${x.toLocaleString('en')}</text>`);
  }
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">dictionary terms (log)</text>`);
  parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">MB/s of UTF-8 (log)</text>`);
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#888"/>`);
  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.name === 'cuomin matcher' ? 3 : 1.8}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of s.points) parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = T + 8 + i * 18;
    parts.push(`<line x1="${W - R + 14}" x2="${W - R + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    parts.push(`<text x="${W - R + 46}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Writes results/throughput.svg and returns its path. */
export function writeChart(result, outDir) {
  const path = join(outDir, 'throughput.svg');
  writeFileSync(path, chartSvg(result));
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'results');
  let file = process.argv[2];
  if (!file) {
    const all = readdirSync(dir).filter((f) => /^\d{4}-\d\d-\d\d(-quick)?\.json$/.test(f)).sort();
    const full = all.filter((f) => !f.includes('quick'));
    file = join(dir, (full.length ? full : all).at(-1));
  }
  console.log(writeChart(JSON.parse(readFileSync(file, 'utf8')), dir));
}
