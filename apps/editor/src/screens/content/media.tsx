import { type DragEvent, type ReactNode, useId, useRef, useState } from 'react';
import { api, csrfToken, path } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, Dialog, EmptyState, ErrorState, Loading, TextField, useAsync, useToast } from '../../app/ui';
import type { ContentRights } from './index';
import { messages } from './messages';
import { formatSize } from './model';

export interface MediaFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  url: string;
  createdAt: string;
}

/** Content types the media library accepts; anything else is sent as application/octet-stream. */
const ACCEPTED = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'];

/** Uploads one file as the raw body, reporting progress (XMLHttpRequest can, fetch cannot). */
function uploadMedia(appId: string, file: File, onProgress: (fraction: number) => void): Promise<MediaFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(
      'POST',
      `${path('/api/apps/:appId/cms/media', { appId })}?name=${encodeURIComponent(file.name)}`,
    );
    const csrf = csrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.setRequestHeader(
      'content-type',
      ACCEPTED.includes(file.type) ? file.type : 'application/octet-stream',
    );
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: { message?: string } & Partial<MediaFile> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: the status line says enough
      }
      if (request.status >= 200 && request.status < 300) resolve(body as MediaFile);
      else reject(new Error(body.message ?? `${request.status} ${request.statusText}`));
    };
    request.onerror = () => reject(new Error('Cannot reach the Tessera server'));
    request.send(file);
  });
}

function useMediaList(appId: string, q: string, imagesOnly: boolean) {
  return useAsync(
    (signal) =>
      api.get<{ data: MediaFile[]; total: number }>(
        `${path('/api/apps/:appId/cms/media', { appId })}?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}${imagesOnly ? '&type=image/' : ''}`,
        { signal },
      ),
    [appId, q, imagesOnly],
  );
}

function Thumb({ file }: { file: MediaFile }): ReactNode {
  return file.contentType.startsWith('image/') ? (
    <img src={file.url} alt={file.name} loading="lazy" />
  ) : (
    <span className="cms-thumb-file" aria-hidden="true">
      {file.name.split('.').pop()?.toUpperCase() ?? 'FILE'}
    </span>
  );
}

/** The media library: upload (button or drop, with progress), search, previews, delete. */
export function MediaLibrary({ appId, rights }: { appId: string; rights: ContentRights }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [imagesOnly, setImagesOnly] = useState(false);
  const [uploads, setUploads] = useState<{ key: string; name: string; progress: number }[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useMediaList(appId, query, imagesOnly);

  const upload = async (files: File[]) => {
    let done = 0;
    for (const file of files) {
      const key = `${file.name}:${Math.random()}`;
      setUploads((all) => [...all, { key, name: file.name, progress: 0 }]);
      try {
        await uploadMedia(appId, file, (progress) =>
          setUploads((all) => all.map((u) => (u.key === key ? { ...u, progress } : u))),
        );
        done++;
      } catch (error) {
        toast(t('uploadFailed', { name: file.name, message: (error as Error).message }), 'error');
      } finally {
        setUploads((all) => all.filter((u) => u.key !== key));
      }
    }
    if (done > 0) toast(t('uploaded', { count: done }), 'success');
    list.reload();
  };

  const remove = async (file: MediaFile) => {
    if (!globalThis.confirm(t('confirmDeleteMedia', { name: file.name }))) return;
    try {
      await api.del(`${path('/api/apps/:appId/cms/media', { appId })}/${file.id}`);
      toast(t('mediaDeleted', { name: file.name }), 'success');
      list.reload();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  };

  const files = list.data?.data ?? [];
  return (
    <section
      className={`cms-media${dragging ? ' dragging' : ''}`}
      aria-label={t('media')}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        if (rights.editContent) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setDragging(false);
        if (!rights.editContent) return;
        const dropped = [...event.dataTransfer.files];
        if (dropped.length > 0) void upload(dropped);
      }}
    >
      <form
        className="toolbar cms-query"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(q);
        }}
      >
        <TextField
          label={t('searchMedia')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={imagesOnly}
            onChange={(event) => setImagesOnly(event.target.checked)}
          />
          {t('onlyImages')}
        </label>
        <Button type="submit">{t('search')}</Button>
        <Button
          variant="primary"
          disabled={!rights.editContent}
          title={rights.editContent ? undefined : t('readOnly')}
          onClick={() => input.current?.click()}
        >
          {t('upload')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={t('upload')}
          data-testid="cms-media-upload"
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            event.target.value = '';
            if (chosen.length > 0) void upload(chosen);
          }}
        />
      </form>
      {rights.editContent ? <p className="cms-drop-hint">{t('dropHere')}</p> : null}
      <p className="field-hint">{t('altNote')}</p>
      {uploads.map((item) => (
        <div key={item.key} className="cms-upload">
          <span>{item.name}</span>
          <progress max={1} value={item.progress} aria-label={t('uploading', { name: item.name })} />
        </div>
      ))}
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && files.length === 0 ? <EmptyState title={t('noMedia')} /> : null}
      <ul className="cms-media-grid">
        {files.map((file) => (
          <li key={file.id} className="cms-media-item">
            <a href={file.url} target="_blank" rel="noreferrer" className="cms-thumb">
              <Thumb file={file} />
            </a>
            <div className="cms-media-name" title={file.name}>
              {file.name}
            </div>
            <div className="field-hint">
              {formatSize(file.size)}
              {file.width ? ` · ${file.width}×${file.height}` : ''}
            </div>
            {rights.editContent ? (
              <Button
                variant="ghost"
                aria-label={t('deleteMedia', { name: file.name })}
                onClick={() => void remove(file)}
              >
                {t('deleteMedia', { name: '' }).trim()}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A dialog listing the media library; choosing a file returns its id. */
export function MediaPicker({
  appId,
  imagesOnly,
  onPick,
  onClose,
}: {
  appId: string;
  imagesOnly: boolean;
  onPick: (file: MediaFile) => void;
  onClose: () => void;
}): ReactNode {
  const t = useT(messages);
  const [q, setQ] = useState('');
  const list = useMediaList(appId, q, imagesOnly);
  const files = list.data?.data ?? [];
  const searchId = useId();
  return (
    <Dialog title={t('pickTitle')} open onClose={onClose}>
      <div className="field">
        <label htmlFor={searchId}>{t('searchMedia')}</label>
        <input id={searchId} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && files.length === 0 ? <EmptyState title={t('noMedia')} /> : null}
      <ul className="cms-media-grid cms-picker">
        {files.map((file) => (
          <li key={file.id}>
            <button
              type="button"
              className="cms-media-item"
              aria-label={t('pick', { name: file.name })}
              onClick={() => onPick(file)}
            >
              <span className="cms-thumb">
                <Thumb file={file} />
              </span>
              <span className="cms-media-name">{file.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** What a stored media id shows in a form: its thumbnail and name (looked up once). */
export function MediaChip({ appId, id }: { appId: string; id: string }): ReactNode {
  const known = useAsync(
    async (signal) => {
      if (!/^[0-9a-f]{24}$/.test(id)) return null;
      const all = await api.get<{ data: MediaFile[] }>(
        `${path('/api/apps/:appId/cms/media', { appId })}?limit=100`,
        {
          signal,
        },
      );
      return all.data.find((f) => f.id === id) ?? null;
    },
    [appId, id],
  );
  const file = known.data;
  return (
    <span className="cms-chip">
      {file ? (
        <span className="cms-chip-thumb">
          <Thumb file={file} />
        </span>
      ) : null}
      <span>{file?.name ?? id}</span>
    </span>
  );
}
