import fs from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import type { TestDatabase } from './db.js';

/**
 * A forensic read of the database, as someone holding the seized disk would do it: not
 * through SQL rows, but the bytes that hold them.
 *
 * - SQLite: the main file, its -wal and its -shm, whole, freed pages and free space included.
 * - PostgreSQL: every page of the given tables, their TOAST tables and all their indexes,
 *   through pageinspect's get_raw_page (the page as it is, dead tuples and free space
 *   included). The WAL segments are read separately (`walImages`): nothing the application
 *   can run removes what they hold, so they are measured, not asserted (docs/security.md).
 */
export interface RawImage {
  name: string;
  bytes: Buffer;
}

export async function rawImages(t: TestDatabase, tables: readonly (keyof Database)[]): Promise<RawImage[]> {
  if (t.dialect === 'sqlite') {
    const file = t.file as string;
    return ['', '-wal', '-shm'].filter((x) => fs.existsSync(file + x)).map((x) => ({ name: `sqlite${x || ' main'}`, bytes: fs.readFileSync(file + x) }));
  }
  await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(t.db);
  const { rows } = await sql<{ rel: string; blocks: number }>`
    WITH base AS (SELECT c.oid, c.reltoastrelid FROM pg_class c WHERE c.oid = ANY (${sql.raw(`ARRAY[${tables.map((x) => `'${x}'::regclass`).join(', ')}]`)})),
    rels AS (
      SELECT oid FROM base
      UNION SELECT reltoastrelid FROM base WHERE reltoastrelid <> 0
      UNION SELECT i.indexrelid FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM base UNION SELECT reltoastrelid FROM base WHERE reltoastrelid <> 0)
    )
    SELECT oid::regclass::text AS rel, (pg_relation_size(oid) / current_setting('block_size')::int)::int AS blocks FROM rels ORDER BY 1`.execute(t.db);
  const images: RawImage[] = [];
  for (const r of rows) {
    const pages: Buffer[] = [];
    for (let b = 0; b < r.blocks; b++) {
      const page = await sql<{ p: Buffer }>`SELECT get_raw_page(${r.rel}, ${b}) AS p`.execute(t.db);
      pages.push(page.rows[0]?.p ?? Buffer.alloc(0));
    }
    images.push({ name: `postgres ${r.rel}`, bytes: Buffer.concat(pages) });
  }
  return images;
}

/** PostgreSQL's WAL segments as they are on disk now (superuser, as the throwaway test server gives). */
export async function walImages(t: TestDatabase): Promise<RawImage[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' ORDER BY name`.execute(t.db);
  const out: RawImage[] = [];
  for (const r of rows) {
    const f = await sql<{ b: Buffer }>`SELECT pg_read_binary_file(${`pg_wal/${r.name}`}) AS b`.execute(t.db);
    out.push({ name: `pg_wal/${r.name}`, bytes: f.rows[0]?.b ?? Buffer.alloc(0) });
  }
  return out;
}

/**
 * What to search for to find a sealed value (`f1.<key>.<nonce>.<body>`, `w1.<nonce>.<body>`,
 * `v1.<nonce>.<body>`): its text, its body in base64url and in standard base64, and the raw
 * bytes of the body (ciphertext and tag), in case any layer stored it decoded. A long value
 * is spread over pages (SQLite overflow pages, PostgreSQL TOAST chunks): it is also searched
 * for in parts of 256 characters (raw: 192 bytes), any one of which is a find.
 */
export function needlesOf(label: string, sealed: string): { label: string; bytes: Buffer }[] {
  const body = sealed.split('.').pop() as string;
  const raw = Buffer.from(body, 'base64url');
  const forms: [string, Buffer][] = [
    ['text', Buffer.from(sealed, 'latin1')],
    ['base64url body', Buffer.from(body, 'latin1')],
    ['base64 body', Buffer.from(raw.toString('base64').replace(/=+$/, ''), 'latin1')],
    ['raw body', raw],
  ];
  const out: { label: string; bytes: Buffer }[] = [];
  for (const [form, bytes] of forms) {
    out.push({ label: `${label} (${form})`, bytes });
    const part = form === 'raw body' ? 192 : 256;
    if (bytes.length > 2 * part)
      for (let at = 0; at + part <= bytes.length; at += part) out.push({ label: `${label} (${form}, part at ${at})`, bytes: bytes.subarray(at, at + part) });
  }
  return out;
}

/** Which needles occur in which images: `label in image` for each hit. */
export function hits(images: RawImage[], needles: { label: string; bytes: Buffer }[]): string[] {
  const out: string[] = [];
  for (const img of images) for (const n of needles) if (n.bytes.length && img.bytes.includes(n.bytes)) out.push(`${n.label} in ${img.name}`);
  return out;
}

/** Plaintext markers in the images (any case), as `marker in image`. */
export function plaintextHits(images: RawImage[], marker: string): string[] {
  const lower = Buffer.from(marker.toLowerCase(), 'latin1');
  return images.filter((img) => Buffer.from(img.bytes.toString('latin1').toLowerCase(), 'latin1').includes(lower)).map((img) => `${marker} in ${img.name}`);
}

/** Every sealed value of a format found anywhere in the images (the strings an attacker would try to open). */
export function sealedStrings(images: RawImage[], version: 'f1' | 'w1'): string[] {
  const re = version === 'f1' ? /f1\.\d{1,9}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}/g : /w1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}/g;
  const out = new Set<string>();
  for (const img of images) for (const m of img.bytes.toString('latin1').matchAll(re)) out.add(m[0]);
  return [...out];
}
