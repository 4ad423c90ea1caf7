import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@tessera/store';
import { describe, expect, it } from 'vitest';
import { WebhookDispatcher } from './webhooks';

describe('the webhook dispatcher when the store closes first', () => {
  // A server closes its store after the HTTP side, and the dispatcher's poller may tick in between:
  // the store then throws at once, which must be a logged problem, never an uncaught exception.
  it('logs the failed poll and keeps the process up', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-webhooks-'));
    const store = await openStore({ dataDir });
    const logged: string[] = [];
    const dispatcher = new WebhookDispatcher(
      store,
      { maxAttempts: 3, backoffMs: 10, timeoutMs: 1000, pollMs: 5 },
      (message) => logged.push(message),
    );
    try {
      await store.close();
      await expect.poll(() => logged.length, { timeout: 2000 }).toBeGreaterThan(0);
      expect(logged[0]).toMatch(/webhook retries could not be read: .*closed/);
    } finally {
      await dispatcher.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
