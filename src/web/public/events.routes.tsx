import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { eventTypes, type PastFilter } from '../../core/events/events.schema.js';
import type { EventsService } from '../../core/events/events.service.js';
import type { RegistrationsService } from '../../core/registrations/registrations.service.js';
import { contextFor, localisedGet, sendHtml } from '../routing.js';
import { EventPage, HomePage, PastPage, UpcomingPage, VideosPage } from './events.views.js';

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });
const PastQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(Type.Union(eventTypes.map((x) => Type.Literal(x)))),
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  topic: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })),
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
});
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });

export interface PublicDeps {
  events: EventsService;
  /** seats left on the event page; absent in the feeds */
  registrations?: RegistrationsService;
  publicUrl: string;
}

export function registerEventPages(app: FastifyInstance, { events, registrations, publicUrl }: PublicDeps): void {
  localisedGet(app, '/', {}, async (request, reply, locale) => {
    const [next, live] = await Promise.all([events.upcoming(locale, 1, 3), events.liveNow(locale)]);
    return sendHtml(reply, await HomePage({ ctx: contextFor(request, '/', publicUrl), next: next.items, live }));
  });

  localisedGet(app, '/events', { schema: { querystring: PageQuery } }, async (request, reply, locale) => {
    const { page = 1 } = request.query as Static<typeof PageQuery>;
    const result = await events.upcoming(locale, page);
    return sendHtml(reply, await UpcomingPage({ ctx: contextFor(request, '/events', publicUrl), page: result }));
  });

  localisedGet(app, '/events/past', { schema: { querystring: PastQuery } }, async (request, reply, locale) => {
    const { page = 1, ...rest } = request.query as Static<typeof PastQuery>;
    const filter: PastFilter = { ...rest, q: rest.q?.trim() || undefined };
    const [result, options] = await Promise.all([events.past(locale, filter, page), events.filterOptions(locale)]);
    return sendHtml(reply, await PastPage({ ctx: contextFor(request, '/events/past', publicUrl), page: result, filter, options }));
  });

  localisedGet(app, '/events/:slug', { schema: { params: SlugParams } }, async (request, reply, locale) => {
    const { slug } = request.params as Static<typeof SlugParams>;
    const event = await events.detail(slug, locale);
    const ctx = contextFor(request, `/events/${slug}`, publicUrl);
    const availability = registrations ? await registrations.availability(event) : { state: 'none' as const };
    // Seats left change with every registration: browsers check back instead of showing their copy.
    if (availability.state === 'open' || availability.state === 'waitlist') reply.header('Cache-Control', 'public, no-cache');
    return sendHtml(reply, await EventPage({ ctx, event, upcoming: events.isUpcoming(event), availability }));
  });

  localisedGet(app, '/videos', { schema: { querystring: PageQuery } }, async (request, reply, locale) => {
    const { page = 1 } = request.query as Static<typeof PageQuery>;
    const result = await events.recordings(locale, page);
    return sendHtml(reply, await VideosPage({ ctx: contextFor(request, '/videos', publicUrl), page: result }));
  });
}
