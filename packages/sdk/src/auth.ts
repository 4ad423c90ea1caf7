import { TesseraError } from './errors';
import type { Persistence } from './persistence';
import type { Transport, TransportRequest } from './transport';

/** The signed-in user as the server describes it. */
export interface User {
  uid: string;
  anonymous: boolean;
  roles: string[];
  username: string | null;
  phone: string | null;
  wechat: boolean;
}

export interface LoginState {
  user: User;
  isAnonymous: boolean;
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
}

interface SessionReply {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  user: User;
}

type Listener = (state: LoginState | null) => void;

// Refresh a little before expiry so a request never leaves with a token that dies on the way.
const refreshMarginMs = 30_000;

/** Sign-in and the login state; every other part of the SDK asks it for the access token. */
export class Auth {
  private state: LoginState | null;
  private readonly listeners = new Set<Listener>();
  private refreshing: Promise<LoginState | null> | null = null;
  private readonly key: string;

  constructor(
    private readonly transport: Transport,
    private readonly base: string,
    appId: string,
    private readonly persistence: Persistence,
    private readonly wxLogin?: () => Promise<string>,
  ) {
    this.key = `tessera.login.${appId}`;
    this.state = load(persistence.get(this.key));
  }

  signInAnonymously(): Promise<LoginState> {
    return this.signIn('/auth/anonymous', {});
  }

  /** Creates a username account; when signed in anonymously, the anonymous user becomes it (same uid). */
  signUp({ username, password }: { username: string; password: string }): Promise<LoginState> {
    return this.signIn('/auth/sign-up', { username, password }, true);
  }

  signInWithUsernameAndPassword(username: string, password: string): Promise<LoginState> {
    return this.signIn('/auth/sign-in', { username, password });
  }

  /** Sends a one-time code by SMS; resolves with how long it stays valid. */
  async sendPhoneCode(phone: string): Promise<{ expiresInSeconds: number }> {
    return (await this.call('POST', '/auth/phone/send-code', { phone }, false)) as {
      expiresInSeconds: number;
    };
  }

  signInWithPhoneCode({ phone, code }: { phone: string; code: string }): Promise<LoginState> {
    return this.signIn('/auth/phone/sign-in', { phone, code }, true);
  }

  /** Mini-program sign-in with a `wx.login()` code (fetched for you when the SDK was given `wx`). */
  async signInWithWeChat(code?: string): Promise<LoginState> {
    const loginCode = code ?? (await this.wxLogin?.());
    if (!loginCode) throw new TypeError('signInWithWeChat needs a wx.login() code');
    return this.signIn('/auth/wechat', { code: loginCode }, true);
  }

  async signOut(): Promise<void> {
    const state = this.state;
    this.setState(null);
    if (state)
      await this.call('POST', '/auth/sign-out', { refreshToken: state.refreshToken }, false).catch(() => {});
  }

  /** The login state, refreshed first when the access token is (nearly) expired; null when signed out. */
  async getLoginState(): Promise<LoginState | null> {
    if (!this.state) return null;
    if (this.state.accessTokenExpiresAt - refreshMarginMs <= Date.now()) return this.refresh();
    return this.state;
  }

  hasLoginState(): boolean {
    return this.state !== null;
  }

  get currentUser(): User | null {
    return this.state?.user ?? null;
  }

  /** Calls back now with the current state and after every change; returns an unsubscribe function. */
  onLoginStateChanged(listener: Listener): () => void {
    this.listeners.add(listener);
    queueMicrotask(() => {
      if (this.listeners.has(listener)) listener(this.state);
    });
    return () => this.listeners.delete(listener);
  }

  /** The access token to send, refreshing it when needed; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    return (await this.getLoginState())?.accessToken;
  }

  /** Exchanges the refresh token (once at a time, however many requests ask). */
  refresh(): Promise<LoginState | null> {
    if (!this.state) return Promise.resolve(null);
    if (!this.refreshing) {
      const refreshToken = this.state.refreshToken;
      this.refreshing = this.call('POST', '/auth/refresh', { refreshToken }, false)
        .then((reply) => this.accept(reply as SessionReply))
        .catch((error: unknown) => {
          // A refused refresh token means the session is over; a network error leaves it for later.
          if (error instanceof TesseraError && error.code === 401) {
            this.setState(null);
            return null;
          }
          throw error;
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private async signIn(path: string, body: object, sendToken = false): Promise<LoginState> {
    return this.accept((await this.call('POST', path, body, sendToken)) as SessionReply);
  }

  private accept(reply: SessionReply): LoginState {
    const state: LoginState = {
      user: reply.user,
      isAnonymous: reply.user.anonymous,
      accessToken: reply.accessToken,
      accessTokenExpiresAt: reply.accessTokenExpiresAt,
      refreshToken: reply.refreshToken,
    };
    this.setState(state);
    return state;
  }

  private setState(state: LoginState | null): void {
    this.state = state;
    if (state) this.persistence.set(this.key, JSON.stringify(state));
    else this.persistence.remove(this.key);
    for (const listener of this.listeners) listener(state);
  }

  private async call(
    method: TransportRequest['method'],
    path: string,
    body: object,
    sendToken: boolean,
  ): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Sign-up and phone/WeChat sign-in send the current token so an anonymous user is upgraded in place.
    const token = sendToken ? await this.accessToken().catch(() => undefined) : undefined;
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await this.transport.request({
      method,
      url: this.base + path,
      headers,
      body: JSON.stringify(body),
    });
    return unwrap(response.status, response.body);
  }
}

/** The body of a successful reply, or a TesseraError carrying the server's message. */
export function unwrap(status: number, body: unknown): unknown {
  if (status >= 200 && status < 300) return body;
  const error = (typeof body === 'object' && body !== null ? body : {}) as { message?: string; details?: [] };
  throw new TesseraError(
    status,
    error.message ?? (typeof body === 'string' && body ? body : `Request failed with status ${status}`),
    error.details ?? [],
  );
}

function load(text: string | null): LoginState | null {
  if (!text) return null;
  try {
    const state = JSON.parse(text) as LoginState;
    return typeof state.refreshToken === 'string' && state.user ? state : null;
  } catch {
    return null;
  }
}
