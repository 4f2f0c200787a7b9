import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. One type per table, shared by both dialects.
 * Conventions: timestamps are ISO-8601 UTC strings (`2026-04-09T07:00:00.000Z`),
 * booleans are integers 0/1, translatable text lives in `<table>_translations`.
 * test/integration/db/schema-drift.test.ts fails when this and the migrations disagree.
 */
export interface Database {
  series: SeriesTable;
  series_translations: SeriesTranslationTable;
  venues: VenueTable;
  people: PersonTable;
  person_translations: PersonTranslationTable;
  partners: PartnerTable;
  topics: TopicTable;
  topic_translations: TopicTranslationTable;
  media: MediaTable;
  events: EventTable;
  event_translations: EventTranslationTable;
  event_countries: EventCountryTable;
  event_topics: EventTopicTable;
  event_people: EventPersonTable;
  event_partners: EventPartnerTable;
  event_documents: EventDocumentTable;
  event_document_translations: EventDocumentTranslationTable;
  change_notices: ChangeNoticeTable;
  change_notice_translations: ChangeNoticeTranslationTable;
  settings: SettingTable;
}

export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  created_at: string;
}
export interface SeriesTranslationTable {
  series_id: number;
  locale: string;
  name: string;
  description: string;
}
export interface VenueTable {
  id: Generated<number>;
  slug: string;
  name: string;
  address: string;
  city: string;
  country_code: string;
  created_at: string;
}
export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** 1 when the person agreed to a public profile page */
  public_profile: number;
  created_at: string;
}
export interface PersonTranslationTable {
  person_id: number;
  locale: string;
  affiliation: string;
  bio: string;
}
export interface PartnerTable {
  id: Generated<number>;
  slug: string;
  name: string;
  url: string | null;
  created_at: string;
}
export interface TopicTable {
  id: Generated<number>;
  slug: string;
}
export interface TopicTranslationTable {
  topic_id: number;
  locale: string;
  name: string;
}
export interface MediaTable {
  id: Generated<number>;
  /** random URL-safe key; files live under DATA_DIR/media/<key>/ */
  key: string;
  kind: 'image' | 'document';
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  /** comma-separated widths that exist as <width>.webp for images; empty for documents */
  variants: string;
  created_at: string;
}
export type EventStatus = 'draft' | 'published' | 'cancelled';
export interface EventTable {
  id: Generated<number>;
  slug: string;
  type: string;
  series_id: number | null;
  status: EventStatus;
  /** 1 hides a published or cancelled event from every public surface */
  hidden: number;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  venue_id: number | null;
  online: number;
  image_id: number | null;
  image_credit: string | null;
  live_stream_url: string | null;
  recording_url: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}
export interface EventTranslationTable {
  event_id: number;
  locale: string;
  title: string;
  summary: string;
  body: string;
  image_alt: string;
}
export interface EventCountryTable {
  event_id: number;
  country_code: string;
}
export interface EventTopicTable {
  event_id: number;
  topic_id: number;
}
export interface EventPersonTable {
  event_id: number;
  person_id: number;
  role: string;
  position: number;
}
export interface EventPartnerTable {
  event_id: number;
  partner_id: number;
}
export interface EventDocumentTable {
  id: Generated<number>;
  event_id: number;
  media_id: number;
  position: number;
}
export interface EventDocumentTranslationTable {
  document_id: number;
  locale: string;
  title: string;
}
export interface ChangeNoticeTable {
  id: Generated<number>;
  event_id: number;
  created_at: string;
}
export interface ChangeNoticeTranslationTable {
  notice_id: number;
  locale: string;
  text: string;
}
export interface SettingTable {
  key: string;
  value: string;
}

export type EventRow = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type EventUpdate = Updateable<EventTable>;
