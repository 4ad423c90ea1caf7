import { describe, expect, it } from 'vitest';
import { command as _, ServerDate, serializeUpdate, serializeWhere } from './command';

describe('where() serialisation', () => {
  it('turns field commands into MongoDB operators', () => {
    expect(serializeWhere({ age: _.gt(18), name: 'Li', tags: _.all(['a', 'b']) })).toEqual({
      age: { $gt: 18 },
      name: 'Li',
      tags: { $all: ['a', 'b'] },
    });
    expect(serializeWhere({ n: _.gte(1).and(_.lt(5)) })).toEqual({ n: { $gte: 1, $lt: 5 } });
    expect(
      serializeWhere({
        s: _.in(['a']),
        t: _.nin([1]),
        u: _.neq(null),
        v: _.exists(true),
        w: _.size(2),
        x: _.eq(3),
        y: _.lte(4),
      }),
    ).toEqual({
      s: { $in: ['a'] },
      t: { $nin: [1] },
      u: { $ne: null },
      v: { $exists: true },
      w: { $size: 2 },
      x: { $eq: 3 },
      y: { $lte: 4 },
    });
  });

  it('flattens nested objects into dotted paths, as CloudBase does', () => {
    expect(serializeWhere({ owner: { name: 'Li', age: _.gt(3) } })).toEqual({
      'owner.name': 'Li',
      'owner.age': { $gt: 3 },
    });
  });

  it('serialises logical queries at the top and on one field', () => {
    expect(serializeWhere(_.or([{ a: 1 }, { b: _.lt(2) }]))).toEqual({
      $or: [{ a: 1 }, { b: { $lt: 2 } }],
    });
    expect(serializeWhere({ n: _.lt(1).or(_.gt(9)) })).toEqual({
      $or: [{ n: { $lt: 1 } }, { n: { $gt: 9 } }],
    });
    expect(serializeWhere({ k: 1, n: _.or(_.eq(1), _.eq(2)) as never })).toEqual({
      $and: [{ k: 1 }, { $or: [{ n: { $eq: 1 } }, { n: { $eq: 2 } }] }],
    });
    expect(serializeWhere(_.and({ a: 1 }, { b: 2 }))).toEqual({ $and: [{ a: 1 }, { b: 2 }] });
  });

  it('encodes elemMatch, regular expressions and dates', () => {
    expect(serializeWhere({ items: _.elemMatch({ qty: _.gt(2) }) })).toEqual({
      items: { $elemMatch: { qty: { $gt: 2 } } },
    });
    expect(serializeWhere({ title: /^hel+o/i })).toEqual({ title: { $regex: '^hel+o', $options: 'i' } });
    const day = new Date('2026-01-02T03:04:05.000Z');
    expect(serializeWhere({ at: _.gt(day) })).toEqual({ at: { $gt: { $date: '2026-01-02T03:04:05.000Z' } } });
  });
});

describe('update() serialisation', () => {
  it('sets plain fields by path and maps update commands', () => {
    expect(
      serializeUpdate({
        title: 'x',
        style: { color: 'red' },
        whole: _.set({ a: 1 }),
        gone: _.remove(),
        views: _.inc(1),
        price: _.mul(2),
        tags: _.push(['a', 'b']),
        last: _.pop(),
        first: _.shift(),
        front: _.unshift('z'),
        at: new ServerDate(1000),
      }),
    ).toEqual({
      $set: { title: 'x', 'style.color': 'red', whole: { a: 1 }, at: { $serverDate: { offset: 1000 } } },
      $unset: { gone: '' },
      $inc: { views: 1 },
      $mul: { price: 2 },
      $push: { tags: { $each: ['a', 'b'] }, front: { $each: ['z'], $position: 0 } },
      $pop: { last: 1, first: -1 },
    });
    expect(serializeUpdate({ list: _.push({ each: [1], position: 2, slice: 5 }) })).toEqual({
      $push: { list: { $each: [1], $position: 2, $slice: 5 } },
    });
  });
});
