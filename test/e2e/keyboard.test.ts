import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, newContext } from './support/browser.js';
import { fixture, seedProgramme } from './support/seed.js';

/**
 * Keyboard use: the skip link comes first and moves focus to the content, and every
 * element reached with Tab shows a visible focus indicator (WCAG 2.4.1, 2.4.7).
 */

interface Focused {
  tag: string;
  text: string;
  outlineStyle: string;
  outlineWidth: number;
  inViewport: boolean;
  /** outline colour against what is painted around the ring, worst side (WCAG 1.4.11 asks 3:1) */
  contrast: number;
  around: string;
}

const MIN_CONTRAST = 3;

/**
 * Describes document.activeElement. Plain JavaScript in a string: tsx would wrap named
 * functions of a serialised callback in a helper that does not exist in the page.
 */
const FOCUS_PROBE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  function rgba(c) {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  }
  function luminance(c) {
    const lin = (v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  }
  // The opaque background painted at a point outside the focused element (white if none).
  function backgroundAt(x, y) {
    for (const under of document.elementsFromPoint(x, y)) {
      if (under === el || el.contains(under)) continue;
      const bg = rgba(getComputedStyle(under).backgroundColor);
      if (bg[3] > 0.99) return bg;
    }
    return [255, 255, 255, 1];
  }
  const ring = rgba(style.outlineColor);
  const offset = Math.max(parseFloat(style.outlineOffset) || 0, 0);
  const width = parseFloat(style.outlineWidth) || 0;
  // Around the ring on every side: in the offset gap (when there is one) and just outside it.
  const distances = offset > 0 ? [offset / 2, offset + width + 1] : [width + 1];
  let contrast = Infinity;
  let around = '';
  for (const d of distances) {
    const points = [[r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2], [r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d]];
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const bg = backgroundAt(x, y);
      const a = luminance(ring);
      const b = luminance(bg);
      const c = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (c < contrast) {
        contrast = c;
        around = 'rgb(' + bg.slice(0, 3).join(', ') + ')';
      }
    }
  }
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 60) || el.getAttribute('name') || '',
    outlineStyle: style.outlineStyle,
    outlineWidth: width,
    inViewport: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
    contrast: Math.round(contrast * 100) / 100,
    around: style.outlineColor + ' around, ' + around + ' next to it',
  };
})()`;

const focused = (page: Page): Promise<Focused | null> => page.evaluate<Focused | null>(FOCUS_PROBE);

void describe('keyboard', () => {
  let browser: Browser;
  let app: TestApp & { url: string };

  before(async () => {
    // One after the other: if one fails, after() still sees and stops the other (a stray Chromium would hang the run).
    browser = await launchBrowser();
    app = await listeningTestApp({ seed: (db, mediaRoot) => seedProgramme(db, mediaRoot) });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [path, skip] of [
    ['/', t('en', 'nav.skip')],
    [`/sv/events/${fixture.rich}`, t('sv', 'nav.skip')],
  ] as const) {
    void it(`on ${path} the skip link is the first stop and moves focus to main`, async () => {
      const context = await newContext(browser, { viewport: { width: 1024, height: 768 } });
      try {
        const page = await context.newPage();
        await page.goto(app.url + path);
        await page.keyboard.press('Tab');
        const first = await focused(page);
        assert.ok(first, 'Tab focused something');
        assert.equal(first.tag, 'a');
        assert.equal(first.text, skip);
        assert.ok(first.inViewport, 'the focused skip link is shown on screen');
        assert.notEqual(first.outlineStyle, 'none', 'the skip link shows focus');
        assert.ok(first.contrast >= MIN_CONTRAST, `the skip link's focus ring contrasts ${first.contrast}:1 (${first.around})`);

        await page.keyboard.press('Enter');
        // Following a fragment link updates the address asynchronously: wait for it (or fail after 5 s).
        await page.waitForURL((u) => u.hash === '#main', { timeout: 5000 }).catch(() => undefined);
        assert.equal(new URL(page.url()).hash, '#main');
        assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'main', 'focus is on main');
        // The next Tab continues inside the content, not back in the header.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate<boolean>("!!document.activeElement?.closest('main')"), true, 'the next stop is in main');
      } finally {
        await context.close();
      }
    });
  }

  for (const [path, viewport] of [
    [`/events/${fixture.rich}`, { width: 1024, height: 768 }],
    [`/sv/events/past?year=${fixture.busyYear}&type=seminar`, { width: 1024, height: 768 }],
    [`/sv/events/${fixture.rich}`, { width: 320, height: 640 }],
    [`/events/past?year=${fixture.busyYear}&type=seminar`, { width: 320, height: 640 }],
  ] as const) {
    void it(`every Tab stop on ${path} at ${viewport.width}px shows a visible focus indicator`, async () => {
      const context = await newContext(browser, { viewport });
      try {
        const page = await context.newPage();
        await page.goto(app.url + path);
        const stops: Focused[] = [];
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab');
          const f = await focused(page);
          if (!f) break;
          if (f.tag === stops[0]?.tag && f.text === stops[0]?.text) break; // focus came round again
          stops.push(f);
        }
        assert.ok(stops.length >= 10, `Tab reached ${stops.length} elements`);
        if (path.includes('past')) {
          for (const tag of ['input', 'select', 'button'])
            assert.ok(
              stops.some((s) => s.tag === tag),
              `the filter form's ${tag} is reachable`,
            );
        }
        const bad = stops.filter((s) => s.outlineStyle === 'none' || s.outlineWidth < 2 || !s.inViewport || s.contrast < MIN_CONTRAST);
        assert.deepEqual(bad, [], `focused elements with no ring, a ring under 2px or under ${MIN_CONTRAST}:1, or off screen`);
      } finally {
        await context.close();
      }
    });
  }
});
