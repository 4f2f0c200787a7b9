import path from 'node:path';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import { AccountsRepository } from './core/accounts/accounts.repository.js';
import { AccountsService } from './core/accounts/accounts.service.js';
import { AuthService, type AuthDeps } from './core/accounts/auth.service.js';
import { AuditRepository } from './core/audit/audit.repository.js';
import { EventsRepository } from './core/events/events.repository.js';
import { EventsService } from './core/events/events.service.js';
import { createMailer } from './core/outbox/mailer.js';
import { OutboxRepository } from './core/outbox/outbox.repository.js';
import { OutboxWorker } from './core/outbox/outbox.worker.js';
import type { Clock } from './core/shared/clock.js';
import { loadMasterKey, SecretBox } from './security/secret-box.js';

/** Every service of the application, built once from the database, the clock and the configuration. */
export interface Services {
  events: EventsService;
  auth: AuthService;
  accounts: AccountsService;
  audit: AuditRepository;
  outbox: OutboxRepository;
  worker: OutboxWorker;
  box: SecretBox;
}

export function buildServices(config: Config, database: DbHandle, clock: Clock, env: NodeJS.ProcessEnv = process.env): Services {
  const box = new SecretBox(loadMasterKey(env, config.dataDir, config.production));
  const audit = new AuditRepository(database.db);
  const outbox = new OutboxRepository(database.db);
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
  return {
    events: new EventsService(new EventsRepository(database.db), clock),
    auth: new AuthService(deps),
    accounts: new AccountsService(deps),
    audit,
    outbox,
    worker,
    box,
  };
}

export const mediaRootOf = (config: Config) => path.join(config.dataDir, 'media');
