/**
 * Named permissions. Every route declares one in its `config.permission`; the server
 * refuses to start with a route that declares none (see src/web/routing.ts).
 * `public` is a declaration too: the route is meant for anyone, including visitors over Tor.
 */
export const permissions = ['public'] as const;
export type Permission = (typeof permissions)[number];

export const isPermission = (v: unknown): v is Permission => typeof v === 'string' && (permissions as readonly string[]).includes(v);
