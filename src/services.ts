import path from 'node:path';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import { AccountsRepository } from './core/accounts/accounts.repository.js';
import { AccountsService } from './core/accounts/accounts.service.js';
import { AuthService, type AuthDeps } from './core/accounts/auth.service.js';
import { PasskeysService } from './core/accounts/passkeys.service.js';
import { SignInThrottle } from './core/accounts/sign-in-throttle.js';
import { AuditRepository } from './core/audit/audit.repository.js';
import { AuditService } from './core/audit/audit.service.js';
import { AwardRepository } from './core/award/award.repository.js';
import { AwardService } from './core/award/award.service.js';
import { AdminBootcampService } from './core/bootcamp/admin-bootcamp.service.js';
import { BootcampRepository } from './core/bootcamp/bootcamp.repository.js';
import { BootcampService } from './core/bootcamp/bootcamp.service.js';
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
import { RegistrationsAdminService } from './core/registrations/registrations-admin.service.js';
import { RegistrationJobs } from './core/registrations/registrations-jobs.service.js';
import { RegistrationsContext } from './core/registrations/registrations.context.js';
import { RegistrationsService } from './core/registrations/registrations.service.js';
import { CatalogueRepository } from './core/catalogue/catalogue.repository.js';
import { CatalogueService } from './core/catalogue/catalogue.service.js';
import { PeopleRepository } from './core/people/people.repository.js';
import { PeopleService } from './core/people/people.service.js';
import { createMailer } from './core/outbox/mailer.js';
import { OutboxRepository } from './core/outbox/outbox.repository.js';
import { OutboxWorker } from './core/outbox/outbox.worker.js';
import type { Clock } from './core/shared/clock.js';
import { CallsService } from './core/participation/calls.service.js';
import { InvitationsService } from './core/participation/invitations.service.js';
import { LogisticsService } from './core/participation/logistics.service.js';
import type { ParticipationDeps } from './core/participation/participation.context.js';
import { ParticipationRepository } from './core/participation/participation.repository.js';
import { PortalService } from './core/participation/portal.service.js';
import { PortalFactorsService } from './core/participation/portal-factors.service.js';
import { PortalPasskeysService } from './core/participation/portal-passkeys.service.js';
import { RelyingParty } from './core/accounts/webauthn.js';
import { SettingsRepository } from './core/shared/settings.repository.js';
import { siteLinks } from './web/links.js';
import { DataKeys } from './security/data-keys.js';
import { DataKeysRepository } from './security/data-keys.repository.js';
import { loadKeyring, type MasterKeyring } from './security/keyring.js';
import { SecretBox } from './security/secret-box.js';
import type { Db } from './db/database.js';

/** Every service of the application, built once from the database, the clock and the configuration. */
export interface Services {
  events: EventsService;
  /** registration for public events: seats, waiting list, mails, registrants, retention */
  /** visitors: the form, registering, the private link */
  registrations: RegistrationsService;
  /** organisers: settings, registrants, export, messages */
  registrationsAdmin: RegistrationsAdminService;
  /** reminders and retention, run by the scheduler */
  registrationJobs: RegistrationJobs;
  /** the organiser's side of events: drafts, publishing, images, documents, change notices */
  adminEvents: AdminEventsService;
  /** speakers, trainers and panellists (with consent to a public profile) */
  people: PeopleService;
  /** series, venues, partners and topics */
  catalogue: CatalogueService;
  /** the Defender of the Year award's public pages: recipients by year, their photos and country reports */
  award: AwardService;
  /** the bootcamp's public pages: published and closed courses */
  bootcamp: BootcampService;
  /** the staff side of the bootcamp: courses, training concepts, learning goals, trainers */
  adminBootcamp: AdminBootcampService;
  /** Defenders' Days: editions, the programme, the empty chair; every read through src/security/access.ts */
  conference: ConferenceService;
  /** the organiser's side of Defenders' Days: editions, tracks, rooms, the empty chair, copies of a structure */
  adminConference: AdminConferenceService;
  /** the programme editor: sessions, their people and parts, checked for conflicts before saving */
  adminSessions: AdminSessionsService;
  /** invitations to the closed part, and accepting one */
  invitations: InvitationsService;
  /** open calls, applications, reviews and decisions */
  calls: CallsService;
  /** the participant portal: signing in, the form, the personal programme and calendar */
  portal: PortalService;
  /** a participant's own second factor: adding and removing the authenticator app */
  portalFactors: PortalFactorsService;
  portalPasskeys: PortalPasskeysService;
  /** logistics (participant.read-identity): needs, badges, visa letters, export; deletion after the edition */
  logistics: LogisticsService;
  auth: AuthService;
  /** passkeys (WebAuthn): adding, removing, signing in with one */
  passkeys: PasskeysService;
  accounts: AccountsService;
  audit: AuditRepository;
  /** reading the audit trail, for the audit page */
  auditTrail: AuditService;
  outbox: OutboxRepository;
  worker: OutboxWorker;
  /** seals the system's own secrets (TOTP seeds, registrants, queued mail) under the system data key */
  box: SecretBox;
  /** the data keys of every scope, wrapped by the master keyring */
  dataKeys: DataKeys;
}

/**
 * The system's own secrets are sealed under the data key of scope `system`, so that rotating
 * the master key rewraps data keys only. An installation that sealed data under the master
 * key itself, before data keys existed, adopts that key (key 1) as its system data key.
 */
async function systemBox(db: Db, dataKeys: DataKeys, ring: MasterKeyring): Promise<SecretBox> {
  const repo = new DataKeysRepository(db);
  const initial = !(await repo.byScope('system')) && (await repo.sealedBeforeDataKeys()) ? () => ring.get(1) : undefined;
  return new SecretBox((await dataKeys.load('system', initial)).exportKey());
}

export async function buildServices(config: Config, database: DbHandle, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<Services> {
  const keyring = loadKeyring(env, config.dataDir, config.production);
  const dataKeys = new DataKeys(database.db, keyring, () => clock.now());
  const box = await systemBox(database.db, dataKeys, keyring);
  const audit = new AuditRepository(database.db);
  const outbox = new OutboxRepository(database.db, box);
  const host = new URL(config.publicUrl).hostname;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom ?? `no-reply@${host}`, dataDir: config.dataDir });
  const worker = new OutboxWorker(outbox, mailer, clock, host);
  const accountsRepository = new AccountsRepository(database.db);
  const links = siteLinks(config.publicUrl);
  const deps: AuthDeps = {
    repo: accountsRepository,
    settings: new SettingsRepository(database.db),
    throttle: new SignInThrottle(accountsRepository, clock),
    audit,
    outbox,
    box,
    clock,
    links,
    onQueued: () => worker.nudge(),
  };
  const auth = new AuthService(deps);
  const eventsRepository = new EventsRepository(database.db);
  const events = new EventsService(eventsRepository, clock);
  const registrationsContext = new RegistrationsContext({
    repo: new RegistrationsRepository(database.db),
    events,
    eventIn: (q, id, locale) => new EventsRepository(q).previewDetail(id, locale),
    audit,
    outbox,
    box,
    clock,
    links,
    retentionDays: config.registrationRetentionDays,
    scrub: database.scrubErased,
    onQueued: () => worker.nudge(),
  });
  const registrations = new RegistrationsService(registrationsContext);
  const registrationsAdmin = new RegistrationsAdminService(registrationsContext);
  const conference = new ConferenceService(new ConferenceRepository(database.db), clock);
  const participation: ParticipationDeps = {
    repo: new ParticipationRepository(database.db),
    dataKeys,
    box,
    audit,
    outbox,
    conference,
    clock,
    links,
    retentionDays: config.participantRetentionDays,
    scrub: database.scrubErased,
    onQueued: () => worker.nudge(),
  };
  const invitations = new InvitationsService(participation);
  const portal = new PortalService(participation, deps.throttle);
  const portalFactors = new PortalFactorsService(participation, deps.throttle);
  return {
    events,
    registrations,
    registrationsAdmin,
    registrationJobs: new RegistrationJobs(registrationsContext),
    adminEvents: new AdminEventsService({
      repo: new AdminEventsRepository(database.db),
      preview: eventsRepository,
      audit,
      outbox,
      clock,
      mediaRoot: mediaRootOf(config),
      links,
      registrants: registrationsAdmin,
      onQueued: () => worker.nudge(),
    }),
    people: new PeopleService({ repo: new PeopleRepository(database.db), audit, clock }),
    catalogue: new CatalogueService({ repo: new CatalogueRepository(database.db), audit, clock }),
    conference,
    invitations,
    calls: new CallsService(participation, invitations),
    portal,
    portalFactors,
    portalPasskeys: new PortalPasskeysService(participation, new RelyingParty(config.publicUrl), portal, portalFactors),
    logistics: new LogisticsService(participation),
    ...adminConference(database, audit, clock),
    award: new AwardService({ repo: new AwardRepository(database.db), audit, clock, mediaRoot: mediaRootOf(config) }),
    ...bootcamp(database, audit, clock),
    auth,
    passkeys: new PasskeysService({ repo: deps.repo, audit, box, clock, auth, publicUrl: config.publicUrl }),
    accounts: new AccountsService(deps),
    audit,
    auditTrail: new AuditService({ audit, accounts: accountsRepository }),
    outbox,
    worker,
    box,
    dataKeys,
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

function bootcamp(database: DbHandle, audit: AuditRepository, clock: Clock): Pick<Services, 'bootcamp' | 'adminBootcamp'> {
  const repo = new BootcampRepository(database.db);
  return { bootcamp: new BootcampService(repo, clock), adminBootcamp: new AdminBootcampService({ repo, audit, clock }) };
}
