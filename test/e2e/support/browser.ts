import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core';

/**
 * The browser side of the end-to-end tier: Debian's Chromium driven by playwright-core
 * (Playwright's own browser download does not work here), launched once per test file.
 */

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from talking to anything but the page under test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A fresh context. Never `bypassCSP`: the pages must run under the CSP the app sends.
 * Service workers are blocked so every request is visible to the context's listeners.
 */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ serviceWorkers: 'block', ...options });
}

// ---------------------------------------------------------------------------------------
// Requests to other origins (security requirement R10)

/** Every request a context makes whose origin is not `origin` (data: and blob: URLs are local). */
export function recordForeignRequests(context: BrowserContext, origin: string): { urls: string[] } {
  const seen = { urls: [] as string[] };
  context.on('request', (request: Request) => {
    if (isForeign(request.url(), origin)) seen.urls.push(request.url());
  });
  return seen;
}

export function isForeign(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return false;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// Code that runs in the page is written as plain JavaScript strings: the project's types
// have no DOM (src/ is server code), and tsx would wrap named functions of a serialised
// callback in a helper (__name) that does not exist in the page.

/** Scrolls to the bottom, so lazy images and anything else below the fold load. */
export const SCROLL_TO_END = 'window.scrollTo(0, document.documentElement.scrollHeight)';

// ---------------------------------------------------------------------------------------
// Content-Security-Policy violations (security requirement R9)

/** Runs before any page script; init scripts go in through CDP, which the page's CSP does not govern. */
const CSP_LISTENER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  }, true);
`;

/**
 * Counts CSP violations two ways: a `securitypolicyviolation` listener installed before any
 * page script, and console messages that mention the Content Security Policy.
 */
export async function watchCsp(context: BrowserContext): Promise<{ console: string[]; violations(page: Page): Promise<string[]> }> {
  await context.addInitScript({ content: CSP_LISTENER });
  const consoleMessages: string[] = [];
  context.on('console', (msg) => {
    if (/content security policy/i.test(msg.text())) consoleMessages.push(msg.text());
  });
  return {
    console: consoleMessages,
    violations: (page) => page.evaluate<string[]>("window.__cspViolations || ['the CSP watcher did not run']"),
  };
}

// ---------------------------------------------------------------------------------------
// axe-core

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Rules axe runs by default, plus every rule carrying one of these tags (target-size is off by default). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

const AXE_RUN = `(async () => {
  const tags = ${JSON.stringify(AXE_TAGS)};
  const rules = {};
  for (const r of axe.getRules()) if (r.tags.some((t) => tags.includes(t))) rules[r.ruleId] = { enabled: true };
  const result = await axe.run(document, { rules, resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact || null,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary || '' })),
  }));
})()`;

/**
 * Runs axe on the page as it is. The source goes in through `page.evaluate` (CDP
 * Runtime.evaluate), which `script-src 'self'` does not block, unlike an inline <script>;
 * the public-pages test proves both halves of that.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate<string>(`(() => { if (!window.axe) { ${axeSource}\n } return typeof window.axe?.run; })()`);
  if (loaded !== 'function') throw new Error(`axe-core did not load in the page (${loaded})`);
  return page.evaluate<AxeViolation[]>(AXE_RUN);
}

/**
 * axe needs JavaScript (it waits on timers), so a page seen with JavaScript off is checked
 * as a copy: its markup, as it is now (also the answer to a POST), is served at the same
 * address to `axePage` in a JavaScript-on context, which loads the same stylesheet. Returns
 * a description of the violations, or '' when there are none.
 */
export async function axeOnCopy(page: Page, axePage: Page, what: string): Promise<string> {
  const url = page.url().split('#')[0] ?? '';
  const html = await page.content();
  await axePage.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    { times: 1 },
  );
  await axePage.goto(url);
  const [copy, original] = await Promise.all([axePage.locator('h1').textContent(), page.locator('h1').textContent()]);
  if (copy !== original) throw new Error(`axe did not get a copy of ${url}: "${copy}" is not "${original}"`);
  const v = await runAxe(axePage);
  return v.length ? `${what} (${page.url()}):\n${formatViolations(v)}` : '';
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n')}`,
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// Layout

const OVERFLOW = `(() => {
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  let widest = '';
  if (overflow > 0) {
    let max = window.innerWidth;
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right;
      if (right > max) {
        max = right;
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        widest = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' (right edge ' + Math.round(right) + 'px)';
      }
    }
  }
  return { overflow, widest };
})()`;

/** How far the page scrolls sideways, in CSS pixels (0 or less when it fits), and what sticks out furthest. */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; widest: string }> {
  return page.evaluate<{ overflow: number; widest: string }>(OVERFLOW);
}
