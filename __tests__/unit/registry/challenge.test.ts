import { challengeScopes, parseWwwAuthenticate, pickChallenge, withoutScope } from '../../../src/registry/challenge.js';

describe('parseWwwAuthenticate', () => {
  test("Docker Hub's Bearer challenge", () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' },
      },
    ]);
  });

  test('Basic, and an error parameter; names are lower-cased, values kept', () => {
    expect(parseWwwAuthenticate(['Basic realm="Registry Realm"', 'BEARER Realm="x",Error="insufficient_scope"'])).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'x', error: 'insufficient_scope' } },
    ]);
  });

  test('two challenges in one value, unquoted values, spaces around "=" and escapes in quotes', () => {
    expect(parseWwwAuthenticate('Basic realm=r1, Bearer realm = "a\\"b" , service=svc')).toEqual([
      { scheme: 'basic', params: { realm: 'r1' } },
      { scheme: 'bearer', params: { realm: 'a"b', service: 'svc' } },
    ]);
  });

  test('a token68 credential is not a parameter, and garbage gives no challenge rather than an error', () => {
    expect(parseWwwAuthenticate('Negotiate abc==, Basic realm="r"')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
    expect(parseWwwAuthenticate('=,="')).toEqual([]);
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
  });

  test('a scope with spaces in quotes stays one value', () => {
    expect(parseWwwAuthenticate('Bearer realm="r",scope="repository:a:pull repository:b:pull"')[0].params.scope).toBe(
      'repository:a:pull repository:b:pull',
    );
  });

  test('an unterminated quote and a huge header end the parse quietly', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://x')).toEqual([{ scheme: 'bearer', params: { realm: 'https://x' } }]);
    expect(parseWwwAuthenticate(`Bearer realm="${'x'.repeat(100_000)}"`)[0].params.realm.length).toBeLessThan(8192);
  });
});

test('pickChallenge prefers Bearer with a realm, then Basic', () => {
  const basic = { scheme: 'basic', params: {} };
  const bearer = { scheme: 'bearer', params: { realm: 'r' } };
  expect(pickChallenge([basic, bearer])).toBe(bearer);
  expect(pickChallenge([basic, { scheme: 'bearer', params: {} }])).toBe(basic);
  expect(pickChallenge([{ scheme: 'negotiate', params: {} }])).toBeUndefined();
});

test("scopes: the request's own and the challenge's, once each; a kept challenge loses its scope", () => {
  const challenge = { scheme: 'bearer', params: { realm: 'r', scope: 'repository:a:pull repository:b:pull' } };
  expect(challengeScopes(challenge, 'repository:a:pull')).toEqual(['repository:a:pull', 'repository:b:pull']);
  expect(challengeScopes(withoutScope(challenge), 'repository:c:pull')).toEqual(['repository:c:pull']);
  expect(withoutScope(challenge).params).toEqual({ realm: 'r' });
});
