// The hidden marker: one per image, inert inside the HTML comment, counted only on a line of its own.
import { commentMarker, hasMarker, markerKey } from '../../../src/github/comment-marker.js';

describe('commentMarker', () => {
  test('an ordinary image reference is kept as it is', () => {
    expect(commentMarker('ghcr.io/octo-org/app:1.2.3')).toBe('<!-- image-size-gate:ghcr.io/octo-org/app:1.2.3 -->');
  });

  test('an @ (a digest reference, or a mention) never reaches the marker', () => {
    const marker = commentMarker('  my-app@sha256:abc  ');
    expect(marker).toMatch(/^<!-- image-size-gate:my-app-sha256:abc-[0-9a-f]{8} -->$/);
    expect(commentMarker('my-app@sha256:abc')).toBe(marker);
  });

  test('cannot close or break the HTML comment', () => {
    for (const name of [
      'evil --> <script>',
      'a--b',
      'line\nbreak',
      'x->y',
      '--> -->',
      '<!-- nested',
      'tab\there',
      'end-',
      'ends with -->-',
    ]) {
      const marker = commentMarker(name);
      const inner = marker.slice('<!-- '.length, -' -->'.length);
      expect(inner).not.toMatch(/--|[<>\s]/);
      expect(inner.endsWith('-')).toBe(false);
      expect(marker.match(/-->/g)).toHaveLength(1);
    }
  });

  test('names that had to change get a hash, so different names never share a marker', () => {
    const names = ['a b', 'a-b', 'a--b', 'a\nb', 'a_b', 'A-B', 'a>b'];
    const markers = names.map(commentMarker);
    expect(new Set(markers).size).toBe(names.length);
    expect(markerKey('a-b')).toBe('a-b');
    expect(markerKey('a b')).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(commentMarker('a b')).toBe(commentMarker('a b'));
  });

  test('long, empty and unprintable names', () => {
    const long = markerKey('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).not.toBe(markerKey('x'.repeat(501)));
    expect(markerKey('   ')).toBe('default');
    expect(markerKey('日本語')).toMatch(/^[0-9a-f]{8}$/);
  });

  test('the marker must stand on a line of its own to count', () => {
    const marker = commentMarker('app');
    expect(hasMarker(`${marker}\nbody`, marker)).toBe(true);
    expect(hasMarker(`body\r\n  ${marker}  \r\n`, marker)).toBe(true);
    expect(hasMarker(`> ${marker}`, marker)).toBe(false);
    expect(hasMarker(commentMarker('app2'), marker)).toBe(false);
  });
});
