/** Import and export of collection documents as JSON or CSV (the Data screen's files). */

export type Format = 'json' | 'csv';

/** Top-level keys of the documents, `_id` first, in first-seen order. */
export function columnsOf(docs: Record<string, unknown>[]): string[] {
  const seen = new Set<string>(['_id']);
  for (const doc of docs) for (const key of Object.keys(doc)) seen.add(key);
  return [...seen];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV; nested values are written as JSON. */
export function toCsv(docs: Record<string, unknown>[]): string {
  const columns = columnsOf(docs);
  const lines = [columns.map(cell).join(',')];
  for (const doc of docs) lines.push(columns.map((column) => cell(doc[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV (quoted fields, escaped quotes, CRLF or LF) into rows of strings. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (quoted) throw new Error('The CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** A CSV cell back to a value: JSON for numbers, booleans, null, objects and arrays; text otherwise. */
function cellValue(text: string): unknown {
  if (text === '') return undefined;
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(text) || /^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Documents from an imported file: a JSON array of objects, JSON lines, or CSV with a header row.
 * Throws an Error that names the line or item at fault.
 */
export function parseDocuments(text: string, format: Format): Record<string, unknown>[] {
  if (format === 'csv') {
    const [header, ...rows] = parseCsvRows(text);
    if (!header) return [];
    return rows.map((row, index) => {
      if (row.length !== header.length)
        throw new Error(`CSV line ${index + 2} has ${row.length} fields; the header has ${header.length}`);
      const doc: Record<string, unknown> = {};
      header.forEach((name, i) => {
        const value = cellValue(row[i] ?? '');
        if (value !== undefined) doc[name] = value;
      });
      return doc;
    });
  }
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let parsed: unknown;
  if (trimmed.startsWith('[')) {
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`The file is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    parsed = trimmed.split(/\r?\n/).map((line, index) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`Line ${index + 1} is not a JSON object`);
      }
    });
  }
  if (!Array.isArray(parsed)) throw new Error('Expected an array of documents');
  parsed.forEach((doc, index) => {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      throw new Error(`Item ${index + 1} is not an object`);
  });
  return parsed as Record<string, unknown>[];
}

/** Offers `text` as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
