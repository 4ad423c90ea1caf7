import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useLocale, useT } from '../../app/i18n';
import {
  Button,
  CheckboxField,
  Dialog,
  EmptyState,
  ErrorState,
  LoadStatus,
  SelectField,
  TableHead,
  TextField,
  useAsync,
  useConfirmedDelete,
  useSubmit,
  useToast,
} from '../../app/ui';
import type { ContentRights } from './index';
import { messages } from './messages';
import { localInputToIso, type Model } from './model';

interface Token {
  id: string;
  name: string;
  scope: 'read' | 'full';
  prefix: string;
  expiresAt: string | null;
  createdAt: string;
}

const EVENTS = ['create', 'update', 'delete', 'publish', 'unpublish'] as const;
type WebhookEvent = (typeof EVENTS)[number];

interface Webhook {
  id: string;
  url?: string;
  function?: string;
  events: WebhookEvent[];
  models?: string[];
  active: boolean;
  createdAt: string;
}

interface Delivery {
  _id: string;
  event: WebhookEvent;
  model: string;
  entryId: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: { at: string; status: number | null; error?: string; durationMs: number }[];
  createdAt: string;
}

/** API tokens and webhooks; only owners and developers may see or change them (as the API says). */
export function Settings({
  appId,
  models,
  rights,
}: {
  appId: string;
  models: Model[];
  rights: ContentRights;
}): ReactNode {
  const t = useT(messages);
  if (!rights.design)
    return (
      <EmptyState title={t('onlyDevelopers')}>
        <Button disabled title={t('onlyDevelopers')}>
          {t('createToken')}
        </Button>
      </EmptyState>
    );
  return (
    <div className="cms-settings">
      <Tokens appId={appId} />
      <Webhooks appId={appId} models={models} />
    </div>
  );
}

function Tokens({ appId }: { appId: string }): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const toast = useToast();
  const base = path('/api/apps/:appId/cms/tokens', { appId });
  const list = useAsync((signal) => api.get<{ data: Token[] }>(base, { signal }), [base]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'full'>('read');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  const create = async () => {
    await run(async () => {
      const token = await api.post<Token & { token: string }>(base, {
        name,
        scope,
        ...(expires ? { expiresAt: localInputToIso(expires) } : {}),
      });
      setCreated(token.token);
      setName('');
      list.reload();
    });
  };

  const confirmDelete = useConfirmedDelete();
  const revoke = (token: Token) =>
    confirmDelete({
      question: t('confirmRevoke', { name: token.name }),
      url: `${base}/${token.id}`,
      done: t('revoked'),
      after: list.reload,
    });

  const tokens = list.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="cms-tokens">
      <h2 id="cms-tokens">{t('tokens')}</h2>
      <p className="field-hint">{t('tokensHint', { appId })}</p>
      <form
        className="toolbar cms-query"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void create();
        }}
      >
        <TextField
          label={t('tokenName')}
          value={name}
          required
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField
          label={t('tokenScope')}
          value={scope}
          options={[
            { value: 'read', label: t('scope.read') },
            { value: 'full', label: t('scope.full') },
          ]}
          onChange={(event) => setScope(event.target.value as 'read' | 'full')}
        />
        <TextField
          label={t('expiresAt')}
          type="datetime-local"
          value={expires}
          onChange={(event) => setExpires(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={busy} disabled={!name.trim()}>
          {t('createToken')}
        </Button>
      </form>
      {error ? <ErrorState error={error} /> : null}
      {created ? (
        <div className="cms-secret" role="status">
          <p>{t('tokenOnce')}</p>
          <code data-testid="cms-new-token">{created}</code>
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(created).then(() => toast(t('copied'), 'success'));
            }}
          >
            {t('copy')}
          </Button>
          <Button variant="ghost" onClick={() => setCreated(null)}>
            ×<span className="visually-hidden">{t('cancel')}</span>
          </Button>
        </div>
      ) : null}
      <LoadStatus state={list} empty={tokens.length === 0} emptyTitle={t('noTokens')} />
      {tokens.length > 0 ? (
        <table className="table">
          <TableHead
            columns={[t('tokenName'), t('tokenScope'), t('prefix'), t('expiresAt'), t('created')]}
            actions={t('revoke', { name: '' })}
          />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{t(`scope.${token.scope}`)}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.expiresAt ? new Date(token.expiresAt).toLocaleString(ui) : t('never')}</td>
                <td>{new Date(token.createdAt).toLocaleString(ui)}</td>
                <td className="row-actions">
                  <Button
                    variant="ghost"
                    aria-label={t('revoke', { name: token.name })}
                    onClick={() => void revoke(token)}
                  >
                    {t('revoke', { name: '' }).trim()}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Webhooks({ appId, models }: { appId: string; models: Model[] }): ReactNode {
  const t = useT(messages);
  const base = path('/api/apps/:appId/cms/webhooks', { appId });
  const list = useAsync((signal) => api.get<{ data: Webhook[] }>(base, { signal }), [base]);
  const [kind, setKind] = useState<'url' | 'function'>('url');
  const [target, setTarget] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['publish']);
  const [only, setOnly] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const [deliveriesOf, setDeliveriesOf] = useState<Webhook | null>(null);

  const create = async () => {
    await run(async () => {
      const hook = await api.post<Webhook & { secret: string }>(base, {
        ...(kind === 'url' ? { url: target } : { function: target }),
        events,
        ...(only.length > 0 ? { models: only } : {}),
      });
      setSecret(hook.secret);
      setTarget('');
      list.reload();
    });
  };

  const confirmDelete = useConfirmedDelete();
  const remove = (hook: Webhook) =>
    confirmDelete({
      question: t('confirmDeleteWebhook', { target: hook.url ?? hook.function ?? hook.id }),
      url: `${base}/${hook.id}`,
      done: t('webhookDeleted'),
      after: list.reload,
    });

  const hooks = list.data?.data ?? [];
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);
  return (
    <section className="card" aria-labelledby="cms-webhooks">
      <h2 id="cms-webhooks">{t('webhooks')}</h2>
      <form
        className="cms-webhook-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (target.trim() && events.length > 0) void create();
        }}
      >
        <div className="toolbar cms-query">
          <SelectField
            label={t('target')}
            value={kind}
            options={[
              { value: 'url', label: t('target.url') },
              { value: 'function', label: t('target.function') },
            ]}
            onChange={(event) => setKind(event.target.value as 'url' | 'function')}
          />
          <TextField
            label={kind === 'url' ? t('url') : t('functionName')}
            type={kind === 'url' ? 'url' : 'text'}
            value={target}
            required
            onChange={(event) => setTarget(event.target.value)}
          />
        </div>
        <fieldset className="cms-inline">
          <legend>{t('events')}</legend>
          {EVENTS.map((event) => (
            <CheckboxField
              key={event}
              label={t(`event.${event}`)}
              checked={events.includes(event)}
              onChange={(e) => setEvents(toggle(events, event, e.target.checked))}
            />
          ))}
        </fieldset>
        {models.length > 0 ? (
          <fieldset className="cms-inline">
            <legend>{t('onlyModels')}</legend>
            {models.map((m) => (
              <CheckboxField
                key={m.name}
                label={m.name}
                checked={only.includes(m.name)}
                onChange={(e) => setOnly(toggle(only, m.name, e.target.checked))}
              />
            ))}
          </fieldset>
        ) : null}
        <Button type="submit" variant="primary" busy={busy} disabled={!target.trim() || events.length === 0}>
          {t('addWebhook')}
        </Button>
      </form>
      {error ? <ErrorState error={error} /> : null}
      {secret ? (
        <div className="cms-secret" role="status">
          <code>{t('webhookSecret', { secret })}</code>
          <Button variant="ghost" onClick={() => setSecret(null)}>
            ×<span className="visually-hidden">{t('cancel')}</span>
          </Button>
        </div>
      ) : null}
      <LoadStatus state={list} empty={hooks.length === 0} emptyTitle={t('noWebhooks')} />
      {hooks.length > 0 ? (
        <table className="table">
          <TableHead
            columns={[t('target'), t('events'), t('models')]}
            actions={t('showDeliveries', { target: '' })}
          />
          <tbody>
            {hooks.map((hook) => {
              const name = hook.url ?? `ƒ ${hook.function}`;
              return (
                <tr key={hook.id}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td>{hook.events.map((e) => t(`event.${e}`)).join(', ')}</td>
                  <td>{hook.models?.join(', ') ?? '*'}</td>
                  <td className="row-actions">
                    <Button
                      variant="ghost"
                      aria-label={t('showDeliveries', { target: name })}
                      onClick={() => setDeliveriesOf(hook)}
                    >
                      {t('showDeliveries', { target: '' }).trim()}
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={t('deleteWebhook', { target: name })}
                      onClick={() => void remove(hook)}
                    >
                      {t('deleteWebhook', { target: '' }).trim()}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {deliveriesOf ? (
        <Deliveries
          url={`${base}/${deliveriesOf.id}/deliveries`}
          target={deliveriesOf.url ?? deliveriesOf.function ?? ''}
          onClose={() => setDeliveriesOf(null)}
        />
      ) : null}
    </section>
  );
}

function Deliveries({
  url,
  target,
  onClose,
}: {
  url: string;
  target: string;
  onClose: () => void;
}): ReactNode {
  const t = useT(messages);
  const { locale: ui } = useLocale();
  const list = useAsync((signal) => api.get<{ data: Delivery[] }>(url, { signal }), [url]);
  const items = list.data?.data ?? [];
  return (
    <Dialog title={t('deliveries', { target })} open onClose={onClose}>
      <Button onClick={list.reload}>{t('reload')}</Button>
      <LoadStatus state={list} empty={items.length === 0} emptyTitle={t('noDeliveries')} />
      {items.length > 0 ? (
        <table className="table">
          <TableHead columns={[t('at'), t('event'), t('status'), t('attempts'), t('lastResult')]} />
          <tbody>
            {items.map((d) => {
              const last = d.attempts.at(-1);
              return (
                <tr key={d._id}>
                  <td>{new Date(d.createdAt).toLocaleString(ui)}</td>
                  <td>
                    {t(`event.${d.event}`)} · {d.model}
                  </td>
                  <td>
                    <span className={`cms-status cms-delivery-${d.state}`}>{t(`state.${d.state}`)}</span>
                  </td>
                  <td>{d.attempts.length}</td>
                  <td>{last ? `${last.status ?? ''} ${last.error ?? ''} (${last.durationMs} ms)` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
