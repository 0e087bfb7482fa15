import { describeStatus, RegistryError, registryErrorOf, Secrets } from '../../../src/registry/errors.js';

describe('registryErrorOf', () => {
  test("a registry's errors list: the first code and message", () => {
    const body = Buffer.from(
      JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }, { code: 'X' }] }),
    );
    expect(registryErrorOf(body)).toEqual({ code: 'DENIED', message: 'requested access to the resource is denied' });
  });

  test("a token service's OAuth2 error", () => {
    expect(registryErrorOf(Buffer.from('{"error":"invalid_grant","details":"refresh token expired"}'))).toEqual({
      code: 'invalid_grant',
      message: 'refresh token expired',
    });
  });

  test('plain text is quoted, an HTML page is not, and nothing is quoted whole or raw', () => {
    expect(registryErrorOf(Buffer.from('upstream timed out\n'))).toEqual({ message: 'upstream timed out' });
    expect(registryErrorOf(Buffer.from('<!DOCTYPE html><html>…'))).toEqual({});
    const hostile = registryErrorOf(
      Buffer.from(JSON.stringify({ errors: [{ code: 'X\u001b[2J', message: `::error::${'m'.repeat(500)}\r\n` }] })),
    );
    expect(hostile.code).toBe('X\\x1b[2J');
    expect(hostile.message?.startsWith('::error::mmm')).toBe(true);
    expect(hostile.message?.length).toBeLessThanOrEqual(201);
    expect(hostile.message).not.toMatch(/[\r\n]/);
  });

  test('secrets are blanked before the message is cut, so no part of one survives', () => {
    const secrets = new Secrets();
    const token = `eyJ${'t'.repeat(400)}`;
    secrets.add(token);
    const body = Buffer.from(JSON.stringify({ errors: [{ code: 'X', message: `bad token ${token}` }] }));
    expect(registryErrorOf(body, (text) => secrets.blank(text)).message).toBe('bad token ***');
  });
});

test('describeStatus', () => {
  expect(describeStatus(404, 'Not Found', { code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' })).toBe(
    '404 Not Found: MANIFEST_UNKNOWN manifest unknown',
  );
  expect(describeStatus(502, '', {})).toBe('502');
});

test('Secrets blanks every occurrence, but not secrets too short to blank without garbling', () => {
  const secrets = new Secrets();
  secrets.add('hunter22');
  secrets.add('abc');
  secrets.add(undefined);
  expect(secrets.blank('hunter22 and hunter22, abc')).toBe('*** and ***, abc');
});

test('a RegistryError names the registry, the repository and what was asked', () => {
  const error = new RegistryError({ registry: 'ghcr.io', repository: 'o/a' }, { kind: 'blob', digest: 'sha256:00' }, 'gone', {
    status: 404,
    code: 'BLOB_UNKNOWN',
  });
  expect(error.message).toBe('registry ghcr.io, repository o/a: blob sha256:00: gone');
  expect([error.status, error.code, error.name]).toEqual([404, 'BLOB_UNKNOWN', 'RegistryError']);
});
