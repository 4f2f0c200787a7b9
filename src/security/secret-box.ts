import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Seals small secrets (TOTP seeds) with AES-256-GCM under the master key, which lives
 * outside the database: MASTER_KEY (base64 of 32 bytes) or MASTER_KEY_FILE. Outside
 * production a key is generated into DATA_DIR/master.key (mode 0600) on first start.
 * Format: v1.<nonce>.<ciphertext+tag>, all base64url; the version names the key.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the master key must be 32 bytes');
  }

  seal(plain: string, context: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** Throws when the ciphertext was changed, the context differs or the key is wrong. */
  open(sealed: string, context: string): string {
    const [version, nonceText, bodyText] = sealed.split('.');
    if (version !== 'v1' || !nonceText || !bodyText) throw new Error('unknown ciphertext format');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonceText, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** A keyed hash (HMAC-SHA-256) for lookups that must not reveal their input, e.g. throttle keys. */
  mac(value: string): string {
    return crypto.createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

export function loadMasterKey(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Buffer {
  if (env.MASTER_KEY) return decodeKey(env.MASTER_KEY, 'MASTER_KEY');
  if (env.MASTER_KEY_FILE) return decodeKey(fs.readFileSync(env.MASTER_KEY_FILE, 'utf8').trim(), env.MASTER_KEY_FILE);
  if (production) throw new Error('MASTER_KEY or MASTER_KEY_FILE is required in production');
  const file = path.join(dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return decodeKey(fs.readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold 32 bytes in base64`);
  return key;
}
