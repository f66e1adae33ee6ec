// The command line as a function, for tools that embed it; the `cuomin` bin is a thin wrapper around it.
export { run } from './main.js';
export { EXIT, UsageError, processIo, type Io } from './io.js';
