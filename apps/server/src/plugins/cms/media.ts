// The media library: files on the app's cloud storage (the storage plugin's adapter), with a
// searchable record per file; images get their width and height read from the header.
import { Readable } from 'node:stream';
import type { Document, DocumentStore } from '@tessera/store';
import { imageSize } from 'image-size';
import { timeOrderedId } from '../../ids';
import type { StorageAdapter } from '../storage/adapter';

export const MEDIA = '_cms_media';

export interface MediaDoc extends Document {
  _id: string;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  key: string;
  createdAt: string;
  createdBy: string | null;
}

/** Width and height of a PNG, JPEG, GIF or WebP (or other image-size formats); null otherwise. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(bytes);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

export function mediaKey(appId: string, id: string, name: string): string {
  return `${appId}/cms-media/${id}/${name.replace(/[^A-Za-z0-9._-]/g, '_').slice(-100)}`;
}

export async function storeMedia(
  db: DocumentStore,
  adapter: StorageAdapter,
  appId: string,
  file: { name: string; contentType: string; bytes: Buffer },
  by: string | null,
): Promise<MediaDoc> {
  const id = timeOrderedId();
  const key = mediaKey(appId, id, file.name);
  const { size } = await adapter.put(key, Readable.from([file.bytes]));
  const dimensions = file.contentType.startsWith('image/') ? imageDimensions(file.bytes) : null;
  const doc: MediaDoc = {
    _id: id,
    name: file.name,
    contentType: file.contentType,
    size,
    ...(dimensions ?? {}),
    key,
    createdAt: new Date().toISOString(),
    createdBy: by,
  };
  await db.collection<MediaDoc>(MEDIA).insertOne(doc);
  return doc;
}

export function describeMedia(doc: MediaDoc, appId: string) {
  const { key: _key, ...rest } = doc;
  return { ...rest, id: doc._id, url: `/app-api/${appId}/cms-media/${doc._id}` };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function listMedia(
  db: DocumentStore,
  query: { q?: string; type?: string; limit: number; skip: number },
): Promise<{ data: MediaDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (query.q) filter.name = { $regex: escapeRegex(query.q), $options: 'i' };
  if (query.type) filter.contentType = { $regex: `^${escapeRegex(query.type)}` };
  const collection = db.collection<MediaDoc>(MEDIA);
  const [data, total] = await Promise.all([
    collection.find(filter, { sort: { _id: -1 }, skip: query.skip, limit: query.limit }).toArray(),
    collection.countDocuments(filter),
  ]);
  return { data, total };
}
