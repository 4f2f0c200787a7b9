export const eventTypes = ['seminar', 'breakfast-seminar', 'screening', 'discussion', 'panel', 'conference', 'open-call'] as const;
export type EventType = (typeof eventTypes)[number];
export const isEventType = (v: string): v is EventType => (eventTypes as readonly string[]).includes(v);

export const speakerRoles = ['speaker', 'panellist', 'moderator', 'host', 'guest'] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

/** Text in the visitor's language or, where it is missing, English; `lang` says which. */
export interface Localised {
  lang: string;
}

export interface EventSummary extends Localised {
  id: number;
  slug: string;
  type: EventType;
  status: 'published' | 'cancelled';
  startsAt: string;
  endsAt: string;
  timeZone: string;
  title: string;
  summary: string;
  online: boolean;
  venueName: string | null;
  city: string | null;
  image: ImageRef | null;
  hasRecording: boolean;
  updatedAt: string;
}

export interface ImageRef {
  key: string;
  variants: number[];
  width: number | null;
  height: number | null;
  alt: string;
  altLang: string;
  credit: string | null;
}

export interface EventDetail extends EventSummary {
  body: string;
  series: { slug: string; name: string; lang: string } | null;
  venue: { name: string; address: string; city: string; countryCode: string } | null;
  people: { name: string; role: SpeakerRole; affiliation: string; lang: string }[];
  partners: { name: string; url: string | null }[];
  countries: string[];
  topics: { slug: string; name: string; lang: string }[];
  documents: { key: string; title: string; lang: string; mime: string; bytes: number }[];
  notices: { text: string; lang: string; createdAt: string }[];
  liveStreamUrl: string | null;
  recordingUrl: string | null;
  publishedAt: string | null;
}

export interface PastFilter {
  q?: string | undefined;
  type?: EventType | undefined;
  country?: string | undefined;
  topic?: string | undefined;
  year?: number | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

export interface FilterOptions {
  types: EventType[];
  countries: string[];
  topics: { slug: string; name: string; lang: string }[];
  years: number[];
}
