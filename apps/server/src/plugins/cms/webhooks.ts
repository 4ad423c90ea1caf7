// Webhook deliveries: HMAC-SHA256 signed POSTs, retried with exponential backoff, every attempt logged.
import { createHmac, randomBytes } from 'node:crypto';
import type { Document, Store } from '@tessera/store';
import { timeOrderedId } from '../../ids';

export const WEBHOOKS = '_cms_webhooks';
export const DELIVERIES = '_cms_deliveries';
export const webhookEvents = ['create', 'update', 'delete', 'publish', 'unpublish'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface WebhookDoc extends Document {
  _id: string;
  url: string;
  events: WebhookEvent[];
  models?: string[];
  secret: string;
  active: boolean;
  createdAt: string;
}

export interface Attempt {
  at: string;
  status: number | null;
  error?: string;
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
  createdAt: string;
}

export interface WebhookSettings {
  /** Attempts in all (first try + retries). */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. */
  backoffMs: number;
  timeoutMs: number;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}

/** `sha256=<hex>` of `<timestamp>.<body>`: receivers recompute it with the webhook's secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly settings: WebhookSettings,
    private readonly log: (message: string) => void,
  ) {}

  /** Queues one delivery per matching webhook; returns at once (delivery happens in the background). */
  async emit(
    appId: string,
    event: WebhookEvent,
    model: string,
    entry: Record<string, unknown>,
  ): Promise<void> {
    const db = this.store.app(appId);
    const hooks = await db.collection<WebhookDoc>(WEBHOOKS).find({ active: true, events: event }).toArray();
    for (const hook of hooks) {
      if (hook.models && hook.models.length > 0 && !hook.models.includes(model)) continue;
      const delivery: DeliveryDoc = {
        _id: timeOrderedId(),
        webhookId: hook._id,
        event,
        model,
        entryId: String(entry._id),
        state: 'pending',
        attempts: [],
        createdAt: new Date().toISOString(),
      };
      await db.collection<DeliveryDoc>(DELIVERIES).insertOne(delivery);
      const body = JSON.stringify({ id: delivery._id, event, appId, model, entry, at: delivery.createdAt });
      void this.attempt(appId, hook, delivery._id, body, 1);
    }
  }

  private async attempt(appId: string, hook: WebhookDoc, deliveryId: string, body: string, n: number) {
    if (this.closed) return;
    const started = Date.now();
    const timestamp = String(Math.floor(started / 1000));
    let status: number | null = null;
    let error: string | undefined;
    try {
      const response = await fetch(hook.url, {
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
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (caught) {
      error = (caught as Error).message;
    }
    if (this.closed) return;
    const ok = error === undefined;
    const last = n >= this.settings.maxAttempts;
    const attempt: Attempt = {
      at: new Date(started).toISOString(),
      status,
      durationMs: Date.now() - started,
    };
    if (error) attempt.error = error;
    try {
      await this.store
        .app(appId)
        .collection<DeliveryDoc>(DELIVERIES)
        .updateOne(
          { _id: deliveryId },
          { $push: { attempts: attempt }, $set: { state: ok ? 'delivered' : last ? 'failed' : 'pending' } },
        );
    } catch (caught) {
      this.log(`webhook delivery ${deliveryId}: could not log the attempt: ${(caught as Error).message}`);
      return;
    }
    if (ok || last) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(appId, hook, deliveryId, body, n + 1);
      },
      this.settings.backoffMs * 2 ** (n - 1),
    );
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
