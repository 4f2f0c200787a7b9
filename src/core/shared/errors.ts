/**
 * Coded domain errors. Services throw these; src/web/errors.ts is the one place that
 * turns them into HTTP answers. Anything else that escapes is a bug and answers 500.
 */
export type DomainErrorCode = 'not-found' | 'invalid' | 'forbidden' | 'conflict' | 'unauthenticated';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** field name -> message key, for form errors */
    readonly fields: Record<string, string> = {},
    /** what the domain found that a form shown again displays beside the messages (a session's conflicts) */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} not found`);
export const invalid = (message: string, fields: Record<string, string> = {}, detail?: unknown) => new DomainError('invalid', message, fields, detail);
