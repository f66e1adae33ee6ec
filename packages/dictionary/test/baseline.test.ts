import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { CATEGORIES, type Finding } from '@cuomin/core';
import {
  BASELINE_DIR,
  buildFromSources,
  checksumMismatches,
  createBaselineScanner,
  dictionaryStats,
  readSources,
  staleFiles,
  type BuildResult,
} from '../src/index.js';
import { seriousVariants } from '../src/generate.js';

// The real baseline: its sources, its examples, its shipped artefact, and how it behaves on official text.
const ROOT = join(import.meta.dirname, '../../..');
const SOURCES = join(ROOT, 'dictionaries/src');
const CORPUS = join(ROOT, '../shared/corpus');
const REVIEWED = join(ROOT, 'dictionaries/corpus-reviewed.tsv');

let build: BuildResult;
beforeAll(() => {
  build = buildFromSources(readSources(SOURCES, ROOT, [seriousVariants]));
});

describe('baseline dictionary', () => {
  test('every source entry is valid and every example and counter-example holds', () => {
    const report = build.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
    expect(report).toBe('');
    expect(build.examplesRun).toBeGreaterThan(2000);
  });

  test('each category reaches its size', () => {
    const stats = dictionaryStats(build.artefact?.entries ?? []);
    const count = (c: (typeof CATEGORIES)[number]) => Object.values(stats.byCategory[c]).reduce((a, b) => a + b, 0);
    console.log(`baseline: ${CATEGORIES.map((c) => `${c} ${count(c)}`).join(', ')}; ${stats.entries} entries`);
    expect(count('serious')).toBeGreaterThanOrEqual(300);
    expect(count('banned')).toBeGreaterThanOrEqual(100);
    expect(count('outdated')).toBeGreaterThanOrEqual(100);
    expect(count('typo')).toBeGreaterThanOrEqual(500);
    expect(count('sensitive')).toBeGreaterThanOrEqual(300);
    // Sensitive entries are for a person to review: never auto-fixed.
    expect((build.artefact?.entries ?? []).filter((e) => e.category === 'sensitive' && e.autoFix !== false)).toEqual([]);
  });

  test('the committed artefact is what the sources build, and matches its checksums', () => {
    expect(build.artefact).toBeDefined();
    expect(staleFiles(build.artefact!, BASELINE_DIR)).toEqual([]);
    expect(checksumMismatches(BASELINE_DIR)).toEqual([]);
  });
});

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return corpusFiles(path);
      return name !== 'SOURCES.md' && /\.(md|txt)$/.test(name) ? [path] : [];
    });
}

/** Reviewed findings on the corpus: `file<TAB>ruleId<TAB>actual<TAB>why it is expected`. */
function reviewed(): Set<string> {
  if (!existsSync(REVIEWED)) return new Set();
  return new Set(
    readFileSync(REVIEWED, 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.split('\t').slice(0, 3).join('\t')),
  );
}

describe.runIf(existsSync(CORPUS))('baseline on the official corpus', () => {
  test('every finding is explained; at most 1 unexplained per 100,000 characters, none in the work report', () => {
    const scanner = createBaselineScanner();
    const known = reviewed();
    const unexplained: string[] = [];
    const perCategory = new Map<string, number>();
    let chars = 0;
    let workReport = 0;
    for (const path of corpusFiles(CORPUS)) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      const file = relative(CORPUS, path);
      chars += text.length;
      for (const f of scanner.scan(text).findings as Finding[]) {
        perCategory.set(f.category, (perCategory.get(f.category) ?? 0) + 1);
        if (known.has([file, f.ruleId, f.actual].join('\t'))) continue;
        const context = text.slice(Math.max(0, f.start - 10), f.end + 10).replace(/\s+/g, ' ');
        unexplained.push(`${file}\t${f.ruleId}\t${f.actual}\t${context}`);
        if (file.startsWith('gov-work-report')) workReport++;
      }
    }
    console.log(
      `corpus sweep: ${chars} characters; findings by category ${JSON.stringify(Object.fromEntries(perCategory))}; ` +
        `${unexplained.length} unexplained\n${unexplained.join('\n')}`,
    );
    expect(workReport).toBe(0);
    expect(unexplained.length).toBeLessThanOrEqual(Math.floor(chars / 100_000));
  });
});
