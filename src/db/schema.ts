import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  users: UserTable;
  webauthn_credentials: WebauthnCredentialTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  login_throttle: LoginThrottleTable;
  known_browsers: KnownBrowserTable;
  login_devices: LoginDeviceTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  registration_settings: RegistrationSettingsTable;
  registration_questions: RegistrationQuestionTable;
  registrations: RegistrationTable;
  registration_answers: RegistrationAnswerTable;
  conference_editions: ConferenceEditionTable;
  conference_tracks: ConferenceTrackTable;
  conference_rooms: ConferenceRoomTable;
  conference_sessions: ConferenceSessionTable;
  conference_session_people: ConferenceSessionPersonTable;
  conference_empty_chairs: ConferenceEmptyChairTable;
  // conference tables (0005) here
  // award tables (0006) here
  award_recipients: AwardRecipientTable;
  award_recipient_translations: AwardRecipientTranslationTable;
  bootcamp_concepts: BootcampConceptTable;
  bootcamp_courses: BootcampCourseTable;
  bootcamp_course_concepts: BootcampCourseConceptTable;
  bootcamp_goals: BootcampGoalTable;
  bootcamp_course_trainers: BootcampCourseTrainerTable;
  data_keys: DataKeyTable;
  participation_calls: ParticipationCallTable;
  participation_applications: ParticipationApplicationTable;
  participation_reviews: ParticipationReviewTable;
  participation_invitations: ParticipationInvitationTable;
  participants: ParticipantTable;
  participant_sessions: ParticipantSessionTable;
  participant_passkeys: ParticipantPasskeyTable;
  session_seats: SessionSeatTable;
  participant_picks: ParticipantPickTable;
  participation_totals: ParticipationTotalTable;
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

export type UserStatus = 'invited' | 'active' | 'disabled';
export interface UserTable {
  id: Generated<number>;
  /** lower-cased */
  email: string;
  display_name: string;
  role: string;
  status: UserStatus;
  /** argon2id PHC string; null until the account is enrolled */
  password_hash: string | null;
  /** the TOTP secret, sealed with the master key (src/security/secret-box.ts) */
  totp_secret: string | null;
  totp_enabled: number;
  /** the last TOTP time step accepted, so a code works only once */
  totp_last_step: number;
  /** space-separated SHA-256 hashes of the unused recovery codes */
  recovery_codes: string;
  created_at: string;
  updated_at: string;
}
export interface WebauthnCredentialTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}
export type SessionStage = 'password' | 'full';
export interface SessionTable {
  id: Generated<number>;
  /** SHA-256 of the cookie token; the token itself is never stored */
  token_hash: string;
  user_id: number;
  stage: SessionStage;
  /** a coarse label such as "Firefox on Linux" so users can tell their sessions apart */
  browser: string;
  created_at: string;
  last_seen_at: string;
  /** absolute end, 12 hours after login */
  expires_at: string;
  /** when the second factor was last given again (for exports and role changes) */
  reauth_at: string | null;
  /** a pending WebAuthn challenge */
  challenge: string | null;
}
export type UserTokenPurpose = 'enrol' | 'reset';
export interface UserTokenTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  purpose: UserTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface LoginThrottleTable {
  /** HMAC of the lower-cased e-mail address, so the table names nobody */
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}
/** A browser that signed in to an account before, with its own allowance of failed sign-ins. */
export interface LoginDeviceTable {
  /** the keyed hash of the sign-in name or address (the throttle's key) */
  subject: string;
  /** SHA-256 of the subject and the device cookie's random token */
  device_hash: string;
  failures: number;
  window_start: string;
  created_at: string;
  last_used_at: string;
}
export interface KnownBrowserTable {
  user_id: number;
  browser_hash: string;
  first_seen_at: string;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  /** a named action such as auth.login or event.published */
  action: string;
  object_type: string | null;
  object_id: string | null;
  /** JSON with no personal data, tokens or passwords */
  details: string;
}
export type OutboxStatus = 'pending' | 'sent' | 'failed';
export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  /** makes queuing idempotent: the same key is queued once */
  dedupe_key: string | null;
  /** JSON: for mail { to, subject, text, html?, attachments? } */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** a worker holds the row until then */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface RegistrationSettingsTable {
  event_id: number;
  enabled: number;
  /** null: no limit */
  capacity: number | null;
  /** seats taken; changed only by conditional UPDATEs (never check-then-insert) */
  taken: number;
  waitlist: number;
  /** ISO UTC; null: open until the event starts */
  deadline: string | null;
  alias_allowed: number;
  updated_at: string;
}
export interface RegistrationQuestionTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  required: number;
  /** days after the event that answers are kept */
  retention_days: number;
  /** JSON: { en: { label, purpose }, sv?: { label, purpose } } */
  texts: string;
}
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export interface RegistrationTable {
  id: Generated<number>;
  event_id: number;
  status: RegistrationStatus;
  /** sealed under the master key; null once anonymised */
  email_sealed: string | null;
  name_sealed: string | null;
  /** HMAC of the address and the event id; null once anonymised */
  email_hash: string | null;
  manage_token_hash: string | null;
  manage_token_sealed: string | null;
  idempotency_key: string;
  locale: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  promoted_at: string | null;
  reminded_at: string | null;
  link_sent_at: string | null;
  anonymised_at: string | null;
}
export interface RegistrationAnswerTable {
  registration_id: number;
  question_id: number;
  value_sealed: string;
}

// ---- conference (0005) ----
export type ConferenceEditionStatus = 'draft' | 'published';
export type ConferenceVisibility = 'public' | 'participants';
export interface ConferenceEditionTable {
  id: Generated<number>;
  year: number;
  /** a draft edition is seen by staff only */
  status: ConferenceEditionStatus;
  /** a draft programme is seen by staff only, even when the edition is published */
  programme_status: ConferenceEditionStatus;
  /** local dates 'YYYY-MM-DD' in time_zone; null when not known (old editions) */
  starts_on: string | null;
  ends_on: string | null;
  time_zone: string;
  venue_id: number | null;
  /** JSON: { en: { theme, summary, body }, sv?: {...} } */
  texts: string;
  /** staff-entered figures of a past edition; null: not known */
  participants: number | null;
  defenders: number | null;
  countries: number | null;
  continents: number | null;
  /** the open public session: an ordinary public event, with its registration */
  open_event_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface ConferenceTrackTable {
  id: Generated<number>;
  edition_id: number;
  position: number;
  /** JSON: { en: { name }, sv?: { name } } */
  texts: string;
}
export interface ConferenceRoomTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  capacity: number | null;
  /** 'participants' (the default): never named on a public surface */
  visibility: ConferenceVisibility;
}
export type ConferencePart = 'closed' | 'open';
export interface ConferenceSessionTable {
  id: Generated<number>;
  edition_id: number;
  part: ConferencePart;
  /** UTC instants; shown in the edition's time zone */
  starts_at: string;
  ends_at: string;
  track_id: number | null;
  room_id: number | null;
  type: string;
  language: string;
  capacity: number | null;
  /** 'participants' by default in the closed part, 'public' in the open part */
  visibility: ConferenceVisibility;
  /** a workshop in parts: "1(2)" is part_number 1 of part_count 2 */
  part_number: number | null;
  part_count: number | null;
  /** part 2 requires part 1: nobody takes this session without that one */
  requires_session_id: number | null;
  /** JSON: { en: { title, description }, sv?: {...} } */
  texts: string;
  /** random, unique: the id public pages and calendar files use (the row id would count the closed sessions) */
  public_id: string;
  created_at: string;
  updated_at: string;
}
export interface ConferenceSessionPersonTable {
  session_id: number;
  person_id: number;
  role: string;
  position: number;
  /** 1: staff may name the person publicly (shown only when people.public_profile is 1 too) */
  named_publicly: number;
}
export interface ConferenceEmptyChairTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  country_code: string | null;
  reason: string;
  /** JSON: { en: { note }, sv?: { note } } */
  texts: string;
  /** shown publicly only when staff recorded both */
  safe_to_show: number;
  agreed: number;
  position: number;
  created_at: string;
  updated_at: string;
}

// ---- award (0006) ----
export type AwardStatus = 'draft' | 'published';
export interface AwardRecipientTable {
  id: Generated<number>;
  /** the award's year; one recipient per year */
  year: number;
  /** only published recipients appear on any public surface */
  status: AwardStatus;
  /** the recipient's public name, as it appears on the award pages */
  name: string;
  /** ISO 3166-1 alpha-2 */
  country_code: string;
  /** the independent organisation the recipient works in; may be empty */
  organisation: string;
  /** the year of the Defenders' Days edition whose open session held the ceremony */
  edition_year: number | null;
  photo_id: number | null;
  photo_credit: string | null;
  /** the country report, a PDF */
  report_id: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}
export interface AwardRecipientTranslationTable {
  recipient_id: number;
  locale: string;
  motivation: string;
  /** the ceremony, in a few sentences; may be empty */
  ceremony: string;
  photo_alt: string;
  /** the country report's title; empty: a generic link text */
  report_title: string;
}

// ---- participation (0007) ----
/** A data key, wrapped by the master key (src/security/data-keys.ts). */
export interface DataKeyTable {
  id: Generated<number>;
  /** what the key protects: `system`, or `edition:<id>` */
  scope: string;
  /** which master key wrapped it */
  master_key_id: number;
  /** `w1.<nonce>.<ciphertext+tag>`; null once destroyed */
  wrapped: string | null;
  created_at: string;
  rewrapped_at: string | null;
  destroyed_at: string | null;
}
export type ParticipantRole = 'defender' | 'stakeholder' | 'trainer' | 'panellist';
export type CallStatus = 'draft' | 'open' | 'closed';
/** An open call: anyone may apply until the deadline; staff review and decide. */
export interface ParticipationCallTable {
  id: Generated<number>;
  edition_id: number;
  role: ParticipantRole;
  status: CallStatus;
  /** ISO instant after which no application is taken */
  deadline: string;
  /** JSON: { [locale]: { title, body } } */
  texts: string;
  created_at: string;
  updated_at: string;
}
export type ApplicationStatus = 'submitted' | 'accepted' | 'declined' | 'waitlisted';
export interface ParticipationApplicationTable {
  id: Generated<number>;
  call_id: number;
  edition_id: number;
  status: ApplicationStatus;
  /** JSON of the answers, sealed under the edition's data key */
  answers_sealed: string;
  idempotency_key: string;
  locale: string;
  /** the invitation an accepted application became */
  invitation_id: number | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  /** HMAC (master key) of the call and the normalised address, to limit receipts; never the address */
  email_hash: string | null;
  /** when a receipt was mailed for this application; null when none was (limited) */
  receipt_sent_at: string | null;
}
export interface ParticipationReviewTable {
  application_id: number;
  reviewer_id: number;
  /** 1 to 5 */
  score: number;
  comment_sealed: string | null;
  created_at: string;
  updated_at: string;
}
export type InvitationStatus = 'open' | 'accepted' | 'revoked' | 'frozen';
export interface ParticipationInvitationTable {
  id: Generated<number>;
  edition_id: number;
  role: ParticipantRole;
  status: InvitationStatus;
  /** SHA-256 of the one-time link's token */
  token_hash: string;
  /** staff's note on whom it is for, sealed */
  label_sealed: string;
  /** the address it was mailed to, sealed; null when the link was passed on by hand */
  email_sealed: string | null;
  application_id: number | null;
  created_by: number | null;
  expires_at: string;
  created_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  /** HMAC (master key) of the second secret staff pass on by another channel; null when none is asked */
  code_hash: string | null;
  /** wrong codes given so far; at the limit the invitation is frozen */
  code_failures: Generated<number>;
  frozen_at: string | null;
}
export type PhotoConsent = 'always' | 'ask' | 'never';
/** An invited person who accepted; every personal field is sealed under the edition's data key. */
export interface ParticipantTable {
  id: Generated<number>;
  edition_id: number;
  invitation_id: number;
  role: ParticipantRole;
  /** keyed hash of the normalised sign-in name */
  login_hash: string;
  /** argon2id */
  passphrase_hash: string;
  display_name_sealed: string;
  photo_consent: PhotoConsent;
  travel_support: number;
  visa_letter: number;
  join_community: number;
  /** JSON: legal names, nationality, passport number, date of birth */
  identity_sealed: string | null;
  /** JSON: address, emergency contact */
  contact_sealed: string | null;
  /** JSON: travel and visa */
  travel_sealed: string | null;
  /** JSON: accommodation, access, dietary, interpretation */
  needs_sealed: string | null;
  /** staff's notes */
  notes_sealed: string | null;
  badge_token_hash: string;
  badge_token_sealed: string;
  calendar_token_hash: string | null;
  calendar_token_sealed: string | null;
  locale: string;
  created_at: string;
  updated_at: string;
  /** the authenticator app's secret, sealed under the system data key; null until one is added */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled: ColumnType<number, number | undefined, number>;
  totp_last_step: ColumnType<number, number | undefined, number>;
  /** keyed hashes of unused recovery codes, space-separated */
  recovery_codes: ColumnType<string, string | undefined, string>;
}
export interface ParticipantSessionTable {
  id: Generated<number>;
  participant_id: number;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** 'password' until the second factor is given, for a participant who has one */
  stage: ColumnType<SessionStage, SessionStage | undefined, SessionStage>;
  /** the WebAuthn challenge the session waits for */
  challenge: ColumnType<string | null, string | null | undefined, string | null>;
  reauth_at: ColumnType<string | null, string | null | undefined, string | null>;
}
/** A participant's passkey (WebAuthn): the public key and counter, nothing to sign in with. */
export interface ParticipantPasskeyTable {
  id: Generated<number>;
  participant_id: number;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}
/** Seats taken in a session by participants' picks; taken by one conditional UPDATE. */
export interface SessionSeatTable {
  session_id: number;
  taken: number;
}
export interface ParticipantPickTable {
  participant_id: number;
  session_id: number;
  created_at: string;
}
export interface ParticipationTotalTable {
  edition_id: number;
  role: string;
  participants: number;
  applications: number;
  picks: number;
  purged_at: string;
}

// ---- bootcamp (0012) ----
/** A training concept courses teach (digital security, strategic litigation, ...). */
export interface BootcampConceptTable {
  id: Generated<number>;
  /** JSON: { en: { name }, sv?: { name } } */
  texts: string;
  created_at: string;
}
/** A remote course; only published and closed courses appear on any public surface. */
export interface BootcampCourseTable {
  id: Generated<number>;
  slug: string;
  /** draft, published or closed */
  status: string;
  /** JSON: { en: { title, description }, sv?: { title, description } } */
  texts: string;
  /** a session language of the conference programme (en, sv, en-ru, ...) */
  language: string;
  /** invited or applications */
  audience: string;
  capacity: number;
  /** YYYY-MM-DD */
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}
export interface BootcampCourseConceptTable {
  course_id: number;
  concept_id: number;
}
/** A learning goal of a course, in order; later evaluations ask about each by its id. */
export interface BootcampGoalTable {
  id: Generated<number>;
  course_id: number;
  position: number;
  /** JSON: { en: { text }, sv?: { text } } */
  texts: string;
}
export interface BootcampCourseTrainerTable {
  course_id: number;
  person_id: number;
  position: number;
}
