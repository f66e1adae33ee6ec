// Writes the settings table of README.md from contributes.configuration (`--check`: fail if it is stale).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const readmeUrl = new URL('README.md', root);
const readme = readFileSync(readmeUrl, 'utf8');

export function settingsTable(properties) {
  const rows = Object.entries(properties).map(([key, p]) => {
    const type = (Array.isArray(p.type) ? p.type : [p.type]).join(' or ');
    const text = (p.markdownDescription ?? p.description).replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| \`${key}\` | ${type} | \`${JSON.stringify(p.default)}\` | ${text} |`;
  });
  return ['| setting | type | default | what it does |', '|---|---|---|---|', ...rows].join('\n');
}

const start = '<!-- settings:start -->';
const end = '<!-- settings:end -->';
const before = readme.slice(0, readme.indexOf(start) + start.length);
const after = readme.slice(readme.indexOf(end));
const next = `${before}\n${settingsTable(manifest.contributes.configuration.properties)}\n${after}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md: the settings table is stale; run node scripts/settings-doc.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(readmeUrl, next);
}
