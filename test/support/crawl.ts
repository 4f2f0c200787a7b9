import type { FastifyInstance } from 'fastify';
import { localLinks } from '../integration/web/markup.js';

/**
 * A visitor's crawl for leak tests: GETs every start URL with no cookie and follows the
 * same-origin links of HTML and XML answers (bounded), reporting every marker found in a
 * body or a header. A marker the visitor put in the address itself (it contains `-in-`)
 * may come back escaped on a page that works (links keep the query); an error page must
 * never echo it.
 */

export interface CrawlResult {
  /** every URL fetched, with its status */
  pages: Map<string, number>;
  /** `url (status): marker` for every marker found */
  found: string[];
}

export async function crawlForMarkers(
  app: FastifyInstance,
  start: readonly string[],
  marker: RegExp,
  opts: { limit?: number; origin?: string } = {},
): Promise<CrawlResult> {
  const limit = opts.limit ?? 600;
  const origin = opts.origin ?? 'http://events.test';
  const pattern = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : `${marker.flags}g`);
  const pages = new Map<string, number>();
  const queue = [...start];
  const found: string[] = [];
  while (queue.length && pages.size < limit) {
    const url = queue.shift() as string;
    if (pages.has(url)) continue;
    const res = await app.inject({ method: 'GET', url });
    pages.set(url, res.statusCode);
    const text = `${JSON.stringify(res.headers)}\n${res.body}`;
    for (const m of text.matchAll(pattern)) {
      if (m[0].includes('-in-') && res.statusCode < 400) continue;
      found.push(`${url} (${res.statusCode}): ${m[0]}`);
    }
    if (/html|xml/.test(String(res.headers['content-type'] ?? ''))) {
      // Links of pages and feeds, and the <loc>s of the sitemap.
      const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '').filter((u) => u.startsWith(`${origin}/`));
      for (const link of [...localLinks(res.body, origin), ...locs.map((u) => u.slice(origin.length))]) {
        if (!pages.has(link) && !link.startsWith('/assets/') && !link.startsWith('/admin')) queue.push(link);
      }
    }
  }
  return { pages, found };
}
