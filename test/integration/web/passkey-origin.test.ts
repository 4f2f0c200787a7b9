import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { t as translate } from '../../../src/i18n/index.js';
import { testApp, type TestApp } from '../../support/app.js';
import { signedInStaff, type Staff } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

/**
 * A site whose PUBLIC_URL is an IP address cannot have passkeys (an IP address is never a
 * WebAuthn relying party): the account page says so instead of offering a button that can
 * only fail, and the options route refuses with the same message. On a host name the
 * button carries the one origin it works on, for the script to check.
 */
for (const dialect of testDialects()) {
  describe(`passkeys and the site's address (${dialect})`, () => {
    let onIp: TestApp;
    let onName: TestApp;
    let staffOnIp: Staff;
    let staffOnName: Staff;
    before(async () => {
      onIp = await testApp({ dialect, env: { PUBLIC_URL: 'http://127.0.0.1:3000' } });
      onName = await testApp({ dialect, env: { PUBLIC_URL: 'http://localhost:3000' } });
      await onIp.services.worker.stop();
      await onName.services.worker.stop();
      staffOnIp = await signedInStaff(onIp, 'editor');
      staffOnName = await signedInStaff(onName, 'editor');
    });
    after(async () => {
      await onIp?.close();
      await onName?.close();
    });

    it('on an IP address the account page explains why there are no passkeys', async () => {
      const page = await onIp.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: staffOnIp.cookie } });
      assert.equal(page.statusCode, 200);
      const text = decodeHtml(page.body);
      assert.ok(text.includes(translate('en', 'auth.passkey.origin-unusable', { origin: 'http://127.0.0.1:3000' })));
      assert.doesNotMatch(page.body, /data-passkey="register"/, 'no button that can only fail');
      const p = await onIp.services.auth.authenticate(decodeURIComponent(/dd_session=([^;]+)/.exec(staffOnIp.cookie)?.[1] ?? ''));
      assert.ok(p);
      await assert.rejects(onIp.services.passkeys.registrationOptions({ ...p, reauthAt: new Date().toISOString() }), (e: unknown) => {
        assert.equal((e as { fields?: Record<string, string> }).fields?.passkey, 'auth.passkey.origin-unusable');
        return true;
      });
    });

    it('on a host name the button names the origin it works on and the message for any other', async () => {
      const page = await onName.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: staffOnName.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-passkey="register"[^>]*data-origin="http:\/\/localhost:3000"/);
      const wrong = translate('en', 'auth.passkey.wrong-origin', { origin: 'http://localhost:3000' });
      assert.ok(decodeHtml(page.body).includes(wrong), 'the message for a page opened elsewhere');
      assert.doesNotMatch(page.body, /id="passkey-unusable"/);
    });
  });
}
