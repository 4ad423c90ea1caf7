import { describe, expect, it } from 'vitest';
import { contrastOnWhite, readable, themeCss } from './theme';

describe('theme CSS', () => {
  it('darkens colours too light for text until they reach 4.5:1, keeps dark ones', () => {
    expect(contrastOnWhite(readable('#1677ff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastOnWhite(readable('#8c8c8c'))).toBeGreaterThanOrEqual(4.5);
    expect(readable('#000000')).toBe('#000000');
    expect(readable('red')).toBe('red');
  });
  it('writes the theme as CSS variables and strips characters that would end a declaration', () => {
    const css = themeCss({ primaryColor: '#000000', fontFamily: 'x;}body{display:none', radius: 4 } as never);
    expect(css).toContain('--t-primary:#000000');
    expect(css).toContain('--t-radius:4px');
    expect(css).not.toContain('}body{');
    expect(css.match(/}/g)).toHaveLength(1);
  });
});
