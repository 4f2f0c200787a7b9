import type { Tx } from '../../db/database.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import { FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import type { CatalogueRepository } from './catalogue.repository.js';
import { auditType, parseCatalogueForm, type CatalogueItem, type CatalogueKind, type CatalogueRow } from './catalogue.schema.js';

export interface CatalogueDeps {
  repo: CatalogueRepository;
  audit: AuditRepository;
  clock: Clock;
}

/**
 * Series, venues, partners and topics. Every method checks `people.edit` again (default
 * deny); every change runs in one transaction with a named audit entry (`series.created`,
 * `venue.updated`, ...) holding the object's id only.
 */
export class CatalogueService {
  constructor(private readonly d: CatalogueDeps) {}

  private audit(tx: Tx, p: Principal, nowIso: string, kind: CatalogueKind, verb: 'created' | 'updated', id: number): Promise<void> {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action: `${auditType[kind]}.${verb}`, objectType: auditType[kind], objectId: id });
  }

  list(p: Principal, kind: CatalogueKind): Promise<CatalogueRow[]> {
    requirePermission(p, 'people.edit');
    return this.d.repo.list(kind, 2_000);
  }

  async get(p: Principal, kind: CatalogueKind, id: number): Promise<CatalogueItem> {
    requirePermission(p, 'people.edit');
    const item = await this.d.repo.get(kind, id);
    if (!item) throw notFound(kind);
    return item;
  }

  private async checkSlug(tx: Tx, kind: CatalogueKind, slug: string, exceptId: number | null): Promise<void> {
    const errors = new FormErrors();
    if (await this.d.repo.slugTaken(tx, kind, slug, exceptId)) errors.add('slug', 'form.slug-taken');
    errors.throwIfAny(`${kind} slug`);
  }

  async create(p: Principal, kind: CatalogueKind, raw: RawForm): Promise<number> {
    requirePermission(p, 'people.edit');
    const input = parseCatalogueForm(kind, raw);
    const nowIso = this.d.clock.now().toISOString();
    return duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkSlug(tx, kind, input.slug, null);
        const id = await this.d.repo.insert(tx, input, nowIso);
        await this.audit(tx, p, nowIso, kind, 'created', id);
        return id;
      }),
    );
  }

  async update(p: Principal, kind: CatalogueKind, id: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'people.edit');
    await this.get(p, kind, id);
    const input = parseCatalogueForm(kind, raw);
    const nowIso = this.d.clock.now().toISOString();
    await duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkSlug(tx, kind, input.slug, id);
        await this.d.repo.update(tx, id, input);
        await this.audit(tx, p, nowIso, kind, 'updated', id);
      }),
    );
  }
}
