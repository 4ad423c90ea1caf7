// The committed references must cover every component and every schema definition, and match what
// `pnpm run docs` generates now (stale docs fail here with the command to run).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { components } from '../packages/components/src/index';
import { loadSchemas } from '../packages/schema/src/codegen/load-schemas';
import { componentReference, schemaDefinitions, schemaReference } from './docs-reference';

const referenceDir = join(import.meta.dirname, '..', 'docs', 'reference');
const committed = (file: string) => readFileSync(join(referenceDir, file), 'utf8');
const STALE = 'is out of date: run `pnpm run docs` and commit docs/reference';

describe('component reference', () => {
  const text = committed('components.md');

  it('has a section for every component of the catalogue, with each prop and event', () => {
    const missing: string[] = [];
    for (const meta of components) {
      const start = text.indexOf(`<a id="${meta.name.toLowerCase()}"></a>`);
      if (start < 0) {
        missing.push(meta.name);
        continue;
      }
      const end = text.indexOf('<a id="', start + 1);
      const section = text.slice(start, end < 0 ? undefined : end);
      expect(section, meta.name).toContain(`## ${meta.name} — ${meta.title['zh-CN']} / ${meta.title.en}`);
      for (const name of [...Object.keys(meta.props), ...Object.keys(meta.events)])
        expect(section, `${meta.name}.${name}`).toContain(`| \`${name}\` |`);
      for (const name of Object.keys(meta.slots ?? {}))
        expect(section, `${meta.name} slot ${name}`).toContain(`| \`${name}\` |`);
    }
    expect(missing, 'components missing from docs/reference/components.md').toEqual([]);
  });

  it('is what `pnpm run docs` generates now', () => {
    expect(text === componentReference(), `docs/reference/components.md ${STALE}`).toBe(true);
  });
});

describe('schema reference', () => {
  const text = committed('schema.md');

  it('has a section for every schema file and every definition in it', () => {
    const definitions = schemaDefinitions();
    expect(definitions.length).toBeGreaterThan(loadSchemas().length);
    const missing = definitions.filter((id) => !text.includes(`<a id="${id}"></a>`));
    expect(missing, 'schema definitions missing from docs/reference/schema.md').toEqual([]);
  });

  it('documents every field of every definition', () => {
    for (const file of loadSchemas()) {
      const defs = Object.entries((file.schema.$defs ?? {}) as Record<string, { properties?: object }>);
      for (const [name, def] of [[file.name, file.schema], ...defs] as [string, { properties?: object }][])
        for (const field of Object.keys(def.properties ?? {}))
          expect(text, `${file.name} ${name}.${field}`).toContain(`| \`${field}\` |`);
    }
  });

  it('is what `pnpm run docs` generates now', () => {
    expect(text === schemaReference(), `docs/reference/schema.md ${STALE}`).toBe(true);
  });
});

describe('links in the docs', () => {
  const docsDir = join(import.meta.dirname, '..', 'docs');
  // The generated references and the hand-written guides of this folder (decision records and
  // other helpers' pages are checked by their owners).
  const pages = [
    ...['reference/components.md', 'reference/schema.md', 'sdk.md', 'deployment.md'],
    ...readdirSync(join(docsDir, 'concepts')).map((file) => `concepts/${file}`),
  ].map((file) => join(docsDir, file));

  /** Anchors a page offers: explicit <a id> and GitHub-style heading slugs. */
  const anchorsOf = (file: string): Set<string> => {
    const text = readFileSync(file, 'utf8');
    const ids = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1] as string);
    const slugs = [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
      (m[1] as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
    return new Set([...ids, ...slugs]);
  };

  it('point at files and anchors that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#');
        const file = path ? join(dirname(page), path) : page;
        if (!existsSync(file)) broken.push(`${relative(docsDir, page)}: ${target} (no such file)`);
        else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor))
          broken.push(`${relative(docsDir, page)}: ${target} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
