import { dictCommand } from './dict.js';
import { EXIT, UsageError, type Io } from './io.js';
import { scanCommand } from './scan.js';

const HELP = `cuomin — 错敏信息检查 / checks Chinese text for 错敏 terms before it is published

Usage:
  cuomin scan [paths | globs | -] [options]   scan files (see cuomin scan --help)
  cuomin dict <validate|build|stats|import> …  curate dictionaries (see cuomin dict --help)
  cuomin --version
`;

/** Runs the command line; returns the exit code. Never calls process.exit. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'dict':
        return await dictCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout('0.1.0\n');
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}" (try cuomin --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cuomin: ${error.message}\n`);
      return EXIT.usage;
    }
    // Node's parseArgs errors are usage errors too.
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`cuomin: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
