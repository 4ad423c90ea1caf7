import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import { type StoredFile, uploadFile } from '../../app/storage-upload';
import { Button, Dialog, EmptyState, ErrorState, Loading, TextField, useAsync, useToast } from '../../app/ui';
import { messages } from './messages';

const LIST_LIMIT = 1000;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Sub-folders (next path segment) and files directly in `folder`. */
function entriesOf(files: StoredFile[], folder: string): { folders: string[]; files: StoredFile[] } {
  const folders = new Set<string>();
  const here: StoredFile[] = [];
  for (const file of files) {
    const rest = file.path.slice(folder.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) folders.add(rest.slice(0, slash));
    else here.push(file);
  }
  return { folders: [...folders].sort(), files: here };
}

/** Browses the bucket by folder; uploads (button or drop) go into the open folder. */
export function Browser({ appId, writable }: { appId: string; writable: boolean }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const [folder, setFolder] = useState('');
  const [uploads, setUploads] = useState<{ name: string; progress: number }[]>([]);
  const [previewing, setPreviewing] = useState<{ path: string; url: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [openName, setOpenName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const base = path('/api/apps/:appId/storage', { appId });
  const list = useAsync(
    (signal) =>
      api.get<{ files: StoredFile[] }>(
        `${base}/files?prefix=${encodeURIComponent(folder)}&limit=${LIST_LIMIT}`,
        { signal },
      ),
    [base, folder],
  );

  const upload = async (files: File[]) => {
    let done = 0;
    for (const file of files) {
      setUploads((all) => [...all, { name: file.name, progress: 0 }]);
      try {
        await uploadFile(appId, folder + file.name, file, (progress) =>
          setUploads((all) => all.map((u) => (u.name === file.name ? { ...u, progress } : u))),
        );
        done++;
      } catch (error) {
        toast(t('uploadFailed', { name: file.name, message: (error as Error).message }), 'error');
      } finally {
        setUploads((all) => all.filter((u) => u.name !== file.name));
      }
    }
    if (done > 0) toast(t('uploaded', { count: done }), 'success');
    list.reload();
  };

  const tempUrl = async (file: StoredFile) =>
    (await api.post<{ url: string }>(`${base}/temp-url`, { path: file.path })).url;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!writable) return;
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void upload(files);
  };

  const entries = entriesOf(list.data?.files ?? [], folder);
  const crumbs = folder.split('/').filter(Boolean);

  return (
    <section
      className={`storage-browser${dragging ? ' dragging' : ''}`}
      aria-label={t('files')}
      onDragOver={(event) => {
        event.preventDefault();
        if (writable) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <nav className="storage-crumbs" aria-label={t('folder')}>
        <button type="button" className="link-btn" onClick={() => setFolder('')}>
          {t('root')}
        </button>
        {crumbs.map((name, index) => (
          <span key={crumbs.slice(0, index + 1).join('/')}>
            {' / '}
            <button
              type="button"
              className="link-btn"
              onClick={() => setFolder(`${crumbs.slice(0, index + 1).join('/')}/`)}
            >
              {name}
            </button>
          </span>
        ))}
      </nav>
      <div className="toolbar">
        {writable ? (
          <>
            <Button variant="primary" onClick={() => input.current?.click()}>
              {t('upload')}
            </Button>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              data-testid="storage-upload"
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                if (files.length > 0) void upload(files);
              }}
            />
          </>
        ) : null}
        <form
          className="storage-open"
          onSubmit={(event) => {
            event.preventDefault();
            const name = openName.trim().replace(/^\/+|\/+$/g, '');
            if (!name) return;
            setFolder(`${folder}${name}/`);
            setOpenName('');
          }}
        >
          <TextField
            label={t('folderName')}
            value={openName}
            onChange={(event) => setOpenName(event.target.value)}
          />
          <Button type="submit">{t('newFolder')}</Button>
        </form>
      </div>
      {writable ? <p className="storage-drop">{t('dropHere', { folder: folder || '/' })}</p> : null}
      {uploads.map((item) => (
        <div key={item.name} className="storage-upload">
          <label>
            {t('uploading', { name: item.name })}
            <progress max={1} value={item.progress} aria-label={t('uploading', { name: item.name })} />
          </label>
        </div>
      ))}
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && entries.folders.length === 0 && entries.files.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : null}
      {entries.folders.length + entries.files.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('size')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.folders.map((name) => (
              <tr key={`folder:${name}`}>
                <td colSpan={5}>
                  <button type="button" className="link-btn" onClick={() => setFolder(`${folder}${name}/`)}>
                    📁 {name}/
                  </button>
                </td>
              </tr>
            ))}
            {entries.files.map((file) => {
              const name = file.path.slice(folder.length);
              return (
                <tr key={file.path}>
                  <td>{name}</td>
                  <td>{formatSize(file.size)}</td>
                  <td>
                    <code>{file.contentType}</code>
                  </td>
                  <td>
                    <time dateTime={file.createdAt}>{new Date(file.createdAt).toLocaleString()}</time>
                  </td>
                  <td className="row-actions">
                    {file.contentType.startsWith('image/') ? (
                      <Button
                        variant="ghost"
                        onClick={async () => setPreviewing({ path: file.path, url: await tempUrl(file) })}
                      >
                        {t('preview')} <span className="visually-hidden">{name}</span>
                      </Button>
                    ) : null}
                    <Button
                      variant="ghost"
                      onClick={async () => {
                        try {
                          const url = await tempUrl(file);
                          await navigator.clipboard.writeText(url).catch(() => undefined);
                          toast(t('urlCopied'), 'success');
                        } catch (error) {
                          toast((error as Error).message, 'error');
                        }
                      }}
                    >
                      {t('copyUrl')} <span className="visually-hidden">{name}</span>
                    </Button>
                    {writable ? (
                      <Button
                        variant="ghost"
                        onClick={async () => {
                          if (!globalThis.confirm(t('confirmDelete', { path: file.path }))) return;
                          try {
                            await api.del(`${base}/files?fileID=${encodeURIComponent(file.fileID)}`);
                            toast(t('deleted', { path: file.path }), 'success');
                            list.reload();
                          } catch (error) {
                            toast((error as Error).message, 'error');
                          }
                        }}
                      >
                        {t('delete')} <span className="visually-hidden">{name}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <Dialog title={previewing?.path ?? ''} open={previewing !== null} onClose={() => setPreviewing(null)}>
        {previewing ? <img className="storage-preview" src={previewing.url} alt={previewing.path} /> : null}
      </Dialog>
    </section>
  );
}
