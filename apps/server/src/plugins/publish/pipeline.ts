import { mkdir, writeFile } from 'node:fs/promises';
import type { CompileError, CompileResult } from '@tessera/compiler';
import { catalogue } from '@tessera/components';
import { type ComponentCatalogue, migrateApp, validateApp } from '@tessera/schema';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record';
import { publishDir, removePublishDir, totalBytes, webDir, writeFiles, zipFiles, zipPath } from './artifacts';
import { compileInThread } from './build-thread';
import { locatePointer } from './pointers';
import type { PublishJobs } from './progress';
import {
  PUBLISH_SITES,
  PUBLISHES,
  type PublishError,
  type PublishProblem,
  type PublishRecord,
  type PublishResult,
  type PublishStep,
  type PublishTarget,
  publishView,
  type SiteRecord,
  STEP_NAMES,
  type StepName,
} from './records';
import { pruneOldPublishes } from './retention';

/** The URL path a web build is served under (its assets, routes and links live there). */
export const siteBase = (appId: string) => `/sites/${appId}/`;

/** The steps a publish of these targets goes through; the others are 'skipped' from the start. */
export function plannedSteps(targets: readonly PublishTarget[]): PublishStep[] {
  const wanted: Record<StepName, boolean> = {
    validate: true,
    'compile-web': targets.includes('web'),
    'compile-mp': targets.includes('mp'),
    'compile-app': targets.includes('app'),
    package: targets.includes('mp') || targets.includes('app'),
    activate: targets.includes('web'),
  };
  return STEP_NAMES.map((name) => ({
    name,
    status: wanted[name] ? 'pending' : 'skipped',
    progress: 0,
    ms: null,
  }));
}

/** A schema problem found before building: shown like the compiler's (pointers per issue). */
const schemaProblems = (issues: PublishProblem[]) =>
  Object.assign(new Error('the app cannot be compiled'), { name: 'CompileError', issues });

function isCompileError(error: unknown): error is CompileError {
  return (
    error instanceof Error && error.name === 'CompileError' && Array.isArray((error as CompileError).issues)
  );
}

/** A publish that cannot go on, with what to show the builder. */
class PublishFailure extends Error {
  constructor(
    message: string,
    readonly details: PublishProblem[],
  ) {
    super(message);
  }
}

export interface PublishRun {
  request: FastifyRequest;
  record: PublishRecord;
  /** The draft's AppSchema (as stored). */
  schema: unknown;
  /** Origin of this server as the builder reached it (the hosted URL starts with it). */
  origin: string;
  jobs: PublishJobs;
}

/**
 * Builds one publish step by step: validate, compile each target, package the zips, activate
 * the web build. Every change is written to the store and sent to the progress listeners.
 * Never throws: a failure ends as status 'failed' with the error (and its JSON pointers).
 */
export async function runPublish({ request, record, schema, origin, jobs }: PublishRun): Promise<void> {
  const app = request.server;
  const publishes = app.store.platform().collection<PublishRecord>(PUBLISHES);
  const dir = publishDir(app.serverConfig.dataDir, record.appId, record._id);
  let activated = false;
  let current: StepName | null = null;

  const save = async (changes: Partial<PublishRecord>, done = false) => {
    Object.assign(record, changes, { updatedAt: new Date().toISOString() });
    await publishes.updateOne(
      { _id: record._id },
      { $set: { ...changes, steps: record.steps, updatedAt: record.updatedAt } },
    );
    jobs.emit(publishView(record, activated ? record._id : null), done);
  };

  const stepOf = (name: StepName) => record.steps.find((s) => s.name === name) as PublishStep;
  const run = async <T>(name: StepName, work: (progress: (p: number) => Promise<void>) => Promise<T>) => {
    const step = stepOf(name);
    if (step.status === 'skipped') return undefined;
    current = name;
    const started = performance.now();
    step.status = 'running';
    await save({});
    const value = await work(async (progress) => {
      step.progress = Math.min(1, Math.max(0, progress));
      await save({});
    });
    step.status = 'succeeded';
    step.progress = 1;
    step.ms = Math.round(performance.now() - started);
    current = null;
    await save({});
    return value;
  };

  const targets = record.targets;
  const warnings: string[] = [];
  const outputs: Partial<Record<PublishTarget, CompileResult>> = {};
  const result: PublishResult = {
    webUrl: null,
    downloads: { mp: null, app: null },
    sizes: { zips: {} },
    warnings,
  };
  let migrated: unknown = schema;

  try {
    await run('validate', async () => {
      migrated = migrateApp(schema).app;
      const validation = validateApp(migrated, { catalogue: catalogue as unknown as ComponentCatalogue });
      if (!validation.valid) throw schemaProblems(validation.errors);
    });
    const build = async (target: PublishTarget) =>
      run(`compile-${target}`, async () => {
        // In the build thread: the server keeps answering while the app compiles.
        const output = await compileInThread(migrated, {
          target,
          mode: 'production',
          // The hosted web app calls the server that serves it; the others need its address.
          serverUrl: target === 'web' ? '/' : record.serverUrl,
          ...(target === 'web' ? { basePath: siteBase(record.appId) } : {}),
        });
        outputs[target] = output;
        warnings.push(...output.warnings.map((w) => `${target}: ${w}`));
        const size = { files: Object.keys(output.files).length, bytes: totalBytes(output.files) };
        if (target === 'mp') {
          result.sizes.mp = { ...size, packages: output.sizes };
          const over = output.sizes.filter((s) => s.over);
          if (over.length > 0)
            throw new PublishFailure(
              `The mini-program is too large: ${over.map((s) => `${s.name} is ${kb(s.bytes)}, over the ${kb(s.budget)} budget`).join('; ')}. Move pages into subpackages or shrink code blocks and images.`,
              over.map((s) => ({
                pointer: '',
                message: `package ${s.name}: ${s.bytes} bytes > ${s.budget}`,
              })),
            );
        } else {
          result.sizes[target] = size;
        }
        if (target === 'web') await writeFiles(webDir(dir), output.files);
      });
    for (const target of targets) await build(target);

    await run('package', async (progress) => {
      const zips = (['mp', 'app'] as const).filter((t) => outputs[t]);
      for (const [index, target] of zips.entries()) {
        const bytes = await zipFiles((outputs[target] as CompileResult).files);
        // A publish without the web target has written nothing yet: its folder starts here.
        await mkdir(dir, { recursive: true });
        await writeFile(zipPath(dir, target), bytes);
        result.sizes.zips[target] = bytes.byteLength;
        result.downloads[target] = `/api/apps/${record.appId}/publishes/${record._id}/${target}.zip`;
        if (index < zips.length - 1) await progress((index + 1) / zips.length);
      }
    });

    if (targets.includes('web')) result.webUrl = `${origin}${siteBase(record.appId)}`;
    await run('activate', async () => {
      const site: SiteRecord = {
        _id: record.appId,
        publishId: record._id,
        workspaceId: record.workspaceId,
        activatedAt: new Date().toISOString(),
        activatedBy: record.createdBy,
      };
      await app.store
        .platform()
        .collection<SiteRecord>(PUBLISH_SITES)
        .replaceOne({ _id: record.appId }, site, { upsert: true });
      activated = true;
    });

    await save({ status: 'succeeded', result, finishedAt: new Date().toISOString() }, true);
    // Disk space of older publishes; never a reason to fail this one.
    await pruneOldPublishes(app, record.appId, app.serverConfig.publishKeep).catch((error: unknown) =>
      request.log.warn({ err: error, appId: record.appId }, 'removing the files of old publishes failed'),
    );
    await recordAudit(request, {
      workspaceId: record.workspaceId,
      action: 'app.publish.succeed',
      target: { type: 'publish', id: record._id },
      summary: `Published version ${record.appVersion} to ${targets.join(', ')}${activated ? ' (now served on the web)' : ''}`,
      data: { appId: record.appId, publishId: record._id, appVersion: record.appVersion, targets },
    });
  } catch (thrown) {
    const error = describeFailure(thrown, current, migrated);
    if (!isCompileError(thrown) && !(thrown instanceof PublishFailure))
      request.log.error({ err: thrown, publishId: record._id }, 'publish failed unexpectedly');
    if (current) {
      const step = stepOf(current);
      step.status = 'failed';
    }
    await removePublishDir(dir).catch(() => undefined);
    await save({ status: 'failed', error, result: null, finishedAt: new Date().toISOString() }, true);
    await recordAudit(request, {
      workspaceId: record.workspaceId,
      action: 'app.publish.fail',
      target: { type: 'publish', id: record._id },
      summary: `Publishing version ${record.appVersion} to ${targets.join(', ')} failed: ${error.message.slice(0, 200)}`,
      data: { appId: record.appId, publishId: record._id, appVersion: record.appVersion, step: error.step },
    });
  }
}

function describeFailure(thrown: unknown, step: StepName | null, schema: unknown): PublishError {
  if (isCompileError(thrown)) {
    const details = thrown.issues.map((issue) => ({
      pointer: issue.pointer,
      message: issue.message,
      ...locatePointer(schema, issue.pointer),
    }));
    const first = details[0];
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    return {
      message: `The app cannot be built: ${first ? `${first.pointer || '/'}: ${first.message}` : 'unknown problem'}${more}`,
      step,
      details,
    };
  }
  if (thrown instanceof PublishFailure) return { message: thrown.message, step, details: thrown.details };
  return {
    message: `The build stopped with an internal error in step ${step ?? 'setup'}: ${(thrown as Error)?.message ?? String(thrown)}`,
    step,
    details: [],
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
