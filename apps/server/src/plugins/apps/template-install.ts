import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { validateManifest } from '@tessera/functions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, httpError } from '../../errors';
import { newAppId } from '../../ids';
import { type CollectionRules, presetNames, presets, type RulePreset } from '../../rules/presets';
import { RuleError } from '../../rules/rule-error';
import { compileRules } from '../../rules/security-rules';
import { CmsEntries, ensureIndexes, MODELS, type ModelDoc } from '../cms/entries';
import type { ContentModel } from '../cms/entry-schema';
import { checkModel } from '../cms/model';
import { FunctionRepository } from '../functions/repository';
import { checkStorageRules, type StorageRule } from '../storage/storage-rules';
import { insertApp } from './drafts';
import type { AppRecord } from './records';
import { type AppDocument, prepareAppSchema } from './schema-check';

// A template folder holds more than app.json: content models and entries, seed documents, security
// rules, storage rules, cloud functions and sign-in settings (see templates/README.md). Installing
// reads and checks every file first, then writes them into the new app's database; a failure part
// way removes what was written, so the caller never sees a half-made app.

export interface TemplateFile<T> {
  /** Path inside the template folder, e.g. `cms/service.json` (for error messages). */
  file: string;
  body: T;
}

export interface TemplateEntries {
  model: string;
  items: { data: Record<string, unknown>; publish: boolean }[];
}

export interface TemplateFunction {
  name: string;
  manifest: Record<string, unknown>;
  files: Record<string, string>;
}

export interface TemplateContents {
  name: string;
  app: unknown;
  models: TemplateFile<Record<string, unknown>>[];
  entries: TemplateFile<TemplateEntries>[];
  seeds: TemplateFile<{ collection: string; documents: Record<string, unknown>[] }>[];
  rules: TemplateFile<{ collection: string; rules: CollectionRules; preset: RulePreset | null }>[];
  storageRules: TemplateFile<StorageRule[]> | null;
  functions: TemplateFile<TemplateFunction>[];
  auth: TemplateFile<Record<string, unknown>> | null;
}

export interface InstallSummary {
  models: number;
  entries: number;
  documents: number;
  rules: number;
  storageRules: number;
  functions: string[];
  auth: boolean;
}

/** A template that cannot be installed: names the template, the file and what is wrong with it. */
function templateError(template: string, file: string, message: string): HttpError {
  return httpError(422, `Template "${template}" cannot be installed: ${file}: ${message}`, [
    { pointer: `/templates/${template}/${file}`, message },
  ]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.json'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** Every file under `dir` (relative paths with "/"), for a function's sources. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(dir, relative)));
    else if (entry.isFile()) found.push(relative);
  }
  return found.sort();
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,119}$/;

/**
 * Reads and checks a template folder (`<templatesDir>/<name>`) without writing anything.
 * Throws 422 naming the file for anything that would fail to install.
 */
export async function readTemplate(dir: string, name: string): Promise<TemplateContents> {
  const fail = (file: string, message: string) => templateError(name, file, message);
  const readJson = async (file: string): Promise<unknown> => {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch (error) {
      throw fail(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw fail(file, `is not valid JSON (${(error as Error).message})`);
    }
  };
  const baseName = (file: string) => file.replace(/\.json$/, '');

  const contents: TemplateContents = {
    name,
    app: await readJson('app.json'),
    models: [],
    entries: [],
    seeds: [],
    rules: [],
    storageRules: null,
    functions: [],
    auth: null,
  };

  for (const file of await jsonFiles(path.join(dir, 'cms'))) {
    const body = await readJson(`cms/${file}`);
    if (!isObject(body)) throw fail(`cms/${file}`, 'must be a content model object');
    if (body.name !== baseName(file)) throw fail(`cms/${file}`, `"name" must be "${baseName(file)}"`);
    contents.models.push({ file: `cms/${file}`, body });
  }
  const modelNames = new Set(contents.models.map((m) => m.body.name as string));
  for (const model of contents.models) {
    const problems = checkModel(model.body, modelNames);
    if (problems.length > 0)
      throw fail(model.file, problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; '));
  }

  for (const file of await jsonFiles(path.join(dir, 'cms-entries'))) {
    const where = `cms-entries/${file}`;
    const body = await readJson(where);
    const model = baseName(file);
    if (!modelNames.has(model)) throw fail(where, `there is no content model cms/${model}.json`);
    if (!Array.isArray(body))
      throw fail(where, 'must be an array of { "data": {...}, "publish": true|false }');
    const items = body.map((item, index) => {
      if (!isObject(item) || !isObject(item.data))
        throw fail(where, `[${index}] must be { "data": {...}, "publish": true|false }`);
      if (item.publish !== undefined && typeof item.publish !== 'boolean')
        throw fail(where, `[${index}].publish must be true or false`);
      return { data: item.data, publish: item.publish !== false };
    });
    contents.entries.push({ file: where, body: { model, items } });
  }

  for (const file of await jsonFiles(path.join(dir, 'seed'))) {
    const where = `seed/${file}`;
    const collection = baseName(file);
    if (!COLLECTION_NAME.test(collection))
      throw fail(where, 'the file name must be a collection name (letters, digits, "_", "-")');
    const body = await readJson(where);
    if (!Array.isArray(body) || !body.every(isObject)) throw fail(where, 'must be an array of documents');
    contents.seeds.push({ file: where, body: { collection, documents: body } });
  }

  for (const file of await jsonFiles(path.join(dir, 'rules'))) {
    const where = `rules/${file}`;
    const collection = baseName(file);
    if (!COLLECTION_NAME.test(collection))
      throw fail(where, 'the file name must be a collection name (letters, digits, "_", "-")');
    const body = await readJson(where);
    if (!isObject(body))
      throw fail(where, 'must be { "preset": ... } or { "read", "create", "update", "delete" }');
    let rules: CollectionRules;
    let preset: RulePreset | null = null;
    if (body.preset !== undefined) {
      if (!presetNames.includes(body.preset as RulePreset))
        throw fail(where, `"preset" must be one of ${presetNames.join(', ')}`);
      preset = body.preset as RulePreset;
      rules = presets[preset];
    } else {
      const kinds = ['read', 'create', 'update', 'delete'] as const;
      const missing = kinds.filter((k) => typeof body[k] !== 'string');
      if (missing.length > 0) throw fail(where, `missing rules: ${missing.join(', ')} (or give a preset)`);
      rules = {
        read: `${body.read}`,
        create: `${body.create}`,
        update: `${body.update}`,
        delete: `${body.delete}`,
      };
    }
    try {
      compileRules(rules);
    } catch (error) {
      if (error instanceof RuleError) throw fail(where, error.message);
      throw error;
    }
    contents.rules.push({ file: where, body: { collection, rules, preset } });
  }

  if (await exists(path.join(dir, 'storage-rules.json'))) {
    const where = 'storage-rules.json';
    const body = await readJson(where);
    const list = isObject(body) ? body.rules : undefined;
    const valid =
      Array.isArray(list) &&
      list.every(
        (r) =>
          isObject(r) &&
          typeof r.prefix === 'string' &&
          typeof r.read === 'string' &&
          typeof r.write === 'string',
      );
    if (!valid) throw fail(where, 'must be { "rules": [{ "prefix", "read", "write" }] }');
    try {
      checkStorageRules(list as StorageRule[]);
    } catch (error) {
      if (error instanceof RuleError) throw fail(where, error.message);
      throw error;
    }
    contents.storageRules = { file: where, body: list as StorageRule[] };
  }

  const functionsDir = path.join(dir, 'functions');
  const functionNames = (await exists(functionsDir))
    ? (await readdir(functionsDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  for (const fn of functionNames) {
    const where = `functions/${fn}/manifest.json`;
    const manifest = await readJson(where);
    const checked = validateManifest(manifest);
    if (!checked.valid)
      throw fail(where, checked.errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; '));
    if ((manifest as { name?: unknown }).name !== fn)
      throw fail(where, `"name" must be "${fn}" (the folder name)`);
    const files: Record<string, string> = {};
    for (const file of await filesUnder(path.join(functionsDir, fn))) {
      if (file === 'manifest.json') continue;
      files[file] = await readFile(path.join(functionsDir, fn, file), 'utf8');
    }
    if (Object.keys(files).length === 0)
      throw fail(`functions/${fn}/`, 'has no source files (index.ts or index.js)');
    contents.functions.push({
      file: `functions/${fn}/`,
      body: { name: fn, manifest: manifest as Record<string, unknown>, files },
    });
  }

  if (await exists(path.join(dir, 'auth.json'))) {
    const where = 'auth.json';
    const body = await readJson(where);
    if (!isObject(body)) throw fail(where, 'must be an object like PUT /api/apps/:appId/auth/settings');
    const known = new Set(['methods', 'accessTokenSeconds', 'refreshTokenDays']);
    for (const key of Object.keys(body)) if (!known.has(key)) throw fail(where, `unknown setting "${key}"`);
    if (body.methods !== undefined) {
      if (!isObject(body.methods)) throw fail(where, '"methods" must be an object');
      for (const [method, on] of Object.entries(body.methods)) {
        if (!['anonymous', 'password', 'phone', 'wechat'].includes(method))
          throw fail(where, `unknown sign-in method "${method}"`);
        if (typeof on !== 'boolean') throw fail(where, `methods.${method} must be true or false`);
      }
    }
    for (const key of ['accessTokenSeconds', 'refreshTokenDays'] as const)
      if (body[key] !== undefined && !(Number.isInteger(body[key]) && (body[key] as number) > 0))
        throw fail(where, `"${key}" must be a positive integer`);
    contents.auth = { file: where, body };
  }
  return contents;
}

/**
 * Writes a template's content models and entries, seed documents, rules, storage rules,
 * sign-in settings and functions into app `appId` (which must not exist yet). On a failure it
 * removes everything it wrote and throws a 422 naming the template file.
 */
export async function installTemplate(
  app: FastifyInstance,
  appId: string,
  contents: TemplateContents,
  by: string | null,
): Promise<InstallSummary> {
  const summary: InstallSummary = {
    models: 0,
    entries: 0,
    documents: 0,
    rules: 0,
    storageRules: 0,
    functions: [],
    auth: false,
  };
  let current = 'app.json';
  try {
    const db = app.store.app(appId);
    const models = new Map<string, ContentModel>();
    for (const { file, body } of contents.models) {
      current = file;
      const model = { ...(body as unknown as ContentModel), version: 1 };
      delete (model as { $schema?: string }).$schema;
      const now = new Date().toISOString();
      await ensureIndexes(db, model);
      await db
        .collection<ModelDoc>(MODELS)
        .insertOne({ ...model, _id: model.name, createdAt: now, updatedAt: now });
      models.set(model.name, model);
      summary.models += 1;
    }
    for (const { file, body } of contents.entries) {
      const model = models.get(body.model);
      if (!model) continue; // readTemplate refused entries without a model
      const entries = new CmsEntries(db, appId, model);
      for (const [index, item] of body.items.entries()) {
        current = `${file} [${index}]`;
        const created = await entries.create(item.data, by);
        if (item.publish) await entries.publish(created._id);
        summary.entries += 1;
      }
    }
    const data = app.appDatabase(appId, { as: 'bypass' });
    for (const { file, body } of contents.seeds) {
      const collection = data.collection(body.collection);
      for (const [index, document] of body.documents.entries()) {
        current = `${file} [${index}]`;
        const { _id, ...rest } = document;
        if (typeof _id === 'string') await collection.set(_id, rest);
        else await collection.add(rest);
        summary.documents += 1;
      }
    }
    for (const { file, body } of contents.rules) {
      current = file;
      await app.appDbRules.save(appId, body.collection, body.rules, body.preset);
      summary.rules += 1;
    }
    if (contents.storageRules) {
      current = contents.storageRules.file;
      summary.storageRules = (await app.appStorage.rules.save(appId, contents.storageRules.body)).length;
    }
    if (contents.auth) {
      current = contents.auth.file;
      await app.appAuthSettings.save(appId, contents.auth.body);
      summary.auth = true;
    }
    // Functions come last so that the seed writes above fire none of their database triggers.
    // The functions plugin's own repository (same store): bundles and stores an active version.
    const functions = new FunctionRepository(
      app.store,
      process.env.TESSERA_FUNCTION_NODE_MODULES || undefined,
    );
    for (const { file, body } of contents.functions) {
      current = file;
      await functions.deploy(appId, body.name, { manifest: body.manifest, files: body.files }, by);
      summary.functions.push(body.name);
    }
  } catch (error) {
    await removeInstalled(app, appId).catch((cleanup) =>
      app.log.error({ err: cleanup, appId }, 'could not remove a half-installed template'),
    );
    const message =
      error instanceof HttpError || error instanceof RuleError ? error.message : (error as Error).message;
    throw templateError(contents.name, current, message);
  }
  return summary;
}

/** Removes what installTemplate wrote for an app that was never created. */
export async function removeInstalled(app: FastifyInstance, appId: string): Promise<void> {
  const platform = app.store.platform();
  await platform.collection('function_versions').deleteMany({ appId });
  await platform.collection('functions').deleteMany({ appId });
  await app.store.dropApp(appId);
}

/**
 * Creates an app in a workspace from a read template: the schema (renamed when `name` is given),
 * then everything else the folder holds. Nothing remains when any step fails.
 */
export async function createAppFromTemplate(
  request: FastifyRequest,
  workspaceId: string,
  contents: TemplateContents,
  options: { name?: string; description?: string } = {},
): Promise<AppRecord> {
  const source = contents.app;
  const withDescription =
    options.description !== undefined && isObject(source)
      ? { ...source, description: options.description }
      : source;
  let prepared: AppDocument;
  try {
    prepared = prepareAppSchema(withDescription, {
      forceId: newAppId(),
      ...(options.name ? { forceName: options.name.trim() } : {}),
    });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw templateError(contents.name, 'app.json', error.message);
  }
  const appId = String(prepared.id);
  const summary = await installTemplate(request.server, appId, contents, request.builder?.accountId ?? null);
  try {
    return await insertApp(request, workspaceId, prepared, {
      template: contents.name,
      action: 'app.create',
      summary:
        `Created app "{name}" from template ${contents.name}` +
        (summary.models + summary.functions.length > 0
          ? ` (${summary.models} content models, ${summary.entries} entries, ${summary.documents} documents, ${summary.functions.length} functions)`
          : ''),
      message: 'Created',
    });
  } catch (error) {
    await removeInstalled(request.server, appId);
    throw error;
  }
}
