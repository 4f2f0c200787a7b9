import { parentPort } from 'node:worker_threads';
import { cleanPdf, PdfRefusal } from './pdf-clean.js';

/**
 * The worker thread that rewrites one PDF (pdf-lib parses in plain JavaScript: seconds of CPU
 * for a large file, which must not run on the server's event loop). Jobs come one at a time (media-jobs.ts), each answered under its id.
 * pdf-lib reports parse problems on the console; they are dropped here, not logged.
 */
console.log = console.warn = console.error = () => undefined;
parentPort?.on('message', ({ id, input }: { id: number; input: Uint8Array }) => {
  cleanPdf(input).then(
    (bytes) => parentPort?.postMessage({ id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => parentPort?.postMessage({ id, ok: false, reason: e instanceof PdfRefusal ? e.reason : 'unreadable' }),
  );
});
