import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIpAddress, loadConfig } from '../../src/config.js';

/** The default address must be one passkeys work on: a host name, never an IP address. */
describe('the default public address', () => {
  it('names the loopback address localhost, so passkeys work on the README address', () => {
    assert.equal(loadConfig({}).publicUrl, 'http://localhost:3000');
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ HOST: '::1' }).publicUrl, 'http://localhost:3000');
  });

  it('keeps a host name, and an explicit PUBLIC_URL as given', () => {
    assert.equal(loadConfig({ HOST: 'events.internal' }).publicUrl, 'http://events.internal:3000');
    assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000/' }).publicUrl, 'http://127.0.0.1:3000');
  });

  it('tells IP addresses from host names', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '[::1]', '::1', '[2001:db8::1]']) assert.equal(isIpAddress(ip), true, ip);
    for (const name of ['localhost', 'events.example.org', 'abc.onion']) assert.equal(isIpAddress(name), false, name);
  });
});
