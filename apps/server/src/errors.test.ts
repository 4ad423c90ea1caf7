import { StoreError } from '@tessera/store';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { detailsFromAjv, errorHandler, httpError, pointerOf } from './errors';

describe('error answers', () => {
  it('turns ajv issues into pointers at the offending field', () => {
    expect(
      detailsFromAjv(
        [
          {
            instancePath: '',
            keyword: 'required',
            message: "must have required property 'email'",
            params: { missingProperty: 'email' },
          },
          {
            instancePath: '/role',
            keyword: 'enum',
            message: 'must be equal to one of the allowed values',
            params: { allowedValues: ['a', 'b'] },
          },
          {
            instancePath: '',
            keyword: 'additionalProperties',
            message: 'x',
            params: { additionalProperty: 'a/b' },
          },
        ],
        'body',
      ),
    ).toEqual([
      { pointer: '/email', message: "body at /email: must have required property 'email'" },
      { pointer: '/role', message: 'body at /role: must be equal to one of the allowed values ("a", "b")' },
      { pointer: '/a~1b', message: 'body at /a~1b: unknown property' },
    ]);
    expect(pointerOf(['pages', 0, 'a~b'])).toBe('/pages/0/a~0b');
  });

  it('maps HttpError, duplicate keys and unexpected errors to the JSON shape', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/http', async () => {
      throw httpError(409, 'stale', [{ pointer: '/x', message: 'old' }], { currentVersion: 3 });
    });
    app.get('/dup', async () => {
      throw new StoreError(11000, 'E11000 duplicate key', { keyValue: { email: 'a@b.c' } });
    });
    app.get('/bad-filter', async () => {
      throw new StoreError(2, 'unknown operator $foo');
    });
    app.get('/boom', async () => {
      throw new Error('secret internals');
    });
    const http = await app.inject('/http');
    expect(http.statusCode).toBe(409);
    expect(http.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'stale',
      details: [{ pointer: '/x', message: 'old' }],
      currentVersion: 3,
    });
    const dup = await app.inject('/dup');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details).toEqual([{ pointer: '/email', message: 'already taken' }]);
    const badFilter = await app.inject('/bad-filter');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().message).toMatch(/unknown operator \$foo/);
    const boom = await app.inject('/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.json().message).toBe('Internal server error');
    await app.close();
  });
});
