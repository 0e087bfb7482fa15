// The one table of inputs (names, defaults, descriptions) that action.yml, the README, the CLI's --help and the
// config file's keys and JSON Schema agree with (scripts/docs.mjs renders them; unit tests check they agree).

import { InputDefinition } from './input-definition.js';

export type { ConfigValueType, InputDefinition, InputScope } from './input-definition.js';

export const INPUTS: InputDefinition[] = [
  { name: 'context', type: 'string', scope: 'image', default: '.', description: 'Build context directory.' },
  {
    name: 'dockerfile',
    type: 'string',
    scope: 'image',
    default: '',
    description: 'Path of the Dockerfile (default: Dockerfile in the context).',
  },
  { name: 'target', type: 'string', scope: 'image', default: '', description: 'Build stage to stop at (docker build --target).' },
  { name: 'build-args', type: 'map', scope: 'image', default: '', description: 'Build arguments, one KEY=VALUE per line.' },
  {
    name: 'platforms',
    type: 'list',
    scope: 'image',
    default: '',
    description:
      'Platforms to build and gate, comma- or newline-separated (linux/amd64,linux/arm64); every budget applies to each. Several need buildx and the containerd image store.',
  },
  {
    name: 'builder',
    type: 'string',
    scope: 'image',
    default: '',
    description: 'Name of the buildx builder to build with (docker buildx build --builder); default: the current one.',
  },
  {
    name: 'image',
    type: 'string',
    scope: 'entry',
    default: '',
    description:
      'Gate this image instead of building: a local one (name, tag or id; e.g. one that docker/build-push-action loaded), or one read from its registry without a pull when the engine lacks it or it is written registry://ghcr.io/acme/app:1.',
  },
  {
    name: 'archive',
    type: 'string',
    scope: 'entry',
    default: '',
    description:
      'Gate an image from a file instead of an engine: a docker save tar, an OCI image archive (podman save --format oci-archive) or an OCI image layout directory (buildx --output type=oci, ko, Jib, rules_oci). No Docker engine is needed; smoke: true loads a tar into the engine to run it.',
  },
  {
    name: 'name',
    type: 'string',
    scope: 'entry',
    default: '',
    description: 'A name for this image in reports (default: the image reference or the context).',
  },
  {
    name: 'tag',
    type: 'string',
    scope: 'entry',
    default: '',
    description: 'Tag the built image with this reference (default: no tag; the image is known by its id).',
  },
  {
    name: 'max-size',
    type: 'size',
    scope: 'image',
    default: '',
    description: 'Budget for the uncompressed image size: 25MB (SI, as docker images prints), 24MiB, or bytes.',
  },
  { name: 'max-layers', type: 'integer', scope: 'image', default: '', description: 'Budget for the number of filesystem layers.' },
  {
    name: 'require-non-root',
    type: 'boolean',
    scope: 'image',
    default: 'true',
    description: 'Fail when the image runs as root (true/false).',
  },
  {
    name: 'max-startup-time',
    type: 'duration',
    scope: 'image',
    default: '',
    description: 'Budget from docker run to the first good smoke answer: 1s, 800ms.',
  },
  {
    name: 'max-compressed-size',
    type: 'size',
    scope: 'image',
    default: '',
    description: 'Budget for the compressed size (what a registry stores and docker pull downloads): 10MB, 8MiB, or bytes.',
  },
  {
    name: 'min-efficiency',
    type: 'fraction',
    scope: 'image',
    default: '',
    description: "Budget for dive's efficiency score: 0.95 or 95% (1 means no file stored twice).",
  },
  {
    name: 'max-wasted-size',
    type: 'size',
    scope: 'image',
    default: '',
    description: "Budget for dive's wasted bytes (every copy of a file stored more than once, and removed files): 5MB.",
  },
  {
    name: 'max-layer-size',
    type: 'size',
    scope: 'image',
    default: '',
    description: "Budget for the largest layer's own bytes: 50MB (a pull downloads layers in parallel, so the largest one bounds it).",
  },
  {
    name: 'max-package-size',
    type: 'size',
    scope: 'image',
    default: '',
    description: "Budget for each installed package (deb, apk, Python, npm), sized by its files' bytes in the final image: 20MB.",
  },
  {
    name: 'allow-large-packages',
    type: 'list',
    scope: 'image',
    default: '',
    description:
      'Packages max-package-size does not apply to, comma- or newline-separated: a name (typescript) or ecosystem:name (deb:libc6).',
  },
  {
    name: 'analyze',
    type: 'boolean',
    scope: 'image',
    default: 'true',
    description: 'Read the layers (docker save) for compressed size, wasted space, the largest files and hints (true/false).',
  },
  {
    name: 'max-layer-expansion',
    type: 'integer',
    scope: 'image',
    default: '100',
    description:
      "Stop reading a compressed layer that expands to more than this many times its compressed bytes (once past 256 MiB): a decompression bomb fails the gate as not judged. Real layers expand 2-10 times; gzip's most is about 1032.",
  },
  {
    name: 'max-layer-expanded-size',
    type: 'size',
    scope: 'image',
    default: '20GB',
    description:
      'Stop reading a compressed layer that expands past this many uncompressed bytes (the gate then fails as not judged): 20GB.',
  },
  {
    name: 'smoke',
    type: 'choice',
    scope: 'image',
    choices: ['auto', 'true', 'false'],
    default: 'auto',
    description: 'Run the smoke test: auto (when a port is known), true, false.',
  },
  {
    name: 'smoke-port',
    type: 'port',
    scope: 'image',
    default: '',
    description: 'Container TCP port to probe (default: the lowest EXPOSEd TCP port).',
  },
  { name: 'smoke-path', type: 'string', scope: 'image', default: '/', description: 'HTTP path the smoke request asks for.' },
  { name: 'smoke-expect-status', type: 'integer', scope: 'image', default: '200', description: 'HTTP status the smoke answer must have.' },
  { name: 'smoke-expect-body', type: 'string', scope: 'image', default: '', description: 'Text the smoke answer body must contain.' },
  { name: 'smoke-timeout', type: 'duration', scope: 'image', default: '30s', description: 'How long to wait for the container to answer.' },
  {
    name: 'smoke-env',
    type: 'map',
    scope: 'image',
    default: '',
    description: 'Environment for the smoke container, one KEY=VALUE per line (nothing else is passed).',
  },
  {
    name: 'report-file',
    type: 'string',
    scope: 'step',
    default: '',
    description:
      'Where to write the JSON report (default: a new image-size-gate-<step>-<random>.json in RUNNER_TEMP, else the system temp directory; the report output names it).',
  },
  {
    name: 'github-token',
    type: 'string',
    scope: 'workflow',
    default: '${{ github.token }}',
    description: 'Token for the PR comment (never passed to builds or containers).',
  },
  {
    name: 'baseline',
    type: 'string',
    scope: 'image',
    default: 'auto',
    description:
      "What to compare with: auto (on pull_request, build the same Dockerfile at the PR's base commit), an image reference (measured in the engine when it holds it, else read from its registry without a pull; registry://ref always reads the registry), or none.",
  },
  {
    name: 'registry-username',
    type: 'string',
    scope: 'workflow',
    default: '',
    description:
      "User name for the registry an image or baseline is read from (default: the Docker client's config.json and its credential helpers, as docker login leaves them).",
  },
  {
    name: 'registry-password',
    type: 'string',
    scope: 'workflow',
    default: '',
    description: 'Password or token for registry-username (masked in the log; never passed to builds or containers).',
  },
  {
    name: 'insecure-registries',
    type: 'list',
    scope: 'workflow',
    default: '',
    description:
      'Registries (host or host:port) to read over plain HTTP, comma- or newline-separated; loopback registries always are, every other one needs TLS.',
  },
  {
    name: 'max-increase',
    type: 'size',
    scope: 'image',
    default: '',
    description: 'Budget on growth of the uncompressed size against the baseline: 5% or 2MB.',
  },
  {
    name: 'allow-increase-label',
    type: 'string',
    scope: 'step',
    default: '',
    description: 'A PR label (e.g. size-increase-ok) that turns an exceeded max-increase into a warning.',
  },
  {
    name: 'comment',
    type: 'choice',
    scope: 'step',
    choices: ['always', 'changed', 'failure', 'never'],
    default: 'always',
    description: 'When to post the sticky PR comment: always, changed (the size changed or a budget failed), failure, never.',
  },
  {
    name: 'history-branch',
    type: 'string',
    scope: 'step',
    default: '',
    description:
      'Branch that keeps the size history (e.g. image-size-history; empty: off). Push runs record each image there (needs contents: write); pull requests compare with the record of their merge base instead of building it, and show the trend.',
  },
  {
    name: 'history-branches',
    type: 'list',
    scope: 'step',
    default: '',
    description:
      "Pushes to which branches are recorded, comma- or newline-separated (default: the repository's default branch). Pull request runs never record.",
  },
  {
    name: 'config',
    type: 'string',
    scope: 'workflow',
    default: '',
    description:
      'A YAML file that lists several images to gate in this step, each with its own budgets, in one comment (default: .github/image-size-gate.yml when it exists). Its keys are these inputs; inputs set here act as defaults for every image.',
  },
  {
    name: 'changed-only',
    type: 'boolean',
    scope: 'step',
    default: 'false',
    description:
      'On pull requests, with a config file: images whose build reads nothing that changed since the merge base (context and Dockerfile as the builder reads them, config entry, the images of other entries they are built from) are not rebuilt; their rows say unchanged (true/false).',
  },
  {
    name: 'images',
    type: 'list',
    scope: 'workflow',
    default: '',
    description:
      'With a config file: gate only these of its images, by name, comma- or newline-separated (in a matrix job: ${{ matrix.image }} from image-size-gate/plan). The PR comment and the size history are then left to image-size-gate/report.',
  },
  {
    name: 'runs-on',
    type: 'list',
    scope: 'matrix',
    default: '',
    description:
      "In the config file only: the runner label(s) this image's matrix job asks for (e.g. ubuntu-24.04-arm), passed on by image-size-gate/plan in its matrix.",
  },
];

/** The inputs the main action and the CLI take (config-only keys such as runs-on are left out). */
export const ACTION_INPUTS: InputDefinition[] = INPUTS.filter((input) => input.scope !== 'matrix');
