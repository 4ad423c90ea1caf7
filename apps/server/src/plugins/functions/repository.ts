import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BundleError,
  bundleFunction,
  type FunctionBundle,
  type InvocationRecord,
  type ResolvedManifest,
  resolveManifest,
  validateManifest,
} from '@tessera/functions';
import type { Store } from '@tessera/store';
import { httpError } from '../../errors';
import { timeOrderedId } from '../../ids';

/** One deployed function of an app; points at its active version. */
export interface FunctionRecord {
  _id: string;
  appId: string;
  name: string;
  activeVersion: number;
  latestVersion: number;
  manifest: ResolvedManifest;
  updatedAt: string;
  [key: string]: unknown;
}

/** One deploy: immutable. */
export interface VersionRecord {
  _id: string;
  functionId: string;
  appId: string;
  name: string;
  version: number;
  manifest: ResolvedManifest;
  files: Record<string, string>;
  code: string;
  map: string;
  hash: string;
  sizeBytes: number;
  deployedAt: string;
  deployedBy: string | null;
  [key: string]: unknown;
}

export interface LogRecord extends InvocationRecord {
  _id: string;
  [key: string]: unknown;
}

const FILE_PATH = /^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$/;
const MAX_FILES = 50;
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export function functionId(appId: string, name: string): string {
  return `${appId}/${name}`;
}

/** Where functions, their versions and logs live in the store. */
export class FunctionRepository {
  private readonly bundles = new Map<string, { bundle: FunctionBundle; manifest: ResolvedManifest }>();

  constructor(
    private readonly store: Store,
    private readonly nodeModulesDir: string | undefined,
  ) {}

  private functions() {
    return this.store.platform().collection<FunctionRecord>('functions');
  }

  private versions() {
    return this.store.platform().collection<VersionRecord>('function_versions');
  }

  private logs(appId: string) {
    return this.store.app(appId).collection<LogRecord>('_function_logs');
  }

  /** Checks the manifest and sources, bundles them and stores a new active version. */
  async deploy(
    appId: string,
    name: string,
    input: { manifest: unknown; files: Record<string, string> },
    deployedBy: string | null,
  ): Promise<VersionRecord> {
    const checked = validateManifest(input.manifest);
    if (!checked.valid) {
      throw httpError(
        400,
        'The function manifest is not valid',
        checked.errors.map((e) => ({ pointer: `/manifest${e.pointer}`, message: e.message })),
      );
    }
    const manifest = resolveManifest(input.manifest);
    if (manifest.name !== name) {
      throw httpError(400, `The manifest names "${manifest.name}" but the URL names "${name}"`, [
        { pointer: '/manifest/name', message: `must be "${name}"` },
      ]);
    }
    const bundle = await this.bundle(manifest, input.files);
    const fnId = functionId(appId, name);
    const now = new Date().toISOString();
    const counter = await this.functions().findOneAndUpdate(
      { _id: fnId },
      { $inc: { latestVersion: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const version = Number(counter?.latestVersion ?? 1);
    const record: VersionRecord = {
      _id: `${fnId}@${version}`,
      functionId: fnId,
      appId,
      name,
      version,
      manifest,
      files: input.files,
      code: bundle.code,
      map: bundle.map,
      hash: bundle.hash,
      sizeBytes: bundle.sizeBytes,
      deployedAt: now,
      deployedBy,
    };
    await this.versions().insertOne(record);
    await this.functions().updateOne(
      { _id: fnId },
      { $set: { appId, name, activeVersion: version, manifest, updatedAt: now } },
    );
    return record;
  }

  private async bundle(manifest: ResolvedManifest, files: Record<string, string>): Promise<FunctionBundle> {
    const entries = Object.entries(files);
    if (entries.length === 0 || entries.length > MAX_FILES) {
      throw httpError(400, `A function needs 1 to ${MAX_FILES} source files`, [
        { pointer: '/files', message: 'no files' },
      ]);
    }
    let total = 0;
    for (const [file, source] of entries) {
      total += Buffer.byteLength(source);
      if (!FILE_PATH.test(file)) {
        throw httpError(400, `"${file}" is not a usable file path`, [
          {
            pointer: `/files/${file.replace(/~/g, '~0').replace(/\//g, '~1')}`,
            message: 'must be a relative path of letters, digits, "_", "-", "." and "/"',
          },
        ]);
      }
    }
    if (total > MAX_SOURCE_BYTES)
      throw httpError(413, `The sources are larger than ${MAX_SOURCE_BYTES} bytes`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-deploy-'));
    try {
      for (const [file, source] of entries) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), source);
      }
      return await bundleFunction({
        source: dir,
        ...(manifest.entry ? { entry: manifest.entry } : {}),
        dependencies: manifest.dependencies,
        ...(this.nodeModulesDir ? { nodeModulesDir: this.nodeModulesDir } : {}),
      });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      throw httpError(
        400,
        `The function does not build: ${error.errors[0] ? `${error.errors[0].file}:${error.errors[0].line}:${error.errors[0].column}: ${error.errors[0].message}` : error.message}`,
        error.errors.map((e) => ({
          pointer: `/files/${e.file.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          message: `${e.file}:${e.line}:${e.column}: ${e.message}`,
        })),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(appId: string, name: string): Promise<FunctionRecord | null> {
    return this.functions().findOne({ _id: functionId(appId, name) });
  }

  async list(appId: string): Promise<FunctionRecord[]> {
    return this.functions()
      .find({ appId }, { sort: { name: 1 } })
      .toArray();
  }

  /** Every function that has a schedule trigger, across apps. */
  async scheduled(): Promise<FunctionRecord[]> {
    return this.functions()
      .find({ 'manifest.triggers.type': 'schedule', activeVersion: { $gt: 0 } })
      .toArray();
  }

  async listVersions(appId: string, name: string) {
    return this.versions()
      .find(
        { functionId: functionId(appId, name) },
        { sort: { version: -1 }, projection: { code: 0, map: 0, files: 0 } },
      )
      .toArray();
  }

  async setActive(appId: string, name: string, version: number): Promise<void> {
    const found = await this.versions().findOne(
      { _id: `${functionId(appId, name)}@${version}` },
      { projection: { version: 1 } },
    );
    if (!found) throw httpError(404, `Function ${name} has no version ${version}`);
    const full = await this.versions().findOne({ _id: found._id });
    await this.functions().updateOne(
      { _id: functionId(appId, name) },
      { $set: { activeVersion: version, manifest: full?.manifest, updatedAt: new Date().toISOString() } },
    );
  }

  /** The sources and manifest a version was deployed from (what the console's editor opens). */
  async sourceOf(
    appId: string,
    name: string,
    version: number,
  ): Promise<{ manifest: unknown; files: Record<string, string> }> {
    const record = await this.versions().findOne(
      { _id: `${functionId(appId, name)}@${version}` },
      { projection: { manifest: 1, files: 1 } },
    );
    if (!record) throw httpError(404, `Function ${name} has no version ${version}`);
    return { manifest: record.manifest, files: record.files };
  }

  /** The bundle of a version; versions never change, so they are cached by id. */
  async bundleOf(
    appId: string,
    name: string,
    version: number,
  ): Promise<{ bundle: FunctionBundle; manifest: ResolvedManifest }> {
    const id = `${functionId(appId, name)}@${version}`;
    const cached = this.bundles.get(id);
    if (cached) return cached;
    const record = await this.versions().findOne({ _id: id });
    if (!record) throw httpError(404, `Function ${name} has no version ${version}`);
    const loaded = {
      bundle: { code: record.code, map: record.map, hash: record.hash, sizeBytes: record.sizeBytes },
      manifest: record.manifest,
    };
    this.bundles.set(id, loaded);
    if (this.bundles.size > 200) this.bundles.delete(this.bundles.keys().next().value as string);
    return loaded;
  }

  async saveLog(record: InvocationRecord): Promise<void> {
    await this.logs(record.appId).insertOne({ _id: timeOrderedId(), ...record });
  }

  /** Newest first; `before` pages back, `after` follows new entries. */
  async listLogs(
    appId: string,
    name: string,
    query: { limit: number; before?: string; after?: string },
  ): Promise<LogRecord[]> {
    const filter: Record<string, unknown> = { functionName: name };
    if (query.before) filter._id = { $lt: query.before };
    if (query.after) filter._id = { ...(filter._id as object), $gt: query.after };
    return this.logs(appId)
      .find(filter, { sort: { _id: -1 }, limit: query.limit })
      .toArray();
  }
}
