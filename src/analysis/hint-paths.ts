// Which paths of an image's final filesystem the hints look for: package-manager caches, build
// toolchains, shells and package managers, each with the advice that removes them.

export interface PathRule {
  label: string;
  pattern: RegExp;
  advice: string;
}

export const CACHE_RULES: PathRule[] = [
  {
    label: 'apt package lists',
    pattern: /^\/var\/lib\/apt\/lists\/(?!lock$|partial\/?$)/,
    advice: 'end the same RUN with `rm -rf /var/lib/apt/lists/*`',
  },
  {
    label: 'apt package cache',
    pattern: /^\/var\/cache\/apt\/.+/,
    advice: 'run `apt-get clean` in the same RUN, or use `RUN --mount=type=cache,target=/var/cache/apt`',
  },
  { label: 'apk cache', pattern: /^\/var\/cache\/apk\/.+/, advice: 'use `apk add --no-cache`' },
  { label: 'pip cache', pattern: /^\/(root|home\/[^/]+)\/\.cache\/pip\/.+/, advice: 'use `pip install --no-cache-dir`' },
  {
    label: 'npm cache',
    pattern: /^\/(root|home\/[^/]+)\/\.npm\/.+/,
    advice: 'run `npm cache clean --force` in the same RUN, or use a cache mount',
  },
  {
    label: 'yarn cache',
    pattern: /^\/(usr\/local\/share|root|home\/[^/]+)\/\.cache\/yarn\/.+/,
    advice: 'run `yarn cache clean` in the same RUN, or use a cache mount',
  },
  {
    label: 'Go build cache',
    pattern: /^\/(root|home\/[^/]+)\/\.cache\/go-build\/.+/,
    advice: 'build in a separate stage, or use `RUN --mount=type=cache,target=/root/.cache/go-build`',
  },
  {
    label: 'Go module cache',
    pattern: /^\/(root\/go|go)\/pkg\/mod\/.+/,
    advice: 'build in a separate stage so the module cache stays behind',
  },
];

export const TOOLCHAIN_RULES: PathRule[] = [
  {
    label: 'Go toolchain',
    pattern: /^\/usr\/(lib\/go(-[\d.]+)?|local\/go|share\/go(-[\d.]+)?)\//,
    advice: 'build in a separate stage and copy only the binary',
  },
  {
    label: 'C/C++ compiler',
    pattern: /^\/usr\/(lib|libexec)\/gcc\/|^\/usr\/bin\/(gcc|g\+\+|cc|c\+\+|cpp|x86_64-linux-gnu-(gcc|g\+\+|cpp))(-\d+)?$/,
    advice: 'build in a separate stage; the final image needs only the runtime libraries',
  },
  { label: 'C headers', pattern: /^\/usr\/include\//, advice: 'install -dev packages only in a build stage' },
  {
    label: 'Rust toolchain',
    pattern: /^\/(root|usr\/local)\/(\.rustup|rustup|\.cargo|cargo)\//,
    advice: 'build in a separate stage and copy only the binary',
  },
  {
    label: 'Java compiler (JDK)',
    pattern: /^\/usr\/lib\/jvm\/[^/]+\/(bin\/javac|lib\/ct\.sym|jmods\/)/,
    advice: 'run on a JRE, or a jlink-ed runtime, not a JDK',
  },
];

export const SHELLS = /^\/(usr\/)?bin\/(sh|bash|dash|ash|busybox|zsh)$/;
export const PACKAGE_MANAGERS = /^\/(usr\/)?s?bin\/(apt|apt-get|dpkg|apk|yum|dnf|rpm|pip3?|npm)$/;

/** Build-context files a .dockerignore should keep out of COPY and ADD layers; the first match names the kind. */
export const CONTEXT_LEFTOVERS: { kind: string; pattern: RegExp }[] = [
  { kind: '.git', pattern: /\/\.git\// },
  { kind: 'node_modules', pattern: /\/node_modules\// },
  { kind: 'tests', pattern: /\/(tests?|__tests__|spec)\// },
  { kind: 'docs', pattern: /\/(docs?)\/|\.md$/i },
];
