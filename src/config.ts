import net from 'node:net';
import path from 'node:path';

/** Runtime configuration, read once from the environment (see README, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** Public origin used in feeds, sitemaps and calendar files, e.g. https://events.example.org */
  publicUrl: string;
  /** Load demo content into an empty database (never in production). */
  demo: boolean;
  /** Optional onion service address announced with the Onion-Location header. */
  onionLocation: string | undefined;
  logLevel: string;
  /** smtp://user:pass@host:port or smtps://...; unset outside production writes .eml files */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** days after an event that its registrants' names and addresses are kept (REGISTRATION_RETENTION_DAYS, default 30) */
  registrationRetentionDays: number;
  /** days after an edition's last day that its participants' data is destroyed (PARTICIPANT_RETENTION_DAYS, default 30) */
  participantRetentionDays: number;
  /** cookies get the __Host- prefix and Secure when the public URL is https */
  secureCookies: boolean;
}

export class ConfigError extends Error {}

/** Whether a host name (as in a URL: IPv6 in brackets) is an IP address, which can never be a WebAuthn relying party. */
export const isIpAddress = (hostname: string): boolean => net.isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be a port number, got "${value}"`);
  return n;
}

function days(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,4}$/.test(value) || Number(value) > 3650) throw new ConfigError(`${name} must be a number of days from 0 to 3650, got "${value}"`);
  return Number(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = int('PORT', env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  // Without PUBLIC_URL the site is named by its host, and an address such as 127.0.0.1 by
  // `localhost`: passkeys need a host name (an IP address cannot be a relying party).
  const publicUrl = (env.PUBLIC_URL || `http://${isIpAddress(host) ? 'localhost' : host}:${port}`).replace(/\/+$/, '');
  if (production && !env.PUBLIC_URL) throw new ConfigError('PUBLIC_URL is required when NODE_ENV=production');
  if (production && !publicUrl.startsWith('https://') && !/\.onion$/.test(new URL(publicUrl).hostname)) {
    throw new ConfigError('PUBLIC_URL must be https:// (or an .onion address) in production');
  }
  if (production && !env.SMTP_URL) throw new ConfigError('SMTP_URL is required when NODE_ENV=production');
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    production,
    publicUrl,
    demo: !production && env.DEMO !== '0',
    onionLocation: env.ONION_LOCATION || undefined,
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    registrationRetentionDays: days('REGISTRATION_RETENTION_DAYS', env.REGISTRATION_RETENTION_DAYS, 30),
    participantRetentionDays: days('PARTICIPANT_RETENTION_DAYS', env.PARTICIPANT_RETENTION_DAYS, 30),
    secureCookies: publicUrl.startsWith('https://'),
  };
}
