import { describe, expect, it } from 'vitest';
import { prepareValues } from './extended-json';
import {
  QueryError,
  validateDocument,
  validateFilter,
  validateProjection,
  validateUpdate,
} from './query-validation';

function issue(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (error instanceof QueryError) return error.issue;
    throw error;
  }
  throw new Error('expected a QueryError');
}

describe('filters', () => {
  it('accept the allow-listed operators', () => {
    const filter = {
      a: 1,
      'b.c': { $gt: 1, $lte: 5 },
      d: { $in: [1, 2] },
      e: { $exists: false },
      f: { $elemMatch: { g: { $ne: null } } },
      h: { $regex: '^ab', $options: 'i' },
      i: { $not: { $size: 2 } },
      $or: [{ j: true }, { k: { $all: ['x'] } }],
      $nor: [{ l: { $type: 'string' } }],
      m: { $mod: [3, 1] },
      n: { nested: 'object literal' },
    };
    expect(validateFilter(filter)).toBe(filter);
    expect(validateFilter(undefined)).toEqual({});
  });

  it('point at what is wrong', () => {
    expect(issue(() => validateFilter({ a: { b: { $where: 'x' } } }))).toEqual({
      pointer: '/filter/a/b/$where',
      message: '"$where" is not allowed inside a value',
    });
    expect(issue(() => validateFilter({ $where: 'x' })).pointer).toBe('/filter/$where');
    expect(issue(() => validateFilter({ 'a/b': { $foo: 1 } })).pointer).toBe('/filter/a~1b/$foo');
    expect(issue(() => validateFilter({ a: { $options: 'i' } })).message).toMatch(/needs \$regex/);
    expect(issue(() => validateFilter({ a: { $mod: [0, 1] } })).message).toMatch(/cannot be 0/);
    expect(issue(() => validateFilter({ a: Number.NaN })).message).toMatch(/finite/);
    expect(issue(() => validateFilter({ a: { $in: Array(1001).fill(1) } })).message).toMatch(
      /limited to 1000/,
    );
    expect(issue(() => validateFilter([] as never)).message).toMatch(/JSON object/);
  });
});

describe('updates, documents, projections', () => {
  it('allow update operators and refuse the rest', () => {
    expect(
      validateUpdate({
        $set: { a: 1 },
        $push: { l: { $each: [1], $position: 0 } },
        $pull: { l: { $gt: 3 } },
      }),
    ).toBeTruthy();
    expect(issue(() => validateUpdate({ $set: { _openid: 'x' } })).pointer).toBe('/update/$set/_openid');
    expect(issue(() => validateUpdate({ $currentDate: { a: true } })).message).toMatch(
      /disallowed update operator/,
    );
    expect(issue(() => validateUpdate({ $addToSet: { a: { $each: [1], $slice: 1 } } })).message).toMatch(
      /not allowed in \$addToSet/,
    );
    expect(issue(() => validateUpdate({ $pop: { a: 2 } })).message).toMatch(/1 \(last\)/);
  });

  it('strip _openid from documents and refuse operator keys', () => {
    expect(validateDocument({ _openid: 'x', a: { b: 1 } })).toEqual({ a: { b: 1 } });
    expect(issue(() => validateDocument({ a: { $set: 1 } })).pointer).toBe('/data/a/$set');
    expect(issue(() => validateDocument({ 'a.b': 1 })).message).toMatch(/cannot contain "."/);
    expect(issue(() => validateDocument({ _id: '../x' })).pointer).toBe('/data/_id');
  });

  it('normalise projections', () => {
    expect(validateProjection({ a: true, _id: 0 })).toEqual({ a: 1, _id: 0 });
    expect(issue(() => validateProjection({ a: { $slice: 1 } })).message).toMatch(/1\/true/);
  });

  it('turns Extended JSON dates into Date objects', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      prepareValues(
        {
          a: { $date: '2020-01-01T00:00:00.000Z' },
          b: [{ $serverDate: { offset: 1000 } }],
          c: { $date: 'nope' },
        },
        now,
      ),
    ).toEqual({
      a: new Date('2020-01-01T00:00:00.000Z'),
      b: [new Date(now + 1000)],
      c: { $date: 'nope' },
    });
  });
});
