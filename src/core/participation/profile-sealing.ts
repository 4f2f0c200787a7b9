import type { FieldKey } from '../../security/data-keys.js';
import { ctx } from './participation.context.js';
import type { ParticipantRecord } from './participation.repository.js';
import { emptyProfile, isPhotoConsent, type Contact, type Identity, type Needs, type Profile, type Travel } from './participation.schema.js';

type SealedColumns = Pick<
  ParticipantRecord,
  | 'display_name_sealed'
  | 'photo_consent'
  | 'travel_support'
  | 'visa_letter'
  | 'join_community'
  | 'identity_sealed'
  | 'contact_sealed'
  | 'travel_sealed'
  | 'needs_sealed'
>;

/** The profile as columns: every personal field sealed under the edition's key, bound to the participant and the field. */
export function sealProfile(key: FieldKey, invitationId: number, p: Profile): SealedColumns {
  const seal = (field: string, value: unknown) => key.seal(JSON.stringify(value), ctx.participant(invitationId, field));
  return {
    display_name_sealed: seal('display_name', p.displayName),
    photo_consent: p.photoConsent,
    travel_support: p.travelSupport ? 1 : 0,
    visa_letter: p.visaLetter ? 1 : 0,
    join_community: p.joinCommunity ? 1 : 0,
    identity_sealed: p.identity ? seal('identity', p.identity) : null,
    contact_sealed: seal('contact', p.contact),
    travel_sealed: seal('travel', p.travel),
    needs_sealed: seal('needs', p.needs),
  };
}

function openJson<T>(key: FieldKey, row: ParticipantRecord, field: string, sealed: string | null, fallback: T): T {
  if (sealed === null) return fallback;
  return { ...fallback, ...(JSON.parse(key.open(sealed, ctx.participant(row.invitation_id, field))) as T) };
}

/** Opens a participant's profile; throws if any field was changed or belongs to another participant. */
export function openProfile(key: FieldKey, row: ParticipantRecord): Profile {
  const empty = emptyProfile('');
  const displayName = JSON.parse(key.open(row.display_name_sealed, ctx.participant(row.invitation_id, 'display_name'))) as string;
  return {
    displayName,
    photoConsent: isPhotoConsent(row.photo_consent) ? row.photo_consent : 'ask',
    travelSupport: row.travel_support === 1,
    visaLetter: row.visa_letter === 1,
    joinCommunity: row.join_community === 1,
    identity: row.identity_sealed === null ? null : openJson<Identity>(key, row, 'identity', row.identity_sealed, {} as Identity),
    contact: openJson<Contact>(key, row, 'contact', row.contact_sealed, empty.contact),
    travel: openJson<Travel>(key, row, 'travel', row.travel_sealed, empty.travel),
    needs: openJson<Needs>(key, row, 'needs', row.needs_sealed, empty.needs),
  };
}

export const openDisplayName = (key: FieldKey, row: Pick<ParticipantRecord, 'display_name_sealed' | 'invitation_id'>): string =>
  JSON.parse(key.open(row.display_name_sealed, ctx.participant(row.invitation_id, 'display_name'))) as string;

export const openNotes = (key: FieldKey, row: ParticipantRecord): string =>
  row.notes_sealed === null ? '' : key.open(row.notes_sealed, ctx.participant(row.invitation_id, 'notes'));

export const openBadgeToken = (key: FieldKey, row: ParticipantRecord): string => key.open(row.badge_token_sealed, ctx.participant(row.invitation_id, 'badge'));
