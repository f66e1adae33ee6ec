import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner, type Entry } from '@cuomin/core';
import { loadSourceTree, readPhraseList } from './files.js';
import type { DictionaryProblem, SourceEntry } from './source.js';
import { validateEntries, type ValidateOptions } from './validate.js';

/** The generated artefact: what `cuomin dict build` writes and the baseline loader reads. */
export const ARTEFACT_FILES = ['entries.json', 'baseline.bin'] as const;
/** Generated text files written beside the artefact (review lists); covered by the checksums too. */
export type ExtraFiles = Record<string, string>;
export const CHECKSUM_FILE = 'SHA256SUMS';

export interface SourceTree {
  entries: SourceEntry[];
  allow: string[];
  problems: DictionaryProblem[];
  files: ExtraFiles;
}

/** Hooks that add entries made from the sources (the generated misspellings of protected terms). */
export type Generator = (
  sourceDir: string,
  root: string,
) => { entries: SourceEntry[]; problems: DictionaryProblem[]; files?: ExtraFiles };

/**
 * Reads the hand-edited sources: every YAML file below `sourceDir` (generator inputs excepted)
 * and the global allow-list `allow.txt`.
 */
export function readSources(sourceDir: string, root: string, generators: readonly Generator[] = []): SourceTree {
  const tree = loadSourceTree(sourceDir, root, (path) => path.endsWith('protected.yaml'));
  const files: ExtraFiles = {};
  for (const generate of generators) {
    const generated = generate(sourceDir, root);
    tree.entries.push(...generated.entries);
    tree.problems.push(...generated.problems);
    Object.assign(files, generated.files ?? {});
  }
  const allowPath = join(sourceDir, 'allow.txt');
  const allow = existsSync(allowPath) ? readPhraseList(allowPath) : [];
  return { entries: tree.entries, allow, problems: tree.problems, files };
}

export interface Artefact {
  files: Record<(typeof ARTEFACT_FILES)[number] | typeof CHECKSUM_FILE, Uint8Array> & Record<string, Uint8Array>;
  entries: Entry[];
}

/** Compiles entries to the shipped artefact. Deterministic: same sources, same bytes. */
export function makeArtefact(entries: readonly Entry[], allow: readonly string[], extra: ExtraFiles = {}): Artefact {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scanner = createScanner({ entries: sorted, allow, segmenter: null });
  const json = new TextEncoder().encode(`${JSON.stringify({ version: 1, allow, entries: sorted }, null, 1)}\n`);
  const bin = scanner.serialize();
  const sum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const extras = Object.fromEntries(
    Object.keys(extra)
      .sort()
      .map((name) => [name, new TextEncoder().encode(extra[name])]),
  );
  const listed: Record<string, Uint8Array> = { 'entries.json': json, 'baseline.bin': bin, ...extras };
  const checksums = new TextEncoder().encode(
    Object.entries(listed)
      .map(([name, bytes]) => `${sum(bytes)}  ${name}\n`)
      .join(''),
  );
  return { files: { 'entries.json': json, 'baseline.bin': bin, ...extras, [CHECKSUM_FILE]: checksums }, entries: sorted };
}

export interface BuildResult {
  problems: DictionaryProblem[];
  artefact?: Artefact;
  examplesRun: number;
}

/** Validates the sources and, when they are clean, makes the artefact. */
export function buildFromSources(tree: SourceTree, options: ValidateOptions = {}): BuildResult {
  if (tree.problems.length > 0) return { problems: tree.problems, examplesRun: 0 };
  const validation = validateEntries(tree.entries, { ...options, allow: tree.allow });
  if (validation.problems.length > 0) return { problems: validation.problems, examplesRun: validation.examplesRun };
  return {
    problems: [],
    artefact: makeArtefact(
      tree.entries.map((s) => s.entry),
      tree.allow,
      tree.files,
    ),
    examplesRun: validation.examplesRun,
  };
}

/** Writes each file atomically (temporary file, then rename). */
export function writeArtefact(artefact: Artefact, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of Object.entries(artefact.files)) {
    const path = join(outDir, name);
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
  }
}

/** Names of the artefact files in `outDir` that differ from a fresh build, or whose checksum does not match. */
export function staleFiles(artefact: Artefact, outDir: string): string[] {
  const stale: string[] = [];
  for (const [name, bytes] of Object.entries(artefact.files)) {
    const path = join(outDir, name);
    if (!existsSync(path) || !Buffer.from(readFileSync(path)).equals(Buffer.from(bytes))) stale.push(name);
  }
  return stale;
}

/** Checks committed files against their SHA256SUMS; returns the names that do not match. */
export function checksumMismatches(outDir: string): string[] {
  const sumsPath = join(outDir, CHECKSUM_FILE);
  if (!existsSync(sumsPath)) return [CHECKSUM_FILE];
  const bad: string[] = [];
  for (const line of readFileSync(sumsPath, 'utf8').split('\n').filter(Boolean)) {
    const [hash, name] = line.split(/\s+/);
    if (!name || !hash) continue;
    const path = join(outDir, name);
    if (!existsSync(path) || createHash('sha256').update(readFileSync(path)).digest('hex') !== hash) bad.push(name);
  }
  return bad;
}
