// Old publishes give their disk space back: after each successful publish, the files of all but
// the newest `keep` succeeded publishes of the app (and the one being served) are removed. Their
// records stay in the history; a rollback to one, or a download, answers 410 "publish again".
import type { FastifyInstance } from 'fastify';
import { publishDir, removePublishDir } from './artifacts';
import { PUBLISH_SITES, PUBLISHES, type PublishRecord, type SiteRecord } from './records';

/** Removes the files of the app's older succeeded publishes; returns the ids whose files went. */
export async function pruneOldPublishes(
  app: FastifyInstance,
  appId: string,
  keep: number,
): Promise<string[]> {
  if (keep <= 0) return []; // 0: keep everything
  const platform = app.store.platform();
  const served = (await platform.collection<SiteRecord>(PUBLISH_SITES).findOne({ _id: appId }))?.publishId;
  const older = await platform
    .collection<PublishRecord>(PUBLISHES)
    .find({ appId, status: 'succeeded' }, { sort: { _id: -1 }, skip: keep })
    .toArray();
  const removed: string[] = [];
  for (const record of older) {
    if (record._id === served) continue;
    await removePublishDir(publishDir(app.serverConfig.dataDir, appId, record._id));
    removed.push(record._id);
  }
  return removed;
}
