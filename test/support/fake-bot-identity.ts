import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework puts in tokens it sends to bots. */
export const botFrameworkIssuer = 'https://api.botframework.com';

/**
 * A local stand-in for the Bot Framework's OpenID metadata: publishes one RSA signing key
 * (endorsed for Teams) and signs tokens with it the way the Bot Connector signs its requests.
 * `forge` signs with a key nobody published, as an attacker would have to.
 */
export class FakeBotIdentity {
  private readonly keyId = 'tugi-test-key';
  private readonly privateKey: KeyObject;
  private readonly jwk: JsonWebKey;
  private server: Server | undefined;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = publicKey.export({ format: 'jwk' });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/.well-known/openidconfiguration') json({ issuer: botFrameworkIssuer, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      else if (req.url === '/keys') json({ keys: [{ kty: 'RSA', use: 'sig', kid: this.keyId, n: this.jwk.n, e: this.jwk.e, endorsements: ['msteams'] }] });
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openidconfiguration`;
  }

  /** `Bearer …` for a request to the bot `appId` about activities from `serviceUrl`. */
  token(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}, key: KeyObject = this.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.keyId };
    const payload = { iss: botFrameworkIssuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signingInput = `${encode(header)}.${encode(payload)}`;
    return `Bearer ${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
  }

  forge(appId: string, serviceUrl: string): string {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.token(appId, serviceUrl, {}, createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
