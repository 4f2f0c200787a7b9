import type { EmptyChairReason, SessionLanguage, SessionRole, SessionType } from '../../core/conference/conference.schema.js';
import type { VenueSlug } from './people-data.js';

/** The demo's Defenders' Days editions, as data; src/db/demo/conference.ts loads them through the factories. */

type Bilingual<T> = { en: T; sv: T };

export interface DemoConferencePerson {
  name: string;
  /** consent to a public profile; invented trainers of the closed part never have it */
  publicProfile: boolean;
  affiliation?: Bilingual<string>;
}

export interface DemoSession {
  /** a name other sessions of the edition refer to (part 2 requires part 1) */
  key?: string;
  /** 0 is the edition's first day */
  day: number;
  start: string;
  end: string;
  part?: 'closed' | 'open';
  type: SessionType;
  language?: SessionLanguage;
  track?: string;
  room?: string;
  /** participants in the closed part and public in the open part unless given */
  visibility?: 'public' | 'participants';
  parts?: [number, number];
  requires?: string;
  capacity?: number;
  texts: { en: { title: string; description?: string }; sv?: { title: string; description?: string } };
  /** person key, role, named publicly */
  people?: [string, SessionRole, boolean][];
}

export interface DemoEdition {
  /** 'next': the year of the next edition, dated relative to the load day */
  year: number | 'next';
  status?: 'draft' | 'published';
  programmeStatus?: 'draft' | 'published';
  /** local dates; null: not known */
  dates: { start: string; end: string } | 'next' | null;
  venue?: VenueSlug;
  texts: Bilingual<{ theme: string; summary: string; body: string }>;
  figures?: { participants?: number; defenders?: number; countries?: number; continents?: number };
  /** slug of the open session's event (conference-events-data.ts) */
  openSession?: string;
  tracks?: { key: string; en: string; sv: string }[];
  rooms?: { key: string; name: string; capacity?: number; visibility?: 'public' | 'participants' }[];
  sessions?: DemoSession[];
  emptyChairs?: { name: string; countryCode: string; reason: EmptyChairReason; note: Bilingual<string>; safeToShow: boolean; agreed: boolean }[];
  /** an open call for the closed part, its deadline counted from the load day */
  call?: { role: 'defender' | 'stakeholder' | 'trainer' | 'panellist'; deadlineInDays: number; texts: Bilingual<{ title: string; body: string }> };
}
