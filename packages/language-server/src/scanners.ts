import { dirname, resolve } from 'node:path';
import {
  createConfiguredScanner,
  effectiveRules,
  findConfigFile,
  readConfigFile,
  type LoadedConfig,
  type RuleLevel,
} from '@cuomin/config';
import type { Scanner } from '@cuomin/core';

/** A scanner and what it was built from. Replaced as a whole when a file it depends on changes. */
export interface ScannerEntry {
  key: string;
  configPath: string | undefined;
  config: LoadedConfig | undefined;
  /** Dictionary files from the editor settings, absolute. */
  extraDictionaries: string[];
  segmentation: boolean | undefined;
  scanner: Scanner;
  /** Every file the scanner was built from: config file and dictionaries. */
  files: string[];
  rules: Record<string, RuleLevel>;
  /** Changes whenever the scanner is rebuilt, so cached scan results can tell they are stale. */
  generation: number;
}

export interface ScannerRequest {
  /** Folder of the document (config files are looked up from here), or undefined for unsaved documents. */
  dir: string | undefined;
  /** Dictionary paths from the settings, resolved against `base`. */
  dictionaries: string[];
  base: string | undefined;
  segmentation: boolean | undefined;
}

let generations = 0;

/**
 * Config files, and scanners built from them, cached so that building a scanner (up to seconds
 * with the baseline and segmentation) happens once per configuration, not once per document.
 * A broken file never replaces a good one: the last good configuration stays in force.
 */
export class ScannerCache {
  private configs = new Map<string, LoadedConfig>();
  private configPaths = new Map<string, string | undefined>();
  private scanners = new Map<string, ScannerEntry>();

  constructor(private readonly report: (message: string) => void) {}

  get(request: ScannerRequest): ScannerEntry {
    const configPath = request.dir === undefined ? undefined : this.configPathFor(request.dir);
    const extra = request.dictionaries.map((p) => resolve(request.base ?? process.cwd(), p));
    const key = JSON.stringify([configPath ?? null, extra, request.segmentation ?? null]);
    const cached = this.scanners.get(key);
    if (cached) return cached;
    const config = configPath === undefined ? undefined : this.loadConfig(configPath);
    const entry = this.build(key, configPath, config, extra, request.segmentation) ?? this.fallback(key, configPath, config, extra, request.segmentation);
    this.scanners.set(key, entry);
    return entry;
  }

  /**
   * A file changed on disk. Returns true when any scanner was rebuilt or the config lookup may
   * now give another answer (so open documents need new diagnostics).
   */
  fileChanged(path: string, kind: 'created' | 'changed' | 'deleted'): boolean {
    const file = resolve(path);
    let affected = false;
    if (/(^|[\\/])cuomin\.config\.(json|ya?ml)$/.test(file) && kind !== 'changed') {
      // Which config a folder uses may have changed.
      this.configPaths.clear();
      affected = true;
    }
    for (const [key, entry] of this.scanners) {
      if (!entry.files.includes(file)) continue;
      affected = true;
      if (kind === 'deleted' && file === entry.configPath) {
        this.configs.delete(file);
        this.scanners.delete(key);
        continue;
      }
      let config = entry.config;
      if (file === entry.configPath) {
        const reloaded = this.readConfig(file);
        if (!reloaded) continue;
        config = reloaded;
        this.configs.set(file, reloaded);
      }
      const rebuilt = this.build(key, entry.configPath, config, entry.extraDictionaries, entry.segmentation);
      if (rebuilt) this.scanners.set(key, rebuilt);
    }
    return affected;
  }

  /** Every file some scanner depends on, for watching without client support. */
  files(): string[] {
    return [...new Set([...this.scanners.values()].flatMap((e) => e.files))];
  }

  /** Builds and reports; undefined when the dictionaries are broken. */
  private build(
    key: string,
    configPath: string | undefined,
    config: LoadedConfig | undefined,
    extraDictionaries: string[],
    segmentation: boolean | undefined,
  ): ScannerEntry | undefined {
    const overrides = { dictionaries: extraDictionaries, ...(segmentation === undefined ? {} : { segmentation }) };
    try {
      const { scanner, dictionaryFiles } = createConfiguredScanner(config, overrides);
      return {
        key,
        configPath,
        config,
        extraDictionaries,
        segmentation,
        scanner,
        files: [...(configPath ? [configPath] : []), ...dictionaryFiles],
        rules: effectiveRules(config, overrides),
        generation: ++generations,
      };
    } catch (error) {
      this.report(`cuomin: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** When there was never a good build: the configuration without its dictionaries, still watched. */
  private fallback(
    key: string,
    configPath: string | undefined,
    config: LoadedConfig | undefined,
    extraDictionaries: string[],
    segmentation: boolean | undefined,
  ): ScannerEntry {
    const stripped = config ? { ...config, config: { ...config.config, dictionaries: [] } } : undefined;
    const entry = this.build(key, configPath, stripped, [], segmentation) ?? this.build(key, undefined, undefined, [], segmentation);
    if (!entry) throw new Error('cannot build even the default scanner');
    // Remember what was asked for, so that fixing the broken file rebuilds with it.
    const wanted = (config?.config.dictionaries ?? []).map((p) => resolve(config?.dir ?? '.', p));
    return { ...entry, config, extraDictionaries, files: [...new Set([...entry.files, ...wanted, ...extraDictionaries])] };
  }

  private configPathFor(dir: string): string | undefined {
    if (!this.configPaths.has(dir)) this.configPaths.set(dir, findConfigFile(dir));
    return this.configPaths.get(dir);
  }

  private loadConfig(path: string): LoadedConfig | undefined {
    const cached = this.configs.get(path);
    if (cached) return cached;
    const loaded = this.readConfig(path);
    if (loaded) this.configs.set(path, loaded);
    return loaded;
  }

  private readConfig(path: string): LoadedConfig | undefined {
    try {
      return readConfigFile(path);
    } catch (error) {
      this.report(`cuomin: ${(error as Error).message}`);
      return undefined;
    }
  }
}

export function documentDir(path: string | undefined): string | undefined {
  return path === undefined ? undefined : dirname(path);
}
