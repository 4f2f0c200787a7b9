/**
 * The passkey buttons (progressive enhancement). The pages render them `hidden` with the
 * URLs to talk to; this script shows them when the browser can use passkeys, asks the
 * server for options (a JSON POST with the page's CSRF token in a header), lets the
 * browser talk to the authenticator, posts the answer and goes where the server says.
 * Without JavaScript, or without WebAuthn, the pages work as before with codes.
 *
 *   <button type="button" hidden data-passkey="login|register" data-options="/…" data-verify="/…"
 *           data-failed="message" data-status="id of a role=status element" data-label="id of an input"
 *           data-origin="the only origin passkeys work on" data-wrong-origin="message"
 *           data-passphrase="id of a password input, sent with the request for options">
 *
 * A browser makes and uses a passkey only for the site's own name: on another address of
 * the same server (http://127.0.0.1:3000 for http://localhost:3000) it would fail, so the
 * button says where to go instead of trying.
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';

interface Answer {
  options?: unknown;
  next?: string;
  error?: string;
}

const csrfToken = (el: Element): string => {
  const field = el.closest('form')?.querySelector<HTMLInputElement>('input[name="_csrf"]') ?? document.querySelector<HTMLInputElement>('input[name="_csrf"]');
  return field?.value ?? '';
};

/** Only paths on this site: the server never sends anything else, and we do not follow it if it did. */
const go = (next: string): void => {
  if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) window.location.assign(next);
};

async function post(url: string, token: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
    body: JSON.stringify(body),
  });
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return {};
  return (await res.json()) as Answer;
}

function say(button: HTMLButtonElement, text: string): void {
  const id = button.dataset.status;
  const status = id ? document.getElementById(id) : null;
  if (status) status.textContent = text;
}

async function run(button: HTMLButtonElement): Promise<void> {
  const kind = button.dataset.passkey;
  const optionsUrl = button.dataset.options;
  const verifyUrl = button.dataset.verify;
  const failed = button.dataset.failed ?? '';
  if (!optionsUrl || !verifyUrl) return;
  const origin = button.dataset.origin;
  if (origin && window.location.origin !== origin) return say(button, button.dataset.wrongOrigin ?? failed);
  const token = csrfToken(button);
  say(button, '');
  button.disabled = true;
  try {
    const passphraseId = button.dataset.passphrase;
    const passphraseField = passphraseId ? (document.getElementById(passphraseId) as HTMLInputElement | null) : null;
    const start = await post(optionsUrl, token, passphraseField ? { passphrase: passphraseField.value } : {});
    if (passphraseField) passphraseField.value = '';
    if (start.next) return go(start.next);
    if (!start.options) return say(button, start.error ?? failed);
    let body: Record<string, unknown>;
    if (kind === 'register') {
      const labelId = button.dataset.label;
      const label = labelId ? (document.getElementById(labelId) as HTMLInputElement | null)?.value : '';
      const response = await startRegistration({ optionsJSON: start.options as Parameters<typeof startRegistration>[0]['optionsJSON'] });
      body = { response, label: label ?? '' };
    } else {
      const response = await startAuthentication({ optionsJSON: start.options as Parameters<typeof startAuthentication>[0]['optionsJSON'] });
      body = { response };
    }
    const done = await post(verifyUrl, token, body);
    if (done.next) return go(done.next);
    say(button, done.error ?? failed);
  } catch {
    // cancelled, timed out, or no matching passkey on this device
    say(button, failed);
  } finally {
    button.disabled = false;
  }
}

if (browserSupportsWebAuthn()) {
  for (const el of document.querySelectorAll<HTMLElement>('[data-passkey-nojs]')) el.hidden = true;
  for (const el of document.querySelectorAll<HTMLElement>('[data-passkey-js]')) el.hidden = false;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-passkey]')) {
    button.hidden = false;
    button.addEventListener('click', () => void run(button));
  }
}
