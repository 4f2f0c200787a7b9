import { countryName, formatDate } from '../../i18n/format.js';
import { t, type Locale } from '../../i18n/index.js';
import { REAUTH_MS, type Principal } from '../accounts/accounts.schema.js';
import { csvLine } from '../registrations/registrations.schema.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { field, FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import { localDate } from '../shared/zoned-time.js';
import { renderBadges, renderVisaLetter, type BadgeInput } from './documents.js';
import { ctx, ParticipationBase } from './participation.context.js';
import { ERASED_WITH_EDITION, type EditionRef, type ParticipantRecord } from './participation.repository.js';
import {
  editionScope,
  isParticipantRole,
  mailKeyPrefix,
  type ParticipantDetail,
  type ParticipantRow,
  type ParticipationTotals,
} from './participation.schema.js';
import { openBadgeToken, openDisplayName, openNotes, openProfile } from './profile-sealing.js';
import type { FieldKey } from '../../security/data-keys.js';

/**
 * Logistics: who comes and what they need, visa letters, badges and
 * the export, for holders of participant.read-identity only; every read of personal data is
 * audited (security requirement R17), with ids and counts, never the data. And deletion: some days after
 * an edition ends, its data key is destroyed with the rows, and only totals stay.
 */
export class LogisticsService extends ParticipationBase {
  private async read(p: Principal, editionId: number): Promise<{ edition: EditionRef; key: FieldKey | undefined }> {
    requirePermission(p, 'participant.read-identity');
    const edition = await this.edition(editionId);
    return { edition, key: await this.d.dataKeys.existing(editionScope(editionId)) };
  }

  private row(key: FieldKey, r: ParticipantRecord, picks: number): ParticipantRow {
    const profile = openProfile(key, r);
    return {
      id: r.id,
      role: r.role,
      displayName: profile.displayName,
      photoConsent: profile.photoConsent,
      travelSupport: profile.travelSupport,
      visaLetter: profile.visaLetter,
      joinCommunity: profile.joinCommunity,
      needs: profile.needs,
      picks,
      createdAt: r.created_at,
    };
  }

  private async audit(p: Principal, action: string, objectType: string, objectId: number, details: Record<string, number | string> = {}): Promise<void> {
    await this.d.audit.record(this.d.repo.db, this.now().toISOString(), { actorId: p.userId, action, objectType, objectId, details });
  }

  /** Participants with their needs. */
  async list(p: Principal, editionId: number): Promise<{ participants: ParticipantRow[]; totals: ParticipationTotals[] }> {
    const { key } = await this.read(p, editionId);
    const [rows, picks, totals] = await Promise.all([this.d.repo.participants(editionId), this.d.repo.pickCounts(editionId), this.d.repo.totals(editionId)]);
    const participants = key ? rows.map((r) => this.row(key, r, picks.get(r.id) ?? 0)) : [];
    await this.audit(p, 'participant.list-read', 'edition', editionId, { count: participants.length });
    return {
      participants,
      totals: totals.map((x) => ({ role: x.role, participants: x.participants, applications: x.applications, picks: x.picks, purgedAt: x.purged_at })),
    };
  }

  private async one(p: Principal, editionId: number, participantId: number): Promise<{ key: FieldKey; row: ParticipantRecord; edition: EditionRef }> {
    const { key, edition } = await this.read(p, editionId);
    const row = await this.d.repo.participant(this.d.repo.db, participantId);
    if (!row || row.edition_id !== editionId || !key) throw notFound('participant');
    return { key, row, edition };
  }

  /** Everything one participant told us, and staff's notes. */
  async detail(p: Principal, editionId: number, participantId: number): Promise<ParticipantDetail> {
    const { key, row } = await this.one(p, editionId, participantId);
    const picks = await this.d.repo.pickCounts(editionId);
    await this.audit(p, 'participant.identity-read', 'participant', participantId);
    return {
      ...this.row(key, row, picks.get(row.id) ?? 0),
      profile: openProfile(key, row),
      notes: openNotes(key, row),
      locale: row.locale === 'sv' ? 'sv' : 'en',
    };
  }

  async saveNotes(p: Principal, editionId: number, participantId: number, raw: RawForm): Promise<void> {
    const { key, row } = await this.one(p, editionId, participantId);
    const e = new FormErrors();
    const notes = e.text('notes', field(raw, 'notes'), { max: 5000 });
    e.throwIfAny('notes');
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, {
        notes_sealed: notes ? key.seal(notes, ctx.participant(row.invitation_id, 'notes')) : null,
        updated_at: nowIso,
      });
      await this.d.audit.record(tx, nowIso, { actorId: p.userId, action: 'participant.notes-saved', objectType: 'participant', objectId: row.id });
    });
  }

  /** Badges for every participant of the edition (or one): the chosen name, role, consent and a random token. */
  async badges(p: Principal, editionId: number, locale: Locale, participantId?: number): Promise<Uint8Array> {
    const { key, edition } = await this.read(p, editionId);
    const rows = (await this.d.repo.participants(editionId)).filter((r) => participantId === undefined || r.id === participantId);
    if (participantId !== undefined && (rows.length === 0 || !key)) throw notFound('participant');
    const badges: BadgeInput[] = key
      ? rows.map((r) => ({
          displayName: openDisplayName(key, r),
          roleLabel: t(locale, `portal.role.${isParticipantRole(r.role) ? r.role : 'defender'}`),
          photoConsent: r.photo_consent,
          consentLabel: t(locale, `portal.consent-badge.${r.photo_consent}`),
          token: openBadgeToken(key, r),
          eventLabel: t(locale, 'logistics.badge.event', { year: edition.year }),
        }))
      : [];
    await this.audit(p, 'participant.badges-made', 'edition', editionId, { count: badges.length });
    return renderBadges(badges);
  }

  /** A visa invitation letter, with the names as in the passport; only for a participant who asked for one and gave the identity. */
  async visaLetter(p: Principal, editionId: number, participantId: number, locale: Locale): Promise<Uint8Array> {
    const { key, row, edition } = await this.one(p, editionId, participantId);
    const profile = openProfile(key, row);
    const id = profile.identity;
    if (!profile.visaLetter || !id || !id.passportNumber || !id.dateOfBirth || !id.nationality)
      throw invalid('identity missing', { form: 'participation.identity-missing' });
    const venue = await this.d.repo.editionPlace(editionId);
    const day = (d: string | null) => (d ? formatDate(`${d}T12:00:00Z`, locale, 'UTC') : '');
    const name = `${id.givenNames} ${id.familyNames}`;
    const nationality = countryName(id.nationality, locale);
    await this.audit(p, 'participant.visa-letter-made', 'participant', participantId);
    return renderVisaLetter({
      heading: t(locale, 'logistics.letter.heading'),
      place: venue.city ?? '',
      date: formatDate(this.now().toISOString(), locale, edition.time_zone),
      facts: [
        [t(locale, 'logistics.letter.name'), name],
        [t(locale, 'logistics.letter.nationality'), nationality],
        [t(locale, 'logistics.letter.passport'), id.passportNumber],
        [t(locale, 'logistics.letter.born'), day(id.dateOfBirth)],
        [t(locale, 'logistics.letter.dates'), `${day(venue.starts_on)} – ${day(venue.ends_on)}`],
      ],
      paragraphs: [
        t(locale, 'logistics.letter.to'),
        t(locale, 'logistics.letter.body', {
          name,
          year: edition.year,
          city: venue.city ?? '',
          venue: venue.venue ?? '',
          start: day(venue.starts_on),
          end: day(venue.ends_on),
        }),
        t(locale, 'logistics.letter.costs'),
        t(locale, 'logistics.letter.contact'),
      ],
      signature: [t(locale, 'logistics.letter.signature'), t(locale, 'site.name')],
    });
  }

  /** A second factor given within the last five minutes, or a refusal (the export and erasure ask for it). */
  private requireReauth(p: Principal): void {
    if (!p.reauthAt || this.now().getTime() - new Date(p.reauthAt).getTime() > REAUTH_MS) throw new DomainError('forbidden', 'reauthentication needed');
  }

  /** The export: a POST after a second factor within five minutes, audited with the row count. */
  async exportCsv(p: Principal, editionId: number): Promise<{ csv: string; rows: number }> {
    requirePermission(p, 'participant.read-identity');
    this.requireReauth(p);
    const { key } = await this.read(p, editionId);
    const rows = key ? await this.d.repo.participants(editionId) : [];
    const picks = await this.d.repo.pickCounts(editionId);
    let csv = csvLine([
      'id',
      'role',
      'display_name',
      'photo_consent',
      'travel_support',
      'visa_letter',
      'join_community',
      'given_names',
      'family_names',
      'nationality',
      'passport_number',
      'date_of_birth',
      'email',
      'emergency_contact',
      'travel_from',
      'arrival',
      'departure',
      'visa_notes',
      'accommodation',
      'access',
      'dietary',
      'interpretation',
      'sessions_picked',
    ]);
    for (const r of rows) {
      const pr = openProfile(key as FieldKey, r);
      const id = pr.identity;
      csv += csvLine([
        String(r.id),
        r.role,
        pr.displayName,
        pr.photoConsent,
        pr.travelSupport ? 'yes' : 'no',
        pr.visaLetter ? 'yes' : 'no',
        pr.joinCommunity ? 'yes' : 'no',
        id?.givenNames ?? '',
        id?.familyNames ?? '',
        id?.nationality ?? '',
        id?.passportNumber ?? '',
        id?.dateOfBirth ?? '',
        pr.contact.email,
        pr.contact.emergency,
        pr.travel.from,
        pr.travel.arrival,
        pr.travel.departure,
        pr.travel.visa,
        pr.needs.accommodation,
        pr.needs.access,
        pr.needs.dietary,
        pr.needs.interpretation,
        String(picks.get(r.id) ?? 0),
      ]);
    }
    await this.audit(p, 'export.participants', 'edition', editionId, { rows: rows.length });
    return { csv, rows: rows.length };
  }

  // ---- deletion

  /** The day (YYYY-MM-DD) an edition that ended on `endsOn` is erased. */
  purgeDay(endsOn: string): string {
    return new Date(Date.parse(`${endsOn}T00:00:00Z`) + (this.d.retentionDays + 1) * 86_400_000).toISOString().slice(0, 10);
  }

  /**
   * Erases every edition whose last day is more than the retention period ago: counts the
   * totals, deletes the rows and the mail still queued for them, and destroys the data key,
   * in one transaction. Backups made before keep ciphertext only; the key is not in them
   * either after a restore of a later backup. Returns the editions erased.
   */
  async purgeExpired(): Promise<number[]> {
    const today = this.now().toISOString().slice(0, 10);
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - this.d.retentionDays * 86_400_000).toISOString().slice(0, 10);
    const done: number[] = [];
    for (const e of await this.d.repo.editionsEndedBefore(cutoff)) {
      await this.purge(e.id, null);
      done.push(e.id);
    }
    return done;
  }

  /** Whether the edition's conference is over (its last day has passed where it is held), and the day its data is erased automatically. */
  async erasure(editionId: number): Promise<{ over: boolean; purgeDay: string | null }> {
    const e = await this.edition(editionId);
    return { over: !!e.ends_on && e.ends_on < localDate(this.now(), e.time_zone), purgeDay: e.ends_on ? this.purgeDay(e.ends_on) : null };
  }

  /**
   * Erases an edition's participation data now, at staff's request (participant.invite), once its
   * conference is over, and only with a second factor given within five minutes: a stolen
   * session alone cannot destroy what participants told us.
   */
  async eraseNow(p: Principal, editionId: number): Promise<void> {
    requirePermission(p, 'participant.invite');
    if (!(await this.erasure(editionId)).over) throw invalid('conference not over', { confirm: 'padmin.erase.not-over' });
    this.requireReauth(p);
    await this.purge(editionId, p.userId);
  }

  /** Erases one edition's participation data now. */
  async purge(editionId: number, actorId: number | null): Promise<void> {
    const nowIso = this.now().toISOString();
    const scope = editionScope(editionId);
    await this.d.repo.transaction(async (tx) => {
      const totals = await this.d.repo.totalsOf(tx, editionId);
      await this.d.repo.saveTotals(tx, editionId, totals, nowIso);
      await this.d.repo.deleteEditionData(tx, editionId, mailKeyPrefix(editionId));
      const destroyed = await this.d.dataKeys.destroy(tx, scope);
      await this.d.audit.record(tx, nowIso, {
        actorId,
        action: 'participation.erased',
        objectType: 'edition',
        objectId: editionId,
        details: { participants: totals.reduce((s, x) => s + x.participants, 0), keyDestroyed: destroyed },
      });
    });
    this.d.dataKeys.forget(scope);
    // The destroyed key and the deleted rows out of the database files too (WAL, freed pages, dead tuples).
    await this.scrub({ type: 'edition', id: editionId }, ERASED_WITH_EDITION);
  }
}
