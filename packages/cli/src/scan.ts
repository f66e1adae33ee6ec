import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBaselineScanner } from '@cuomin/dictionary';
import { EXIT, UsageError, type Io } from './io.js';

/** Scans plain-text files with the baseline dictionary and prints `path:line:col severity message rule`. */
export async function scanCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('give files to scan');
  const scanner = createBaselineScanner();
  let errors = 0;
  for (const path of positionals) {
    const text = readFileSync(resolve(io.cwd, path), 'utf8').replace(/^\uFEFF/, '');
    for (const f of scanner.scan(text).findings) {
      const before = text.slice(0, f.start);
      const line = before.split('\n').length;
      const column = f.start - before.lastIndexOf('\n');
      io.stdout(`${path}:${line}:${column} ${f.severity} ${f.message} ${f.ruleId}\n`);
      if (f.severity === 'error') errors++;
    }
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
