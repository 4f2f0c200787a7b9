import crypto from 'node:crypto';
import type { TestApp } from './app.js';
import { formToken } from './auth.js';

export interface Part {
  name: string;
  value?: string;
  file?: { filename: string; type: string; data: Buffer };
}

/** A multipart/form-data body, as a browser sends a form with a file. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----dd${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: ${p.file.type}\r\n\r\n`),
      );
      chunks.push(p.file.data, Buffer.from('\r\n'));
    } else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a multipart form with the CSRF token of the page it lives on. */
export async function postUpload(t: TestApp, page: string, url: string, parts: Part[], cookie: string) {
  const tok = await formToken(t, page, cookie);
  const body = multipart([{ name: '_csrf', value: tok.csrf }, ...parts]);
  return t.app.inject({ method: 'POST', url, headers: { cookie: tok.cookie, 'content-type': body.contentType }, payload: body.payload });
}
