import type { Client, Json } from './harness';

/** Reads a publish's SSE stream to its end: every `data:` event, parsed, in arrival order. */
export async function readPublishEvents(client: Client, appId: string, publishId: string): Promise<Json[]> {
  const headers: Record<string, string> = {};
  if (client.auth.token) headers.authorization = `Bearer ${client.auth.token}`;
  const response = await fetch(`${client.baseUrl}/api/apps/${appId}/publishes/${publishId}/events`, {
    headers,
  });
  if (response.status !== 200) throw new Error(`events: ${response.status} ${await response.text()}`);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
    throw new Error(`events: content-type ${response.headers.get('content-type')}`);
  const events: Json[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) events.push(JSON.parse(data));
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}

/** Polls a publish until it is no longer running. */
export async function waitForPublish(client: Client, appId: string, publishId: string): Promise<Json> {
  const deadline = Date.now() + 110_000;
  for (;;) {
    const reply = await client.get(`/api/apps/${appId}/publishes/${publishId}`);
    if (reply.status !== 200) throw new Error(`publish status: ${reply.status} ${reply.text}`);
    if (reply.body.publish.status !== 'running') return reply.body.publish;
    if (Date.now() > deadline) throw new Error(`publish ${publishId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a publish and waits for its end. */
export async function publishAndWait(
  client: Client,
  appId: string,
  targets: string[],
  note?: string,
): Promise<Json> {
  const started = await client.post(`/api/apps/${appId}/publish`, { targets, ...(note ? { note } : {}) });
  if (started.status !== 202) throw new Error(`publish: ${started.status} ${started.text}`);
  return waitForPublish(client, appId, started.body.publish.id);
}
