import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type SegmenterStatus = { ok: true } | { ok: false; message: string };

/**
 * Whether the nodejieba addon shipped beside the server bundle loads on this machine. It is
 * built for one platform; elsewhere the server runs on dictionary rules alone. Only the small
 * native library is loaded here, not its dictionary: the server does that when it first needs it.
 */
export function checkSegmenter(distDir: string): SegmenterStatus {
  const dir = join(distDir, 'node_modules', 'nodejieba');
  const addon = join(dir, 'build', 'Release', 'nodejieba.node');
  if (!existsSync(addon)) {
    return { ok: false, message: 'nodejieba is not shipped in this build; word-boundary checks are off.' };
  }
  try {
    createRequire(join(dir, 'index.js'))(addon);
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      message: `nodejieba could not be loaded on ${process.platform}-${process.arch} (${reason}); word-boundary checks are off.`,
    };
  }
}
