import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr } from '../../../src/web/views/attr.js';
import { Picture } from '../../../src/web/views/components.js';

describe('attribute text', () => {
  it('keeps an ampersand typed by a person as text', async () => {
    assert.equal(attr('AT&amp;T & co'), 'AT&amp;amp;T &amp; co');
    assert.equal(attr(undefined), undefined);
    const html = await Picture({
      image: { key: 'k'.repeat(24), variants: [400], width: 400, height: 200, alt: 'Tom &amp; Jerry "quoted"', altLang: 'en', credit: null },
      sizes: '100vw',
    });
    assert.match(html, /alt="Tom &amp;amp; Jerry &#34;quoted&#34;"/);
  });
});
