import path from 'node:path';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import { AccountsRepository } from './core/accounts/accounts.repository.js';
import { AccountsService } from './core/accounts/accounts.service.js';
import { AuthService, type AuthDeps } from './core/accounts/auth.service.js';
import { PasskeysService } from './core/accounts/passkeys.service.js';
import { AuditRepository } from './core/audit/audit.repository.js';
import { AwardRepository } from './core/award/award.repository.js';
import { AwardService } from './core/award/award.service.js';
import { ConferenceRepository } from './core/conference/conference.repository.js';
import { ConferenceService } from './core/conference/conference.service.js';
import { AdminConferenceRepository } from './core/conference/admin-conference.repository.js';
import { AdminConferenceService } from './core/conference/admin-conference.service.js';
import { AdminSessionsRepository } from './core/conference/admin-sessions.repository.js';
import { AdminSessionsService } from './core/conference/admin-sessions.service.js';
import { EventsRepository } from './core/events/events.repository.js';
import { EventsService } from './core/events/events.service.js';
import { AdminEventsRepository } from './core/events/admin-events.repository.js';
import { AdminEventsService } from './core/events/admin-events.service.js';
import { RegistrationsRepository } from './core/registrations/registrations.repository.js';
import { RegistrationsService } from './core/registrations/registrations.service.js';
import { CatalogueRepository } from './core/catalogue/catalogue.repository.js';
import { CatalogueService } from './core/catalogue/catalogue.service.js';
import { PeopleRepository } from './core/people/people.repository.js';
import { PeopleService } from './core/people/people.service.js';
import { createMailer } from './core/outbox/mailer.js';
import { OutboxRepository } from './core/outbox/outbox.repository.js';
import { OutboxWorker } from './core/outbox/outbox.worker.js';
import type { Clock } from './core/shared/clock.js';
import { loadMasterKey, SecretBox } from './security/secret-box.js';

/** Every service of the application, built once from the database, the clock and the configuration. */
export interface Services {
  events: EventsService;
  /** registration for public events: seats, waiting list, mails, registrants, retention */
  registrations: RegistrationsService;
  /** the organiser's side of events: drafts, publishing, images, documents, change notices */
  adminEvents: AdminEventsService;
  /** speakers, trainers and panellists (with consent to a public profile) */
  people: PeopleService;
  /** series, venues, partners and topics */
  catalogue: CatalogueService;
  /** the Defender of the Year award's public pages: recipients by year, their photos and country reports */
  award: AwardService;
  /** Defenders' Days: editions, the programme, the empty chair; every read through src/security/access.ts */
  conference: ConferenceService;
  /** the organiser's side of Defenders' Days: editions, tracks, rooms, the empty chair, copies of a structure */
  adminConference: AdminConferenceService;
  /** the programme editor: sessions, their people and parts, checked for conflicts before saving */
  adminSessions: AdminSessionsService;
  auth: AuthService;
  /** passkeys (WebAuthn): adding, removing, signing in with one */
  passkeys: PasskeysService;
  accounts: AccountsService;
  audit: AuditRepository;
  outbox: OutboxRepository;
  worker: OutboxWorker;
  box: SecretBox;
}

export function buildServices(config: Config, database: DbHandle, clock: Clock, env: NodeJS.ProcessEnv = process.env): Services {
  const box = new SecretBox(loadMasterKey(env, config.dataDir, config.production));
  const audit = new AuditRepository(database.db);
  const outbox = new OutboxRepository(database.db, box);
  const host = new URL(config.publicUrl).hostname;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom ?? `no-reply@${host}`, dataDir: config.dataDir });
  const worker = new OutboxWorker(outbox, mailer, clock, host);
  const deps: AuthDeps = {
    repo: new AccountsRepository(database.db),
    audit,
    outbox,
    box,
    clock,
    publicUrl: config.publicUrl,
    onQueued: () => worker.nudge(),
  };
  const auth = new AuthService(deps);
  const eventsRepository = new EventsRepository(database.db);
  const events = new EventsService(eventsRepository, clock);
  const registrations = new RegistrationsService({
    repo: new RegistrationsRepository(database.db),
    events,
    eventIn: (q, id, locale) => new EventsRepository(q).previewDetail(id, locale),
    audit,
    outbox,
    box,
    clock,
    publicUrl: config.publicUrl,
    retentionDays: config.registrationRetentionDays,
    onQueued: () => worker.nudge(),
  });
  return {
    events,
    registrations,
    adminEvents: new AdminEventsService({
      repo: new AdminEventsRepository(database.db),
      preview: eventsRepository,
      audit,
      outbox,
      clock,
      mediaRoot: mediaRootOf(config),
      publicUrl: config.publicUrl,
      registrants: registrations,
      onQueued: () => worker.nudge(),
    }),
    people: new PeopleService({ repo: new PeopleRepository(database.db), audit, clock }),
    catalogue: new CatalogueService({ repo: new CatalogueRepository(database.db), audit, clock }),
    conference: new ConferenceService(new ConferenceRepository(database.db), clock),
    ...adminConference(database, audit, clock),
    award: new AwardService({ repo: new AwardRepository(database.db), audit, clock, mediaRoot: mediaRootOf(config) }),
    auth,
    passkeys: new PasskeysService({ repo: deps.repo, audit, box, clock, auth, publicUrl: config.publicUrl }),
    accounts: new AccountsService(deps),
    audit,
    outbox,
    worker,
    box,
  };
}

export const mediaRootOf = (config: Config) => path.join(config.dataDir, 'media');

function adminConference(database: DbHandle, audit: AuditRepository, clock: Clock): Pick<Services, 'adminConference' | 'adminSessions'> {
  const repo = new AdminConferenceRepository(database.db);
  const sessions = new AdminSessionsRepository(database.db);
  return {
    adminConference: new AdminConferenceService({ repo, sessions, audit, clock }),
    adminSessions: new AdminSessionsService({ repo, sessions, audit, clock }),
  };
}
