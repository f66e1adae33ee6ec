import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the README is what CI runs', () => {
  test('the quick start has exactly two commands and .ci/run runs both verbatim', () => {
    const quickStart = read('README.md').split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const commands = [...quickStart.matchAll(/```sh\n([^`]+?)\n```/g)].map((m) => (m[1] ?? '').trim());
    expect(commands).toHaveLength(2);
    expect(commands[1]).toBe('pnpm test');
    const ci = read('.ci/run').split('\n').map((line) => line.trim());
    for (const command of commands) expect(ci).toContain(command);
  });

  test('pnpm is pinned to the version the README installs', () => {
    const manifest = JSON.parse(read('package.json')) as { packageManager: string };
    expect(read('README.md')).toContain(`npm install --global ${manifest.packageManager}`);
  });
});
