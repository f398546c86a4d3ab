import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A 256-bit key, given as 64 hex digits or 44 base64 characters (`openssl rand -base64 32`). */
export function parseKey(text: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return key.length === 32 && (/^[0-9a-f]{64}$/i.test(text) || key.toString('base64') === text) ? key : undefined;
}

/** Names a key without revealing it, so a sealed value says which key opens it. */
const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/**
 * AES-256-GCM for secrets at rest (bot tokens). A sealed value is `<key id>:<iv>:<tag>:<ciphertext>`;
 * the tag makes any change to it (or the wrong key) fail to open rather than give garbage. Rotation:
 * the new key seals, the previous one still opens, and `reseal` moves values to the new key.
 */
export class Sealer {
  private readonly keys: Map<string, Buffer>;
  private readonly current: { id: string; key: Buffer };

  constructor(key: Buffer, previous: Buffer[] = []) {
    this.current = { id: keyId(key), key };
    this.keys = new Map([key, ...previous].map((k) => [keyId(k), k]));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [id, iv, tag, data] = sealed.split(':');
    const key = id ? this.keys.get(id) : undefined;
    if (!key || !iv || !tag || data === undefined) throw new Error(`cannot open a sealed value: its key (${id ?? '?'}) is not TUGI_ENCRYPTION_KEY or TUGI_ENCRYPTION_KEY_PREVIOUS`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** True when the value is sealed with an older key and should be sealed again. */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`${this.current.id}:`);
  }
}
