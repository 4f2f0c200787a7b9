import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Database, RegistrationStatus, RegistrationTable } from '../../db/schema.js';
import type { Insertable, Selectable } from 'kysely';
import type { Question, QuestionTexts, RegistrantCounts, RegistrationSettings, SettingsInput } from './registrations.schema.js';

export type RegistrationRow = Selectable<RegistrationTable>;

/** Every SQL statement of registrations. Seats change only through takeSeat / releaseSeat. */
/** The tables the retention job deletes from or updates: answers, queued mail and the registrations themselves. */
export const ANONYMISED_TABLES: readonly (keyof Database)[] = ['registrations', 'registration_answers', 'outbox'];

export class RegistrationsRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async settings(q: Db | Tx, eventId: number): Promise<RegistrationSettings | undefined> {
    const row = await q.selectFrom('registration_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    if (!row) return undefined;
    return {
      enabled: row.enabled === 1,
      capacity: row.capacity,
      taken: row.taken,
      waitlist: row.waitlist === 1,
      deadline: row.deadline,
      aliasAllowed: row.alias_allowed === 1,
      questions: await this.questions(q, eventId),
    };
  }

  async questions(q: Db | Tx, eventId: number): Promise<Question[]> {
    const rows = await q.selectFrom('registration_questions').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      required: r.required === 1,
      retentionDays: r.retention_days,
      texts: JSON.parse(r.texts) as { en: QuestionTexts; sv?: QuestionTexts },
    }));
  }

  /** Writes the settings; `taken` is never touched here. Questions missing from the input are removed with their answers. */
  async saveSettings(tx: Tx, eventId: number, input: SettingsInput, nowIso: string): Promise<void> {
    const values = {
      enabled: input.enabled ? 1 : 0,
      capacity: input.capacity,
      waitlist: input.waitlist ? 1 : 0,
      deadline: input.deadline,
      alias_allowed: input.aliasAllowed ? 1 : 0,
      updated_at: nowIso,
    };
    await tx
      .insertInto('registration_settings')
      .values({ event_id: eventId, taken: 0, ...values })
      .onConflict((oc) => oc.column('event_id').doUpdateSet(values))
      .execute();
    const keep = input.questions.map((x) => x.id).filter((id): id is number => id !== null);
    let del = tx.deleteFrom('registration_questions').where('event_id', '=', eventId);
    if (keep.length) del = del.where('id', 'not in', keep);
    await del.execute();
    for (const [position, question] of input.questions.entries()) {
      const row = { position, required: question.required ? 1 : 0, retention_days: question.retentionDays, texts: JSON.stringify(question.texts) };
      if (question.id !== null) await tx.updateTable('registration_questions').set(row).where('id', '=', question.id).where('event_id', '=', eventId).execute();
      else
        await tx
          .insertInto('registration_questions')
          .values({ event_id: eventId, ...row })
          .execute();
    }
  }

  /** Ids of the event's questions, to check that a form names only its own. */
  async questionIds(tx: Tx, eventId: number): Promise<number[]> {
    const rows = await tx.selectFrom('registration_questions').select('id').where('event_id', '=', eventId).execute();
    return rows.map((r) => r.id);
  }

  /** Whether a public registration is possible right now: published, shown, enabled, before the deadline and the start. */
  async eventState(tx: Tx, eventId: number): Promise<{ status: string; hidden: number; startsAt: string; endsAt: string } | undefined> {
    return tx.selectFrom('events').select(['status', 'hidden', 'starts_at as startsAt', 'ends_at as endsAt']).where('id', '=', eventId).executeTakeFirst();
  }

  /**
   * Takes one seat if one is free, in a single conditional statement: two requests can never
   * both see the last seat free. Returns false when the event is full or registration is off.
   */
  async takeSeat(tx: Tx, eventId: number): Promise<boolean> {
    const row = await tx
      .updateTable('registration_settings')
      .set({ taken: sql<number>`taken + 1` })
      .where('event_id', '=', eventId)
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('capacity', 'is', null), eb('taken', '<', eb.ref('capacity'))]))
      .returning('taken')
      .executeTakeFirst();
    return row !== undefined;
  }

  async releaseSeat(tx: Tx, eventId: number): Promise<void> {
    await tx
      .updateTable('registration_settings')
      .set({ taken: sql<number>`taken - 1` })
      .where('event_id', '=', eventId)
      .where('taken', '>', 0)
      .execute();
  }

  /** A seat for a promotion: like takeSeat, but the event's registration may have been switched off since. */
  async takeSeatForPromotion(tx: Tx, eventId: number): Promise<boolean> {
    const row = await tx
      .updateTable('registration_settings')
      .set({ taken: sql<number>`taken + 1` })
      .where('event_id', '=', eventId)
      .where((eb) => eb.or([eb('capacity', 'is', null), eb('taken', '<', eb.ref('capacity'))]))
      .returning('taken')
      .executeTakeFirst();
    return row !== undefined;
  }

  byIdempotencyKey(tx: Tx, eventId: number, key: string): Promise<RegistrationRow | undefined> {
    return tx.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  activeByEmailHash(tx: Tx, eventId: number, hash: string): Promise<RegistrationRow | undefined> {
    return tx
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('email_hash', '=', hash)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
  }

  byTokenHash(q: Db | Tx, hash: string): Promise<RegistrationRow | undefined> {
    return q.selectFrom('registrations').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst();
  }

  async insert(tx: Tx, row: Insertable<RegistrationTable>): Promise<number> {
    const r = await tx.insertInto('registrations').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async insertAnswers(tx: Tx, registrationId: number, answers: { questionId: number; sealed: string }[]): Promise<void> {
    if (!answers.length) return;
    await tx
      .insertInto('registration_answers')
      .values(answers.map((a) => ({ registration_id: registrationId, question_id: a.questionId, value_sealed: a.sealed })))
      .execute();
  }

  /** 1 for the first on the waiting list. */
  async waitlistPosition(q: Db | Tx, eventId: number, id: number): Promise<number> {
    const r = await q
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', eventId)
      .where('status', '=', 'waitlisted')
      .where('id', '<=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Changes the status only if it still is `from`; false when another request got there first. */
  async changeStatus(tx: Tx, id: number, from: RegistrationStatus, to: RegistrationStatus, nowIso: string): Promise<boolean> {
    const r = await tx
      .updateTable('registrations')
      .set({
        status: to,
        updated_at: nowIso,
        ...(to === 'cancelled' ? { cancelled_at: nowIso } : {}),
        ...(from === 'waitlisted' && to === 'confirmed' ? { promoted_at: nowIso } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  firstWaitlisted(tx: Tx, eventId: number, afterId: number): Promise<RegistrationRow | undefined> {
    return tx
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('status', '=', 'waitlisted')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  async replaceToken(tx: Tx, id: number, hash: string, sealed: string, nowIso: string): Promise<void> {
    await tx
      .updateTable('registrations')
      .set({ manage_token_hash: hash, manage_token_sealed: sealed, link_sent_at: nowIso, updated_at: nowIso })
      .where('id', '=', id)
      .execute();
  }

  /** Registrations of an event in the given states, oldest first, with their sealed data. */
  byEvent(q: Db | Tx, eventId: number, statuses: readonly RegistrationStatus[]): Promise<RegistrationRow[]> {
    return q
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('status', 'in', [...statuses])
      .where('anonymised_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  async answersOf(q: Db | Tx, eventId: number): Promise<{ registrationId: number; questionId: number; sealed: string }[]> {
    const rows = await q
      .selectFrom('registration_answers')
      .innerJoin('registrations', 'registrations.id', 'registration_answers.registration_id')
      .select([
        'registration_answers.registration_id as registrationId',
        'registration_answers.question_id as questionId',
        'registration_answers.value_sealed as sealed',
      ])
      .where('registrations.event_id', '=', eventId)
      .execute();
    return rows;
  }

  async counts(q: Db | Tx, eventId: number): Promise<RegistrantCounts> {
    const rows = await q
      .selectFrom('registrations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('anonymised_at').as('anon')])
      .where('event_id', '=', eventId)
      .groupBy('status')
      .execute();
    const out: RegistrantCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, anonymised: 0 };
    for (const r of rows) {
      out[r.status] = Number(r.n);
      out.anonymised += Number(r.anon);
    }
    return out;
  }

  /** Confirmed registrations of events that start between the two instants and have had no reminder. */
  dueReminders(fromIso: string, untilIso: string, limit: number): Promise<{ id: number; eventId: number; createdAt: string; startsAt: string }[]> {
    return this.db
      .selectFrom('registrations')
      .innerJoin('events', 'events.id', 'registrations.event_id')
      .select(['registrations.id as id', 'registrations.event_id as eventId', 'registrations.created_at as createdAt', 'events.starts_at as startsAt'])
      .where('registrations.status', '=', 'confirmed')
      .where('registrations.reminded_at', 'is', null)
      .where('registrations.anonymised_at', 'is', null)
      .where('events.status', '=', 'published')
      .where('events.hidden', '=', 0)
      .where('events.starts_at', '>', fromIso)
      .where('events.starts_at', '<=', untilIso)
      .orderBy('registrations.id')
      .limit(limit)
      .execute();
  }

  async markReminded(tx: Tx, id: number, nowIso: string): Promise<RegistrationRow | undefined> {
    return tx
      .updateTable('registrations')
      .set({ reminded_at: nowIso })
      .where('id', '=', id)
      .where('reminded_at', 'is', null)
      .where('status', '=', 'confirmed')
      .returningAll()
      .executeTakeFirst();
  }

  /** Events that ended before `endedBeforeIso` and still hold personal data of registrants. */
  async eventsToAnonymise(endedBeforeIso: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .innerJoin('events', 'events.id', 'registrations.event_id')
      .select('registrations.event_id as eventId')
      .distinct()
      .where('registrations.anonymised_at', 'is', null)
      .where('events.ends_at', '<', endedBeforeIso)
      .execute();
    return rows.map((r) => r.eventId);
  }

  /**
   * Deletes the personal data of an event's registrants (address, name, link, answers and
   * any mail still queued for them) and keeps each row's status, so the counts stay.
   */
  async anonymiseEvent(tx: Tx, eventId: number, nowIso: string): Promise<number> {
    const ids = (await tx.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('anonymised_at', 'is', null).execute()).map(
      (r) => r.id,
    );
    if (!ids.length) return 0;
    await tx.deleteFrom('registration_answers').where('registration_id', 'in', ids).execute();
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await tx
        .deleteFrom('outbox')
        .where((eb) => eb.or(chunk.map((id) => eb('dedupe_key', 'like', `reg:${id}:%`))))
        .execute();
    }
    await tx
      .updateTable('registrations')
      .set({
        email_sealed: null,
        name_sealed: null,
        email_hash: null,
        manage_token_hash: null,
        manage_token_sealed: null,
        anonymised_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', 'in', ids)
      .execute();
    return ids.length;
  }

  /** Queued or sent mails whose dedupe key matches a LIKE pattern. */
  async countQueued(tx: Tx, pattern: string): Promise<number> {
    const r = await tx
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dedupe_key', 'like', pattern)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Deletes answers to questions whose own retention (days after the event's end) has passed. */
  async deleteExpiredAnswers(tx: Tx, nowIso: string): Promise<number> {
    const questions = await tx
      .selectFrom('registration_questions')
      .innerJoin('events', 'events.id', 'registration_questions.event_id')
      .select(['registration_questions.id as id', 'registration_questions.retention_days as days', 'events.ends_at as endsAt'])
      .where('events.ends_at', '<', nowIso)
      .execute();
    const now = new Date(nowIso).getTime();
    const expired = questions.filter((q) => new Date(q.endsAt).getTime() + q.days * 86_400_000 < now).map((q) => q.id);
    if (!expired.length) return 0;
    const r = await tx.deleteFrom('registration_answers').where('question_id', 'in', expired).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
