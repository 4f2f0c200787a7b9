import fs from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../../core/media/media.store.js';
import { field } from '../../core/shared/form-input.js';
import { principalOf } from '../session.js';
import type { EditSource } from './events.routes.js';
import { attempt, formBody, idParam, typedFields, type Rejection, type Values, uploadedFile } from '../forms.js';
import type { AdminDeps } from './index.js';

type RenderEdit = (request: FastifyRequest, reply: FastifyReply, rejected: Rejection | undefined, source: EditSource, typedValues?: Values) => Promise<unknown>;

/**
 * Image and document uploads: multipart, in their own scope so no other route parses
 * multipart bodies. Fields are attached to the body, so the CSRF check reads `_csrf`
 * from it like any other form.
 */
export function registerEventUploads(app: FastifyInstance, { services }: AdminDeps, renderEdit: RenderEdit): void {
  const svc = services.adminEvents;
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 21, fieldSize: 20_000, headerPairs: 200 },
    });

    const imageFields = ['alt_en', 'alt_sv', 'credit'];
    scope.post('/admin/events/:id/image', { config: { permission: 'media.upload' } }, async (request, reply) => {
      const id = idParam(request);
      const b = formBody(request);
      const upload = await uploadedFile(request, 'file');
      const saved = await attempt(
        svc.setImage(principalOf(request), id, { ...upload, altEn: field(b, 'alt_en'), altSv: field(b, 'alt_sv'), credit: field(b, 'credit') }),
      );
      if (!saved.ok) return renderEdit(request, reply, saved, 'panel', typedFields(request, imageFields));
      return reply.redirect(`/admin/events/${id}?done=image#image-title`, 303);
    });

    const documentFields = ['doc_title_en', 'doc_title_sv'];
    scope.post('/admin/events/:id/documents', { config: { permission: 'media.upload' } }, async (request, reply) => {
      const id = idParam(request);
      const b = formBody(request);
      const upload = await uploadedFile(request, 'document');
      const added = await attempt(
        svc.addDocument(principalOf(request), id, { ...upload, titleEn: field(b, 'doc_title_en'), titleSv: field(b, 'doc_title_sv') }),
      );
      if (!added.ok) return renderEdit(request, reply, added, 'panel', typedFields(request, documentFields));
      return reply.redirect(`/admin/events/${id}?done=document#docs-title`, 303);
    });
  });
}

/**
 * Files of any event (drafts included) for the workspace's previews, by the key the
 * database gave them and a fixed file name: never a path the client chose.
 */
export function registerStaffMedia(app: FastifyInstance, { config, services }: AdminDeps): void {
  const root = path.join(config.dataDir, 'media');
  app.get<{ Params: { key: string; file: string } }>('/admin/media/:key/:file', { config: { permission: 'event.read-drafts' } }, async (request, reply) => {
    const { key, file } = request.params;
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(key) || !/^(\d{2,4}\.webp|file)$/.test(file)) return reply.callNotFound();
    const media = await services.adminEvents.media(principalOf(request), key);
    if (media.kind === 'image' && !media.variants.split(',').includes(file.replace('.webp', ''))) return reply.callNotFound();
    if (media.kind === 'document' && file !== 'file') return reply.callNotFound();
    reply.type(media.kind === 'image' ? 'image/webp' : media.mime);
    if (media.kind === 'document') reply.header('Content-Disposition', `attachment; filename="${media.key}.pdf"`);
    return reply.send(fs.createReadStream(path.join(root, media.key, file)));
  });
}
