import { createRequire } from 'node:module';
import { CheckboxGroup, RadioGroup } from '@tessera/components/web';
import type { WebComponentProps } from '@tessera/components/web/types';
import { act, createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// jsdom ships no types; only a window with a document is needed here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: Window & typeof globalThis & { close(): void } };
};
const dom = new JSDOM('<!doctype html><html><body></body></html>');
beforeAll(() => {
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.window.document,
    IS_REACT_ACT_ENVIRONMENT: true,
  });
});
afterAll(() => dom.window.close());

const slots = [
  { label: 'Morning', value: 'am' },
  { label: 'Afternoon (full)', value: 'pm', disabled: true },
];

/** Mounts a choice component bound to a local value; returns the inputs and the value's history. */
async function mount(component: (c: WebComponentProps) => unknown, initial: unknown) {
  const set: unknown[] = [];
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const props = {
    id: 'slot',
    props: { label: 'Slot', options: slots },
    style: undefined,
    children: null,
    slots: {},
    childViews: () => [],
    has: () => false,
    fire: () => {},
    field: { value: initial, error: '', set: (value: unknown) => set.push(value) },
    repeat: () => [],
    pageLink: () => ({ href: '#', open: () => {} }),
    upload: async () => null,
    form: { id: undefined, submit: () => {}, reset: () => {} },
    locale: 'en',
  } as WebComponentProps;
  await act(async () => root.render(h(component as never, props)));
  const inputs = [...container.querySelectorAll('input')] as HTMLInputElement[];
  return { inputs, set, close: () => act(async () => root.unmount()) };
}

describe('choice options on the web', () => {
  it('a RadioGroup option with disabled: true is disabled and cannot be chosen', async () => {
    const { inputs, set, close } = await mount(RadioGroup, 'am');
    expect(inputs.map((input) => input.disabled)).toEqual([false, true]);
    await act(async () => inputs[1]?.click());
    expect(set).toEqual([]);
    expect(inputs[1]?.checked).toBe(false);
    await close();
  });

  it('a CheckboxGroup option with disabled: true is disabled too', async () => {
    const { inputs, close } = await mount(CheckboxGroup, []);
    expect(inputs.map((input) => input.disabled)).toEqual([false, true]);
    await close();
  });
});
