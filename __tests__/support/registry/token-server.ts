// A token service for the registry's token authentication, in the test process on 127.0.0.1: it issues RS256
// JWTs the way Docker Hub's and ghcr.io's do (GET with Basic credentials, or anonymous; the OAuth2 POST form with
// a refresh token), signed by a key whose certificate (made by openssl) the registry trusts. Every request is
// kept, so a test can check what a client sent and how often.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, createSign, randomUUID, createHash, KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const TOKEN_SERVICE = 'isg-test-registry';
export const TOKEN_ISSUER = 'isg-test-issuer';

export interface TokenRequest {
  method: string;
  authorization?: string;
  scopes: string[];
  service?: string;
  grantType?: string;
  /** The whole request line and body, to look for secrets that should not be there. */
  raw: string;
}

export interface TokenServer {
  realm: string;
  certificatePem: string;
  requests: TokenRequest[];
  /** A token for the given access, signed as the service signs them (for the test's own uploads). */
  mint(access: { type: string; name: string; actions: string[] }[]): string;
  close(): Promise<void>;
}

/** A self-signed certificate and its key, made by openssl. */
function makeKeyPair(): { key: KeyObject; certificatePem: string } {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'isg-token-key-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=isg-token-issuer',
        '-keyout',
        path.join(directory, 'key.pem'),
        '-out',
        path.join(directory, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: createPrivateKey(readFileSync(path.join(directory, 'key.pem'))),
      certificatePem: readFileSync(path.join(directory, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** libtrust's key ID, which distribution 2.8 looks a JWT's `kid` up by: base32 of the first 240 bits of SHA-256 of the DER public key, in groups of four. */
function libtrustKeyId(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const bits = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let binary = '';
  for (const byte of bits) binary += byte.toString(2).padStart(8, '0');
  const encoded = (binary.match(/.{5}/g) ?? []).map((group) => alphabet[parseInt(group, 2)]).join('');
  return (encoded.match(/.{4}/g) ?? []).join(':');
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function signJwt(key: KeyObject, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: libtrustKeyId(key) }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${base64url(signature)}`;
}

function accessFor(scopes: string[]): { type: string; name: string; actions: string[] }[] {
  return scopes.flatMap((scope) => {
    const match = /^(repository):([^:]+):(.+)$/.exec(scope);
    return match ? [{ type: match[1], name: match[2], actions: match[3].split(',').filter((action) => action === 'pull') }] : [];
  });
}

/**
 * Starts the service. `users` may fetch tokens for any repository; anonymous requests get a token with no access
 * (the registry then refuses it, as Docker Hub refuses an anonymous pull of a private image); wrong credentials
 * get 401. `refreshTokens` are accepted by the OAuth2 form.
 */
export async function startTokenServer(options: { users: Record<string, string>; refreshTokens?: string[] }): Promise<TokenServer> {
  const { key, certificatePem } = makeKeyPair();
  const requests: TokenRequest[] = [];
  const mint = (access: { type: string; name: string; actions: string[] }[]) => {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(key, {
      iss: TOKEN_ISSUER,
      sub: 'tester',
      aud: TOKEN_SERVICE,
      exp: now + 600,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    });
  };
  const refuse = (response: http.ServerResponse) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] }));
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://token.local');
      const form = new URLSearchParams(body);
      const params = request.method === 'POST' ? form : url.searchParams;
      const entry: TokenRequest = {
        method: request.method ?? '',
        authorization: request.headers.authorization,
        scopes: params.getAll('scope'),
        service: params.get('service') ?? undefined,
        grantType: form.get('grant_type') ?? undefined,
        raw: `${request.method} ${request.url} ${body}`,
      };
      requests.push(entry);
      if (request.method === 'POST') {
        if (entry.grantType !== 'refresh_token' || !options.refreshTokens?.includes(form.get('refresh_token') ?? ''))
          return refuse(response);
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ access_token: mint(accessFor(entry.scopes)), expires_in: 300 }));
      }
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
      let access: ReturnType<typeof accessFor> = [];
      if (basic) {
        const [user, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
        if (options.users[user] === undefined || options.users[user] !== rest.join(':')) return refuse(response);
        access = accessFor(entry.scopes);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: mint(access), expires_in: 300, issued_at: new Date().toISOString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certificatePem,
    requests,
    mint,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
