// QR codes for the QRCode component, the same on both targets: the web draws the path in an
// <svg>, mini-programs show the same SVG as an <image> data URI (no canvas work per frame).
import qrcode from 'qrcode-generator';

export type QrLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrShape {
  /** Modules per side, with the 4-module quiet zone the standard asks for. */
  size: number;
  /** SVG path of the dark modules, one `M x y h1v1h-1z` square each. */
  path: string;
}

const QUIET = 4;

/** The QR code of `value` (UTF-8, byte mode, smallest version that fits); null when nothing fits. */
export function qrShape(value: string, level: QrLevel = 'M'): QrShape | null {
  if (!value) return null;
  const code = qrcode(0, ['L', 'M', 'Q', 'H'].includes(level) ? level : 'M');
  try {
    code.addData(utf8Bytes(value), 'Byte');
    code.make();
  } catch {
    return null; // longer than the largest version holds at this level
  }
  const count = code.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (code.isDark(row, col)) path += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
  return { size: count + QUIET * 2, path };
}

/** The code as an SVG document (colours must be CSS colour values; they are validated props). */
export function qrSvg(shape: QrShape, color = '#000000', background = '#ffffff'): string {
  const attr = (text: string) => text.replace(/[^#\w(),.% -]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${shape.size} ${shape.size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="${attr(background)}"/><path fill="${attr(color)}" d="${shape.path}"/></svg>`;
}

/** `data:image/svg+xml;base64,…` of the code (mini-program <image>; no btoa there). */
export function qrDataUri(value: string, level: QrLevel, color?: string, background?: string): string {
  const shape = qrShape(value, level);
  return shape ? `data:image/svg+xml;base64,${base64(qrSvg(shape, color, background))}` : '';
}

/** The UTF-8 bytes of `text` as a binary string (the library reads one byte per character). */
function utf8Bytes(text: string): string {
  try {
    return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  } catch {
    return text; // a lone surrogate: encode what the library can
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i);
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) : Number.NaN;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) : Number.NaN;
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[(bits >> 18) & 63];
    out += ALPHABET[(bits >> 12) & 63];
    out += Number.isNaN(b) ? '=' : ALPHABET[(bits >> 6) & 63];
    out += Number.isNaN(c) ? '=' : ALPHABET[bits & 63];
  }
  return out;
}
