import { existsSync, readFileSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findConfigFile, readConfigFile } from './index.js';

// Which files of a folder tree are scanned: the same rules for the command line and the
// language server's workspace scan (.gitignore up to the repository's top, and the config's `ignore`).

/** Folders never walked into. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Gitignore rules of one folder, read once. */
export class IgnoreRules {
  private readonly byDir = new Map<string, Ignore | null>();
  private readonly configIgnores = new Map<string, Ignore | null>();
  private readonly configByDir = new Map<string, string | undefined>();

  constructor(private readonly configOverride: string | undefined) {}

  private gitignore(dir: string): Ignore | null {
    let rules = this.byDir.get(dir);
    if (rules === undefined) {
      const file = join(dir, '.gitignore');
      rules = existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : null;
      this.byDir.set(dir, rules);
    }
    return rules;
  }

  private readonly ancestors = new Map<string, string[]>();

  /** `dir` and the folders above it up to the top of its repository (the folder holding .git). */
  private repositoryDirs(dir: string): string[] {
    let dirs = this.ancestors.get(dir);
    if (!dirs) {
      const parent = dirname(dir);
      dirs = existsSync(join(dir, '.git')) || parent === dir ? [dir] : [dir, ...this.repositoryDirs(parent)];
      this.ancestors.set(dir, dirs);
    }
    return dirs;
  }

  configFor(dir: string): string | undefined {
    if (this.configOverride) return this.configOverride;
    if (!this.configByDir.has(dir)) this.configByDir.set(dir, findConfigFile(dir));
    return this.configByDir.get(dir);
  }

  private configIgnore(configPath: string): Ignore | null {
    let rules = this.configIgnores.get(configPath);
    if (rules === undefined) {
      const patterns = readConfigFile(configPath).config.ignore ?? [];
      rules = patterns.length > 0 ? ignore().add(patterns) : null;
      this.configIgnores.set(configPath, rules);
    }
    return rules;
  }

  /** Whether `path` is ignored by a .gitignore between it and the top of its repository, or by the config's `ignore`. */
  ignored(path: string, isDir: boolean): boolean {
    const suffix = isDir ? '/' : '';
    for (const dir of this.repositoryDirs(dirname(path))) {
      const rules = this.gitignore(dir);
      if (rules?.ignores(toPosix(relative(dir, path)) + suffix)) return true;
    }
    const configPath = this.configFor(isDir ? path : dirname(path));
    if (configPath) {
      const rel = relative(dirname(configPath), path);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel) && this.configIgnore(configPath)?.ignores(toPosix(rel) + suffix)) return true;
    }
    return false;
  }
}

/** Files below `root` that `accept` takes by name, skipping ignored paths, in a stable order. */
export async function walkFiles(root: string, rules: IgnoreRules, accept: (name: string) => boolean, out: string[] = []): Promise<string[]> {
  const entries: { name: string; dir: boolean }[] = [];
  const handle = await opendir(root);
  for await (const entry of handle) {
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(entry.name)) entries.push({ name: entry.name, dir: true });
    } else if (entry.isFile() && accept(entry.name)) entries.push({ name: entry.name, dir: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (rules.ignored(path, entry.dir)) continue;
    if (entry.dir) await walkFiles(path, rules, accept, out);
    else out.push(path);
  }
  return out;
}
