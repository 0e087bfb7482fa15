import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseHelperAnswer } from '../../../src/registry/credential-helper.js';
import { DigestCheck, digestOf } from '../../../src/registry/digest.js';
import { parseTokenAnswer } from '../../../src/registry/token.js';

describe('parseTokenAnswer', () => {
  test('token or access_token, and its life (60 s when it names none)', () => {
    expect(parseTokenAnswer(Buffer.from('{"token":"abc","expires_in":300}'))).toEqual({ value: 'abc', expiresInSeconds: 300 });
    expect(parseTokenAnswer(Buffer.from('{"access_token":"xyz"}'))).toEqual({ value: 'xyz', expiresInSeconds: 60 });
    expect(parseTokenAnswer(Buffer.from('{"token":"","access_token":"b","expires_in":-5}'))).toEqual({ value: 'b', expiresInSeconds: 60 });
  });

  test('no token, a token that could break a header, and no JSON are refused without quoting the answer', () => {
    expect(() => parseTokenAnswer(Buffer.from('{"tokn":"secret-value"}'))).toThrow('answered without a "token" or "access_token"');
    expect(() => parseTokenAnswer(Buffer.from('{"token":"a\\r\\nX-Injected: 1"}'))).toThrow('white space or control characters');
    expect(() => parseTokenAnswer(Buffer.from('secret-value'))).toThrow(/^the token service answered something that is not JSON$/);
  });
});

describe('parseHelperAnswer', () => {
  test('a user and password; <token> is an identity token; an empty secret is none', () => {
    expect(parseHelperAnswer('{"ServerURL":"ghcr.io","Username":"me","Secret":"pw"}', 'h')).toEqual({
      kind: 'password',
      username: 'me',
      password: 'pw',
    });
    expect(parseHelperAnswer('{"Username":"<token>","Secret":"refresh"}', 'h')).toEqual({
      kind: 'identity-token',
      identityToken: 'refresh',
    });
    expect(parseHelperAnswer('{"Username":"me","Secret":""}', 'h')).toBeUndefined();
  });

  test('malformed answers are refused without quoting them', () => {
    expect(() => parseHelperAnswer('pw-in-clear', 'docker-credential-x')).toThrow(
      /^docker-credential-x answered something that is not JSON$/,
    );
    expect(() => parseHelperAnswer('{"Username":"me","Secret":5}', 'docker-credential-x')).toThrow(
      'without the strings "Username" and "Secret"',
    );
  });
});

describe('DigestCheck', () => {
  const bytes = Buffer.from('layer bytes '.repeat(1000));
  const digest = digestOf(bytes);
  const run = (chunks: Buffer[], expectedDigest: string, sizeBytes?: number) => {
    const received: Buffer[] = [];
    const check = new DigestCheck(expectedDigest, sizeBytes);
    check.on('data', (chunk: Buffer) => received.push(chunk));
    return pipeline(Readable.from(chunks), check).then(() => Buffer.concat(received));
  };

  test('passes the bytes through when their digest and length are right', async () => {
    expect((await run([bytes.subarray(0, 5000), bytes.subarray(5000)], digest, bytes.length)).equals(bytes)).toBe(true);
    expect(digestOf(Buffer.from('x'), `sha512:${'0'.repeat(128)}`)).toMatch(/^sha512:[0-9a-f]{128}$/);
  });

  test('fails at the end on another digest, or a short count; at once on too many bytes', async () => {
    await expect(run([bytes], digestOf(Buffer.from('other')))).rejects.toThrow(`the bytes the registry sent have the digest ${digest}`);
    await expect(run([bytes.subarray(0, 100)], digest, bytes.length)).rejects.toThrow(
      `the registry sent 100 bytes where the manifest lists ${bytes.length}`,
    );
    await expect(run([bytes, bytes], digest, bytes.length)).rejects.toThrow(
      `the registry sent more than the ${bytes.length} bytes the manifest lists`,
    );
  });
});
