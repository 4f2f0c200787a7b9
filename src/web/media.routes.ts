import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import { MediaRepository } from '../core/media/media.repository.js';

/**
 * Uploaded files, served only by the key the database gave them and a fixed file name
 * (`<width>.webp` for images, `file` for documents): never a path the client chose.
 */
export function registerMedia(app: FastifyInstance, db: Db, dataDir: string): void {
  const repo = new MediaRepository(db);
  const root = path.join(dataDir, 'media');
  app.get<{ Params: { key: string; file: string } }>('/media/:key/:file', { config: { permission: 'public' } }, async (request, reply) => {
    const { key, file } = request.params;
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(key) || !/^(\d{2,4}\.webp|file)$/.test(file)) return reply.callNotFound();
    const media = await repo.publicByKey(key);
    if (!media) return reply.callNotFound();
    if (media.kind === 'image' && !media.variants.split(',').includes(file.replace('.webp', ''))) return reply.callNotFound();
    if (media.kind === 'document' && file !== 'file') return reply.callNotFound();
    const stream = fs.createReadStream(path.join(root, media.key, file));
    const type = media.kind === 'image' ? 'image/webp' : media.mime;
    reply.header('Cache-Control', 'public, max-age=86400').type(type);
    if (media.kind === 'document') reply.header('Content-Disposition', `attachment; filename="${media.key}.pdf"`);
    return reply.send(stream);
  });
}
