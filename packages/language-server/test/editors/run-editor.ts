import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_BIN } from '../helpers.js';

export const INSTALL = 'apt-get update && apt-get install -y neovim emacs-nox elpa-eglot';

/** Fails (never skips) when the editor is missing, saying how to install it. */
export function requireEditor(binary: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${binary} is not installed; the editor tests need it. Install with: ${INSTALL}`);
  }
}

/** Runs an editor script headless against a workspace and returns the JSON report it wrote. */
export async function runEditor(binary: string, args: string[], workspace: string): Promise<Record<string, unknown>> {
  const report = join(workspace, 'report.json');
  const child = spawn(binary, args, {
    cwd: workspace,
    env: { ...process.env, CUOMIN_WORKSPACE: workspace, CUOMIN_SERVER: SERVER_BIN, CUOMIN_REPORT: report, HOME: workspace },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (!existsSync(report)) {
    throw new Error(`${binary} exited with ${code} and wrote no report (if a package is missing: ${INSTALL}); output:\n${output}`);
  }
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
  const errors = [...((parsed.errors as string[] | undefined) ?? []), ...(parsed.error ? [parsed.error as string] : [])];
  if (errors.length > 0) throw new Error(`${binary} script failed: ${errors.join('; ')}\noutput:\n${output}`);
  return parsed;
}
