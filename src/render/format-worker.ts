/**
 * The formatting worker started by startFormatter(): it loads prettier and its TypeScript
 * parser at once (that is what it is for), then formats on request with format.ts's own code.
 */
import { parentPort } from 'node:worker_threads';
import { formatChangeHere, formatFileHere, loadPrettier, setFormatFallback, type FormatCall } from './format.js';

// Formatting an empty module loads the typescript and estree plugins, half of prettier's start-up.
void loadPrettier().then((prettier) => prettier.format('', { parser: 'typescript' })).catch(() => {});

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
});
