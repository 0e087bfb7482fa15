import { checkUrl, describeUrl, plainHttpAllowed, redirectAsk, TransportError } from '../../../src/registry/transport.js';

const none = new Set<string>();

describe('plain HTTP', () => {
  test.each([
    ['127.0.0.1:5000', none, true],
    ['localhost', none, true],
    ['[::1]:5000', none, true],
    ['10.0.0.5:5000', none, false],
    ['registry.internal:5000', new Set(['registry.internal:5000']), true],
    ['registry.internal:5000', new Set(['registry.internal']), true],
    ['registry.internal:5001', new Set(['registry.internal:5000']), false],
  ])('%s with %p insecure: %s', (host, insecure, allowed) => {
    expect(plainHttpAllowed(host, insecure)).toBe(allowed);
  });

  test('checkUrl refuses plain HTTP to other hosts and other schemes, not retryable', () => {
    expect(() => checkUrl(new URL('https://ghcr.io/v2/'), none)).not.toThrow();
    expect(() => checkUrl(new URL('http://127.0.0.1:5000/v2/'), none)).not.toThrow();
    const refused = (() => {
      try {
        checkUrl(new URL('http://s3.example.com/blob?X-Amz-Signature=sig'), none);
      } catch (error) {
        return error as TransportError;
      }
    })();
    expect(refused).toBeInstanceOf(TransportError);
    expect(refused?.retryable).toBe(false);
    expect(refused?.message).toBe(
      'refused to send a request over plain HTTP to http://s3.example.com/blob: plain HTTP is only for loopback hosts and hosts listed as insecure',
    );
    expect(() => checkUrl(new URL('file:///etc/passwd'), none)).toThrow('is neither https nor http');
  });
});

test('describeUrl leaves out the query and any user:password', () => {
  expect(describeUrl(new URL('https://user:pw@storage.example.com/a/b?sig=secret'))).toBe('https://storage.example.com/a/b');
});

describe('redirectAsk', () => {
  const ask = {
    method: 'GET' as const,
    url: new URL('https://ghcr.io/v2/a/blobs/x'),
    headers: { authorization: 'Bearer t', accept: '*/*' },
  };

  test('the same host keeps Authorization; another host, port or scheme drops it', () => {
    expect(redirectAsk(ask, 307, '/v2/a/blobs/y').headers).toEqual(ask.headers);
    expect(redirectAsk(ask, 307, 'https://pkg-containers.githubusercontent.com/blob').headers).toEqual({ accept: '*/*' });
    expect(redirectAsk(ask, 302, 'https://ghcr.io:8443/v2/a').headers).toEqual({ accept: '*/*' });
    expect(redirectAsk({ ...ask, url: new URL('http://127.0.0.1:5000/x') }, 302, 'https://127.0.0.1:5000/x').headers).toEqual({
      accept: '*/*',
    });
  });

  test('303, and 301/302 of a POST, become GET without the body; 307 keeps both', () => {
    const post = { method: 'POST' as const, url: new URL('https://auth.example.com/token'), headers: {}, body: 'a=b' };
    expect(redirectAsk(post, 302, '/t2')).toEqual({ method: 'GET', url: new URL('https://auth.example.com/t2'), headers: {} });
    expect(redirectAsk(post, 307, '/t2')).toEqual({ ...post, url: new URL('https://auth.example.com/t2') });
    expect(redirectAsk(ask, 303, '/z').method).toBe('GET');
  });

  test('a location that is no URL is refused', () => {
    expect(() => redirectAsk(ask, 302, 'http://[bad')).toThrow('redirected to something that is not a URL');
  });
});
