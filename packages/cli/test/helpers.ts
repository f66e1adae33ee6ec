import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would. */
export function cuomin(args: readonly string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];

/** Removes the folders made by `folder`. */
export function removeFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder holding these files (text or bytes). */
export function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cuomin-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A small dictionary for tests that must not depend on the growing baseline. */
export const DICT = `category: custom
source: test
entries:
  - id: serious/xjp
    term: 习进平
    category: serious
    suggestions: [习近平]
  - id: typo/zjzl
    term: 再接再励
    category: typo
    suggestions: [再接再厉]
  - id: outdated/ybjh
    term: 银保监会
    category: outdated
    suggestions: [国家金融监督管理总局]
  - id: custom/two
    term: 两可词
    suggestions: [甲, 乙]
  - id: sensitive/mg
    term: 敏感说法
    category: sensitive
    suggestions: [另一说法]
  - id: banned/info
    term: 提示词
    category: banned
    severity: info
    suggestions: [别的词]
`;

/** Flags that scan with the test dictionary only. */
export const OWN = ['--no-baseline', '--dict', 'dict.yaml', '--no-segmentation'];
