import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { IgnoreRules, walkFiles } from '@cuomin/config';
import { kindForPath } from '@cuomin/documents';

export interface Input {
  absolute: string;
  /** Named on the command line (scanned whatever its extension) rather than found in a folder. */
  explicit: boolean;
}

export interface Resolved {
  files: Input[];
  errors: string[];
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
        for (const path of await walkFiles(absolute, rules, (name) => kindForPath(name) !== undefined)) found.push({ absolute: path, explicit: false });
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
