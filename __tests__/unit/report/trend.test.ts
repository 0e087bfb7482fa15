// The size history in a report: sparkline, trend line, Mermaid chart and its table, and the table of files
// that changed, with hostile commits and paths rendered inert.
import { marked } from 'marked';
import { FileChange } from '../../../src/history/file-changes.js';
import { fileChangesLines, sparkline, trendLines } from '../../../src/report/trend.js';
import { TrendPoint } from '../../../src/history/types.js';

const sha = (digit: string) => digit.repeat(40);

describe('sparkline', () => {
  test('one block per value, smallest ▁ to largest █', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([4_460_000, 4_470_000, 4_500_000, 4_460_000])).toBe('▁▃█▁');
  });
  test('a flat series is all ▄; no values, no line', () => {
    expect(sparkline([7, 7, 7])).toBe('▄▄▄');
    expect(sparkline([5])).toBe('▄');
    expect(sparkline([])).toBe('');
  });
});

const POINTS: TrendPoint[] = [
  { commit: sha('1'), commitTime: '2024-05-01T10:00:00Z', sizeBytes: 4_460_000 },
  { commit: sha('2'), commitTime: '2024-05-02T10:00:00Z', sizeBytes: 4_470_000 },
  { commit: sha('3'), commitTime: '2024-05-03T10:00:00Z', sizeBytes: 4_480_000 },
  { commit: sha('4'), commitTime: '2024-05-04T10:00:00Z', sizeBytes: 4_500_000 },
];

describe('trendLines', () => {
  test('the recorded commits: a sparkline with the first and last sizes, then a collapsed chart and table', () => {
    expect(trendLines(POINTS).join('\n')).toBe(
      [
        '**Trend** (last 4 recorded commits): ▁▃▅█ 4.46 MB → 4.50 MB',
        '',
        '<details>',
        '<summary>Size over the last 4 recorded commits</summary>',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "Image size by commit"',
        '  x-axis ["1111111", "2222222", "3333333", "4444444"]',
        '  y-axis "Size (MB)" 4.437 --> 4.523',
        '  line [4.460, 4.470, 4.480, 4.500]',
        '```',
        '',
        '| Commit | Committed | Size | Change |',
        '| --- | --- | ---: | ---: |',
        '| `1111111` | 2024-05-01 | 4.46 MB | — |',
        '| `2222222` | 2024-05-02 | 4.47 MB | +10.0 kB |',
        '| `3333333` | 2024-05-03 | 4.48 MB | +10.0 kB |',
        '| `4444444` | 2024-05-04 | 4.50 MB | +20.0 kB |',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  test('with the pull request’s point: marked in the line, last on the chart, in bold in the table', () => {
    const lines = trendLines(POINTS.slice(0, 2), { label: 'This PR', sizeBytes: 7_500_000 });
    expect(lines[0]).toBe('**Trend** (last 2 recorded commits, then This PR): ▁▁ **█** 4.46 MB → 4.47 MB → **7.50 MB** (This PR)');
    expect(lines).toContain('  x-axis ["1111111", "2222222", "This PR"]');
    expect(lines).toContain('  y-axis "Size (MB)" 4.15 --> 7.81');
    expect(lines).toContain('  line [4.46, 4.47, 7.50]');
    expect(lines).toContain('| **This PR** | | **7.50 MB** | +3.03 MB |');
    // One recorded commit and the pull request make a trend; one point alone does not.
    expect(trendLines(POINTS.slice(0, 1), { label: 'PR', sizeBytes: 1 })[0]).toMatch(/^\*\*Trend\*\* \(last 1 recorded commit, then PR\)/);
    expect(trendLines(POINTS.slice(0, 1))).toEqual([]);
    expect(trendLines([], { label: 'PR', sizeBytes: 1 })).toEqual([]);
  });

  test('a flat series gets an axis around it', () => {
    const flat = POINTS.map((point) => ({ ...point, sizeBytes: 4_000_000 }));
    const lines = trendLines(flat);
    expect(lines[0]).toBe('**Trend** (last 4 recorded commits): ▄▄▄▄ 4.00 MB → 4.00 MB');
    expect(lines).toContain('  y-axis "Size (MB)" 3.980 --> 4.020');
  });

  test('commits that are not hex are dropped, a hostile label cannot leave its string, and nothing else of a point is shown raw', () => {
    const hostile: TrendPoint[] = [
      { commit: '"]\n```\n<img src=x>', commitTime: '2024-05-01T10:00:00Z', sizeBytes: 1 },
      { commit: 'ABCDEF1', commitTime: '2024-05-01T10:00:00Z', sizeBytes: 1 },
      { commit: sha('5'), commitTime: '<script>alert(1)</script>', sizeBytes: 2_000_000 },
      { commit: sha('6'), commitTime: '2024-05-06T10:00:00Z', sizeBytes: Number.NaN },
      { commit: 'abcdef0', commitTime: '2024-05-07T10:00:00Z', sizeBytes: 3_000_000 },
    ];
    const lines = trendLines(hostile, { label: '"] \n```<b>@team|', sizeBytes: 2_500_000 });
    const text = lines.join('\n');
    const label = '"&#93;  &#96;&#96;&#96;&#60;b&#62;&#64;team&#124;';
    expect(lines[0]).toBe(`**Trend** (last 2 recorded commits, then ${label}): ▁█ **▅** 2.00 MB → 3.00 MB → **2.50 MB** (${label})`);
    expect(lines).toContain('  x-axis ["5555555", "abcdef0", "bteam"]');
    expect(text).not.toMatch(/<img|<script|<b>|ABCDEF1/);
    expect(text.match(/```/g)).toHaveLength(2);
    expect(lines).toContain('| `5555555` |  | 2.00 MB | — |');
  });
});

describe('fileChangesLines', () => {
  test('one row per change: appeared, grew with a bounded base, shrank, vanished; directories end in /', () => {
    const changes: FileChange[] = [
      { kind: 'file', path: '/data/extra.bin', headBytes: 3_000_000, changeBytes: 3_000_000 },
      { kind: 'file', path: '/usr/lib/libbig.so', headBytes: 3_000_000, baseAtMostBytes: 12_300, changeBytes: 2_987_700 },
      { kind: 'directory', path: '/usr/share', baseBytes: 9_000_000, headBytes: 8_000_000, changeBytes: -1_000_000 },
      { kind: 'file', path: '/opt/tool', baseBytes: 7_000_000, headAtMostBytes: 400_000, changeBytes: -6_600_000 },
      { kind: 'file', path: '/srv/cache', baseBytes: 2_000_000, changeBytes: -2_000_000 },
    ];
    expect(fileChangesLines(changes)).toEqual([
      '| | Path | Base | This PR | Change |',
      '| --- | --- | ---: | ---: | ---: |',
      '| 🆕 | /data/extra.bin | — | 3.00 MB | +3.00 MB |',
      '| 📈 | /usr/lib/libbig.so | ≤ 12.3 kB | 3.00 MB | +2.99 MB or more |',
      '| 📉 | /usr/share/ | 9.00 MB | 8.00 MB | -1.00 MB |',
      '| 📉 | /opt/tool | 7.00 MB | ≤ 400 kB | -6.60 MB or more |',
      '| 🗑️ | /srv/cache | 2.00 MB | — | -2.00 MB |',
    ]);
    expect(fileChangesLines([])).toEqual([]);
  });

  test('hostile paths render inert: no HTML, no code, no emphasis, no mention, no link, no broken cell, no control character', async () => {
    const paths = [
      '/app/<img src=x onerror=alert(1)>.png',
      '/app/a|b|c',
      '/app/`rm -rf`/**bold**/_it_/~~s~~',
      '/app/@octocat',
      '/app/x https://evil.example/y www.evil.example',
      '/app/[link](javascript:alert(1))',
      '/app/line\nbreak\r\u0000\u001b[31m',
      '/app/\u202egnp.exe',
      '/app/back\\slash\\|',
      '/app/&lt;entity&gt;',
    ];
    const rows = fileChangesLines(paths.map((path) => ({ kind: 'file', path, headBytes: 1, changeBytes: 1 })));
    expect(rows).toHaveLength(paths.length + 2);
    for (const row of rows) expect(row).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    const html = await marked.parse(rows.join('\n'), { gfm: true });
    expect(html).not.toMatch(/<img|<a |<code|<strong|<em|<del|<script/);
    // Every row keeps its five cells.
    for (const row of html.split('<tr>').slice(2)) expect(row.match(/<td/g)).toHaveLength(5);
    expect(html).toContain('/app/\\u202egnp.exe');
    expect(html).toContain('/app/&lt;img src=x onerror=alert(1)&gt;.png');
    expect(rows[4]).toBe('| 🆕 | /app/&#96;rm -rf&#96;/&#42;&#42;bold&#42;&#42;/&#95;it&#95;/&#126;&#126;s&#126;&#126; | — | 1 B | +1 B |');
  });

  test('a very long path is cut', () => {
    const [, , row] = fileChangesLines([{ kind: 'directory', path: '/' + 'd'.repeat(1000), headBytes: 1, changeBytes: 1 }]);
    expect(row.length).toBeLessThan(250);
    expect(row).toContain('…/');
  });
});
