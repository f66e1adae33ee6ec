import { existsSync, readFileSync, statSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { findConfigFile, readConfigFile } from '@cuomin/config';
import { kindForPath } from '@cuomin/documents';

/** Folders never walked into. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface Input {
  absolute: string;
  /** Named on the command line (scanned whatever its extension) rather than found in a folder. */
  explicit: boolean;
}

export interface Resolved {
  files: Input[];
  errors: string[];
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Gitignore rules of one folder, read once. */
class IgnoreRules {
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

/** Files below `root` of a kind cuomin reads, skipping ignored paths, in a stable order. */
async function walk(root: string, rules: IgnoreRules, out: Input[]): Promise<void> {
  const entries: { name: string; dir: boolean }[] = [];
  const handle = await opendir(root);
  for await (const entry of handle) {
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(entry.name)) entries.push({ name: entry.name, dir: true });
    } else if (entry.isFile() && kindForPath(entry.name) !== undefined) entries.push({ name: entry.name, dir: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (rules.ignored(path, entry.dir)) continue;
    if (entry.dir) await walk(path, rules, out);
    else out.push({ absolute: path, explicit: false });
  }
}

/** Turns command-line paths and globs into files; what cannot be found becomes a one-line error. */
export async function resolveInputs(patterns: readonly string[], cwd: string, configOverride: string | undefined): Promise<Resolved & { configFor(dir: string): string | undefined }> {
  const rules = new IgnoreRules(configOverride);
  const files: Input[] = [];
  const errors: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let info: ReturnType<typeof statSync> | undefined;
    try {
      info = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        errors.push(`${pattern}: ${code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
        continue;
      }
    }
    if (info?.isDirectory()) {
      const found: Input[] = [];
      try {
        await walk(absolute, rules, found);
      } catch (error) {
        errors.push(`${pattern}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        continue;
      }
      if (found.length === 0) errors.push(`${pattern}: no files to scan in this folder (looked for .txt, .md, .markdown, .html, .htm, .docx)`);
      files.push(...found);
    } else if (info) {
      files.push({ absolute, explicit: true });
    } else if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      const kept = matches.filter((path) => !rules.ignored(path, false)).sort();
      if (kept.length === 0) errors.push(`${pattern}: no files match`);
      files.push(...kept.map((path) => ({ absolute: path, explicit: true })));
    } else {
      errors.push(`${pattern}: no such file or folder`);
    }
  }
  // The same file named twice is scanned once.
  const seen = new Set<string>();
  const unique = files.filter((f) => (seen.has(f.absolute) ? false : (seen.add(f.absolute), true)));
  return { files: unique, errors, configFor: (dir) => rules.configFor(dir) };
}
