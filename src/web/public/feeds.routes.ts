import { siteLinks } from '../links.js';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Feed } from 'feed';
import { localePath, locales, t } from '../../i18n/index.js';
import type { PublicDeps } from './events.routes.js';
import type { AwardService } from '../../core/award/award.service.js';
import type { BootcampService } from '../../core/bootcamp/bootcamp.service.js';
import type { ConferenceService } from '../../core/conference/conference.service.js';
import { calendarEvent, icsCalendar, PROD_ID } from '../../core/events/ical.js';

/** Plain text as HTML text, `>` included (so no "]]>" can end the feed library's CDATA sections). */
const htmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
function sendCalendar(reply: FastifyReply, body: string, filename: string) {
  return reply.type('text/calendar; charset=utf-8').header('Content-Disposition', `inline; filename="${filename}"`).send(body);
}

/** Award and conference give the sitemap their public pages. */
type FeedDeps = PublicDeps & {
  award?: Pick<AwardService, 'sitemapEntries'>;
  conference?: Pick<ConferenceService, 'sitemapEntries'>;
  bootcamp?: Pick<BootcampService, 'sitemapEntries'>;
};

export function registerFeeds(app: FastifyInstance, { events, award, conference, bootcamp, publicUrl }: FeedDeps): void {
  const links = siteLinks(publicUrl);
  for (const locale of locales) {
    const config = { permission: 'public' as const, locale, cache: true };

    app.get(localePath(locale, '/events.ics'), { config }, async (_request, reply) => {
      const items = await events.forFeeds(locale);
      const body = icsCalendar({
        name: t(locale, 'site.name'),
        prodId: PROD_ID,
        ttlSeconds: 3600,
        events: items.map((e) => calendarEvent(e, links, locale)),
      });
      return sendCalendar(reply, body, 'events.ics');
    });

    app.get(localePath(locale, '/events/:slug.ics'), { config, schema: { params: SlugParams } }, async (request, reply) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const e = await events.detail(slug, locale);
      return sendCalendar(reply, icsCalendar({ name: e.title, prodId: PROD_ID, events: [calendarEvent(e, links, locale)] }), `${e.slug}.ics`);
    });

    app.get(localePath(locale, '/events.atom'), { config }, async (_request, reply) => {
      const items = await events.forFeeds(locale);
      const self = publicUrl + localePath(locale, '/events.atom');
      const updated = items.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), '1970-01-01T00:00:00.000Z');
      const feed = new Feed({
        title: t(locale, 'site.name'),
        description: t(locale, 'site.tagline'),
        id: self,
        link: publicUrl + localePath(locale, '/events'),
        language: locale,
        updated: new Date(updated),
        generator: "Defenders' Days",
        feedLinks: { atom: self },
        copyright: '',
      });
      for (const e of [...items].reverse()) {
        const url = publicUrl + localePath(locale, `/events/${e.slug}`);
        // The feed library writes titles and summaries as type="html" CDATA: our plain text must be escaped to stay text.
        feed.addItem({
          title: htmlText(e.title),
          id: url,
          link: url,
          description: htmlText(e.summary),
          date: new Date(e.updatedAt),
          published: new Date(e.startsAt),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    });
  }

  app.get('/sitemap.xml', { config: { permission: 'public', cache: true } }, async (_request, reply) => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const staticPaths = ['/', '/events', '/events/past', '/videos', ...(award ? ['/award'] : []), ...(bootcamp ? ['/bootcamp'] : [])];
    const urls: string[] = [];
    const entry = (path: string, lastmod?: string) => {
      const alts = locales.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(publicUrl + localePath(l, path))}"/>`).join('');
      for (const l of locales) {
        urls.push(`<url><loc>${esc(publicUrl + localePath(l, path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${alts}</url>`);
      }
    };
    for (const p of staticPaths) entry(p);
    for (const e of await events.sitemapEntries()) entry(`/events/${e.slug}`, e.updatedAt.slice(0, 10));
    for (const r of (await award?.sitemapEntries()) ?? []) entry(`/award/${r.year}`, r.updatedAt.slice(0, 10));
    for (const c of (await conference?.sitemapEntries()) ?? []) entry(c.path, c.updatedAt.slice(0, 10) || undefined);
    for (const c of (await bootcamp?.sitemapEntries()) ?? []) entry(`/bootcamp/${c.slug}`, c.updatedAt.slice(0, 10));
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  app.get('/robots.txt', { config: { permission: 'public' } }, async (_request, reply) => {
    const body = ['User-agent: *', 'Disallow: /admin', 'Disallow: /portal', 'Disallow: /api', `Sitemap: ${publicUrl}/sitemap.xml`, ''].join('\n');
    return reply.type('text/plain; charset=utf-8').send(body);
  });
}
