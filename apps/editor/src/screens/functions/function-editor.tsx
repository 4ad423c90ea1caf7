import { type ReactNode, useCallback, useId, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import { CodeEditor } from '../../app/monaco';
import { useLeaveGuard } from '../../app/router';
import {
  Button,
  ErrorState,
  Loading,
  TabList,
  TextAreaField,
  TextField,
  useAsync,
  useToast,
} from '../../app/ui';
import { FUNCTION_DECLARATIONS, STARTER_SOURCE } from './declarations';
import { useDeclareFunction } from './declare';
import { Logs } from './logs';
import { FormError, formOf, type Manifest, type ManifestForm, manifestOf } from './manifest-form';
import { messages } from './messages';
import { TestRun } from './test-run';
import { type VersionSummary, Versions } from './versions';

type Tab = 'code' | 'settings' | 'test' | 'logs' | 'versions';
const TABS: Tab[] = ['code', 'settings', 'test', 'logs', 'versions'];

interface Detail {
  name: string;
  activeVersion: number;
  manifest: Manifest;
  versions: VersionSummary[];
}

interface Loaded {
  detail: Detail | null;
  files: Record<string, string>;
}

/** One function: its files in monaco, its settings, and deploy; test, logs and versions tabs. */
export function FunctionEditor({
  appId,
  name,
  deployed,
  writable,
  onDeployed,
}: {
  appId: string;
  name: string;
  deployed: boolean;
  writable: boolean;
  onDeployed: () => void;
}): ReactNode {
  const base = path('/api/apps/:appId/functions/:name', { appId, name });
  const loaded = useAsync<Loaded>(
    async (signal) => {
      if (!deployed) return { detail: null, files: { 'index.ts': STARTER_SOURCE } };
      const detail = await api.get<Detail>(base, { signal });
      const source = await api.get<{ files: Record<string, string> }>(
        `${base}/versions/${detail.activeVersion}/source`,
        { signal },
      );
      return { detail, files: source.files };
    },
    [base, deployed],
  );
  const [tab, setTab] = useState<Tab>('code');
  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return null;
  return (
    <Workbench
      key={loaded.data.detail?.activeVersion ?? 0}
      name={name}
      base={base}
      loaded={loaded.data}
      writable={writable}
      tab={tab}
      setTab={setTab}
      onDeployed={() => {
        loaded.reload();
        onDeployed();
      }}
    />
  );
}

function Workbench({
  name,
  base,
  loaded,
  writable,
  tab,
  setTab,
  onDeployed,
}: {
  name: string;
  base: string;
  loaded: Loaded;
  writable: boolean;
  tab: Tab;
  setTab: (tab: Tab) => void;
  onDeployed: () => void;
}): ReactNode {
  const tr = useT(messages);
  const toast = useToast();
  const declareInApp = useDeclareFunction();
  const [files, setFiles] = useState(loaded.files);
  const [currentFile, setCurrentFile] = useState(Object.keys(loaded.files).sort()[0] ?? 'index.ts');
  const [form, setForm] = useState<ManifestForm>(() => formOf(loaded.detail?.manifest ?? { name }));
  const [dirty, setDirty] = useState(!loaded.detail);
  const [deploying, setDeploying] = useState(false);
  const [deployError, setDeployError] = useState<unknown>();
  const [formError, setFormError] = useState<FormError>();
  const [newFile, setNewFile] = useState('');
  const tabsId = useId();

  useLeaveGuard(useCallback(() => (dirty ? tr('leave') : undefined), [dirty, tr]));

  const deploy = async () => {
    let manifest: Manifest;
    try {
      manifest = manifestOf(name, form, loaded.detail?.manifest);
    } catch (error) {
      if (error instanceof FormError) {
        setFormError(error);
        setTab('settings');
        return;
      }
      throw error;
    }
    setFormError(undefined);
    setDeploying(true);
    setDeployError(undefined);
    try {
      const result = await api.put<{ version: number }>(base, { manifest, files });
      toast(tr('deployed', { version: result.version }), 'success');
      setDirty(false);
      await declareInApp(name, manifest.description).catch((error: unknown) =>
        toast(tr('notDeclared', { message: (error as Error).message }), 'error'),
      );
      onDeployed();
    } catch (error) {
      setDeployError(error);
      if (error instanceof ApiError && error.details.some((d) => d.pointer.startsWith('/manifest')))
        setTab('settings');
    } finally {
      setDeploying(false);
    }
  };

  const edit = (change: () => void) => {
    change();
    setDirty(true);
  };
  const fieldError = (field: keyof ManifestForm) =>
    formError?.field === field
      ? formError.line
        ? tr('badLine', { line: formError.line, message: formError.message })
        : formError.message
      : undefined;

  return (
    <div className="fn-workbench">
      <header className="toolbar fn-header">
        <h2>{name}</h2>
        <span className="fn-status" role="status">
          {dirty
            ? tr('unsaved')
            : loaded.detail
              ? tr('active', { version: loaded.detail.activeVersion })
              : ''}
        </span>
        <Button
          variant="primary"
          busy={deploying}
          disabled={!writable}
          title={writable ? undefined : tr('readOnly')}
          onClick={() => void deploy()}
        >
          {tr('deploy')}
        </Button>
      </header>
      {deployError ? (
        <div className="fn-deploy-error">
          <ErrorState error={deployError} />
          {deployError instanceof ApiError
            ? deployError.details
                .filter((d) => d.pointer.startsWith('/files/'))
                .map((d) => {
                  const file = decodeURIComponent(d.pointer.slice('/files/'.length))
                    .replace(/~1/g, '/')
                    .replace(/~0/g, '~');
                  return (
                    <Button
                      key={d.message}
                      variant="ghost"
                      onClick={() => {
                        setCurrentFile(file);
                        setTab('code');
                      }}
                    >
                      {d.message}
                    </Button>
                  );
                })
            : null}
        </div>
      ) : null}
      <TabList tabs={TABS} value={tab} onSelect={setTab} tabLabel={tr} id={tabsId} />
      {tab === 'code' ? (
        <div className="fn-code">
          <nav className="fn-files" aria-label={tr('files')}>
            <ul>
              {Object.keys(files)
                .sort()
                .map((file) => (
                  <li key={file}>
                    <button
                      type="button"
                      aria-current={file === currentFile ? 'true' : undefined}
                      onClick={() => setCurrentFile(file)}
                    >
                      {file}
                    </button>
                    {Object.keys(files).length > 1 && writable ? (
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={tr('removeFile', { file })}
                        onClick={() =>
                          edit(() => {
                            const { [file]: _removed, ...rest } = files;
                            setFiles(rest);
                            if (file === currentFile) setCurrentFile(Object.keys(rest)[0] ?? 'index.ts');
                          })
                        }
                      >
                        ×
                      </button>
                    ) : null}
                  </li>
                ))}
            </ul>
            {writable ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  const file = newFile.trim();
                  if (!/^[\w./-]+\.(ts|js|json)$/.test(file) || files[file] !== undefined) return;
                  edit(() => setFiles({ ...files, [file]: '' }));
                  setCurrentFile(file);
                  setNewFile('');
                }}
              >
                <TextField
                  label={tr('fileName')}
                  value={newFile}
                  onChange={(event) => setNewFile(event.target.value)}
                />
                <Button type="submit">{tr('addFile')}</Button>
              </form>
            ) : null}
          </nav>
          <div className="fn-editor">
            <CodeEditor
              key={currentFile}
              label={tr('editorLabel', { file: currentFile })}
              fileName={`functions/${name}/${currentFile}`}
              language={currentFile.endsWith('.js') ? 'javascript' : 'typescript'}
              declarations={FUNCTION_DECLARATIONS}
              value={files[currentFile] ?? ''}
              onChange={(value) => {
                if (!writable) return;
                edit(() => setFiles((all) => ({ ...all, [currentFile]: value })));
              }}
              height={420}
            />
          </div>
        </div>
      ) : null}
      {tab === 'settings' ? (
        <form className="card fn-settings" onSubmit={(event) => event.preventDefault()}>
          <p className="field-hint">{tr('settingsHint')}</p>
          <TextField
            label={tr('description')}
            value={form.description}
            readOnly={!writable}
            onChange={(event) => edit(() => setForm({ ...form, description: event.target.value }))}
          />
          <div className="fn-row">
            <TextField
              label={tr('timeout')}
              type="number"
              min={10}
              max={60000}
              value={form.timeoutMs}
              readOnly={!writable}
              onChange={(event) => edit(() => setForm({ ...form, timeoutMs: event.target.value }))}
            />
            <TextField
              label={tr('memory')}
              type="number"
              min={8}
              max={256}
              value={form.memoryMb}
              readOnly={!writable}
              onChange={(event) => edit(() => setForm({ ...form, memoryMb: event.target.value }))}
            />
          </div>
          {(
            [
              ['triggers', 'triggers', tr('triggersHint')],
              ['schedules', 'schedule', undefined],
              ['allowedHosts', 'allowedHosts', undefined],
              ['env', 'envVars', undefined],
              ['secrets', 'secretNames', undefined],
            ] as const
          ).map(([field, label, hint]) => (
            <TextAreaField
              key={field}
              label={tr(label)}
              hint={hint}
              error={fieldError(field)}
              className="code-area"
              rows={Math.min(8, Math.max(3, form[field].split('\n').length + 1))}
              spellCheck={false}
              value={form[field]}
              readOnly={!writable}
              onChange={(event) => {
                const value = event.target.value;
                edit(() => setForm({ ...form, [field]: value }));
              }}
            />
          ))}
        </form>
      ) : null}
      {tab === 'test' ? <TestRun base={base} deployed={loaded.detail !== null} /> : null}
      {tab === 'logs' ? <Logs base={base} /> : null}
      {tab === 'versions' ? (
        <Versions
          base={base}
          versions={loaded.detail?.versions ?? []}
          active={loaded.detail?.activeVersion ?? 0}
          writable={writable}
          onChanged={onDeployed}
        />
      ) : null}
    </div>
  );
}
