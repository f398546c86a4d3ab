import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKey, Sealer } from '../../src/storage/sealer.js';

describe('sealing secrets at rest (AES-256-GCM)', () => {
  const token = 'xoxb-1234-5678-abcdefghijklmnop';

  it('opens what it sealed, and the sealed text reveals nothing of the token', () => {
    const sealer = new Sealer(randomBytes(32));
    const sealed = sealer.seal(token);
    expect(sealed).not.toContain('xoxb');
    expect(sealer.open(sealed)).toBe(token);
    // A fresh IV each time: the same token never seals to the same text.
    expect(sealer.seal(token)).not.toBe(sealed);
  });

  it('refuses a changed value or the wrong key instead of returning garbage', () => {
    const sealer = new Sealer(randomBytes(32));
    const [id, iv, tag, data] = sealer.seal(token).split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => sealer.open([id, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => new Sealer(randomBytes(32)).open(sealer.seal(token))).toThrow('its key');
  });

  it('rotates: the new key seals, the previous one still opens, and stale values are told apart', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = new Sealer(oldKey).seal(token);
    const rotated = new Sealer(newKey, [oldKey]);
    expect(rotated.open(before)).toBe(token);
    expect(rotated.isStale(before)).toBe(true);
    expect(rotated.isStale(rotated.seal(token))).toBe(false);
  });

  it('takes a key as 64 hex digits or base64 of 32 bytes, and nothing shorter', () => {
    const key = randomBytes(32);
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseKey('not a key')).toBeUndefined();
  });
});
