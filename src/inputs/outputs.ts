// The action's outputs: names and descriptions, which action.yml and the README's table are rendered from
// (table.ts re-exports them beside the inputs).

export interface OutputDefinition {
  name: string;
  description: string;
}

export const OUTPUTS: OutputDefinition[] = [
  { name: 'image-id', description: 'Id of the gated image (sha256:...).' },
  {
    name: 'size',
    description:
      "Uncompressed size in bytes: the layers' own bytes (regular files and symlink targets), the same on every engine and image store (on the classic store it equals docker image inspect .Size).",
  },
  { name: 'layers', description: 'Number of filesystem layers.' },
  { name: 'user', description: 'The user the image runs as, as configured (empty means root).' },
  { name: 'non-root', description: 'true when the image runs as a non-root user, false otherwise.' },
  { name: 'startup-ms', description: 'Milliseconds from docker run to the first good smoke answer (empty when no smoke test ran).' },
  { name: 'passed', description: 'true when every budget passed.' },
  {
    name: 'compressed-size',
    description: 'Compressed size in bytes: the gzip-compressed layers as docker push uploads them (empty when analyze is false).',
  },
  { name: 'efficiency', description: "dive's efficiency score, 0..1 (empty when analyze is false)." },
  { name: 'wasted-size', description: "dive's wasted bytes (empty when analyze is false)." },
  {
    name: 'reclaimable-size',
    description:
      'Bytes a rebuild could really reclaim: earlier copies of files and deleted files, never the surviving copy (empty when analyze is false).',
  },
  { name: 'baseline-size', description: 'Uncompressed size of the baseline image in bytes (empty without a baseline).' },
  {
    name: 'size-delta',
    description: 'Uncompressed size change against the baseline in bytes, may be negative (empty without a baseline).',
  },
  { name: 'comment-url', description: 'Web address of the sticky PR comment (empty when none was posted).' },
  {
    name: 'comment-body',
    description: 'The PR comment as markdown, also when it could not be posted (e.g. on a pull request from a fork).',
  },
  { name: 'report', description: 'Path of the JSON report.' },
];
