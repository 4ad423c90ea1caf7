import { type ReactNode, useState } from 'react';
import { useCurrentApp } from '../../app/app-context';
import { useT } from '../../app/i18n';
import type { ScreenProps } from '../../app/routes';
import { TabList } from '../../app/ui';
import { Browser } from './browser';
import { messages } from './messages';
import { StorageRules } from './rules';
import '../console.css';
import './storage.css';

/** Storage: the app's files by folder (upload, preview, temporary URLs, delete) and its rules. */
export default function StorageScreen({ params }: ScreenProps): ReactNode {
  const appId = params.appId ?? '';
  const t = useT(messages);
  const { role } = useCurrentApp();
  const [tab, setTab] = useState<'files' | 'rules'>('files');
  return (
    <div className="storage-screen">
      <h1>{t('title')}</h1>
      <TabList tabs={['files', 'rules'] as const} value={tab} onSelect={setTab} tabLabel={t} />
      {tab === 'files' ? (
        <Browser appId={appId} writable={role !== undefined && role !== 'viewer'} />
      ) : (
        <StorageRules appId={appId} writable={role === 'owner' || role === 'developer'} />
      )}
    </div>
  );
}
