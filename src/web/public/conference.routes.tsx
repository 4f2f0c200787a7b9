import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { partLabel, sessionLanguages, sessionTypes, type ProgrammeFilter } from '../../core/conference/conference.schema.js';
import { icsCalendar, type IcsEvent } from '../../core/events/ical.js';
import { localePath, t } from '../../i18n/index.js';
import { anonymous } from '../../security/access.js';
import type { Services } from '../../services.js';
import { contextFor, localisedGet, sendHtml } from '../routing.js';
import { ProgrammePage } from './conference-programme.views.js';
import { EditionPage, OverviewPage, type EditionAward, type OpenSessionView } from './conference.views.js';

const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) });
const ProgrammeQuery = Type.Object({
  track: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
  language: Type.Optional(Type.Union(sessionLanguages.map((x) => Type.Literal(x)))),
  type: Type.Optional(Type.Union(sessionTypes.map((x) => Type.Literal(x)))),
});

export interface ConferenceDeps {
  services: Pick<Services, 'events' | 'registrations' | 'award' | 'conference'>;
  publicUrl: string;
}

const PROD_ID = { company: 'Defenders Days', product: 'Conference programme', language: 'EN' };

/**
 * The conference's public pages, in every language. They are public and cached by URL, so
 * they are always rendered for an anonymous visitor, whoever asks: nothing of the closed
 * part can reach them through a signed-in person's session.
 */
export function registerConferencePages(app: FastifyInstance, { services, publicUrl }: ConferenceDeps): void {
  const { conference } = services;

  localisedGet(app, '/defenders-days', {}, async (request, reply, locale) => {
    const { upcoming, past } = await conference.overview(anonymous, locale);
    return sendHtml(reply, await OverviewPage({ ctx: contextFor(request, '/defenders-days', publicUrl), upcoming, past }));
  });

  localisedGet(app, '/defenders-days/:year', { schema: { params: YearParams } }, async (request, reply, locale) => {
    const { year } = request.params as Static<typeof YearParams>;
    const edition = await conference.edition(anonymous, year, locale);
    let open: OpenSessionView | undefined;
    if (edition.openSession) {
      const event = await services.events.detail(edition.openSession.slug, locale);
      open = { event, availability: await services.registrations.availability(event) };
    }
    const recipient = await services.award.recipientOfYear(year, locale);
    const award: EditionAward | undefined = recipient ? { year: recipient.year, name: recipient.name, countryCode: recipient.countryCode } : undefined;
    return sendHtml(reply, await EditionPage({ ctx: contextFor(request, `/defenders-days/${year}`, publicUrl), edition, award, open }));
  });

  localisedGet(app, '/defenders-days/:year/programme', { schema: { params: YearParams, querystring: ProgrammeQuery } }, async (request, reply, locale) => {
    const { year } = request.params as Static<typeof YearParams>;
    const filter: ProgrammeFilter = request.query as Static<typeof ProgrammeQuery>;
    const programme = await conference.programme(anonymous, year, locale, filter);
    return sendHtml(reply, await ProgrammePage({ ctx: contextFor(request, `/defenders-days/${year}/programme`, publicUrl), programme, filter }));
  });

  localisedGet(app, '/defenders-days/:year/programme.ics', { schema: { params: YearParams } }, async (request, reply, locale) => {
    const { year } = request.params as Static<typeof YearParams>;
    const { edition, sessions, published } = await conference.programme(anonymous, year, locale);
    const page = publicUrl + localePath(locale, `/defenders-days/${year}/programme`);
    const host = new URL(publicUrl).hostname;
    const where = [edition.venueName, edition.city].filter(Boolean).join(', ');
    const events: IcsEvent[] = (published ? sessions : []).map((s) => {
      const part = partLabel(s);
      const url = `${page}#s-${s.publicId}`;
      return {
        uid: `conference-session-${s.publicId}@${host}`,
        start: new Date(s.startsAt),
        end: new Date(s.endsAt),
        stamp: new Date(s.updatedAt),
        lastModified: new Date(s.updatedAt),
        summary: part ? `${s.title} ${part}` : s.title,
        description: [s.description, t(locale, `conference.language.${s.language}`), url].filter(Boolean).join('\n\n'),
        location: [s.room, where].filter(Boolean).join(', ') || null,
        url,
        status: 'CONFIRMED',
      };
    });
    const body = icsCalendar({ name: t(locale, 'conference.calendar.name', { year }), prodId: PROD_ID, ttlSeconds: 3600, events });
    return reply.type('text/calendar; charset=utf-8').header('Content-Disposition', `inline; filename="defenders-days-${year}.ics"`).send(body);
  });
}
