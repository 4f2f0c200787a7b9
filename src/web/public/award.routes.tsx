import fs from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { yearFromPath, type AwardMedia } from '../../core/award/award.schema.js';
import type { AwardService } from '../../core/award/award.service.js';
import { notFound } from '../../core/shared/errors.js';
import { contextFor, localisedGet, sendHtml } from '../routing.js';
import { AwardPage, RecipientPage } from './award.views.js';

const YearParams = Type.Object({ year: Type.String({ maxLength: 200 }) });
const MediaParams = Type.Object({ key: Type.String({ maxLength: 200 }), name: Type.String({ maxLength: 200 }) });

export interface AwardPageDeps {
  award: AwardService;
  publicUrl: string;
  dataDir: string;
}

/**
 * Sends a recipient's file by the key the database gave it and a fixed file name
 * (`<width>.webp` for the photo, `file` for the report): never a path the client chose.
 * The report is a download (Content-Disposition; nosniff comes with every response).
 */
export function sendAwardFile(reply: FastifyReply, mediaRoot: string, media: AwardMedia | undefined, file: string, cacheControl?: string): FastifyReply | void {
  if (!media) return reply.callNotFound();
  if (media.kind === 'image' && !media.variants.split(',').includes(file.replace('.webp', ''))) return reply.callNotFound();
  if (media.kind === 'document' && file !== 'file') return reply.callNotFound();
  if (cacheControl) reply.header('Cache-Control', cacheControl);
  if (media.kind === 'document') {
    reply.type(media.mime).header('Content-Disposition', `attachment; filename="defender-of-the-year-${media.year}-report.pdf"`);
  } else reply.type('image/webp');
  return reply.send(fs.createReadStream(path.join(mediaRoot, media.key, file)));
}

export const isAwardFileName = (file: string) => /^(\d{2,4}\.webp|file)$/.test(file);

/** /award and /award/{year} in every language, and the files of published recipients. */
export function registerAwardPages(app: FastifyInstance, { award, publicUrl, dataDir }: AwardPageDeps): void {
  localisedGet(app, '/award', {}, async (request, reply) => {
    const recipients = await award.recipients();
    return sendHtml(reply, await AwardPage({ ctx: contextFor(request, '/award', publicUrl), recipients }));
  });

  localisedGet(app, '/award/:year', { schema: { params: YearParams } }, async (request, reply, locale) => {
    const { year: raw } = request.params as Static<typeof YearParams>;
    const year = yearFromPath(raw);
    if (year === undefined) throw notFound('award year');
    const recipient = await award.detail(year, locale);
    return sendHtml(reply, await RecipientPage({ ctx: contextFor(request, `/award/${year}`, publicUrl), recipient }));
  });

  const mediaRoot = path.join(dataDir, 'media');
  // `:name`, not `:file`: the route table's readers take a `:file` for a stylesheet's name.
  app.get('/award/media/:key/:name', { config: { permission: 'public' }, schema: { params: MediaParams } }, async (request, reply) => {
    const { key, name: file } = request.params as Static<typeof MediaParams>;
    if (!isAwardFileName(file)) return reply.callNotFound();
    const media = await award.publicMedia(key);
    return sendAwardFile(reply, mediaRoot, media, file, 'public, max-age=86400');
  });
}
