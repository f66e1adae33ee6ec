import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createScanner } from '../src/index.js';
import { ENTRIES } from './helpers.js';

// Real official text lives outside the repository; CI has it, a user's machine may not.
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name !== 'SOURCES.md' && (name.endsWith('.md') || name.endsWith('.txt')) ? [path] : [];
  });
}

describe.runIf(existsSync(CORPUS))('sweep over the official corpus', () => {
  test('the test dictionary stays quiet on official text', () => {
    const scanner = createScanner({ entries: ENTRIES });
    const hits: string[] = [];
    let chars = 0;
    for (const file of files(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      chars += text.length;
      for (const f of scanner.scan(text).findings) {
        expect(text.slice(f.start, f.end)).toBe(f.actual);
        hits.push(`${relative(CORPUS, file)}:${f.start} ${f.ruleId} ${text.slice(Math.max(0, f.start - 8), f.end + 8).replace(/\s+/g, ' ')}`);
      }
    }
    console.log(`corpus sweep: ${chars} characters, ${hits.length} findings\n${hits.join('\n')}`);
    expect(chars).toBeGreaterThan(400_000);
    // The raw substring search finds 16 hits here (以经营主体, “台独”, 卫生部门, 卫生部令, 农业部门, 环境保护部门);
    // normalisation, boundaries, quotes and allow phrases must remove every one of them.
    expect(hits).toEqual([]);
  });
});
