import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { BootcampService } from '../../core/bootcamp/bootcamp.service.js';
import { contextFor, localisedGet, sendHtml } from '../routing.js';
import { BootcampPage, CoursePage } from './bootcamp.views.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });

export interface BootcampPageDeps {
  bootcamp: BootcampService;
  publicUrl: string;
}

/** /bootcamp and /bootcamp/{slug} in every language, cached like the other public pages. */
export function registerBootcampPages(app: FastifyInstance, { bootcamp, publicUrl }: BootcampPageDeps): void {
  localisedGet(app, '/bootcamp', {}, async (request, reply, locale) => {
    const courses = await bootcamp.courses(locale);
    return sendHtml(reply, await BootcampPage({ ctx: contextFor(request, '/bootcamp', publicUrl), courses }));
  });

  localisedGet(app, '/bootcamp/:slug', { schema: { params: SlugParams } }, async (request, reply, locale) => {
    const { slug } = request.params as Static<typeof SlugParams>;
    const course = await bootcamp.detail(slug, locale);
    return sendHtml(reply, await CoursePage({ ctx: contextFor(request, `/bootcamp/${slug}`, publicUrl), course }));
  });
}
