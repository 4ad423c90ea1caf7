// Property-based tests: generated valid apps pass; after a random mutation the validator never
// throws and every pointer it reports exists in the mutated document. A missing required
// property is reported at the object that lacks it (that object exists), never at the absent key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ComponentCatalogue, resolvePointer, toPointer, validateApp, walkNodes } from '../src/index';
import { validApp } from './arbitraries';

const catalogue = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalogue.json'), 'utf8'),
) as ComponentCatalogue;

type Path = (string | number)[];

/** Paths of every value inside a JSON document (the root excluded). */
function allPaths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...at, i]);
      allPaths(v, [...at, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...at, k]);
      allPaths(v, [...at, k], out);
    }
  }
  return out;
}

function container(doc: unknown, path: Path): Record<string | number, unknown> {
  let current = doc as Record<string | number, unknown>;
  for (const token of path.slice(0, -1)) current = current[token] as Record<string | number, unknown>;
  return current;
}

const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    1e308,
    true,
    [],
    {},
    { $expr: 42 },
    { $expr: '' },
    { $expr: 'state.' },
    { $i18n: [] },
  ),
  fc.constantFrom(
    { $expr: 'constructor.constructor("x")()' },
    { $expr: 'window' },
    { $i18n: { xx: 1 } },
    { type: 'nope' },
  ),
);

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'duplicate-id'; pick: number }
  | { kind: 'dangle'; pick: number; name: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: garbage }),
  fc.record({ kind: fc.constant('duplicate-id' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('dangle' as const),
    pick: fc.nat(),
    name: fc.constantFrom('zzz', 'missing_page', 'Nope'),
  }),
);

/** Applies a mutation in place; returns a description for failure reports. */
function mutate(doc: Record<string, unknown>, m: Mutation): string {
  const paths = allPaths(doc);
  if (m.kind === 'duplicate-id') {
    const ids: string[] = [];
    walkNodes(doc as never, ({ node }) => {
      ids.push(node.id);
    });
    const pointers: string[] = [];
    walkNodes(doc as never, ({ pointer }) => {
      pointers.push(pointer);
    });
    if (ids.length < 2) return 'no-op';
    const target = resolvePointer(doc, pointers[(m.pick % (ids.length - 1)) + 1]!);
    if (target.found) (target.value as { id: string }).id = ids[0]!;
    return `duplicate id ${ids[0]}`;
  }
  if (m.kind === 'dangle') {
    const strings = paths.filter((p) => typeof container(doc, p)[p.at(-1)!] === 'string');
    const path = strings[m.pick % strings.length];
    if (!path) return 'no-op';
    container(doc, path)[path.at(-1)!] = m.name;
    return `dangle ${toPointer(path)} = ${m.name}`;
  }
  const path = paths[m.pick % paths.length];
  if (!path) return 'no-op';
  const holder = container(doc, path);
  const key = path.at(-1)!;
  if (m.kind === 'delete') {
    if (Array.isArray(holder)) holder.splice(Number(key), 1);
    else delete holder[key];
    return `delete ${toPointer(path)}`;
  }
  holder[key] = structuredClone(m.value);
  return `replace ${toPointer(path)} with ${JSON.stringify(m.value)}`;
}

describe('validator properties', () => {
  it('generated valid apps are valid', () => {
    let largest = 0;
    fc.assert(
      fc.property(validApp, (app) => {
        const result = validateApp(app, { catalogue });
        expect(result.errors).toEqual([]);
        let nodes = 0;
        walkNodes(app, () => {
          nodes++;
        });
        largest = Math.max(largest, nodes);
      }),
      { numRuns: 150 },
    );
    expect(largest).toBeGreaterThan(15);
  });

  it('after random mutations it never throws and every pointer exists in the document', () => {
    let invalid = 0;
    fc.assert(
      fc.property(
        validApp,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (app, mutations, withCatalogue) => {
          const doc = structuredClone(app) as unknown as Record<string, unknown>;
          const applied = mutations.map((m) => mutate(doc, m));
          const result = validateApp(doc, withCatalogue ? { catalogue } : {});
          for (const error of result.errors) {
            expect(error.message, applied.join('; ')).not.toMatch(/internal validator error/);
            expect(typeof error.message).toBe('string');
            expect(
              resolvePointer(doc, error.pointer).found,
              `${error.pointer} after ${applied.join('; ')}`,
            ).toBe(true);
          }
          expect(result.valid).toBe(result.errors.length === 0);
          if (!result.valid) invalid++;
        },
      ),
      { numRuns: 400 },
    );
    // the mutations must really break documents, or the pointer check above checks nothing
    expect(invalid).toBeGreaterThan(200);
  });

  it('deleting a required key is always reported, at the object that lacks it', () => {
    const required: Path[] = [
      ['name'],
      ['pages', 0, 'root'],
      ['pages', 0, 'root', 'component'],
      ['navigation', 'home'],
    ];
    fc.assert(
      fc.property(validApp, fc.constantFrom(...required), (app, path) => {
        const doc = structuredClone(app) as unknown as Record<string, unknown>;
        delete container(doc, path)[path.at(-1)!];
        const result = validateApp(doc, { catalogue });
        expect(result.errors).toContainEqual({
          pointer: toPointer(path.slice(0, -1)),
          message: `missing required property "${String(path.at(-1))}"`,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('non-object documents are reported, not thrown', () => {
    for (const doc of [null, undefined, 42, 'app', [], [{}], true]) {
      const result = validateApp(doc);
      expect(result.valid).toBe(false);
      expect(result.errors[0]?.pointer).toBe('');
    }
  });
});
