import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyFixes, type Finding } from '@cuomin/core';
import { createTwoFilesPatch } from 'diff';
import { decode, hashBytes } from './read.js';

export type FixOutcome =
  | { status: 'fixed'; applied: Finding[]; diff: string }
  | { status: 'nothing' }
  | { status: 'changed' }
  | { status: 'error'; message: string };

/**
 * Applies the fixable findings of one file. The file is read again and must still be the bytes that were
 * scanned (`hash`); the new text goes to a temporary file beside it that is renamed over it. Line endings
 * and a BOM are kept, because only the findings' spans change. With `dryRun`, nothing is written.
 */
export function fixFile(path: string, shownPath: string, hash: string, findings: readonly Finding[], dryRun: boolean): FixOutcome {
  const candidates = findings.filter((f) => f.fixable && f.expected.length === 1);
  if (candidates.length === 0) return { status: 'nothing' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { status: 'error', message: (error as Error).message };
  }
  if (hashBytes(bytes) !== hash) return { status: 'changed' };
  const { text, bom } = decode(bytes);
  const { text: fixed, applied } = applyFixes(text, candidates);
  if (applied.length === 0) return { status: 'nothing' };
  const diff = createTwoFilesPatch(`a/${shownPath}`, `b/${shownPath}`, text, fixed, undefined, undefined, { context: 3 });
  if (dryRun) return { status: 'fixed', applied, diff };
  const temporary = join(dirname(path), `.${basename(path)}.cuomin-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, (bom ? '\uFEFF' : '') + fixed, { flag: 'wx' });
    chmodSync(temporary, statSync(path).mode);
    // Last look before replacing: someone may have saved the file while we worked.
    if (hashBytes(readFileSync(path)) !== hash) {
      unlinkSync(temporary);
      return { status: 'changed' };
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    return { status: 'error', message: (error as Error).message };
  }
  return { status: 'fixed', applied, diff };
}
