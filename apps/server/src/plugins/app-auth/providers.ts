import { createHmac } from 'node:crypto';

/**
 * Sends one-time sign-in codes by SMS. Implement this for a real gateway (Tencent Cloud SMS, Aliyun...)
 * and pass it to createAppDataPlugin({ smsProvider }). Throwing makes the request fail with 502.
 */
export interface SmsProvider {
  sendCode(message: { appId: string; phone: string; code: string; expiresInSeconds: number }): Promise<void>;
}

/** The default: codes are written to the server log (and kept in memory briefly) instead of being sent. */
export class LogSmsProvider implements SmsProvider {
  /** The latest messages, newest last (at most 100), for development and tests. */
  readonly outbox: { appId: string; phone: string; code: string; sentAt: number }[] = [];

  constructor(private readonly log: (message: string) => void = () => {}) {}

  async sendCode(message: {
    appId: string;
    phone: string;
    code: string;
    expiresInSeconds: number;
  }): Promise<void> {
    this.outbox.push({ appId: message.appId, phone: message.phone, code: message.code, sentAt: Date.now() });
    if (this.outbox.length > 100) this.outbox.shift();
    this.log(
      `SMS code for ${message.phone} (app ${message.appId}): ${message.code}, valid ${message.expiresInSeconds}s`,
    );
  }

  /** The last code sent to this phone for this app. */
  lastCode(appId: string, phone: string): string | undefined {
    return this.outbox.findLast((entry) => entry.appId === appId && entry.phone === phone)?.code;
  }
}

/** What WeChat's `jscode2session` answers for a `wx.login()` code. */
export interface WeChatSession {
  openid: string;
  unionid?: string;
}

/**
 * Exchanges a mini-program `wx.login()` code for the user's openid. A real provider calls
 * `https://api.weixin.qq.com/sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code`
 * with the app's WeChat appid and secret and returns `{ openid, unionid }`; it throws on `errcode`
 * (an invalid or used code), which the route answers with 401.
 */
export interface WeChatProvider {
  code2session(request: { appId: string; code: string }): Promise<WeChatSession>;
}

/** The default for development: the openid is derived from the code, so the same code is the same user. */
export class DevWeChatProvider implements WeChatProvider {
  async code2session({ appId, code }: { appId: string; code: string }): Promise<WeChatSession> {
    const digest = createHmac('sha256', 'tessera-dev-wechat').update(`${appId}:${code}`).digest('base64url');
    return { openid: `dev_${digest.slice(0, 24)}` };
  }
}
