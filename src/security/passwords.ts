import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** Security requirement R6 (docs/requirements.md): argon2id with 19 MiB and 2 iterations, at least. */
/** Algorithm.Argon2id is an ambient const enum (value 2), which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
/** About 49,000 common passwords bundled with @zxcvbn-ts/language-common; no network. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary.passwords.map((p) => p.toLowerCase()));
  return common;
}

export type PasswordProblem = 'password.too-short' | 'password.too-long' | 'password.common';

/** No composition rules: length and "not a common password" only. */
export function checkPassword(password: string, personal: string[] = []): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password.too-short';
  if (length > PASSWORD_MAX) return 'password.too-long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'password.common';
  if (personal.some((p) => p.length >= 4 && lower.includes(p.toLowerCase()))) return 'password.common';
  return undefined;
}

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing tells nothing. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not a real password, used for equal timing');
  return dummy;
}
