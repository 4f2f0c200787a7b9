import type { Tx } from '../../db/database.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import { FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import type { PeopleRepository } from './people.repository.js';
import { parsePersonForm, type AdminPerson, type AdminPersonRow } from './people.schema.js';

export interface PeopleDeps {
  repo: PeopleRepository;
  audit: AuditRepository;
  clock: Clock;
}

/**
 * Speakers, trainers and panellists. Every method checks `people.edit` again (default
 * deny); every change runs in one transaction with a named audit entry holding the
 * person's id only: names are personal data and stay out of the audit trail.
 */
export class PeopleService {
  constructor(private readonly d: PeopleDeps) {}

  private audit(tx: Tx, p: Principal, nowIso: string, action: string, id: number): Promise<void> {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action, objectType: 'person', objectId: id });
  }

  list(p: Principal): Promise<AdminPersonRow[]> {
    requirePermission(p, 'people.edit');
    return this.d.repo.list(2_000);
  }

  async get(p: Principal, id: number): Promise<AdminPerson> {
    requirePermission(p, 'people.edit');
    const person = await this.d.repo.get(id);
    if (!person) throw notFound('person');
    return person;
  }

  private async checkSlug(tx: Tx, slug: string, exceptId: number | null): Promise<void> {
    const errors = new FormErrors();
    if (await this.d.repo.slugTaken(tx, slug, exceptId)) errors.add('slug', 'form.slug-taken');
    errors.throwIfAny('person slug');
  }

  async create(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'people.edit');
    const input = parsePersonForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    return duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkSlug(tx, input.slug, null);
        const id = await this.d.repo.insert(tx, input, nowIso);
        await this.audit(tx, p, nowIso, 'person.created', id);
        return id;
      }),
    );
  }

  async update(p: Principal, id: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'people.edit');
    await this.get(p, id);
    const input = parsePersonForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    await duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkSlug(tx, input.slug, id);
        await this.d.repo.update(tx, id, input);
        await this.audit(tx, p, nowIso, 'person.updated', id);
      }),
    );
  }
}
