import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Nu Html Checker (vnu.jar) over many documents in one JVM: starting Java costs a
 * second or two, so a test file collects its pages and checks them in one batch.
 */

const require = createRequire(import.meta.url);
/** vnu-jar's main export is a String object holding the jar's path. */
export const VNU_JAR = String(require('vnu-jar') as string);

export interface VnuMessage {
  type: string;
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  lastColumn?: number;
}

/** A directory of HTML documents to check together; `name` labels each in reports. */
export class HtmlBatch {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-vnu-'));
  private readonly files = new Map<string, string>();

  add(name: string, html: string): void {
    const file = path.join(this.dir, `${String(this.files.size).padStart(3, '0')}.html`);
    fs.writeFileSync(file, html);
    this.files.set(file, name);
  }

  get size(): number {
    return this.files.size;
  }

  /** Errors per document name; every added document has an entry, empty when valid. */
  async check(): Promise<Map<string, VnuMessage[]>> {
    const result = new Map<string, VnuMessage[]>([...this.files.values()].map((name) => [name, []]));
    if (!this.files.size) return result;
    const stderr = await runVnu(['--format', 'json', '--errors-only', ...this.files.keys()]);
    let parsed: { messages?: (VnuMessage & { url?: string })[] };
    try {
      parsed = JSON.parse(stderr) as typeof parsed;
    } catch {
      throw new Error(`vnu.jar did not answer JSON:\n${stderr.slice(0, 2000)}`);
    }
    for (const m of parsed.messages ?? []) {
      const file = m.url?.startsWith('file:') ? fileURLToPath(m.url) : undefined;
      const name = file ? this.files.get(file) : undefined;
      // A message that names no file we gave it (e.g. a fatal I/O error) is an error of the batch.
      const key = name ?? `(vnu) ${m.url ?? 'no file'}`;
      result.set(key, [...(result.get(key) ?? []), m]);
    }
    return result;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function formatVnu(messages: VnuMessage[]): string {
  return messages
    .map((m) => `  line ${m.lastLine ?? '?'}:${m.lastColumn ?? '?'} ${m.type}: ${m.message}${m.extract ? `\n    ${JSON.stringify(m.extract)}` : ''}`)
    .join('\n');
}

/** Runs the checker; it writes its JSON report to stderr and exits 1 when it found errors. */
function runVnu(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.env.JAVA ?? 'java', ['-Xss2m', '-jar', VNU_JAR, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error || error.code === 1) resolve(stderr);
      else reject(new Error(`vnu.jar failed (${String(error.code ?? error.message)}):\n${stderr}`));
    });
  });
}
