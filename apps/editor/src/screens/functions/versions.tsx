import type { ReactNode } from 'react';
import { api } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, EmptyState, TableHead, useToast } from '../../app/ui';
import { messages } from './messages';

export interface VersionSummary {
  version: number;
  hash: string;
  sizeBytes: number;
  deployedAt: string;
  deployedBy: string | null;
}

/** Deployed versions, the active one marked; any other can be made active again. */
export function Versions({
  base,
  versions,
  active,
  writable,
  onChanged,
}: {
  base: string;
  versions: VersionSummary[];
  active: number;
  writable: boolean;
  onChanged: () => void;
}): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  if (versions.length === 0) return <EmptyState title={t('notDeployed')} />;
  return (
    <table className="table">
      <TableHead columns={[t('version'), t('deployedAt'), t('size')]} actions={t('rollback')} />
      <tbody>
        {versions.map((version) => (
          <tr key={version.version}>
            <td>
              v{version.version}{' '}
              {version.version === active ? <strong>({t('active', { version: '' }).trim()})</strong> : null}
            </td>
            <td>
              <time dateTime={version.deployedAt}>{new Date(version.deployedAt).toLocaleString()}</time>
            </td>
            <td>{(version.sizeBytes / 1024).toFixed(1)} KiB</td>
            <td>
              {version.version !== active && writable ? (
                <Button
                  onClick={async () => {
                    try {
                      await api.post(`${base}/rollback`, { version: version.version });
                      toast(t('rolledBack', { version: version.version }), 'success');
                      onChanged();
                    } catch (error) {
                      toast((error as Error).message, 'error');
                    }
                  }}
                >
                  {t('rollback')} v{version.version}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
