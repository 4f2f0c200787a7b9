import type { FastifyReply } from 'fastify';

/** The status a re-rendered form answers with: the error's (set by src/web/errors.ts), else 200. */
export const statusOf = (reply: FastifyReply) => (reply.statusCode >= 400 ? reply.statusCode : 200);
