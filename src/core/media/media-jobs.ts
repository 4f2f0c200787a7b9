import { Worker, type WorkerOptions } from 'node:worker_threads';
import { invalid } from '../shared/errors.js';
import type { PdfRefusalReason } from './pdf-clean.js';

/**
 * Image and PDF work, one job at a time per process. Both are CPU-heavy (libvips decoding
 * in the libuv threadpool, pdf-lib parsing in a worker thread); one at a time keeps the
 * second core and three of libuv's four threads (file reads, password hashing, crypto) free
 * for other requests, whatever a hostile upload asks for. Uploads are staff work and rare:
 * a few may wait, more are refused with a message instead of piling up in memory.
 */
export class JobQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw invalid('too many uploads at once', { file: 'upload.busy' });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export const mediaJobs = new JobQueue(1, 4);

/** Wall-clock and heap bounds for one PDF; the worker is ended when it goes over. */
export const PDF_JOB_LIMITS = { ms: 30_000, heapMb: 512 } as const;

/**
 * The worker thread's code. In the bundle it is dist/pdf-worker.js next to the entry point. In
 * the sources (tests, `npm run dev`) it is the .ts file next to this one, and a worker thread
 * does not inherit tsx's loader from the `--import tsx` of its process, so a two-line module
 * registers it first (tsx is a development dependency; the bundle never takes this branch).
 */
function newWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pdf-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pdf.worker.ts', import.meta.url).href;
  return new Worker(`import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`, { ...options, eval: true });
}

type WorkerAnswer = { ok: true; bytes: Uint8Array } | { ok: false; reason: PdfRefusalReason };

/**
 * One worker thread, started on the first PDF and kept (starting one and loading pdf-lib
 * costs more than rewriting a small file); ended and replaced after a job that went over
 * its time or memory, or crashed. It never keeps the process alive.
 */
let pdfWorker: Worker | undefined;
let nextJob = 0;

function currentWorker(): Worker {
  if (pdfWorker) return pdfWorker;
  const worker = newWorker({ resourceLimits: { maxOldGenerationSizeMb: PDF_JOB_LIMITS.heapMb } });
  worker.unref();
  worker.once('exit', () => {
    if (pdfWorker === worker) pdfWorker = undefined;
  });
  pdfWorker = worker;
  return worker;
}

/** Rewrites a PDF in the worker thread (see pdf-clean.ts); resolves to the new bytes or the refusal reason. */
export function cleanPdfInWorker(input: Uint8Array): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    const worker = currentWorker();
    const id = ++nextJob;
    const onMessage = (m: WorkerAnswer & { id: number }) => {
      if (m.id === id) finish(m.ok ? { ok: true, bytes: m.bytes } : { ok: false, reason: m.reason });
    };
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any crash: the file is refused, the server goes on.
    const onError = () => finish({ ok: false, reason: 'too-complex' }, true);
    const onExit = () => finish({ ok: false, reason: 'too-complex' }, true);
    const timer = setTimeout(() => finish({ ok: false, reason: 'too-complex' }, true), PDF_JOB_LIMITS.ms);
    let done = false;
    function finish(answer: WorkerAnswer, broken = false) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (broken) {
        if (pdfWorker === worker) pdfWorker = undefined;
        void worker.terminate();
      }
      resolve(answer);
    }
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    // a copy: a Buffer may be a view into a larger pooled ArrayBuffer, which would be cloned whole
    worker.postMessage({ id, input: new Uint8Array(input) });
  });
}
