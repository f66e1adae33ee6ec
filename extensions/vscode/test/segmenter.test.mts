import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSegmenter } from '../src/segmenter.js';

const dirs: string[] = [];
function distWith(addon?: (file: string) => void): string {
  const dist = mkdtempSync(join(tmpdir(), 'cuomin-seg-'));
  dirs.push(dist);
  if (addon) {
    const file = join(dist, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');
    mkdirSync(dirname(file), { recursive: true });
    addon(file);
  }
  return dist;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// The addon the workspace built, found as scripts/build.mjs finds it: through the server and the core.
const resolveFrom = (from: string, name: string) => createRequire(from).resolve(name);
const core = resolveFrom(resolveFrom(import.meta.url, '@cuomin/language-server'), '@cuomin/core');
const built = join(dirname(resolveFrom(core, 'nodejieba/package.json')), 'build', 'Release', 'nodejieba.node');

describe('checkSegmenter', () => {
  it('loads the addon shipped beside the bundle', () => {
    expect(checkSegmenter(distWith((file) => cpSync(built, file)))).toEqual({ ok: true });
  });

  it('says why when the addon is not shipped', () => {
    const status = checkSegmenter(distWith());
    expect(status.ok).toBe(false);
    expect(!status.ok && status.message).toMatch(/not shipped.*word-boundary checks are off/);
  });

  it('says why when the addon was built for another platform', () => {
    const status = checkSegmenter(distWith((file) => writeFileSync(file, 'not a shared object')));
    expect(status.ok).toBe(false);
    expect(!status.ok && status.message).toContain(`nodejieba could not be loaded on ${process.platform}-${process.arch}`);
  });
});
