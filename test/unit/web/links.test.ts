import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteLinks } from '../../../src/web/links.js';

describe('the site links', () => {
  it('build every address from the public URL, with the language prefix where the page has one', () => {
    const links = siteLinks('https://events.example.org');
    assert.equal(links.host, 'events.example.org');
    assert.equal(links.event('en', 'a-talk'), 'https://events.example.org/events/a-talk');
    assert.equal(links.event('sv', 'a-talk'), 'https://events.example.org/sv/events/a-talk');
    assert.equal(links.registration('sv', 'tok'), 'https://events.example.org/sv/registration/tok');
    assert.equal(links.invitation('en', 'tok'), 'https://events.example.org/invitation/tok');
    assert.equal(links.portalLogin('sv'), 'https://events.example.org/sv/portal/login');
    assert.equal(links.portalCalendar('tok'), 'https://events.example.org/portal/calendar/tok.ics');
    assert.equal(links.staffEnrolment('tok'), 'https://events.example.org/admin/enrol/tok');
    assert.equal(links.staffReset(), 'https://events.example.org/admin/reset');
    assert.equal(links.staffReset('tok'), 'https://events.example.org/admin/reset/tok');
    assert.equal(links.staffSetup('tok'), 'https://events.example.org/admin/setup/tok');
    assert.equal(links.staffAccount(), 'https://events.example.org/admin/account');
  });

  it('keep a path prefix of the public URL, with or without a trailing slash', () => {
    for (const url of ['https://example.org/dd', 'https://example.org/dd/']) {
      const links = siteLinks(url);
      assert.equal(links.event('sv', 'x'), 'https://example.org/dd/sv/events/x');
      assert.equal(links.staffAccount(), 'https://example.org/dd/admin/account');
    }
  });
});
