import { normaliseEmail } from '../../core/accounts/accounts.schema.js';
import type { SecretBox } from '../../security/secret-box.js';
import { RegistrationSeals } from '../../core/registrations/registrations.sealing.js';
import { randomToken } from '../../security/tokens.js';
import type { Db } from '../database.js';
import { makeRegistrationSettings } from '../factories.js';
import { demoRegistrants } from './registrants-data.js';
import type { DemoRegistration } from './types.js';

/**
 * Opens registration for a demo event and, with the master key at hand, adds the invented
 * registrants: sealed and hashed exactly as RegistrationsService.register stores them
 * (the demo test reads them back through the service), seats first, then the waiting list,
 * and `taken` set to the number of seats they hold. Nothing is queued in the outbox and
 * nothing is audited: no mail is ever sent for a demo registration when the demo loads.
 * Without a key (`box` undefined) the event gets its settings and no registrants.
 */
export async function loadDemoRegistration(db: Db, eventId: number, spec: DemoRegistration, box: SecretBox | undefined, now: Date): Promise<void> {
  await makeRegistrationSettings(db, eventId, { capacity: spec.capacity, waitlist: spec.waitlist });
  const count = box ? (spec.registrants ?? 0) : 0;
  if (!box || count === 0) return;
  if (count > demoRegistrants.length) throw new Error(`demo data asks for ${count} registrants; registrants-data.ts has ${demoRegistrants.length}`);
  if (spec.capacity !== null && count > spec.capacity && !spec.waitlist) throw new Error('demo data: more registrants than seats and no waiting list');

  const seals = new RegistrationSeals(box);
  let confirmed = 0;
  for (const [i, person] of demoRegistrants.slice(0, count).entries()) {
    const seat = spec.capacity === null || confirmed < spec.capacity;
    if (seat) confirmed++;
    // One registration an hour, the last one an hour ago.
    const at = new Date(now.getTime() - (count - i) * 3_600_000).toISOString();
    const token = seals.newToken(eventId);
    await db
      .insertInto('registrations')
      .values({
        event_id: eventId,
        status: seat ? 'confirmed' : 'waitlisted',
        email_sealed: seals.seal(eventId, 'email', person.email),
        name_sealed: seals.seal(eventId, 'name', person.name),
        email_hash: seals.emailHash(eventId, normaliseEmail(person.email)),
        manage_token_hash: token.hash,
        manage_token_sealed: token.sealed,
        idempotency_key: randomToken().slice(0, 32),
        locale: person.locale,
        created_at: at,
        updated_at: at,
        cancelled_at: null,
        promoted_at: null,
        reminded_at: null,
        link_sent_at: at,
        anonymised_at: null,
      })
      .execute();
  }
  await db.updateTable('registration_settings').set({ taken: confirmed }).where('event_id', '=', eventId).execute();
}
