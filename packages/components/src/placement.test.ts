import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue';
import { canPlace } from './placement';

const place = (parent: string, child: string, slot?: string) => canPlace(catalogue, parent, child, slot);

describe('canPlace', () => {
  it('lets containers take any ordinary component', () => {
    expect(place('Container', 'Text')).toEqual({ ok: true });
    expect(place('Row', 'Column')).toEqual({ ok: true });
    expect(place('Row', 'Button')).toEqual({ ok: true });
    expect(place('Form', 'Input')).toEqual({ ok: true });
    expect(place('Card', 'Button', 'footer')).toEqual({ ok: true });
  });

  it('refuses children in leaf components', () => {
    expect(place('Text', 'Text')).toEqual({ ok: false, reason: 'Text accepts no children' });
    expect(place('Image', 'Icon')).toEqual({ ok: false, reason: 'Image accepts no children' });
  });

  it('enforces "only" rules of parents and slots', () => {
    expect(place('Tabs', 'TabPane')).toEqual({ ok: true });
    expect(place('Tabs', 'Text')).toEqual({ ok: false, reason: 'Tabs only accepts TabPane, not Text' });
    expect(place('Swiper', 'Image')).toEqual({
      ok: false,
      reason: 'Swiper only accepts SwiperItem, not Image',
    });
    expect(place('NavBar', 'Icon', 'right')).toEqual({ ok: true });
    expect(place('NavBar', 'Text', 'right')).toEqual({
      ok: false,
      reason: 'the "right" slot of NavBar only accepts Icon, Button, Link, not Text',
    });
  });

  it('enforces the parents a child demands', () => {
    expect(place('Container', 'Column')).toEqual({
      ok: false,
      reason: 'Column can only be placed inside Row, not Container',
    });
    expect(place('Container', 'TabPane')).toEqual({
      ok: false,
      reason: 'TabPane can only be placed inside Tabs, not Container',
    });
    expect(place('Page', 'NavBar')).toEqual({ ok: true });
    expect(place('Container', 'TabBar').ok).toBe(false);
  });

  it('keeps Page at the root', () => {
    expect(place('Container', 'Page')).toEqual({ ok: false, reason: 'Page can only be the root of a page' });
  });

  it('names unknown components and slots', () => {
    expect(place('Container', 'Carousel')).toEqual({ ok: false, reason: 'unknown component "Carousel"' });
    expect(place('Blink', 'Text')).toEqual({ ok: false, reason: 'unknown component "Blink"' });
    expect(place('constructor', 'Text')).toEqual({ ok: false, reason: 'unknown component "constructor"' });
    expect(place('Card', 'Text', 'header')).toEqual({ ok: false, reason: 'Card has no slot "header"' });
    expect(place('Card', 'Text', 'toString')).toEqual({ ok: false, reason: 'Card has no slot "toString"' });
  });
});
