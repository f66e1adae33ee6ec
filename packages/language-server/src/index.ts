// @cuomin/language-server: cuomin over the Language Server Protocol.
export { startServer, COMMANDS, type ServerOptions } from './server.js';
export { chunkStarts, ChunkedScan } from './chunks.js';
export { parseSettings, DEFAULT_SETTINGS, type Settings } from './settings.js';
