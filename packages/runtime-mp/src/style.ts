const UNITLESS = new Set([
  'opacity',
  'zIndex',
  'fontWeight',
  'flex',
  'flexGrow',
  'flexShrink',
  'lineHeight',
  'order',
]);

/** Inline CSS from a node's style map; plain numbers are px, or rpx (×2) when converting. */
export function styleText(style: Record<string, unknown>, rpx: boolean): string {
  return Object.entries(style)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(
      ([name, value]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${cssValue(name, value, rpx)}`,
    )
    .join(';');
}

function cssValue(name: string, value: unknown, rpx: boolean): string {
  if (typeof value === 'number')
    return UNITLESS.has(name) ? String(value) : rpx ? `${value * 2}rpx` : `${value}px`;
  // A value never closes the declaration or the attribute it sits in.
  const text = String(value).replace(/[;"{}<>]/g, '');
  return rpx ? text.replace(/(-?\d*\.?\d+)px\b/g, (_, n: string) => `${Number(n) * 2}rpx`) : text;
}
