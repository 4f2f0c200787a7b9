import type { FastifyRequest } from 'fastify';
import { parseYear } from '../../core/conference/admin-conference.schema.js';
import { notFound } from '../../core/shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { doneNotice } from '../forms.js';

/** What the conference's workspace routes read from a request: the year in the URL, the message after a redirect. */

/** The edition's year from the URL; anything but a plausible year is a page that does not exist. */
export function yearParam(request: FastifyRequest): number {
  const year = parseYear((request.params as Record<string, string | undefined>).year ?? '');
  if (year === undefined) throw notFound('edition year');
  return year;
}

/** Messages shown after a redirect, named in the query (?done=saved); never text from the URL. */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  created: 'cadmin.created',
  state: 'cadmin.state.done',
  copied: 'cadmin.copy.done',
  removed: 'cadmin.removed',
};

export const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);
