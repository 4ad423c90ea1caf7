// Webhook deliveries: HMAC-SHA256 signed POSTs to a URL, or a run of a cloud function; retried with
// exponential backoff, every attempt logged. The next attempt of each delivery is a row in the
// platform store; a process claims it by moving its time past a lease, so a restarted (or another)
// server process makes pending attempts, including one whose process stopped half-way.
import { createHmac, randomBytes } from 'node:crypto';
import type { Document, Store } from '@tessera/store';
import { timeOrderedId } from '../../ids';

export const WEBHOOKS = '_cms_webhooks';
export const DELIVERIES = '_cms_deliveries';
/** Platform collection: the next attempt of every pending delivery, across apps. */
export const RETRIES = 'cms_webhook_retries';
export const webhookEvents = ['create', 'update', 'delete', 'publish', 'unpublish'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface WebhookDoc extends Document {
  _id: string;
  /** Where deliveries go: an HTTP URL … */
  url?: string;
  /** … or a cloud function of the app, run with the payload as its event. */
  function?: string;
  events: WebhookEvent[];
  models?: string[];
  secret: string;
  active: boolean;
  createdAt: string;
}

export interface Attempt {
  at: string;
  /** HTTP status of the receiver; null when it could not be reached or the target is a function. */
  status: number | null;
  error?: string;
  /** The function invocation (function targets), to find its log. */
  requestId?: string;
  durationMs: number;
}

export interface DeliveryDoc extends Document {
  _id: string;
  webhookId: string;
  event: WebhookEvent;
  model: string;
  entryId: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: Attempt[];
  /** The JSON body, kept so retries (in this process or after a restart) send the same bytes. */
  payload: string;
  createdAt: string;
}

interface RetryDoc extends Document {
  _id: string;
  appId: string;
  /** Number of the attempt to make (1 = first try). */
  attempt: number;
  /** ISO time from which it is due. */
  at: string;
}

export interface WebhookSettings {
  /** Attempts in all (first try + retries). */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. */
  backoffMs: number;
  timeoutMs: number;
  /** How often the store is checked for due retries (those of earlier or other processes). */
  pollMs?: number;
  /**
   * How long a claimed attempt is held: if its process stops before recording it, another makes it
   * after this. Default: the longest attempt (a function may run 60 s) plus 30 s.
   */
  leaseMs?: number;
}

/** Runs a function of the app for a webhook; resolves with the outcome (never throws for a failed run). */
export type RunFunction = (
  appId: string,
  name: string,
  payload: unknown,
) => Promise<{ ok: boolean; error?: string; requestId?: string }>;

/** What CMS events also do besides webhooks: fire the `cms` triggers of the app's functions. */
export type OnCmsEvent = (appId: string, event: WebhookEvent, model: string, entry: unknown) => void;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}

/** `sha256=<hex>` of `<timestamp>.<body>`: receivers recompute it with the webhook's secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly settings: WebhookSettings,
    private readonly log: (message: string) => void,
    private readonly hooks: { runFunction?: RunFunction; onEvent?: OnCmsEvent } = {},
  ) {
    this.leaseMs = settings.leaseMs ?? Math.max(settings.timeoutMs, 60_000) + 30_000;
    this.poller = setInterval(() => this.pollDue(), settings.pollMs ?? 1000);
    this.poller.unref();
  }

  /** Picks up due retries left by a stopped process; call once the store is ready. */
  start(): void {
    this.pollDue();
  }

  /** Queues one delivery per matching webhook and fires function triggers; delivery happens in the background. */
  async emit(
    appId: string,
    event: WebhookEvent,
    model: string,
    entry: Record<string, unknown>,
  ): Promise<void> {
    this.hooks.onEvent?.(appId, event, model, entry);
    const db = this.store.app(appId);
    const hooks = await db.collection<WebhookDoc>(WEBHOOKS).find({ active: true, events: event }).toArray();
    for (const hook of hooks) {
      if (hook.models && hook.models.length > 0 && !hook.models.includes(model)) continue;
      const id = timeOrderedId();
      const createdAt = new Date().toISOString();
      const payload = JSON.stringify({ id, event, appId, model, entry, at: createdAt });
      const delivery: DeliveryDoc = {
        _id: id,
        webhookId: hook._id,
        event,
        model,
        entryId: String(entry._id),
        state: 'pending',
        attempts: [],
        payload,
        createdAt,
      };
      await db.collection<DeliveryDoc>(DELIVERIES).insertOne(delivery);
      await this.retries().insertOne({ _id: id, appId, attempt: 1, at: createdAt });
      this.claim(id, createdAt);
    }
  }

  private retries() {
    return this.store.platform().collection<RetryDoc>(RETRIES);
  }

  /**
   * Takes the retry row by moving its time to the end of a lease (only one process's update
   * matches `at`) and makes that attempt; if this process stops before it is recorded, the row
   * falls due again when the lease ends and another process makes it.
   */
  private claim(deliveryId: string, at: string): void {
    if (this.closed) return;
    const work = (async () => {
      const row = await this.retries().findOne({ _id: deliveryId, at });
      if (!row) return;
      const lease = new Date(Date.now() + this.leaseMs).toISOString();
      const { modifiedCount } = await this.retries().updateOne(
        { _id: deliveryId, at },
        { $set: { at: lease } },
      );
      if (modifiedCount !== 1) return;
      await this.attempt(row.appId, deliveryId, row.attempt);
    })().catch((error) =>
      this.log(`webhook delivery ${deliveryId}: attempt failed to run: ${(error as Error).message}`),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private pollDue(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    // An async function, so that a store closing under a timer (it throws at once) is a logged rejection, not a crash.
    (async () => {
      const due = await this.retries()
        .find({ at: { $lte: new Date().toISOString() } }, { sort: { at: 1 }, limit: 100 })
        .toArray();
      for (const row of due) this.claim(row._id, row.at);
    })()
      .catch((error) => this.log(`webhook retries could not be read: ${(error as Error).message}`))
      .finally(() => {
        this.polling = false;
      });
  }

  private async attempt(appId: string, deliveryId: string, n: number): Promise<void> {
    const db = this.store.app(appId);
    const delivery = await db.collection<DeliveryDoc>(DELIVERIES).findOne({ _id: deliveryId });
    if (delivery?.state !== 'pending') {
      await this.retries().deleteOne({ _id: deliveryId });
      return;
    }
    const hook = await db.collection<WebhookDoc>(WEBHOOKS).findOne({ _id: delivery.webhookId });
    const started = Date.now();
    const outcome: { status: number | null; error?: string; requestId?: string } = hook
      ? await this.send(appId, hook, deliveryId, delivery.payload)
      : { status: null, error: 'the webhook was removed' };
    const ok = outcome.error === undefined;
    const last = n >= this.settings.maxAttempts || !hook;
    const attempt: Attempt = {
      at: new Date(started).toISOString(),
      status: outcome.status,
      durationMs: Date.now() - started,
    };
    if (outcome.error !== undefined) attempt.error = outcome.error;
    if (outcome.requestId) attempt.requestId = outcome.requestId;
    if (!ok && !last) {
      // Stored before the log line: a process stopped in between retries rather than losing the delivery.
      const at = new Date(Date.now() + this.settings.backoffMs * 2 ** (n - 1)).toISOString();
      await this.retries().updateOne({ _id: deliveryId }, { $set: { attempt: n + 1, at } });
      this.later(deliveryId, at);
    }
    await db
      .collection<DeliveryDoc>(DELIVERIES)
      .updateOne(
        { _id: deliveryId },
        { $push: { attempts: attempt }, $set: { state: ok ? 'delivered' : last ? 'failed' : 'pending' } },
      );
    if (ok || last) await this.retries().deleteOne({ _id: deliveryId });
  }

  private later(deliveryId: string, at: string): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.claim(deliveryId, at);
      },
      Math.max(0, Date.parse(at) - Date.now()),
    );
    this.timers.add(timer);
  }

  private async send(
    appId: string,
    hook: WebhookDoc,
    deliveryId: string,
    body: string,
  ): Promise<{ status: number | null; error?: string; requestId?: string }> {
    if (hook.function) {
      if (!this.hooks.runFunction) return { status: null, error: 'cloud functions are not available' };
      try {
        const result = await this.hooks.runFunction(appId, hook.function, JSON.parse(body));
        return {
          status: null,
          ...(result.ok ? {} : { error: result.error ?? 'the function failed' }),
          ...(result.requestId ? { requestId: result.requestId } : {}),
        };
      } catch (caught) {
        return { status: null, error: (caught as Error).message };
      }
    }
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(hook.url as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tessera-Webhooks/1',
          'x-tessera-delivery': deliveryId,
          'x-tessera-timestamp': timestamp,
          'x-tessera-signature': signPayload(hook.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.body?.cancel();
      const status = response.status;
      return status >= 200 && status < 300 ? { status } : { status, error: `answered ${status}` };
    } catch (caught) {
      return { status: null, error: (caught as Error).message };
    }
  }

  /** Stops timers and waits for attempts under way; pending retries stay in the store for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
