// The extension's settings against the language server's: they cannot drift apart.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@cuomin/language-server';
import { CATEGORIES } from '@cuomin/types';
import { describe, expect, it } from 'vitest';
import { CATEGORIES as CLIENT_CATEGORIES } from '../src/diagnostics.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const properties: Record<string, { type: string | string[]; default: unknown; items?: { enum?: string[] }; properties?: Record<string, unknown> }> =
  manifest.contributes.configuration.properties;

/** Settings the extension applies itself; the server never sees them. */
const CLIENT_ONLY = ['severity'];

const contributed = Object.keys(properties).map((key) => {
  expect(key.startsWith('cuomin.')).toBe(true);
  return key.slice('cuomin.'.length);
});
const serverKeys = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function parse(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const settings = parseSettings(raw, (message) => warnings.push(message));
  return { settings, warnings };
}

/** A value of each JSON type a setting declares, and one of a type it does not. */
function samples(key: string): { good: unknown[]; bad: unknown } {
  const property = properties[`cuomin.${key}`]!;
  const types = Array.isArray(property.type) ? property.type : [property.type];
  const good = types.map((type) => {
    if (type === 'boolean') return false;
    if (type === 'null') return null;
    if (type === 'array') return property.items?.enum ? [property.items.enum[0]] : ['x'];
    throw new Error(`no sample for ${type}`);
  });
  const bad = types.includes('array') ? 'not a list' : 'not a boolean';
  return { good, bad };
}

describe('contributes.configuration and the server settings', () => {
  it('contributes every server setting, and nothing else but the client-side ones', () => {
    expect([...contributed].sort()).toEqual([...serverKeys, ...CLIENT_ONLY].sort());
  });

  it.each(serverKeys)('the default of cuomin.%s means what the server does without it', (key) => {
    const { settings, warnings } = parse({ [key]: properties[`cuomin.${key}`]!.default });
    expect(warnings).toEqual([]);
    if (key === 'categories') {
      // The server's default (undefined) reports every category; the manifest lists them all.
      expect(DEFAULT_SETTINGS.categories).toBeUndefined();
      expect(settings.categories).toEqual([...CATEGORIES]);
    } else {
      expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
    }
  });

  it.each(serverKeys)('cuomin.%s has the type the server reads', (key) => {
    const { good, bad } = samples(key);
    for (const value of good) {
      const { settings, warnings } = parse({ [key]: value });
      expect(warnings, `${key}: ${JSON.stringify(value)}`).toEqual([]);
      if (value !== null) expect(settings[key]).toEqual(value);
    }
    expect(parse({ [key]: bad }).warnings.length, `${key}: ${JSON.stringify(bad)}`).toBe(1);
  });

  it('offers exactly the categories the core knows, for turning off and for severity', () => {
    expect(properties['cuomin.categories']!.items?.enum).toEqual([...CATEGORIES]);
    expect(Object.keys(properties['cuomin.severity']!.properties ?? {})).toEqual([...CATEGORIES]);
    expect([...CLIENT_CATEGORIES]).toEqual([...CATEGORIES]);
    for (const category of CATEGORIES) {
      expect(parse({ categories: [category] }).warnings).toEqual([]);
    }
  });

  it('documents every setting in the README, as the manifest says', () => {
    const script = fileURLToPath(new URL('../scripts/settings-doc.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
