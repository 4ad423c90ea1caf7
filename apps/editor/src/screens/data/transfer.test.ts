import { describe, expect, it } from 'vitest';
import { parseCsvRows, parseDocuments, toCsv } from './transfer';

describe('data import and export', () => {
  it('writes CSV that reads back to the same documents', () => {
    const docs = [
      { _id: 'a', name: 'Zhang, San', note: 'said "hi"\nthen left', age: 30, tags: ['x', 'y'], ok: true },
      { _id: 'b', name: '李四', age: 41.5 },
    ];
    const csv = toCsv(docs);
    expect(csv.split('\r\n')[0]).toBe('_id,name,note,age,tags,ok');
    expect(parseDocuments(csv, 'csv')).toEqual(docs);
  });

  it('reads JSON arrays and JSON lines, naming the bad item', () => {
    expect(parseDocuments('[{"a":1},{"b":2}]', 'json')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseDocuments('{"a":1}\n{"b":2}\n', 'json')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parseDocuments('[{"a":1}, 3]', 'json')).toThrow('Item 2 is not an object');
    expect(() => parseDocuments('{"a":1}\n{oops', 'json')).toThrow('Line 2 is not a JSON object');
    expect(() => parseDocuments('[{"a":', 'json')).toThrow(/not valid JSON/);
  });

  it('refuses CSV rows with the wrong number of fields and unterminated quotes', () => {
    expect(() => parseDocuments('a,b\n1\n', 'csv')).toThrow('CSV line 2 has 1 fields; the header has 2');
    expect(() => parseCsvRows('a,"b\n')).toThrow(/quoted/);
  });
});
