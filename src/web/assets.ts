import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { assetsDir, builtAssetsDir } from '../paths.js';

interface Asset {
  body: Buffer;
  type: string;
  hashedName: string;
}

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const byHashedName = new Map<string, Asset>();
const hashedNames = new Map<string, string>();

/**
 * Reads assets/ (committed files) and dist/assets/ (browser scripts bundled by
 * scripts/build-client.mjs) once; each file is served under a content-hashed name and
 * cached for a year.
 */
export function loadAssets(): void {
  if (hashedNames.size) return;
  for (const dir of [assetsDir, builtAssetsDir]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) addAsset(dir, name);
  }
}

function addAsset(dir: string, name: string): void {
  const ext = path.extname(name);
  const type = types[ext];
  if (!type) return;
  if (hashedNames.has(name)) throw new Error(`asset ${name} is in both assets/ and dist/assets/`);
  const body = fs.readFileSync(path.join(dir, name));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  const hashedName = `${path.basename(name, ext)}.${hash}${ext}`;
  byHashedName.set(hashedName, { body, type, hashedName });
  hashedNames.set(name, hashedName);
}

/** The URL of an asset by its plain name: asset('site.css') -> '/assets/site.3f2a9c1b0d.css'. */
export function asset(name: string): string {
  const hashed = hashedNames.get(name);
  if (!hashed) throw new Error(`unknown asset ${name}${name.endsWith('.js') ? ' (browser scripts are built into dist/assets/: run npm run build)' : ''}`);
  return `/assets/${hashed}`;
}

export function registerAssets(app: FastifyInstance): void {
  loadAssets();
  app.get<{ Params: { file: string } }>('/assets/:file', { config: { permission: 'public' } }, (request, reply) => {
    const a = byHashedName.get(request.params.file);
    if (!a) return reply.callNotFound();
    return reply.header('Cache-Control', 'public, max-age=31536000, immutable').type(a.type).send(a.body);
  });
}
