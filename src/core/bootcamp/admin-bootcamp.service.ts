import type { Tx } from '../../db/database.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import { DomainError, notFound } from '../shared/errors.js';
import { FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import type { BootcampRepository } from './bootcamp.repository.js';
import {
  courseTransitions,
  parseConceptForm,
  parseCourseForm,
  type AdminConcept,
  type AdminCourse,
  type AdminCourseRow,
  type CourseFilter,
  type CourseInput,
  type CourseTransition,
} from './bootcamp.schema.js';

export interface BootcampDeps {
  repo: BootcampRepository;
  audit: AuditRepository;
  clock: Clock;
}

/** What the course form offers to choose from. */
export interface CourseFormOptions {
  concepts: AdminConcept[];
  people: { id: number; name: string }[];
}

/**
 * The staff side of the bootcamp (`bootcamp.edit`): courses and the training concepts they
 * teach. Every method checks the permission again (default deny) and then the object; every
 * change runs in one transaction with a named audit entry holding ids and counts only.
 */
export class AdminBootcampService {
  constructor(private readonly d: BootcampDeps) {}

  private audit(tx: Tx, p: Principal, nowIso: string, action: string, type: string, id: number, details?: Record<string, number | string>): Promise<void> {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action, objectType: type, objectId: id, ...(details ? { details } : {}) });
  }

  list(p: Principal, filter: CourseFilter): Promise<AdminCourseRow[]> {
    requirePermission(p, 'bootcamp.edit');
    return this.d.repo.list(filter, 1_000);
  }

  async get(p: Principal, id: number): Promise<AdminCourse> {
    requirePermission(p, 'bootcamp.edit');
    const course = await this.d.repo.get(this.d.repo.db, id);
    if (!course) throw notFound('course');
    return course;
  }

  async formOptions(p: Principal): Promise<CourseFormOptions> {
    requirePermission(p, 'bootcamp.edit');
    const [concepts, people] = await Promise.all([this.d.repo.concepts(), this.d.repo.peopleOptions(2_000)]);
    return { concepts, people };
  }

  /** The chosen concepts, trainers and goals must be real, and goals this course's own: checked inside the write's transaction. */
  private async checkChoices(tx: Tx, input: CourseInput, courseId: number | null): Promise<void> {
    const errors = new FormErrors();
    if (await this.d.repo.slugTaken(tx, input.slug, courseId)) errors.add('slug', 'form.slug-taken');
    if ((await this.d.repo.conceptIdsIn(tx, input.conceptIds)).length !== input.conceptIds.length) errors.add('concepts', 'form.choice-invalid');
    if ((await this.d.repo.personIdsIn(tx, input.trainerIds)).length !== input.trainerIds.length) errors.add('trainers', 'form.choice-invalid');
    const own = courseId === null ? [] : await this.d.repo.goalIdsOf(tx, courseId);
    input.goals.forEach((g, i) => {
      if (g.id !== null && !own.includes(g.id)) errors.add(`goal_id_${i + 1}`, 'form.choice-invalid');
    });
    errors.throwIfAny('course choices');
  }

  private counts(input: CourseInput): Record<string, number> {
    return { goals: input.goals.length, concepts: input.conceptIds.length, trainers: input.trainerIds.length };
  }

  async create(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'bootcamp.edit');
    const input = parseCourseForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    return duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkChoices(tx, input, null);
        const id = await this.d.repo.insert(tx, input, nowIso);
        await this.audit(tx, p, nowIso, 'bootcamp.course-created', 'bootcamp-course', id, this.counts(input));
        return id;
      }),
    );
  }

  async update(p: Principal, id: number, raw: RawForm): Promise<void> {
    await this.get(p, id);
    const input = parseCourseForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    await duplicateAsFieldError('slug', 'form.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkChoices(tx, input, id);
        await this.d.repo.update(tx, id, input, nowIso);
        await this.audit(tx, p, nowIso, 'bootcamp.course-updated', 'bootcamp-course', id, this.counts(input));
      }),
    );
  }

  /** Publish, close or back to draft; a change from a status it does not start from is refused on the page (409). */
  async transition(p: Principal, id: number, name: CourseTransition): Promise<void> {
    await this.get(p, id);
    const rule = courseTransitions[name];
    const nowIso = this.d.clock.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      const status = await this.d.repo.statusOf(tx, id);
      if (!status) throw notFound('course');
      if (!(rule.from as readonly string[]).includes(status)) {
        throw new DomainError('conflict', `course is ${status}`, { form: 'bootcamp.state.refused' });
      }
      await this.d.repo.setStatus(tx, id, rule.to, nowIso);
      await this.audit(tx, p, nowIso, `bootcamp.course-${rule.to}`, 'bootcamp-course', id);
    });
  }

  // ---- training concepts

  concepts(p: Principal): Promise<AdminConcept[]> {
    requirePermission(p, 'bootcamp.edit');
    return this.d.repo.concepts();
  }

  async concept(p: Principal, id: number): Promise<AdminConcept> {
    const found = (await this.concepts(p)).find((c) => c.id === id);
    if (!found) throw notFound('concept');
    return found;
  }

  async createConcept(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'bootcamp.edit');
    const input = parseConceptForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    return this.d.repo.transaction(async (tx) => {
      const id = await this.d.repo.insertConcept(tx, input, nowIso);
      await this.audit(tx, p, nowIso, 'bootcamp.concept-created', 'bootcamp-concept', id);
      return id;
    });
  }

  async renameConcept(p: Principal, id: number, raw: RawForm): Promise<void> {
    await this.concept(p, id);
    const input = parseConceptForm(raw);
    const nowIso = this.d.clock.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateConcept(tx, id, input);
      await this.audit(tx, p, nowIso, 'bootcamp.concept-renamed', 'bootcamp-concept', id);
    });
  }
}
