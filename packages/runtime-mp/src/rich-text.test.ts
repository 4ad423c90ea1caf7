import { describe, expect, it } from 'vitest';
import { richTextNodes } from './rich-text';

describe('richTextNodes', () => {
  it('keeps whitelisted markup and text', () => {
    expect(richTextNodes('<p class="x">Hi <b>there</b> &amp; you</p>')).toEqual([
      {
        name: 'p',
        attrs: { class: 'x' },
        children: [
          { type: 'text', text: 'Hi ' },
          { name: 'b', attrs: {}, children: [{ type: 'text', text: 'there' }] },
          { type: 'text', text: ' & you' },
        ],
      },
    ]);
  });

  it('drops script, handlers and script URLs', () => {
    const nodes = JSON.stringify(
      richTextNodes(
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="jav&#x09;ascript:alert(1)">a</a><a href=" JAVASCRIPT:alert(1)">b</a><iframe src="https://x"></iframe><svg><script>1</script></svg>ok',
      ),
    );
    expect(nodes).not.toMatch(/alert|onerror|iframe|svg|javascript/i);
    expect(nodes).toContain('ok');
  });

  it('never turns text into markup', () => {
    expect(richTextNodes('&lt;b&gt;x&lt;/b&gt;')).toEqual([{ type: 'text', text: '<b>x</b>' }]);
  });
});
