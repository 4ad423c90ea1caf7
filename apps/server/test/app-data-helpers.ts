import { Client, type Json, type TestServer } from './harness';

/** An app created through the builder API, with helpers for its end users. */
export async function createApp(
  server: TestServer,
  owner: Client = server.admin,
  workspaceId = server.workspaceId,
): Promise<string> {
  const created = await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Data test app' });
  if (created.status !== 201) throw new Error(`create app failed: ${created.status} ${created.text}`);
  return created.body.id as string;
}

/** An end user of an app, calling /app-api/:appId with its access token. */
export class AppUserClient extends Client {
  constructor(
    baseUrl: string,
    readonly appId: string,
    readonly session: Json | null,
  ) {
    super(baseUrl, session ? { token: session.accessToken } : {});
  }

  get uid(): string {
    return this.session?.user.uid;
  }

  db(collection: string, rest = ''): string {
    return `/app-api/${this.appId}/db/${collection}${rest}`;
  }
}

let counter = 0;

/** Signs up a fresh username account (optionally with roles set by the builder). */
export async function appUser(
  server: TestServer,
  appId: string,
  roles: string[] = [],
): Promise<AppUserClient> {
  counter += 1;
  const username = `user${process.pid}x${counter}`;
  const reply = await new Client(server.url).post(`/app-api/${appId}/auth/sign-up`, {
    username,
    password: 'password-123',
  });
  if (reply.status !== 200) throw new Error(`sign-up failed: ${reply.status} ${reply.text}`);
  if (roles.length === 0) return new AppUserClient(server.url, appId, reply.body);
  const set = await server.admin.put(`/api/apps/${appId}/auth/users/${reply.body.user.uid}/roles`, { roles });
  if (set.status !== 200) throw new Error(`roles failed: ${set.status} ${set.text}`);
  const signedIn = await new Client(server.url).post(`/app-api/${appId}/auth/sign-in`, {
    username,
    password: 'password-123',
  });
  return new AppUserClient(server.url, appId, signedIn.body);
}

export function signedOut(server: TestServer, appId: string): AppUserClient {
  return new AppUserClient(server.url, appId, null);
}
