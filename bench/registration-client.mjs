// The public registration form as a client sees it, for the bench's registration burst
// (bench/burst.mjs) and the crash drill (scripts/crash-drill.mjs):
//   GET  /events/<slug>/register   the form; sets the CSRF cookie, carries the _csrf token
//   POST /events/<slug>/register   email, name, idem, _csrf (urlencoded, with the cookie)
//        200 with <main data-outcome="confirmed|waitlisted"> once the registration is committed
// One cookie and its token serve any number of POSTs. Every POST gets its own connection
// (no keep-alive, no pool limit), so a burst really is sent all at once.
import crypto from 'node:crypto';
import http from 'node:http';

/** An idempotency key as the form makes them: 32 URL-safe characters (the app accepts /^[A-Za-z0-9_-]{16,64}$/). */
export const idempotencyKey = () => crypto.randomBytes(24).toString('base64url');

const decodeAttr = (s) =>
  s
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Opens the form once: its URL, the CSRF cookie and the token to post with it. */
export async function openForm(origin, slug) {
  const url = `${origin}/events/${slug}/register`;
  const res = await fetch(url);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const input = [...html.matchAll(/<input\b[^>]*>/gi)].map((m) => m[0]).find((tag) => /\bname=["']?_csrf["'\s>]/i.test(tag));
  const csrf = input && /\bvalue=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(input);
  const token = csrf ? decodeAttr(csrf[1] ?? csrf[2] ?? csrf[3] ?? '') : '';
  if (!token) throw new Error(`GET ${url}: no _csrf field in the form`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`GET ${url}: no cookie set`);
  return { url, csrf: token, cookie };
}

/** An agent with no limit on sockets and no keep-alive: one fresh connection per request. */
export const burstAgent = () => new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One registration. Resolves (never rejects) with the HTTP status (0 when the connection
 * failed), the outcome the page names, the latency in ms from sending to the last byte,
 * and the error for a failed connection.
 * @returns {Promise<{ status: number, outcome: string | null, ms: number, error: string | null }>}
 */
export function postRegistration(agent, form, { email, name, idem }, timeoutMs = 120_000) {
  const body = new URLSearchParams({ email, name, idem, _csrf: form.csrf }).toString();
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r) => {
      if (settled) return;
      settled = true;
      resolve({ ms: ms(), ...r });
    };
    const req = http.request(
      form.url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), cookie: form.cookie },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          // A body cut short (the server died while sending it) is not an answer.
          if (!res.complete) return done({ status: 0, outcome: null, error: 'incomplete response' });
          const html = Buffer.concat(chunks).toString('utf8');
          const outcome = /<main\b[^>]*\bdata-outcome=["']?([a-z-]+)/i.exec(html)?.[1] ?? null;
          done({ status: res.statusCode ?? 0, outcome, error: null });
        });
        res.on('error', (e) => done({ status: 0, outcome: null, error: e.code ?? e.message }));
        res.on('aborted', () => done({ status: 0, outcome: null, error: 'aborted' }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ status: 0, outcome: null, error: e.code ?? e.message }));
    req.end(body);
  });
}

/** The q-th percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}
