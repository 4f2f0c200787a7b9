import type { EventType, SpeakerRole } from '../../core/events/events.schema.js';
import type { EventStatus } from '../schema.js';
import type { ImageName } from './images.js';
import type { PartnerSlug, PersonSlug, SeriesSlug, TopicSlug, VenueSlug } from './people-data.js';

export interface DemoText {
  title: string;
  /** one or two sentences */
  summary: string;
  /** short paragraphs separated by blank lines, plain text */
  body: string;
}

/** When a demo event happens: a fixed local date, or a number of days after the day the demo is loaded. */
export type DemoWhen = { date: string; start: string; endDate?: string; end: string } | { inDays: number; start: string; endInDays?: number; end: string };

export interface DemoEvent {
  slug: string;
  type: EventType;
  status?: EventStatus;
  hidden?: boolean;
  when: DemoWhen;
  /** Europe/Stockholm unless told otherwise */
  timeZone?: string;
  series?: SeriesSlug;
  venue?: VenueSlug;
  online?: boolean;
  image?: ImageName;
  liveStreamUrl?: string;
  recordingUrl?: string;
  /** no `sv` leaves the Swedish pages to fall back to English */
  texts: { en: DemoText; sv?: DemoText };
  countries?: string[];
  topics?: TopicSlug[];
  people?: [PersonSlug, SpeakerRole][];
  partners?: PartnerSlug[];
  /** a change notice, posted `daysBefore` the start (default: when the demo is loaded) */
  notice?: { en: string; sv: string; daysBefore?: number };
  /** a PDF attached to the event, e.g. a report released there */
  document?: { en: string; sv: string };
  /** registration is open for the event */
  registration?: DemoRegistration;
}

/** Registration settings of a demo event, and how many of the invented registrants (registrants-data.ts) signed up. */
export interface DemoRegistration {
  /** null: no limit */
  capacity: number | null;
  waitlist: boolean;
  /** the first this many invented registrants, in order: seats while there are any, then the waiting list */
  registrants?: number;
}
