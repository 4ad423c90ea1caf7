import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Collection, Document, Store } from '@tessera/store';
import { httpError } from '../../errors';
import { randomId } from '../../ids';
import type { AppUser } from './app-user';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { SmsProvider, WeChatProvider } from './providers';
import type { AuthSettings, AuthSettingsRepository } from './settings';
import { appSigningKey, hashRefreshToken, newRefreshToken, signAccessToken } from './tokens';

export interface UserRecord extends Document {
  _id: string;
  anonymous: boolean;
  roles: string[];
  username?: string;
  passwordHash?: string;
  phone?: string;
  wechatOpenid?: string;
  /** Set by a builder: no sign-in, no refresh, and access tokens stop working. */
  disabled?: boolean;
  createdAt: Date;
}

/** What the client gets back from every sign-in. */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  user: PublicUser;
}

export interface PublicUser {
  uid: string;
  anonymous: boolean;
  roles: string[];
  username: string | null;
  phone: string | null;
  wechat: boolean;
  disabled: boolean;
}

interface RefreshRecord extends Document {
  _id: string;
  uid: string;
  family: string;
  expiresAt: number;
  usedAt: number | null;
}

interface PhoneCodeRecord extends Document {
  _id: string;
  codeHash: string;
  expiresAt: number;
  attempts: number;
  sentAt: number[];
}

/** One-time phone code limits. */
export interface PhoneCodeLimits {
  /** Seconds a code stays valid. */
  codeSeconds: number;
  /** Wrong guesses allowed per code. */
  maxAttempts: number;
  /** Seconds between two codes to one phone. */
  resendSeconds: number;
  /** Codes per phone per hour. */
  perHour: number;
}

export const defaultPhoneCodeLimits: PhoneCodeLimits = {
  codeSeconds: 300,
  maxAttempts: 5,
  resendSeconds: 60,
  perHour: 5,
};

export const usernamePattern = '^[A-Za-z0-9_.-]{3,32}$';
export const phonePattern = '^\\+?[0-9]{6,15}$';

/** The sign-in flows of an app's end users; every account lives in the app's own database. */
export class AppAccounts {
  private readonly keys = new Map<string, Buffer>();
  /** Disabled uids per app, re-read at most every few seconds (checked on every token use). */
  private readonly disabledUsers = new Map<string, { readAt: number; uids: Set<string> }>();

  constructor(
    private readonly store: Store,
    private readonly settings: AuthSettingsRepository,
    private readonly tokenSecret: string,
    readonly sms: SmsProvider,
    readonly wechat: WeChatProvider,
    private readonly phoneLimits: PhoneCodeLimits = defaultPhoneCodeLimits,
  ) {}

  signingKey(appId: string): Buffer {
    let key = this.keys.get(appId);
    if (!key) {
      key = appSigningKey(this.tokenSecret, appId);
      this.keys.set(appId, key);
    }
    return key;
  }

  async signInAnonymously(appId: string): Promise<Session> {
    await this.requireMethod(appId, 'anonymous');
    const user: UserRecord = { _id: randomId(), anonymous: true, roles: [], createdAt: new Date() };
    await this.users(appId).insertOne(user);
    return this.startSession(appId, user);
  }

  /** Creates a username account; an anonymous caller keeps its uid (and its data) and becomes that account. */
  async signUp(appId: string, username: string, password: string, current: AppUser | null): Promise<Session> {
    await this.requireMethod(appId, 'password');
    const name = username.toLowerCase();
    const passwordHash = await hashPassword(password);
    const user = await this.store.app(appId).withTransaction(async (tx) => {
      const logins = tx.collection('_user_logins');
      if (await logins.findOne({ _id: `username:${name}` }))
        throw httpError(409, `The username "${name}" is taken`);
      const users = tx.collection<UserRecord>('_users');
      const existing = current?.anonymous ? await users.findOne({ _id: current.uid }) : null;
      let record: UserRecord;
      if (existing?.anonymous) {
        await users.updateOne(
          { _id: existing._id },
          { $set: { anonymous: false, username: name, passwordHash } },
        );
        record = { ...existing, anonymous: false, username: name, passwordHash };
      } else {
        record = {
          _id: randomId(),
          anonymous: false,
          roles: [],
          username: name,
          passwordHash,
          createdAt: new Date(),
        };
        await users.insertOne(record);
      }
      await logins.insertOne({ _id: `username:${name}`, uid: record._id });
      return record;
    });
    return this.startSession(appId, user);
  }

  async signInWithPassword(appId: string, username: string, password: string): Promise<Session> {
    await this.requireMethod(appId, 'password');
    const user = await this.userByLogin(appId, `username:${username.toLowerCase()}`);
    const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash);
    if (!user || !ok) throw httpError(401, 'Wrong username or password');
    return this.startSession(appId, user);
  }

  /** Sends a one-time code, at most one per `resendSeconds` and `perHour` per hour to one phone. */
  async sendPhoneCode(appId: string, phone: string): Promise<{ expiresInSeconds: number }> {
    await this.requireMethod(appId, 'phone');
    const limits = this.phoneLimits;
    const codes = this.store.app(appId).collection<PhoneCodeRecord>('_phone_codes');
    const now = Date.now();
    const previous = await codes.findOne({ _id: phone });
    const recent = (previous?.sentAt ?? []).filter((at) => now - at < 3600_000);
    const last = recent.at(-1);
    if (last !== undefined && now - last < limits.resendSeconds * 1000)
      throw httpError(
        429,
        `A code was sent less than ${limits.resendSeconds} seconds ago; wait before asking again`,
      );
    if (recent.length >= limits.perHour)
      throw httpError(429, 'Too many codes for this phone number; try again in an hour');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const record: PhoneCodeRecord = {
      _id: phone,
      codeHash: codeHash(appId, phone, code),
      expiresAt: now + limits.codeSeconds * 1000,
      attempts: 0,
      sentAt: [...recent, now],
    };
    await codes.replaceOne({ _id: phone }, record, { upsert: true });
    try {
      await this.sms.sendCode({ appId, phone, code, expiresInSeconds: limits.codeSeconds });
    } catch (error) {
      throw httpError(502, `The SMS provider could not send the code: ${(error as Error).message}`);
    }
    return { expiresInSeconds: limits.codeSeconds };
  }

  async signInWithPhoneCode(
    appId: string,
    phone: string,
    code: string,
    current: AppUser | null,
  ): Promise<Session> {
    await this.requireMethod(appId, 'phone');
    const codes = this.store.app(appId).collection<PhoneCodeRecord>('_phone_codes');
    // Counting the attempt before comparing means parallel guesses cannot exceed the limit.
    const record = await codes.findOneAndUpdate(
      { _id: phone, expiresAt: { $gt: Date.now() }, codeHash: { $exists: true } },
      { $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
    if (!record) throw httpError(401, 'No valid code for this phone number; request a new one');
    if (record.attempts > this.phoneLimits.maxAttempts)
      throw httpError(429, 'Too many wrong codes; request a new one');
    const expected = Buffer.from(record.codeHash, 'hex');
    const given = Buffer.from(codeHash(appId, phone, code), 'hex');
    if (!timingSafeEqual(expected, given)) throw httpError(401, 'Wrong code');
    await codes.updateOne({ _id: phone }, { $unset: { codeHash: '' } });
    const user = await this.findOrCreate(appId, `phone:${phone}`, { phone }, current);
    return this.startSession(appId, user);
  }

  async signInWithWeChat(appId: string, code: string, current: AppUser | null): Promise<Session> {
    await this.requireMethod(appId, 'wechat');
    let openid: string;
    try {
      ({ openid } = await this.wechat.code2session({ appId, code }));
    } catch (error) {
      throw httpError(401, `WeChat did not accept the login code: ${(error as Error).message}`);
    }
    const user = await this.findOrCreate(appId, `wechat:${openid}`, { wechatOpenid: openid }, current);
    return this.startSession(appId, user);
  }

  /** Exchanges a refresh token for a new pair; a token used twice revokes its whole family (it was stolen). */
  async refresh(appId: string, refreshToken: string): Promise<Session> {
    const tokens = this.refreshTokens(appId);
    const hash = hashRefreshToken(refreshToken);
    const now = Date.now();
    const record = await tokens.findOneAndUpdate(
      { _id: hash, usedAt: null },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    );
    if (!record) {
      const reused = await tokens.findOne({ _id: hash });
      if (reused) await tokens.deleteMany({ family: reused.family });
      throw httpError(401, 'The refresh token is not valid; sign in again');
    }
    if (record.expiresAt <= now) throw httpError(401, 'The refresh token has expired; sign in again');
    const user = await this.users(appId).findOne({ _id: record.uid });
    if (!user) throw httpError(401, 'The account no longer exists');
    return this.startSession(appId, user, record.family);
  }

  async signOut(appId: string, refreshToken: string): Promise<void> {
    const tokens = this.refreshTokens(appId);
    const record = await tokens.findOne({ _id: hashRefreshToken(refreshToken) });
    if (record) await tokens.deleteMany({ family: record.family });
  }

  async profile(appId: string, uid: string): Promise<PublicUser> {
    const user = await this.users(appId).findOne({ _id: uid });
    if (!user) throw httpError(401, 'The account no longer exists');
    return publicUser(user);
  }

  /** Users newest first; `search` matches the start of a username, phone number or uid (any case). */
  async listUsers(
    appId: string,
    skip: number,
    limit: number,
    search?: string,
  ): Promise<{ users: PublicUser[]; total: number }> {
    const text = search?.trim();
    const prefix = text ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i') : undefined;
    const filter = prefix ? { $or: [{ username: prefix }, { phone: prefix }, { _id: prefix }] } : {};
    const users = await this.users(appId)
      .find(filter, { sort: { createdAt: -1 }, skip, limit })
      .toArray();
    return { users: users.map(publicUser), total: await this.users(appId).countDocuments(filter) };
  }

  async setRoles(appId: string, uid: string, roles: string[]): Promise<PublicUser> {
    const user = await this.users(appId).findOneAndUpdate(
      { _id: uid },
      { $set: { roles } },
      { returnDocument: 'after' },
    );
    if (!user) throw httpError(404, `No user "${uid}" in this app`);
    return publicUser(user);
  }

  /** Disables (or enables) an account; disabling also ends its sessions (refresh tokens). */
  async setDisabled(appId: string, uid: string, disabled: boolean): Promise<PublicUser> {
    const user = await this.users(appId).findOneAndUpdate(
      { _id: uid },
      disabled ? { $set: { disabled: true } } : { $unset: { disabled: '' } },
      { returnDocument: 'after' },
    );
    if (!user) throw httpError(404, `No user "${uid}" in this app`);
    if (disabled) await this.refreshTokens(appId).deleteMany({ uid });
    this.disabledUsers.delete(appId);
    return publicUser(user);
  }

  /**
   * Gives a username account a new random password, returned once (only its hash is kept), and
   * ends the account's sessions. Accounts without password sign-in have nothing to reset.
   */
  async resetPassword(appId: string, uid: string): Promise<{ temporaryPassword: string; user: PublicUser }> {
    const user = await this.users(appId).findOne({ _id: uid });
    if (!user) throw httpError(404, `No user "${uid}" in this app`);
    if (!user.username)
      throw httpError(
        409,
        'This user signs in without a password (anonymous, phone or WeChat): nothing to reset',
      );
    const temporaryPassword = temporaryPasswordText();
    const passwordHash = await hashPassword(temporaryPassword);
    await this.users(appId).updateOne({ _id: uid }, { $set: { passwordHash } });
    await this.refreshTokens(appId).deleteMany({ uid });
    return { temporaryPassword, user: publicUser(user) };
  }

  /** Whether a builder disabled this account (cached for a few seconds per app). */
  async isDisabled(appId: string, uid: string): Promise<boolean> {
    let known = this.disabledUsers.get(appId);
    if (!known || Date.now() - known.readAt > disabledCacheMilliseconds) {
      const disabled = await this.users(appId)
        .find({ disabled: true }, { projection: { _id: 1 } })
        .toArray();
      known = { readAt: Date.now(), uids: new Set(disabled.map((user) => user._id)) };
      this.disabledUsers.set(appId, known);
    }
    return known.uids.has(uid);
  }

  private async findOrCreate(
    appId: string,
    login: string,
    fields: Partial<UserRecord>,
    current: AppUser | null,
  ): Promise<UserRecord> {
    return this.store.app(appId).withTransaction(async (tx) => {
      const logins = tx.collection('_user_logins');
      const users = tx.collection<UserRecord>('_users');
      const link = await logins.findOne({ _id: login });
      if (link) {
        const user = await users.findOne({ _id: link.uid as string });
        if (user) return user;
      }
      // An anonymous user signing in with a new phone or WeChat account keeps its uid.
      const anonymous = current?.anonymous ? await users.findOne({ _id: current.uid }) : null;
      let user: UserRecord;
      if (anonymous?.anonymous) {
        await users.updateOne({ _id: anonymous._id }, { $set: { ...fields, anonymous: false } });
        user = { ...anonymous, ...fields, anonymous: false };
      } else {
        user = { _id: randomId(), anonymous: false, roles: [], createdAt: new Date(), ...fields };
        await users.insertOne(user);
      }
      await logins.replaceOne({ _id: login }, { _id: login, uid: user._id }, { upsert: true });
      return user;
    });
  }

  private async startSession(appId: string, user: UserRecord, family?: string): Promise<Session> {
    if (user.disabled) throw httpError(403, "This account is disabled; ask the app's team to enable it");
    const settings = await this.settings.get(appId);
    const now = Math.floor(Date.now() / 1000);
    const exp = now + settings.accessTokenSeconds;
    const accessToken = signAccessToken(this.signingKey(appId), {
      sub: user._id,
      app: appId,
      roles: user.roles ?? [],
      anon: user.anonymous,
      iat: now,
      exp,
    });
    const refresh = newRefreshToken();
    await this.refreshTokens(appId).insertOne({
      _id: refresh.hash,
      uid: user._id,
      family: family ?? randomId(),
      expiresAt: Date.now() + settings.refreshTokenDays * 86400_000,
      usedAt: null,
    });
    return {
      accessToken,
      accessTokenExpiresAt: exp * 1000,
      refreshToken: refresh.token,
      user: publicUser(user),
    };
  }

  private async requireMethod(appId: string, method: keyof AuthSettings['methods']): Promise<void> {
    const settings = await this.settings.get(appId);
    if (!settings.methods[method])
      throw httpError(403, `Sign-in method "${method}" is turned off for this app`);
  }

  private async userByLogin(appId: string, login: string): Promise<UserRecord | null> {
    const link = await this.store.app(appId).collection('_user_logins').findOne({ _id: login });
    return link ? this.users(appId).findOne({ _id: link.uid as string }) : null;
  }

  private users(appId: string): Collection<UserRecord> {
    return this.store.app(appId).collection<UserRecord>('_users');
  }

  private refreshTokens(appId: string): Collection<RefreshRecord> {
    return this.store.app(appId).collection<RefreshRecord>('_refresh_tokens');
  }
}

const disabledCacheMilliseconds = 5000;

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 90 bits. */
function temporaryPasswordText(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let text = '';
  for (let i = 0; i < 16; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

function codeHash(appId: string, phone: string, code: string): string {
  return createHash('sha256').update(`${appId}:${phone}:${code}`).digest('hex');
}

export function publicUser(user: UserRecord): PublicUser {
  return {
    uid: user._id,
    anonymous: user.anonymous,
    roles: user.roles ?? [],
    username: user.username ?? null,
    phone: user.phone ?? null,
    wechat: user.wechatOpenid !== undefined,
    disabled: user.disabled === true,
  };
}
