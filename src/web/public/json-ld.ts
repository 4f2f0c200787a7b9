import type { EventDetail } from '../../core/events/events.schema.js';
import type { ViewContext } from '../views/context.js';

/** Serialises JSON for a <script type="application/ld+json"> block: nothing in it can close the tag. */
export function jsonScript(data: unknown): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}

/** schema.org Event for one public event. Built only from what the public page shows. */
export function eventJsonLd(ctx: ViewContext, e: EventDetail): string {
  const url = ctx.publicUrl + ctx.href(`/events/${e.slug}`);
  const place = e.venue
    ? {
        '@type': 'Place',
        name: e.venue.name,
        address: { '@type': 'PostalAddress', streetAddress: e.venue.address, addressLocality: e.venue.city, addressCountry: e.venue.countryCode },
      }
    : undefined;
  const virtual = e.online ? { '@type': 'VirtualLocation', url: e.liveStreamUrl ?? url } : undefined;
  const location = [place, virtual].filter(Boolean);
  return jsonScript({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.summary,
    url,
    inLanguage: e.lang,
    startDate: e.startsAt,
    endDate: e.endsAt,
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      place && virtual
        ? 'https://schema.org/MixedEventAttendanceMode'
        : virtual
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: location.length === 1 ? location[0] : location,
    image: e.image ? e.image.variants.map((w) => `${ctx.publicUrl}/media/${e.image?.key}/${w}.webp`) : undefined,
    performer: e.people.filter((p) => p.role !== 'host').map((p) => ({ '@type': 'Person', name: p.name })),
    organizer: e.partners.map((p) => ({ '@type': 'Organization', name: p.name, url: p.url ?? undefined })),
  });
}
