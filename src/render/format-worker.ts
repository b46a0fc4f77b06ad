/**
 * The formatting worker started by startFormatter(): it loads prettier and its TypeScript
 * parser at once (that is what it is for), then formats on request with format.ts's own code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeCodeCaches } from '../code-cache.js';
import { formatChangeHere, formatFileHere, formatterFor, setFormatFallback, type FormatCall } from './format.js';

// Formatting an empty module loads the parser and printer, most of prettier's start-up: the
// prettier a TypeScript file in the command's folder gets (standalone unless a config applies).
const { dir } = workerData as { dir: string };
void formatterFor(dir, 'warm-up.ts')
  .then(({ prettier, options }) => prettier.format('', options))
  .catch(() => {});

const calls: Record<FormatCall, (...args: string[]) => Promise<string>> = {
  formatFile: (root, path, content) => formatFileHere(root!, path!, content!),
  formatChange: (root, path, before, after) => formatChangeHere(root!, path!, before!, after!),
  setFallback: async (options) => {
    setFormatFallback((JSON.parse(options!) as import('prettier').Options | null) ?? undefined);
    return '';
  },
};

parentPort!.on('message', async ({ id, name, args }: { id: number; name: FormatCall; args: string[] }) => {
  try {
    parentPort!.postMessage({ id, text: await calls[name](...args) });
  } catch (error) {
    parentPort!.postMessage({ id, error });
  }
  // After the answer: a worker may be terminated without an exit event to write them at.
  writeCodeCaches();
});
