// The hint rules that read the package view (packages/view.ts): devDependencies shipped, test, docs and
// source files inside node_modules and site-packages, Python's bytecode, pip and its build tools, and build
// packages (compilers, -dev packages) in a runtime image. Each names the bytes a fix saves and the layer.
import type { Hint, HintContext } from './hint.js';
import { place, where } from './hint-rules.js';
import { npmFolderOf } from '../packages/npm.js';
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

type ExtrasArea = 'node_modules' | 'site-packages';

/** What kind of file a runtime never loads this is, inside node_modules or a Python site directory; undefined for the rest. */
function extraKind(path: string, area: ExtrasArea): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (area === 'node_modules') {
    if (base.endsWith('.map')) return 'source maps';
    if (/\.(d\.)?[mc]?tsx?$/.test(base)) return 'TypeScript sources and declarations';
  } else if (base.endsWith('.pyi')) return 'type stubs';
  if (/\/(tests?|__tests__|spec)\//.test(path)) return 'tests';
  if (/\/(docs?|examples?)\//.test(path) || /^(readme|changelog|history|changes)(\.|$)|\.(md|markdown|rst)$/i.test(base)) return 'docs';
  return undefined;
}

/** Test, docs, source-map and TypeScript files inside node_modules and site-packages; devDependencies' own left to their hint. */
export function packageExtrasHints({ visible, origins, packageView }: HintContext): Hint[] {
  const devFolders = new Set(
    (packageView?.devDependencies ?? []).map(
      (dependency) => `${dependency.app.slice(0, -'/package.json'.length)}/node_modules/${dependency.name}`,
    ),
  );
  const totals = new Map<ExtrasArea, { bytes: number; files: number; kinds: Map<string, number>; layers: Map<number, number> }>();
  for (const [path, file] of visible) {
    if (file.kind !== 'file' || file.sizeBytes === 0) continue;
    const area: ExtrasArea | undefined = path.includes('/node_modules/')
      ? 'node_modules'
      : path.includes('/site-packages/') || path.includes('/dist-packages/')
        ? 'site-packages'
        : undefined;
    if (!area) continue;
    const kind = extraKind(path, area);
    if (!kind || (area === 'node_modules' && devFolders.has(npmFolderOf(path)?.folder ?? ''))) continue;
    const total = totals.get(area) ?? { bytes: 0, files: 0, kinds: new Map(), layers: new Map() };
    total.bytes += file.sizeBytes;
    total.files += 1;
    total.kinds.set(kind, (total.kinds.get(kind) ?? 0) + file.sizeBytes);
    total.layers.set(file.layer, (total.layers.get(file.layer) ?? 0) + file.sizeBytes);
    totals.set(area, total);
  }
  return [...totals]
    .filter(([, total]) => total.bytes >= MIN_EXTRAS_BYTES)
    .map(([area, total]) => {
      const layer = [...total.layers].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      const kinds = [...total.kinds].sort((a, b) => b[1] - a[1]).map(([kind, bytes]) => `${kind} ${formatBytes(bytes)}`);
      const advice =
        area === 'node_modules'
          ? "delete them in the build stage after `npm ci --omit=dev` (e.g. `find node_modules -name '*.map' -delete`), and check the app still starts"
          : "delete the packages' tests and docs in the build stage, and check the app still starts";
      return {
        kind: 'package-extras',
        severity: 'info',
        title: `Files a runtime never loads inside ${area}`,
        message: `${total.files} files (${formatBytes(total.bytes)}: ${kinds.join(', ')}) inside ${area}, mostly from ${where(origins, layer)}; ${advice}.`,
        savingBytes: total.bytes,
        ...place(origins, layer),
      };
    });
}

/** Python bytecode written at build time (what it costs, what it saves at start), or Python sources without any. */
export function pythonBytecodeHints({ visible, origins }: HintContext): Hint[] {
  let sourceFiles = 0;
  let sourceBytes = 0;
  let bytecodeFiles = 0;
  let bytecodeBytes = 0;
  const layers = new Map<number, number>();
  for (const [path, file] of visible) {
    if (file.kind !== 'file' || !origins[file.layer]?.own) continue;
    if (path.endsWith('.pyc') && path.includes('/__pycache__/')) {
      bytecodeFiles += 1;
      bytecodeBytes += file.sizeBytes;
      layers.set(file.layer, (layers.get(file.layer) ?? 0) + file.sizeBytes);
    } else if (path.endsWith('.py')) {
      sourceFiles += 1;
      sourceBytes += file.sizeBytes;
    }
  }
  if (bytecodeFiles > 0) {
    const layer = [...layers].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    return [
      {
        kind: 'python-bytecode',
        severity: 'info',
        title: 'Python bytecode written at build time',
        message: `${bytecodeFiles} .pyc files in __pycache__ (${formatBytes(bytecodeBytes)}, mostly from ${where(origins, layer)}). They cost bytes and save start-up time: a container with a read-only root filesystem cannot write them, so without them every start compiles the modules again. Keep them when start-up matters; otherwise \`PYTHONDONTWRITEBYTECODE=1\` or \`pip install --no-compile\` at build saves them.`,
        savingBytes: bytecodeBytes,
        ...place(origins, layer),
      },
    ];
  }
  if (sourceFiles < MIN_PYTHON_SOURCES) return [];
  return [
    {
      kind: 'python-bytecode',
      severity: 'info',
      title: 'Python sources without bytecode',
      message: `${sourceFiles} .py files (${formatBytes(sourceBytes)}) and no __pycache__: a container with a read-only root filesystem compiles every module it imports on every start. \`python -m compileall\` in the build adds bytecode of about the sources' size and saves that time; measure with max-startup-time.`,
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
