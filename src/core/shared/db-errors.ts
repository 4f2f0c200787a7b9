import { invalid } from './errors.js';

/** Whether an error is a unique-constraint violation, on either database (a duplicate slug, a second vote). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a write whose form was checked for a taken slug or year first: a unique-constraint
 * race (two forms with the same value at the same moment) reads as the same field error.
 */
export async function duplicateAsFieldError<T>(field: string, messageKey: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid(`${field} taken`, { [field]: messageKey });
    throw e;
  }
}
