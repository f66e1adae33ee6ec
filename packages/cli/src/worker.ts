// A scanning thread: loads each scanner once and scans the files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseFile, ScannerCache, type FileTask, type ScanSettings } from './analyse.js';

const settings = workerData as ScanSettings;
const cache = new ScannerCache(settings.overrides);

parentPort?.on('message', (message: { id: number; task: FileTask }) => {
  analyseFile(message.task, cache, settings).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, failure: error instanceof Error ? error.message : String(error) }),
  );
});
