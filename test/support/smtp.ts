import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** envelope sender and recipients, as given in MAIL FROM and RCPT TO */
  from: string;
  rcptTo: string[];
  /** the raw message as the server received it */
  raw: string;
  /** header name (lower case) → value, unfolded; the first of repeated headers */
  headers: Record<string, string>;
  body: string;
}

/** What the server does with each message: accept it, or answer with an SMTP error. */
export type SmtpMode = 'accept' | 'reject-temporary' | 'reject-permanent';

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** how many times a client reached DATA (accepted or not) */
  attempts: number;
  mode: SmtpMode;
  close(): Promise<void>;
}

/** A simple header read: unfolds continuation lines and splits at the first colon. */
export function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    headers[name] ??= line.slice(i + 1).trim();
  }
  return { headers, body };
}

/** Decodes a quoted-printable body (nodemailer's choice for long lines), enough for tests. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * A real SMTP server on a loopback port for tests: no TLS, no authentication. In
 * 'reject-*' mode it answers DATA with 451 or 550, as a full or hostile relay would.
 */
export async function startSmtp(opts: { port?: number; mode?: SmtpMode } = {}): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    url: '',
    received: [],
    attempts: 0,
    mode: opts.mode ?? 'accept',
    close: () => Promise.resolve(),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        if (state.mode !== 'accept') {
          const err = new Error(state.mode === 'reject-temporary' ? 'try again later' : 'refused') as Error & { responseCode: number };
          err.responseCode = state.mode === 'reject-temporary' ? 451 : 550;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        state.received.push({
          from: mailFrom ? mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;
  state.port = port;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
