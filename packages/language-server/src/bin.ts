#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const USAGE = `usage: cuomin-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Serves cuomin (错敏 checks) over the Language Server Protocol.
  --stdio        talk JSON-RPC on standard input and output (Neovim, Emacs, Helix, Sublime)
  --node-ipc     talk over Node's IPC channel (VS Code)
  --socket=PORT  connect to a TCP port
  --pipe=NAME    connect to a named pipe`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
} else if (args.includes('--version')) {
  process.stdout.write('0.1.0\n');
} else if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe=') || a.startsWith('--clientProcessId'))) {
  process.stderr.write(`cuomin-language-server: say how to talk to the editor.\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  // The connection picks the transport from the same arguments.
  const connection = createConnection(ProposedFeatures.all);
  // Keep serving after a bug in one handler; the editor shows the log.
  process.on('uncaughtException', (error) => connection.console.error(`cuomin: uncaught: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`cuomin: unhandled rejection: ${String(reason)}`));
  startServer(connection);
}
