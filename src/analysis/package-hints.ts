// The hint rules that read the package view (packages/view.ts): devDependencies shipped, test, docs and
// source files inside node_modules and site-packages, Python's bytecode, pip and its build tools, and build
// packages (compilers, -dev packages) in a runtime image. Each names the bytes a fix saves and the layer.
import type { Hint, HintContext } from './hint.js';
import { place, where } from './hint-rules.js';
import { FileTally } from '../packages/runtime-files.js';
import { InstalledPackage } from '../packages/types.js';
import { formatBytes } from '../common/units.js';

const MIN_DEV_DEPENDENCY_BYTES = 64 * 1024;
const MIN_EXTRAS_BYTES = 512 * 1024;
const MIN_BUILD_PACKAGE_BYTES = 1024 * 1024;
/** Python sources below which a missing bytecode cache is not worth a word. */
const MIN_PYTHON_SOURCES = 50;
const NAMED = 5;

function named(packages: { name: string; version: string; sizeBytes: number }[]): string {
  const shown = packages
    .slice(0, NAMED)
    .map((pkg) => `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''} (${formatBytes(pkg.sizeBytes)})`)
    .join(', ');
  return packages.length > NAMED ? `${shown} and ${packages.length - NAMED} more` : shown;
}

/** The layer with the most bytes of several packages. */
function heaviestLayer(packages: { layer: number; sizeBytes: number }[]): number {
  const byLayer = new Map<number, number>();
  for (const pkg of packages) byLayer.set(pkg.layer, (byLayer.get(pkg.layer) ?? 0) + pkg.sizeBytes);
  return [...byLayer].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/** One hint per app package.json whose devDependencies sit in the node_modules beside it. */
export function devDependencyHints({ packageView, origins }: HintContext): Hint[] {
  const byApp = new Map<string, NonNullable<typeof packageView>['devDependencies']>();
  for (const dependency of packageView?.devDependencies ?? [])
    byApp.set(dependency.app, [...(byApp.get(dependency.app) ?? []), dependency]);
  return [...byApp]
    .map(([app, shipped]) => ({ app, shipped, bytes: shipped.reduce((sum, pkg) => sum + pkg.sizeBytes, 0) }))
    .filter(({ bytes }) => bytes >= MIN_DEV_DEPENDENCY_BYTES)
    .map(({ app, shipped, bytes }) => {
      const layer = heaviestLayer(shipped);
      return {
        kind: 'dev-dependencies',
        severity: 'warning',
        title: 'devDependencies shipped in the final image',
        message: `${shipped.length} devDependencies of ${app} are in the final image, ${formatBytes(bytes)} in all: ${named(shipped)}, mostly from ${where(origins, layer)}. Install production dependencies only (\`npm ci --omit=dev\`) in a build stage and copy that node_modules.`,
        savingBytes: bytes,
        ...place(origins, layer),
      };
    });
}

/** The layer of most bytes among tallies (the earlier of equals). */
function mostBytesLayer(tallies: FileTally[]): number {
  const byLayer = new Map<number, number>();
  for (const tally of tallies) byLayer.set(tally.layer, (byLayer.get(tally.layer) ?? 0) + tally.bytes);
  return [...byLayer].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

const sum = (tallies: FileTally[], field: 'files' | 'bytes') => tallies.reduce((total, tally) => total + tally[field], 0);

/** Test, docs, source-map and TypeScript files inside node_modules and site-packages; devDependencies' own left to their hint. */
export function packageExtrasHints({ packageView, origins }: HintContext): Hint[] {
  const extras = packageView?.runtimeFiles.extras ?? [];
  return (['node_modules', 'site-packages'] as const).flatMap((area) => {
    const tallies = extras.filter((tally) => tally.area === area);
    const bytes = sum(tallies, 'bytes');
    if (bytes < MIN_EXTRAS_BYTES) return [];
    const layer = mostBytesLayer(tallies);
    const byKind = new Map<string, number>();
    for (const tally of tallies) byKind.set(tally.kind, (byKind.get(tally.kind) ?? 0) + tally.bytes);
    const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, kindBytes]) => `${kind} ${formatBytes(kindBytes)}`);
    const advice =
      area === 'node_modules'
        ? "delete them in the build stage after `npm ci --omit=dev` (e.g. `find node_modules -name '*.map' -delete`), and check the app still starts"
        : "delete the packages' tests and docs in the build stage, and check the app still starts";
    return [
      {
        kind: 'package-extras' as const,
        severity: 'info' as const,
        title: `Files a runtime never loads inside ${area}`,
        message: `${sum(tallies, 'files')} files (${formatBytes(bytes)}: ${kinds.join(', ')}) inside ${area}, mostly from ${where(origins, layer)}; ${advice}.`,
        savingBytes: bytes,
        ...place(origins, layer),
      },
    ];
  });
}

/** Python bytecode written at build time (what it costs, what it saves at start), or Python sources without any. */
export function pythonBytecodeHints({ packageView, origins }: HintContext): Hint[] {
  const own = (tally: FileTally) => origins[tally.layer]?.own === true;
  const bytecode = (packageView?.runtimeFiles.bytecode ?? []).filter(own);
  const sources = (packageView?.runtimeFiles.sources ?? []).filter(own);
  if (bytecode.length > 0) {
    const layer = mostBytesLayer(bytecode);
    const bytes = sum(bytecode, 'bytes');
    return [
      {
        kind: 'python-bytecode',
        severity: 'info',
        title: 'Python bytecode written at build time',
        message: `${sum(bytecode, 'files')} .pyc files in __pycache__ (${formatBytes(bytes)}, mostly from ${where(origins, layer)}). They cost bytes and save start-up time: a container with a read-only root filesystem cannot write them, so without them every start compiles the modules again. Keep them when start-up matters; otherwise \`PYTHONDONTWRITEBYTECODE=1\` or \`pip install --no-compile\` at build saves them.`,
        savingBytes: bytes,
        ...place(origins, layer),
      },
    ];
  }
  const sourceFiles = sum(sources, 'files');
  if (sourceFiles < MIN_PYTHON_SOURCES) return [];
  return [
    {
      kind: 'python-bytecode',
      severity: 'info',
      title: 'Python sources without bytecode',
      message: `${sourceFiles} .py files (${formatBytes(sum(sources, 'bytes'))}) and no __pycache__: a container with a read-only root filesystem compiles every module it imports on every start. \`python -m compileall\` in the build adds bytecode of about the sources' size and saves that time; measure with max-startup-time.`,
    },
  ];
}

/** Which packages build software rather than run it. */
const BUILD_PACKAGE: Record<string, RegExp> = {
  deb: /^(build-essential|(gcc|g\+\+|cpp|gfortran|clang|llvm)(-\d+(\.\d+)?)?|make|cmake|binutils(-.+)?|dpkg-dev|libc6-dev|linux-libc-dev|lib(gcc|stdc\+\+)-\d+-dev|.+-dev)(:.+)?$/,
  apk: /^(build-base|gcc|g\+\+|clang\d*|llvm\d*|make|cmake|binutils|musl-dev|fortify-headers|.+-dev)$/,
};

const PYTHON_BUILD_TOOL: Record<string, RegExp> = {
  python: /^(pip|setuptools|wheel)$/,
  deb: /^python3-(pip|setuptools|wheel)(-whl)?$/,
  apk: /^py3-(pip|setuptools|wheel)$/,
};

function matching(packages: InstalledPackage[], patterns: Record<string, RegExp>, own: (layer: number) => boolean): InstalledPackage[] {
  return packages.filter((pkg) => own(pkg.layer) && pkg.sizeBytes > 0 && patterns[pkg.ecosystem]?.test(pkg.name));
}

/** pip, setuptools and wheel (as Python distributions or system packages) in the image's own layers. */
export function pythonBuildToolHints({ packageView, origins }: HintContext): Hint[] {
  const tools = matching(packageView?.packages ?? [], PYTHON_BUILD_TOOL, (layer) => origins[layer]?.own === true);
  if (tools.length === 0) return [];
  const bytes = tools.reduce((sum, pkg) => sum + pkg.sizeBytes, 0);
  const layer = heaviestLayer(tools);
  return [
    {
      kind: 'python-build-tools',
      severity: 'warning',
      title: 'pip and its build tools in a runtime image',
      message: `${named(tools)}: ${formatBytes(bytes)}, mostly from ${where(origins, layer)}, that only installing needs. Install into a virtual environment in a build stage and copy it without them (\`python -m venv --without-pip\`, or \`pip uninstall -y pip setuptools wheel\` last).`,
      savingBytes: bytes,
      ...place(origins, layer),
    },
  ];
}

/** Compilers, make and -dev packages installed by the image's own layers, named. */
export function buildPackageHints({ packageView, origins }: HintContext): Hint[] {
  const found = matching(packageView?.packages ?? [], BUILD_PACKAGE, (layer) => origins[layer]?.own === true);
  const bytes = found.reduce((sum, pkg) => sum + pkg.sizeBytes, 0);
  if (bytes < MIN_BUILD_PACKAGE_BYTES) return [];
  const layer = heaviestLayer(found);
  return [
    {
      kind: 'build-packages',
      severity: 'warning',
      title: 'Build packages in the final image',
      message: `${found.length} packages that build software rather than run it take ${formatBytes(bytes)}: ${named(found)}, mostly from ${where(origins, layer)}. Install them in a build stage only; the final image needs the runtime libraries.`,
      savingBytes: bytes,
      ...place(origins, layer),
    },
  ];
}
