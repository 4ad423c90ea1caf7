import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Store } from '@tessera/store';
import { httpError } from '../../errors';

interface SecretsRecord {
  _id: string;
  /** NAME → base64(iv | tag | ciphertext), AES-256-GCM. */
  values: Record<string, string>;
  [key: string]: unknown;
}

const NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** Per-app function secrets, encrypted at rest with a key derived from the server's own secret. */
export class FunctionSecrets {
  private readonly key: Buffer;

  constructor(
    private readonly store: Store,
    serverSecret: string,
  ) {
    this.key = createHash('sha256').update(`tessera function secrets\0${serverSecret}`).digest();
  }

  private collection() {
    return this.store.platform().collection<SecretsRecord>('function_secrets');
  }

  /** Sets (string) or deletes (null) secrets; answers the names now set. Values are never read back out. */
  async update(appId: string, changes: Record<string, string | null>): Promise<string[]> {
    const set: Record<string, string> = {};
    const unset: Record<string, ''> = {};
    for (const [name, value] of Object.entries(changes)) {
      if (!NAME.test(name))
        throw httpError(400, `Secret names are UPPER_SNAKE_CASE; "${name}" is not`, [
          { pointer: `/${name}`, message: 'bad name' },
        ]);
      if (value === null) unset[`values.${name}`] = '';
      else set[`values.${name}`] = this.encrypt(value);
    }
    await this.collection().updateOne(
      { _id: appId },
      {
        ...(Object.keys(set).length ? { $set: set } : {}),
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      },
      { upsert: true },
    );
    return this.names(appId);
  }

  async names(appId: string): Promise<string[]> {
    const record = await this.collection().findOne({ _id: appId });
    return Object.keys(record?.values ?? {}).sort();
  }

  /** The values of `names` that are set (for a function's env). */
  async values(appId: string, names: readonly string[]): Promise<Record<string, string>> {
    if (names.length === 0) return {};
    const record = await this.collection().findOne({ _id: appId });
    const out: Record<string, string> = {};
    for (const name of names) {
      const sealed = record?.values?.[name];
      if (sealed) out[name] = this.decrypt(sealed);
    }
    return out;
  }

  private encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  private decrypt(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
