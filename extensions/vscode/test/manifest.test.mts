import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COMMANDS } from '@cuomin/language-server';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const require = createRequire(import.meta.url);
const source = readFileSync(new URL('../src/extension.ts', import.meta.url), 'utf8');

describe('the extension manifest', () => {
  it('activates on Markdown, plain text and HTML files only (commands activate it implicitly)', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:markdown', 'onLanguage:plaintext', 'onLanguage:html']);
  });

  it("asks for the VS Code that vscode-languageclient needs, and types no newer than that", () => {
    const client = JSON.parse(readFileSync(new URL('../node_modules/vscode-languageclient/package.json', import.meta.url), 'utf8'));
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
    const types = JSON.parse(readFileSync(require.resolve('@types/vscode/package.json'), 'utf8'));
    expect(`^${types.version}`).toBe(manifest.engines.vscode);
  });

  it('contributes the commands the client registers and the server command it wraps', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    // The server's scan runs through workspace/executeCommand; the client registers it when the server starts.
    expect(source).toContain(`const SCAN_WORKSPACE = '${COMMANDS.scanWorkspace}'`);
    expect([...registered, COMMANDS.scanWorkspace].sort()).toEqual(contributed);
    for (const command of manifest.contributes.commands) {
      expect(command.category).toBe('cuomin');
      expect(command.title.length).toBeGreaterThan(0);
    }
  });

  it('starts the bundled server and ships no dependencies of its own', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(source).toContain("asAbsolutePath('dist/server.js')");
    expect(manifest.dependencies).toBeUndefined();
  });
});
