#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3597);
// The CLI's entry (package.json `bin`): runs main() and exits with its code.

process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3597:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT_BUDGET_FAILED, EXIT_CANNOT_JUDGE, EXIT_PASSED, helpText

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/common/units.ts
// Sizes and durations: parsing what users write in budgets, and formatting figures for reports.
// Sizes follow `docker images`: 1 MB = 1,000,000 bytes (SI); MiB is the binary unit. Plain numbers are bytes.
const SIZE_UNITS_BYTES = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    tb: 1e12,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
    tib: 1024 ** 4,
};
const DURATION_UNITS_MS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    min: 60_000,
};
class UnitParseError extends Error {
}
const CANONICAL_UNIT = {
    b: 'B',
    kb: 'kB',
    mb: 'MB',
    gb: 'GB',
    tb: 'TB',
    kib: 'KiB',
    mib: 'MiB',
    gib: 'GiB',
    tib: 'TiB',
};
/** Parses `25MB`, `24MiB`, `1.5 GB`, `4460581` (bytes). Throws UnitParseError on anything else. */
function parseSize(text) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
    if (!match)
        throw new UnitParseError(`"${text}" is not a size`);
    const value = Number(match[1]);
    const unitKey = (match[2] || 'b').toLowerCase();
    const factor = SIZE_UNITS_BYTES[unitKey];
    if (factor === undefined)
        throw new UnitParseError(`"${text}" has an unknown unit "${match[2]}"`);
    const bytes = Math.round(value * factor);
    if (!Number.isSafeInteger(bytes))
        throw new UnitParseError(`"${text}" is too large`);
    return { bytes, unit: CANONICAL_UNIT[unitKey] };
}
/** Parses `1s`, `800ms`, `1.5s`, `2m`. A bare number is refused: a time needs its unit. */
function parseDurationMs(text) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
    if (!match)
        throw new UnitParseError(`"${text}" is not a duration with a unit`);
    const factor = DURATION_UNITS_MS[match[2].toLowerCase()];
    if (factor === undefined)
        throw new UnitParseError(`"${text}" has an unknown time unit "${match[2]}"`);
    return Math.round(Number(match[1]) * factor);
}
const SI_STEPS = ['B', 'kB', 'MB', 'GB', 'TB'];
const BINARY_STEPS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
function unitSystemOf(unit) {
    return unit !== undefined && unit.endsWith('iB') ? 'binary' : 'si';
}
/** Formats bytes in the given unit system with 3 significant figures (`4.46 MB`, `153 MB`, `812 B`). */
function units_formatBytes(bytes, system = 'si') {
    const base = system === 'binary' ? 1024 : 1000;
    const steps = system === 'binary' ? BINARY_STEPS : SI_STEPS;
    const sign = bytes < 0 ? '-' : '';
    let value = Math.abs(bytes);
    let step = 0;
    while (value >= base && step < steps.length - 1) {
        value /= base;
        step += 1;
    }
    if (step === 0)
        return `${sign}${value} B`;
    const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return `${sign}${value.toFixed(digits)} ${steps[step]}`;
}
/** Formats a signed byte change: `+3.00 MB`, `-120 kB`, `±0 B`. */
function units_formatBytesDelta(bytes, system = 'si') {
    if (bytes === 0)
        return '±0 B';
    return bytes > 0 ? `+${units_formatBytes(bytes, system)}` : units_formatBytes(bytes, system);
}
function units_formatDurationMs(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
/** Formats an integer with thousands separators: 4460581 -> "4,460,581". */
function units_formatInteger(value) {
    return Math.round(value).toLocaleString('en-US');
}
function units_formatSignedPercent(ratio) {
    const text = `${(ratio * 100).toFixed(1)}%`;
    return ratio > 0 ? `+${text}` : ratio === 0 ? '±0.0%' : text;
}
/** 0.9844212134184309 -> "98.44%" */
function units_formatPercent(fraction) {
    return `${(fraction * 100).toFixed(2)}%`;
}

;// CONCATENATED MODULE: ./src/exec/bounded-output.ts
// Keeping a bounded part of a child's output, however much it prints and however long its lines: lines split on
// bytes with a length bound in linear time, the first bytes of a stream, its last bytes, its last lines.

/** A line longer than this is cut: a build that prints 600 MB without a newline must not be held whole. */
const MAX_LINE_BYTES = 64 * 1024;
/**
 * Splits a byte stream into lines (LF or CRLF). A line over `maxLineBytes` keeps its first `maxLineBytes`
 * and says how much was cut; the rest is counted, not kept, until the next newline. Each byte is looked at a
 * bounded number of times, so a 600 MB line costs what a 600 MB file of short lines costs.
 */
class LineSplitter {
    emit;
    maxLineBytes;
    pending = [];
    pendingBytes = 0;
    cutBytes = 0;
    constructor(emit, maxLineBytes = MAX_LINE_BYTES) {
        this.emit = emit;
        this.maxLineBytes = maxLineBytes;
    }
    write(chunk) {
        const firstNewline = chunk.indexOf(0x0a);
        if (firstNewline === -1) {
            this.keep(chunk);
            return;
        }
        let start = 0;
        if (this.pendingBytes > 0 || this.cutBytes > 0) {
            this.keep(chunk.subarray(0, firstNewline));
            this.flush();
            start = firstNewline + 1;
        }
        // The lines wholly inside this chunk are decoded at once: a newline is never part of a UTF-8 sequence.
        const lastNewline = chunk.lastIndexOf(0x0a);
        if (lastNewline >= start) {
            for (const line of chunk.toString('utf8', start, lastNewline).split('\n'))
                this.emitWhole(line);
        }
        this.keep(chunk.subarray(lastNewline + 1));
    }
    /** Emits a last line that had no newline. */
    end() {
        if (this.pendingBytes > 0 || this.cutBytes > 0)
            this.flush();
    }
    keep(bytes) {
        const kept = Math.min(this.maxLineBytes - this.pendingBytes, bytes.length);
        if (kept > 0) {
            // A copy, so a kept piece never pins the whole chunk it came in.
            this.pending.push(Buffer.from(bytes.subarray(0, kept)));
            this.pendingBytes += kept;
        }
        this.cutBytes += bytes.length - kept;
    }
    emitWhole(line) {
        // A character takes at most 3 bytes per UTF-16 unit: only a line that may be too long is measured.
        if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) {
            this.keep(Buffer.from(line));
            this.flush();
            return;
        }
        this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    flush() {
        let bytes = Buffer.concat(this.pending, this.pendingBytes);
        if (this.cutBytes === 0 && bytes.at(-1) === 0x0d)
            bytes = bytes.subarray(0, -1);
        const line = bytes.toString('utf8') + (this.cutBytes > 0 ? ` [line cut: ${units_formatBytes(this.cutBytes)} more not shown]` : '');
        this.pending = [];
        this.pendingBytes = 0;
        this.cutBytes = 0;
        this.emit(line);
    }
}
/** The last `maxBytes` of a byte stream, in a ring: memory is bounded however much is written. */
class ByteTail {
    maxBytes;
    ring;
    writtenBytes = 0;
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
        this.ring = Buffer.alloc(maxBytes);
    }
    write(chunk) {
        if (this.maxBytes === 0)
            return;
        const kept = chunk.length > this.maxBytes ? chunk.subarray(chunk.length - this.maxBytes) : chunk;
        this.writtenBytes += chunk.length - kept.length;
        const position = this.writtenBytes % this.maxBytes;
        const first = Math.min(kept.length, this.maxBytes - position);
        kept.copy(this.ring, position, 0, first);
        kept.copy(this.ring, 0, first);
        this.writtenBytes += kept.length;
    }
    toBuffer() {
        if (this.writtenBytes <= this.maxBytes)
            return Buffer.from(this.ring.subarray(0, this.writtenBytes));
        const position = this.writtenBytes % this.maxBytes;
        return Buffer.concat([this.ring.subarray(position), this.ring.subarray(0, position)]);
    }
}
/** The first `maxBytes` of a byte stream, and whether there was more. */
class ByteHead {
    maxBytes;
    chunks = [];
    keptBytes = 0;
    cut = false;
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    write(chunk) {
        const room = this.maxBytes - this.keptBytes;
        if (chunk.length > room)
            this.cut = true;
        if (room <= 0)
            return;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        this.chunks.push(kept);
        this.keptBytes += kept.length;
    }
    toBuffer() {
        return Buffer.concat(this.chunks, this.keptBytes);
    }
}
/** The last `maxLines` lines given to it, and how many earlier ones were dropped. */
class LineTail {
    maxLines;
    ring = [];
    next = 0;
    droppedLines = 0;
    constructor(maxLines) {
        this.maxLines = maxLines;
    }
    push(line) {
        if (this.ring.length < this.maxLines) {
            this.ring.push(line);
            return;
        }
        this.ring[this.next] = line;
        this.next = (this.next + 1) % this.maxLines;
        this.droppedLines += 1;
    }
    lines() {
        return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    }
}

;// CONCATENATED MODULE: ./src/exec/process.ts
// The one process layer that docker and git calls go through. A child gets an environment without the
// runner's secrets, its output is split into lines of bounded length in linear time, only a bounded part of
// its output is kept (the caller says how much), it can be timed out, and it can be made to die with us.


/** Environment variables never handed to a child (and so never to builds or containers). */
const SECRET_ENV = ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
/** Standard output kept by default; callers that need more (docker image inspect) ask for it. */
const DEFAULT_MAX_STDOUT_BYTES = 4 * 1024 * 1024;
/** Standard error kept: its end, which is where a client says what went wrong. */
const DEFAULT_MAX_STDERR_BYTES = 64 * 1024;
/** An error line longer than this is cut before it becomes part of a message. */
const MAX_ERROR_LINE_CHARS = 2000;
function childEnvironment(extra = {}) {
    const env = { ...process.env, ...extra };
    for (const name of SECRET_ENV)
        delete env[name];
    return env;
}
/** Lines that say nothing about what went wrong: deprecation notices, help pointers, git's hints and advice. */
const NOISE_LINE = /^(DEPRECATED|BuildKit is currently|environment-variable\.|Install the buildx|https:\/\/docs\.docker\.com|Run '[^']*--help' for more information|See '[^']*--help'\.?$|hint:|Please make sure you have the correct access rights$|and the repository exists\.$)/;
/** The last meaningful line of a client's standard error: what docker or git itself says went wrong. */
function lastErrorLine(stderr) {
    const lines = stderr
        .split(/\r\n|\n|\r/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !NOISE_LINE.test(line));
    const line = (lines.at(-1) ?? '').replace(/^(docker:\s*)?(Error( response from daemon)?|fatal|error):\s*/i, '');
    return line.length <= MAX_ERROR_LINE_CHARS ? line : `${line.slice(0, MAX_ERROR_LINE_CHARS)}…`;
}
/**
 * The words that make a child die when we do, even by SIGKILL (when no handler of ours can run): util-linux's
 * setpriv sets the parent-death signal and then runs the command. Undefined where setpriv is missing or too old
 * (it gained --pdeathsig in util-linux 2.33); children then are stopped by the signal handlers alone.
 */
function detectDeathSignalLauncher() {
    const launcher = ['setpriv', '--pdeathsig', 'SIGKILL', '--'];
    const probe = (0,external_node_child_process_namespaceObject.spawnSync)(launcher[0], [...launcher.slice(1), 'true'], { stdio: 'ignore', timeout: 10_000 });
    return probe.status === 0 ? launcher : undefined;
}
/** The command could not be started at all; `code` is the system's (ENOENT: not installed). */
class ProcessStartError extends Error {
    command;
    code;
    constructor(command, code, reason) {
        super(reason);
        this.command = command;
        this.code = code;
    }
}
/** What setpriv says when it cannot run the command it was given (it then exits 127). */
const LAUNCHER_EXEC_FAILURE = /^setpriv: failed to execute [^\n]*?(: No such file or directory)?\n?$/;
function start(command, args, options, stdio) {
    const [file, ...argv] = options.launcher ? [...options.launcher, command, ...args] : [command, ...args];
    const child = (0,external_node_child_process_namespaceObject.spawn)(file, argv, { cwd: options.cwd, env: childEnvironment(options.env), stdio });
    options.live?.add(child);
    return child;
}
/** Waits for a started child: kills it at the time-out, keeps the end of its stderr, and settles once. */
function settle(child, command, options, stdout) {
    const stderrTail = new ByteTail(options.maxStderrBytes ?? DEFAULT_MAX_STDERR_BYTES);
    const stderrLines = options.onLine ? new LineSplitter((line) => options.onLine?.(line, 'stderr')) : undefined;
    child.stderr?.on('data', (chunk) => {
        stderrTail.write(chunk);
        stderrLines?.write(chunk);
    });
    return new Promise((resolve, reject) => {
        let timedOut = false;
        const timer = options.timeoutMs
            ? setTimeout(() => {
                timedOut = true;
                child.kill('SIGKILL');
            }, options.timeoutMs)
            : undefined;
        child.on('error', (error) => {
            clearTimeout(timer);
            options.live?.delete(child);
            reject(new ProcessStartError(command, error.code, error.message));
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            options.live?.delete(child);
            stderrLines?.end();
            const stderr = stderrTail.toBuffer().toString('utf8');
            const launchFailure = options.launcher && code === 127 ? LAUNCHER_EXEC_FAILURE.exec(stderr) : null;
            if (launchFailure) {
                reject(new ProcessStartError(command, launchFailure[1] ? 'ENOENT' : undefined, launchFailure[0]));
                return;
            }
            const { bytes, cut } = stdout();
            resolve({ exitCode: code ?? 128, signal, timedOut, stdout: bytes, stdoutCut: cut, stderr });
        });
    });
}
/**
 * Runs a command to its end. Resolves with its exit code and bounded output whatever the code; rejects with a
 * ProcessStartError only when the command could not be started.
 */
function runProcess(command, args, options = {}) {
    const child = start(command, args, options, [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']);
    const head = new ByteHead(options.onLine ? 0 : (options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT_BYTES));
    const stdoutLines = options.onLine ? new LineSplitter((line) => options.onLine?.(line, 'stdout')) : undefined;
    child.stdout?.on('data', (chunk) => {
        if (stdoutLines)
            stdoutLines.write(chunk);
        else
            head.write(chunk);
    });
    child.stdout?.on('end', () => stdoutLines?.end());
    if (child.stdin) {
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.stdin);
    }
    return settle(child, command, options, () => ({ bytes: head.toBuffer(), cut: head.cut }));
}
/**
 * Runs a command whose standard output is too large to hold (docker save): the caller reads `stdout` as a
 * stream; `finished` settles as runProcess's promise does, with an empty `stdout`.
 */
function streamProcess(command, args, options = {}) {
    const child = start(command, args, options, ['ignore', 'pipe', 'pipe']);
    const finished = settle(child, command, options, () => ({ bytes: Buffer.alloc(0), cut: false }));
    return { stdout: child.stdout, finished };
}
/**
 * Runs a command synchronously, for signal handlers and the post step, where the process may be gone before a
 * promise settles: the same environment without secrets, output discarded unless `keepStdout`, never throwing.
 */
function runProcessNow(command, args, options) {
    const result = (0,external_node_child_process_namespaceObject.spawnSync)(command, args, {
        cwd: options.cwd,
        env: childEnvironment(),
        timeout: options.timeoutMs,
        encoding: 'utf8',
        stdio: options.keepStdout ? ['ignore', 'pipe', 'ignore'] : 'ignore',
    });
    return { exitCode: result.status ?? undefined, stdout: result.stdout ?? '' };
}

;// CONCATENATED MODULE: ./src/docker/container.ts
// The containers the gate makes: their labels, their removal (async, and at once from a signal handler),
// what Docker says when one does not start, what it logs and which user its main process runs as, and the
// clean-up of containers whose owner process was killed.


/** The label every container of the gate carries, valued `<hostname>:<pid>` of the process that made it. */
const OWNER_LABEL_KEY = 'image-size-gate.owner';
/** Longest a removal may take before the gate stops waiting for it. */
const REMOVE_TIMEOUT_MS = 15_000;
/** `<hostname>:<pid>`: which process on which machine made a container. */
function ownerId(hostname = external_node_os_default().hostname(), pid = process.pid) {
    return `${hostname}:${pid}`;
}
/** `image-size-gate.owner=<hostname>:<pid>`, for `docker run --label` / `docker create --label`. */
function ownerLabel(hostname = external_node_os_default().hostname(), pid = process.pid) {
    return `${OWNER_LABEL_KEY}=${ownerId(hostname, pid)}`;
}
/** Removes a container and its anonymous volumes; true when there was one to remove. */
async function removeContainer(docker, name) {
    const removed = await docker.run(['rm', '--force', '--volumes', name], { allowFailure: true, timeoutMs: REMOVE_TIMEOUT_MS });
    return removed.exitCode === 0;
}
/** The same, synchronously: for signal handlers, where the process may be gone before a promise settles. */
function removeContainerNow(docker, name) {
    runProcessNow(docker.binary, ['rm', '--force', '--volumes', name], { timeoutMs: REMOVE_TIMEOUT_MS });
}
/** Removes every container labelled with this owner; returns their ids. */
async function removeContainersOwnedBy(docker, owner) {
    const listed = await docker.run(['ps', '--all', '--quiet', '--filter', `label=${OWNER_LABEL_KEY}=${owner}`], {
        allowFailure: true,
        timeoutMs: REMOVE_TIMEOUT_MS,
    });
    const ids = listed.exitCode === 0 ? listed.stdout.toString('utf8').split(/\s+/).filter(Boolean) : [];
    const removed = await Promise.all(ids.map((id) => removeContainer(docker, id)));
    return ids.filter((_id, index) => removed[index]);
}
/** The same, synchronously, for signal handlers. */
function removeContainersOwnedByNow(docker, owner) {
    const filter = `label=${OWNER_LABEL_KEY}=${owner}`;
    const listed = runProcessNow(docker.binary, ['ps', '--all', '--quiet', '--filter', filter], {
        timeoutMs: REMOVE_TIMEOUT_MS,
        keepStdout: true,
    });
    const ids = listed.exitCode === 0 ? listed.stdout.split(/\s+/).filter(Boolean) : [];
    if (ids.length > 0)
        runProcessNow(docker.binary, ['rm', '--force', '--volumes', ...ids], { timeoutMs: REMOVE_TIMEOUT_MS });
}
/**
 * Pure: Docker's own reason why `docker run` did not start a container, from the client's stderr. The client
 * prefixes its lines with "docker: " and ends with a "Run 'docker run --help'" trailer; the runtime wraps the
 * reason in its call chain ("failed to create shim task: OCI runtime create failed: ...: unknown").
 */
function dockerRunFailure(stderr) {
    const line = lastErrorLine(stderr);
    const runtime = /(?:unable to start container process|starting container process caused):\s*(.+)$/.exec(line);
    const reason = runtime ? runtime[1].replace(/: unknown(?=$|:)/, '') : line;
    return reason || 'docker run failed without saying why';
}
/** Pure: the state and host mounts from `{"state": .State, "mounts": .Mounts}` as inspect prints them. */
function parseContainerState(text) {
    const raw = JSON.parse(text);
    return {
        status: raw.state.Status ?? 'unknown',
        exitCode: raw.state.ExitCode ?? -1,
        oomKilled: raw.state.OOMKilled === true,
        hostMounts: (raw.mounts ?? []).map((mount) => `${mount.Type ?? 'mount'} at ${mount.Destination ?? '?'}`),
    };
}
async function containerState(docker, name) {
    const text = await docker.text(['container', 'inspect', '--format', '{"state":{{json .State}},"mounts":{{json .Mounts}}}', name], {
        timeoutMs: 30_000,
    });
    return parseContainerState(text);
}
/** The last lines of a container's log (untrusted text), each cut to `maxLineChars`. */
async function containerLogTail(docker, name, lines = 20, maxLineChars = 500) {
    // The log driver caps what is stored (see the smoke argv); --tail caps what is read back.
    const logs = await docker.run(['logs', '--tail', String(lines), name], { allowFailure: true, timeoutMs: 30_000 });
    const text = logs.stdout.toString('utf8') + logs.stderr;
    return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .slice(-lines)
        .map((line) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars)}… (cut at ${maxLineChars} characters)` : line));
}
/**
 * Pure: the container's main process from `docker top NAME -o pid,ppid,uid,gid`: the one whose parent is
 * not in the container (the lowest pid if several are).
 */
function mainProcess(topOutput) {
    const rows = topOutput
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.trim().split(/\s+/).map(Number))
        .filter((fields) => fields.length === 4 && fields.every((field) => Number.isInteger(field) && field >= 0));
    const pids = new Set(rows.map(([pid]) => pid));
    const roots = rows.filter(([, ppid]) => !pids.has(ppid)).sort((a, b) => a[0] - b[0]);
    if (roots.length === 0)
        return undefined;
    const [pid, , uid, gid] = roots[0];
    return { pid, uid, gid };
}
/**
 * The uid and gid the container's main process really runs as. `docker top` runs ps where the engine runs,
 * so this works with a remote engine too; under user-namespace remapping or rootless Docker the ids are the
 * engine host's, not the container's.
 */
async function mainProcessIds(docker, name) {
    const top = await docker.run(['top', name, '-o', 'pid,ppid,uid,gid'], { allowFailure: true, timeoutMs: 30_000 });
    return top.exitCode === 0 ? mainProcess(top.stdout.toString('utf8')) : undefined;
}
/** Pure: the rows of `docker ps --format '{{.ID}} {{.Label "image-size-gate.owner"}}'` with a readable owner. */
function parseOwnedContainers(psOutput) {
    return psOutput.split(/\r?\n/).flatMap((line) => {
        const match = /^(\w+) (\S+):(\d+)$/.exec(line.trim());
        return match ? [{ id: match[1], hostname: match[2], pid: Number(match[3]) }] : [];
    });
}
/** Pure: the containers made on this host by a process that no longer exists. */
function orphanedContainers(owned, hostname, isAlive) {
    return owned.filter((container) => container.hostname === hostname && !isAlive(container.pid));
}
/** Whether a process with this pid exists (one we may not signal still exists). */
function processIsAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
/** Removes the containers a killed gate process on this host left behind; returns them. */
async function removeOrphanedContainers(docker, hostname = external_node_os_default().hostname(), isAlive = processIsAlive) {
    const listed = await docker.run(['ps', '--all', '--filter', `label=${OWNER_LABEL_KEY}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL_KEY}"}}`], {
        allowFailure: true,
        timeoutMs: 30_000,
    });
    if (listed.exitCode !== 0)
        return [];
    const orphans = orphanedContainers(parseOwnedContainers(listed.stdout.toString('utf8')), hostname, isAlive);
    await Promise.all(orphans.map((orphan) => removeContainer(docker, orphan.id)));
    return orphans;
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/common/errors.ts
class errors_GateError extends Error {
    step;
    /** Lines that explain the failure (untrusted text: print them with workflow commands stopped). */
    details;
    constructor(step, message, options = {}) {
        super(`${step}: ${message}`, { cause: options.cause });
        this.step = step;
        this.details = options.details ?? [];
    }
}

;// CONCATENATED MODULE: ./src/git/run.ts
// The one way git is run, by the baseline and the history alike: through the process layer, with the same
// time limits, git's own last error line as the reason, and a distinct error when git cannot start at all.

/** Local git calls answer in seconds; a fetch from or a push to the remote may take longer on a large repository. */
const GIT_LOCAL_TIMEOUT_MS = 120_000;
const run_GIT_NETWORK_TIMEOUT_MS = 600_000;
/** Standard output kept: enough for a history branch's cat-file --batch of every record read. */
const MAX_GIT_STDOUT_BYTES = 64 * 1024 * 1024;
/** git is not installed, or could not be started; each caller says which step needed it. */
class GitUnavailableError extends Error {
}
/** Runs `git args` in `cwd` to its end; the result holds whatever exit code git gave. */
async function runGit(cwd, args, options = {}) {
    try {
        return await runProcess('git', args, {
            cwd,
            env: options.env,
            stdin: options.stdin,
            timeoutMs: options.timeoutMs ?? GIT_LOCAL_TIMEOUT_MS,
            maxStdoutBytes: MAX_GIT_STDOUT_BYTES,
        });
    }
    catch (error) {
        throw new GitUnavailableError(`git is not available: ${error.message}`, { cause: error });
    }
}
/** What went wrong, in git's words. */
function run_gitReason(args, result, timeoutMs = GIT_LOCAL_TIMEOUT_MS) {
    if (result.timedOut)
        return `git ${args[0]} did not finish within ${timeoutMs} ms`;
    return lastErrorLine(result.stderr) || `git ${args[0]} exited with code ${result.exitCode}`;
}
/** Runs git synchronously and ignores the outcome: clean-up from a signal handler or the post step. */
function runGitNow(cwd, args) {
    runProcessNow('git', args, { cwd, timeoutMs: 15_000 });
}

;// CONCATENATED MODULE: ./src/git/git.ts
// The git calls the baseline and the config file need, through the one git runner (run.ts): find the repository,
// make sure a commit is present (fetching it from a shallow checkout), check it out into a throw-away worktree,
// find the merge base, and compare or read paths at a commit.






/** git for the baseline's steps: a git that cannot start fails the baseline step, named as such. */
async function git(args, cwd, timeoutMs, env) {
    try {
        return await runGit(cwd, args, { timeoutMs, env });
    }
    catch (error) {
        if (error instanceof GitUnavailableError)
            throw new errors_GateError('baseline', error.message, { cause: error });
        throw error;
    }
}
async function repositoryRoot(directory) {
    const args = ['rev-parse', '--show-toplevel'];
    const result = await git(args, directory);
    if (result.exitCode !== 0)
        throw new errors_GateError('baseline', `"${directory}" is not inside a git repository, so the base commit cannot be built (${run_gitReason(args, result)}); set baseline to an image or none`);
    return result.stdout.toString('utf8').trim();
}
/**
 * Makes sure `commit` is in the local repository, fetching it when the checkout is shallow. `fetchEnv` gives the
 * fetch the token (git/auth.ts tokenEnvironment): with persist-credentials: false a private repository
 * answers nothing without it.
 */
async function ensureCommit(root, commit, log, fetchEnv) {
    if ((await git(['cat-file', '-e', `${commit}^{commit}`], root)).exitCode === 0)
        return;
    log(`Fetching base commit ${commit.slice(0, 12)} (the checkout does not have it)`);
    const args = ['fetch', '--no-tags', '--depth=1', 'origin', commit];
    const fetched = await git(args, root, run_GIT_NETWORK_TIMEOUT_MS, fetchEnv);
    if (fetched.exitCode !== 0) {
        throw new errors_GateError('baseline', `could not fetch base commit ${commit} (${run_gitReason(args, fetched, run_GIT_NETWORK_TIMEOUT_MS)}); give actions/checkout fetch-depth: 0, or set baseline to an image or none`);
    }
}
/**
 * The two git calls that remove a worktree: unregister it (deleting its files), then prune what is left of the
 * registration. Between them the temporary parent directory is deleted. Shared by the awaited removal and the
 * one a signal handler or the post step makes at once.
 */
function worktreeRemoval(directory) {
    return { remove: ['worktree', 'remove', '--force', directory], prune: ['worktree', 'prune'], parent: external_node_path_default().dirname(directory) };
}
/** Checks `commit` out into a new temporary worktree; `remove()` deletes it and its registration. */
async function addWorktree(root, commit) {
    const parent = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'image-size-gate-base-'));
    const directory = external_node_path_default().join(parent, 'tree');
    const args = ['worktree', 'add', '--detach', directory, commit];
    const added = await git(args, root);
    if (added.exitCode !== 0) {
        await (0,promises_namespaceObject.rm)(parent, { recursive: true, force: true });
        throw new errors_GateError('baseline', `could not check out base commit ${commit.slice(0, 12)} into a worktree: ${run_gitReason(args, added)}`);
    }
    return {
        directory,
        remove: async () => {
            const removal = worktreeRemoval(directory);
            await git(removal.remove, root);
            await (0,promises_namespaceObject.rm)(removal.parent, { recursive: true, force: true });
            await git(removal.prune, root);
        },
    };
}
/** Removes a baseline worktree at once, synchronously (from a signal handler, and by the post step). */
function removeWorktreeNow(root, directory) {
    const removal = worktreeRemoval(directory);
    runGitNow(root, removal.remove);
    (0,external_node_fs_namespaceObject.rmSync)(removal.parent, { recursive: true, force: true });
    runGitNow(root, removal.prune);
}
/** How deep the base and head are fetched, in turn, to find where they meet in a shallow checkout. */
const MERGE_BASE_DEPTHS = (/* unused pure expression or super */ null && ([64, 512]));
/**
 * Where the pull request's head left its base (git merge-base), fetching more of both histories when the
 * checkout is too shallow to tell; undefined when even the deepest fetch does not reach it.
 */
async function mergeBase(root, base, head, log, fetchEnv) {
    const find = async () => {
        const result = await git(['merge-base', base, head], root);
        return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined;
    };
    const present = async () => (await git(['cat-file', '-e', `${base}^{commit}`], root)).exitCode === 0 &&
        (await git(['cat-file', '-e', `${head}^{commit}`], root)).exitCode === 0;
    if (await present()) {
        const found = await find();
        if (found)
            return found;
    }
    for (const depth of MERGE_BASE_DEPTHS) {
        log(`Fetching ${depth} commits of the base and the head to find their merge base (the checkout is shallow)`);
        const fetched = await git(['fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', base, head], root, GIT_NETWORK_TIMEOUT_MS, fetchEnv);
        if (fetched.exitCode !== 0) {
            log(`Could not fetch the base and the head: ${gitReason(['fetch'], fetched, GIT_NETWORK_TIMEOUT_MS)}`);
            return undefined;
        }
        const found = await find();
        if (found)
            return found;
    }
    return undefined;
}
/** The committer time of a commit (ISO 8601), fetching nothing. */
async function commitTime(root, commit) {
    const args = ['show', '-s', '--format=%cI', commit];
    const result = await git(args, root);
    if (result.exitCode !== 0)
        throw new GateError('baseline', `could not read commit ${commit.slice(0, 12)}: ${gitReason(args, result)}`);
    return result.stdout.toString('utf8').trim();
}
/** Whether any file under `paths` (relative to the root) differs between two commits (both present). */
async function pathsChanged(root, base, head, paths) {
    const args = ['diff', '--quiet', base, head, '--', ...paths];
    const result = await git(args, root);
    if (result.exitCode > 1)
        throw new errors_GateError('baseline', `could not compare ${base.slice(0, 12)} with ${head.slice(0, 12)}: ${run_gitReason(args, result)}`);
    return result.exitCode === 1;
}
/** A file's text at a commit, or undefined when the commit has no such file. */
async function fileAt(root, commit, file) {
    const result = await git(['show', `${commit}:${file}`], root);
    return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined;
}
/** The commit the first of `refs` that exists points at, or undefined when none does. */
async function firstCommitOf(root, refs) {
    for (const ref of refs) {
        const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
        if (result.exitCode === 0)
            return result.stdout.toString('utf8').trim();
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/gate/cancel.ts
// Cancellation: the runner sends SIGINT, then SIGTERM, then kills. Stop every docker client we started and
// remove our containers at once, synchronously, before the process goes.



function installCancelGuard(docker, onCancel) {
    const containers = new Set();
    const worktrees = [];
    const handler = (signal) => {
        docker.killAll('SIGTERM');
        for (const name of containers)
            removeContainerNow(docker, name);
        // Containers not tracked by name (the stopped one that reads /etc/passwd) carry this process's owner label.
        removeContainersOwnedByNow(docker, ownerId());
        for (const worktree of worktrees)
            if ((0,external_node_fs_namespaceObject.existsSync)(worktree.directory))
                removeWorktreeNow(worktree.root, worktree.directory);
        onCancel(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return {
        track: (name) => containers.add(name),
        trackWorktree: (root, directory) => worktrees.push({ root, directory }),
        dispose: () => {
            process.off('SIGINT', handler);
            process.off('SIGTERM', handler);
        },
    };
}

;// CONCATENATED MODULE: ./src/docker/exec.ts


class DockerError extends Error {
    args;
    exitCode;
    stderr;
    constructor(message, args, exitCode, stderr) {
        super(message);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
class Docker {
    binary;
    live = new Set();
    /** setpriv's words when it works here; detected on the first call, once per instance. */
    launcher;
    constructor(binary = 'docker') {
        this.binary = binary;
    }
    options(options) {
        this.launcher ??= { words: detectDeathSignalLauncher() };
        return { ...options, launcher: this.launcher.words, live: this.live };
    }
    /** Runs `docker ...args`; throws DockerError (message = docker's last error line) on a non-zero exit. */
    async run(args, options = {}) {
        const result = await runProcess(this.binary, args, this.options(options)).catch((error) => {
            throw this.startError(error, args);
        });
        const failure = failureReason(args, result, options);
        if (failure !== undefined && !options.allowFailure)
            throw new DockerError(failure, args, result.exitCode, result.stderr);
        return { exitCode: result.exitCode, stdout: result.stdout, stdoutCut: result.stdoutCut, stderr: result.stderr };
    }
    /**
     * Runs a call whose standard output is too large to hold (docker save): the caller reads `stdout` as a
     * stream; `finished` resolves when the client exits and rejects like run() does on a failure.
     */
    stream(args) {
        const { stdout, finished } = streamProcess(this.binary, args, this.options({}));
        return {
            stdout,
            finished: finished.then((result) => {
                const failure = failureReason(args, result, {});
                if (failure !== undefined)
                    throw new DockerError(failure, args, result.exitCode, result.stderr);
            }, (error) => {
                throw this.startError(error, args);
            }),
        };
    }
    /** Runs a call and returns its standard output as trimmed text. */
    async text(args, options = {}) {
        return (await this.run(args, { ...options, allowFailure: false })).stdout.toString('utf8').trim();
    }
    /** Stops every docker client this wrapper started and that is still running (on cancellation). */
    killAll(signal = 'SIGTERM') {
        for (const child of this.live)
            child.kill(signal);
    }
    startError(error, args) {
        if (!(error instanceof ProcessStartError))
            return error;
        const reason = error.code === 'ENOENT'
            ? `the docker client "${this.binary}" is not installed or not on PATH`
            : `could not start the docker client: ${error.message}`;
        return new DockerError(reason, args, -1, '');
    }
}
/** Why a finished call failed, in docker's own words where it gave some; undefined when it succeeded. */
function failureReason(args, result, options) {
    if (result.timedOut)
        return `docker ${args[0]} did not finish within ${options.timeoutMs} ms`;
    if (result.exitCode === 0 && result.stdoutCut)
        return `docker ${args[0]} printed more than the ${units_formatBytes(options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT_BYTES, 'binary')} of output the gate reads`;
    if (result.exitCode === 0)
        return undefined;
    if (result.signal)
        return `docker ${args[0]} was stopped by ${result.signal}`;
    return lastErrorLine(result.stderr) || `docker ${args[0]} exited with code ${result.exitCode}`;
}

;// CONCATENATED MODULE: ./src/common/background.ts
// Work the gate starts but need not wait for at once: removing a smoke container (100 to 200 ms of the
// engine's time) while the layers are read. It must still be over before anything it would disturb (the
// next smoke test) and before the gate returns, so the gate leaves nothing behind.
class BackgroundWork {
    #pending = new Set();
    /** Tracks `work`; its failure is the work's own business (removals run with allowFailure). */
    start(work) {
        const tracked = work
            .then(() => undefined, () => undefined)
            .finally(() => this.#pending.delete(tracked));
        this.#pending.add(tracked);
    }
    /** Resolves once every piece of work started so far, and any it started in turn, is over. */
    async drain() {
        while (this.#pending.size > 0)
            await Promise.all([...this.#pending]);
    }
    get size() {
        return this.#pending.size;
    }
}

;// CONCATENATED MODULE: ./src/docker/inspect.ts
// Reading an image's metadata (docker image inspect); files from its filesystem are read by analysis/image-files.ts.


/** Pure: the fields the gate uses from one `docker image inspect` object. */
function parseInspect(raw) {
    return {
        id: raw.Id,
        sizeBytes: raw.Size,
        layerCount: raw.RootFS?.Layers?.length ?? 0,
        user: raw.Config?.User ?? '',
        exposedPorts: Object.keys(raw.Config?.ExposedPorts ?? {}),
        volumes: Object.keys(raw.Config?.Volumes ?? {}),
        os: raw.Os ?? '',
        architecture: raw.Architecture ?? '',
        repoTags: raw.RepoTags ?? [],
    };
}
/** The image is not in the local engine (it may still be pulled). */
class ImageNotFoundError extends errors_GateError {
}
async function inspectImage(docker, reference) {
    let text;
    try {
        // All of it is needed, and an image's config (labels, env) can be large: a cap well above any real one.
        text = await docker.text(['image', 'inspect', '--format', '{{json .}}', '--', reference], { maxStdoutBytes: 64 * 1024 * 1024 });
    }
    catch (error) {
        if (error instanceof DockerError && /no such image/i.test(error.message)) {
            throw new ImageNotFoundError('image', `image "${reference}" does not exist locally; build or pull it first, or leave image empty to build the Dockerfile`, { cause: error });
        }
        throw new errors_GateError('image', `could not inspect image "${reference}": ${error.message}`, { cause: error });
    }
    return parseInspect(JSON.parse(text));
}

;// CONCATENATED MODULE: ./src/docker/build.ts
// Building the image: pure argv construction, and the call that streams the log and reads the image id.








/** docker argv for a build that writes the image id to `iidFile`. */
function buildArgv(request, builder, iidFile) {
    // The classic builder keeps the container of a failed step unless told --force-rm; leave nothing behind.
    const argv = builder === 'buildx' ? ['buildx', 'build', '--load', '--progress=plain'] : ['build', '--force-rm'];
    argv.push('--iidfile', iidFile);
    if (builder === 'buildx' && request.builder)
        argv.push('--builder', request.builder);
    if (request.platforms && request.platforms.length > 0)
        argv.push('--platform', request.platforms.join(','));
    if (request.dockerfile)
        argv.push('--file', request.dockerfile);
    if (request.target)
        argv.push('--target', request.target);
    for (const arg of request.buildArgs)
        argv.push('--build-arg', arg);
    if (request.tag)
        argv.push('--tag', request.tag);
    argv.push(request.context);
    return argv;
}
/**
 * The output of the step that failed, from a build log: the lines after the last step header
 * (`Step 3/7 : RUN ...` for the classic builder, `#7 [build 3/5] RUN ...` for BuildKit), last `maxLines` of them.
 */
function failingStepOutput(logLines, maxLines = 25) {
    let start = 0;
    let failingBuildkitStep;
    for (let index = logLines.length - 1; index >= 0; index -= 1) {
        const errorMatch = /^#(\d+) ERROR/.exec(logLines[index]);
        if (errorMatch)
            failingBuildkitStep = errorMatch[1];
    }
    if (failingBuildkitStep !== undefined) {
        const prefix = `#${failingBuildkitStep} `;
        return logLines.filter((line) => line.startsWith(prefix)).slice(-maxLines);
    }
    for (let index = logLines.length - 1; index >= 0; index -= 1) {
        if (/^Step \d+\/\d+ :/.test(logLines[index])) {
            start = index;
            break;
        }
    }
    return logLines
        .slice(start)
        .filter((line) => line.trim() !== '')
        .slice(-maxLines);
}
/** Lines of build log kept for the failure output: enough to find the failing step's start. Each is bounded too. */
const KEPT_LOG_LINES = 200;
/**
 * What the failure adds to the log, which has streamed the whole build already: the failing step's output, minus
 * a last line that only repeats the error message printed right after it.
 */
function failureDetails(keptLines, errorMessage, maxLines = 25) {
    const output = failingStepOutput(keptLines, maxLines);
    if (output.length > 0 && lastErrorLine(output[output.length - 1]) === errorMessage)
        output.pop();
    return output;
}
async function buildImage(docker, builder, request, onLine) {
    await checkBuildInputs(request);
    const workDir = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'image-size-gate-build-'));
    // A cancelled run ends in process.exit() from the signal handler, before the finally below runs.
    const removeOnExit = () => (0,external_node_fs_namespaceObject.rmSync)(workDir, { recursive: true, force: true });
    process.once('exit', removeOnExit);
    const iidFile = external_node_path_default().join(workDir, 'iid');
    const keptLines = new LineTail(KEPT_LOG_LINES);
    const started = performance.now();
    try {
        await docker.run(buildArgv(request, builder, iidFile), {
            // The classic builder must be asked for explicitly: a DOCKER_BUILDKIT=1 in the environment makes a client
            // without buildx fail instead of building.
            env: builder === 'classic' ? { DOCKER_BUILDKIT: '0' } : {},
            // The log is streamed line by line and not kept: only its last lines, for the failure output.
            onLine: (line) => {
                keptLines.push(line);
                onLine(line);
            },
        });
        const imageId = (await (0,promises_namespaceObject.readFile)(iidFile, 'utf8')).trim();
        if (!imageId)
            throw new errors_GateError('build', 'the build finished but reported no image id');
        return { imageId, durationMs: performance.now() - started };
    }
    catch (error) {
        if (error instanceof DockerError) {
            const details = failureDetails(keptLines.lines(), error.message);
            throw new errors_GateError('build', `docker build failed: ${error.message}`, { cause: error, details });
        }
        throw error;
    }
    finally {
        process.off('exit', removeOnExit);
        await (0,promises_namespaceObject.rm)(workDir, { recursive: true, force: true });
    }
}
async function checkBuildInputs(request) {
    const contextStat = await (0,promises_namespaceObject.stat)(request.context).catch(() => undefined);
    if (!contextStat?.isDirectory()) {
        throw new errors_GateError('build', `context "${request.context}" is not a directory; set context to the folder to build (e.g. context: .)`);
    }
    const dockerfile = request.dockerfile ?? external_node_path_default().join(request.context, 'Dockerfile');
    const dockerfileStat = await (0,promises_namespaceObject.stat)(dockerfile).catch(() => undefined);
    if (!dockerfileStat?.isFile()) {
        throw new errors_GateError('build', `Dockerfile "${dockerfile}" was not found; set dockerfile to its path (e.g. dockerfile: ${external_node_path_default().join(request.context, 'Dockerfile')}) or image to a built image`);
    }
}

;// CONCATENATED MODULE: ./src/gate/build.ts
// Building an image inside a log group, the same way for the PR image and the baseline, and the name the
// reports give the image.



function displayName(options) {
    if (options.name)
        return options.name;
    if (options.image)
        return options.image;
    if (options.archive)
        return options.archive;
    if (options.tag)
        return options.tag;
    return options.dockerfile ? external_node_path_default().normalize(options.dockerfile) : external_node_path_default().normalize(external_node_path_default().join(options.context, 'Dockerfile'));
}
/** Builds inside a log group whose lines are echoed as untrusted text. */
async function buildWithLog(step, { docker, log }) {
    const { options, builder, context, dockerfile, label } = step;
    const platforms = options.platforms.length > 0 ? `, ${options.platforms.join(', ')}` : '';
    const built = await log.group(`Build the ${label}: ${dockerfile} (${builder} builder${platforms})`, async () => {
        const stream = log.untrusted();
        try {
            const { target, buildArgs, platforms } = options;
            const request = { context, dockerfile, target, buildArgs, platforms, tag: step.tag, builder: options.builder };
            return await buildImage(docker, builder, request, (line) => stream.line(line));
        }
        finally {
            stream.end();
        }
    });
    log.info(`Built the ${label} ${built.imageId} in ${units_formatDurationMs(built.durationMs)}`);
    return built;
}

;// CONCATENATED MODULE: ./src/analysis/image-index.ts
// Finding the images a `docker save` archive holds, from its small JSON members. Pure.
// Three layouts are met:
// - the classic docker-archive: `manifest.json` names `<config-hex>.json` and `<id>/layer.tar` members;
// - the OCI layout the classic store writes since Docker 25: `index.json` -> manifest -> config, layers as
//   uncompressed blobs;
// - the containerd image store's OCI layout: `index.json` names an image index (a manifest list) whose
//   entries are one manifest per platform plus attestation manifests (platform `unknown/unknown`, annotated
//   `vnd.docker.reference.type: attestation-manifest`, config without layers), layers as gzip (or zstd) blobs.
// The image id the engine gives is the config's digest on the classic store and the digest of the index
// (or manifest) on the containerd store, so the walk starts from whichever document that digest names.
class ImageIndexError extends Error {
}
const ATTESTATION = 'attestation-manifest';
const MAX_DEPTH = 4;
function hexOf(digest) {
    const match = /^(?:sha256:)?([0-9a-f]{64})$/.exec(digest ?? '');
    return match?.[1];
}
function parse(text) {
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isAttestation(descriptor) {
    const platform = descriptor.platform;
    return (descriptor.annotations?.['vnd.docker.reference.type'] === ATTESTATION ||
        (platform?.os === 'unknown' && platform.architecture === 'unknown'));
}
function platformName(config) {
    return [config.os || 'unknown', config.architecture || 'unknown', config.variant].filter(Boolean).join('/');
}
function summarize(config) {
    return {
        os: config.os ?? '',
        architecture: config.architecture ?? '',
        variant: config.variant,
        user: config.config?.User ?? '',
        exposedPorts: Object.keys(config.config?.ExposedPorts ?? {}),
        volumes: Object.keys(config.config?.Volumes ?? {}),
    };
}
/** The documents of an archive by digest (blobs, classic `<hex>.json` configs) and by name (index.json, manifest.json). */
class ArchiveDocuments {
    jsonByName;
    constructor(jsonByName) {
        this.jsonByName = jsonByName;
    }
    byName(name) {
        return parse(this.jsonByName.get(name));
    }
    byDigest(digest) {
        const hex = hexOf(digest);
        if (!hex)
            return undefined;
        return parse(this.jsonByName.get(`blobs/sha256/${hex}`) ?? this.jsonByName.get(`${hex}.json`));
    }
}
/**
 * Every image (one per platform) the archive holds for `imageId`, or for the archive's own index when no id
 * is given. Attestation manifests are skipped; platforms whose blobs the archive lacks are skipped too.
 */
function findImages(documents, imageId) {
    const images = [];
    // Each document once: a hostile archive may name one sub-index from many places, or from itself.
    const visited = new Set();
    /** The document a digest names, once: undefined when it was visited already. */
    const firstTime = (digest) => {
        const key = hexOf(digest) ?? digest ?? '';
        if (visited.has(key))
            return undefined;
        visited.add(key);
        return documents.byDigest(digest);
    };
    const visit = (document, digest, depth) => {
        if (!document || typeof document !== 'object' || depth > MAX_DEPTH)
            return;
        const doc = document;
        if (Array.isArray(doc.manifests)) {
            for (const entry of doc.manifests)
                if (!isAttestation(entry))
                    visit(firstTime(entry.digest), entry.digest, depth + 1);
        }
        else if (doc.config && Array.isArray(doc.layers)) {
            visit(firstTime(doc.config.digest), doc.config.digest, depth + 1);
        }
        else if (doc.rootfs !== undefined && digest) {
            addConfig(images, doc, digest);
        }
    };
    if (imageId) {
        const start = firstTime(imageId);
        if (start === undefined)
            throw new ImageIndexError(`the archive does not contain the image ${imageId}`);
        visit(start, imageId, 0);
    }
    else {
        const index = documents.byName('index.json');
        if (index)
            visit(index, undefined, 0);
        else
            visitClassicManifest(documents, (config, digest) => addConfig(images, config, digest));
    }
    if (images.length === 0)
        throw new ImageIndexError('the archive holds no image config with layers (rootfs.diff_ids) for any platform');
    return images;
}
function visitClassicManifest(documents, onConfig) {
    const manifest = documents.byName('manifest.json');
    const first = Array.isArray(manifest) ? manifest[0] : undefined;
    const hex = hexOf(first?.Config?.replace(/^blobs\/sha256\//, '').replace(/\.json$/, ''));
    const config = hex ? documents.byDigest(hex) : undefined;
    if (hex && config && typeof config === 'object')
        onConfig(config, `sha256:${hex}`);
}
function addConfig(images, config, digest) {
    const diffIds = config.rootfs?.diff_ids;
    if (!Array.isArray(diffIds))
        return;
    const configDigest = `sha256:${hexOf(digest)}`;
    if (images.some((image) => image.configDigest === configDigest))
        return;
    images.push({ platform: platformName(config), configDigest, config: summarize(config), diffIds, history: config.history ?? [] });
}

;// CONCATENATED MODULE: ./src/analysis/tar.ts
// A synchronous, push-style tar reader: bytes go in with write(), entries come out as calls on the
// handler, and an entry's data is handed over as views of the input chunks, never copied. It reads what
// Go's archive/tar writes (Docker's layers and `docker save`): ustar, PAX extended headers (path, linkpath,
// size) and GNU long names, and follows Go in treating links, devices, directories and FIFOs as having no
// data whatever their size field says. It is synchronous so that a layer with 20,000 small files costs no
// stream objects or promises per file (see BENCHMARKS.md).
class TarFormatError extends Error {
}
const BLOCK = 512;
const TYPES = {
    '0': 'file',
    '\0': 'file',
    '1': 'link',
    '2': 'symlink',
    '3': 'character-device',
    '4': 'block-device',
    '5': 'directory',
    '6': 'fifo',
    '7': 'contiguous-file',
};
const HEADER_ONLY = new Set(['link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo']);
class TarReader {
    onEntry;
    state = { kind: 'header' };
    /** A header split across chunks is gathered here. */
    headerBuffer = Buffer.alloc(BLOCK);
    headerFilled = 0;
    /** Byte offset of the next byte to read, for error messages. */
    offset = 0;
    /** PAX and GNU overrides for the next entry, and PAX globals for all that follow. */
    next = {};
    global = {};
    constructor(onEntry) {
        this.onEntry = onEntry;
    }
    write(chunk) {
        let position = 0;
        while (position < chunk.length) {
            const state = this.state;
            switch (state.kind) {
                case 'ended':
                    // Whatever follows the end-of-archive block (the rest of the record) is padding.
                    this.offset += chunk.length - position;
                    return;
                case 'header': {
                    let block;
                    if (this.headerFilled === 0 && chunk.length - position >= BLOCK) {
                        block = chunk.subarray(position, position + BLOCK);
                        position += BLOCK;
                    }
                    else {
                        const taken = Math.min(BLOCK - this.headerFilled, chunk.length - position);
                        chunk.copy(this.headerBuffer, this.headerFilled, position, position + taken);
                        this.headerFilled += taken;
                        position += taken;
                        if (this.headerFilled < BLOCK) {
                            this.offset += taken;
                            return;
                        }
                        block = this.headerBuffer;
                        this.headerFilled = 0;
                        this.offset -= BLOCK - taken;
                    }
                    this.readHeader(block);
                    this.offset += BLOCK;
                    break;
                }
                case 'data':
                case 'meta': {
                    const taken = Math.min(state.remaining, chunk.length - position);
                    if (taken > 0) {
                        const piece = chunk.subarray(position, position + taken);
                        if (state.kind === 'data')
                            state.sink?.data(piece);
                        else
                            state.parts.push(Buffer.from(piece));
                    }
                    state.remaining -= taken;
                    position += taken;
                    this.offset += taken;
                    if (state.remaining === 0) {
                        if (state.kind === 'data')
                            state.sink?.end();
                        else
                            this.readMeta(state.type, Buffer.concat(state.parts));
                        this.state = state.padding > 0 ? { kind: 'padding', remaining: state.padding } : { kind: 'header' };
                    }
                    break;
                }
                case 'padding': {
                    const taken = Math.min(state.remaining, chunk.length - position);
                    state.remaining -= taken;
                    position += taken;
                    this.offset += taken;
                    if (state.remaining === 0)
                        this.state = { kind: 'header' };
                    break;
                }
            }
        }
    }
    /** Checks that the archive did not stop in the middle of an entry. */
    end() {
        const kind = this.state.kind;
        if (kind === 'data' || kind === 'meta' || kind === 'padding' || (kind === 'header' && this.headerFilled > 0)) {
            throw new TarFormatError(`the tar stream ends in the middle of an entry (at byte ${this.offset})`);
        }
    }
    readHeader(block) {
        if (isZeroBlock(block)) {
            this.state = { kind: 'ended' };
            return;
        }
        verifyChecksum(block, this.offset);
        const typeFlag = String.fromCharCode(block[156]);
        const storedSize = readNumber(block, 124, 12, this.offset);
        if (typeFlag === 'x' || typeFlag === 'g' || typeFlag === 'L' || typeFlag === 'K') {
            const size = storedSize;
            const padding = (BLOCK - (size % BLOCK)) % BLOCK;
            if (size > 16 * 1024 * 1024)
                throw new TarFormatError(`a tar extended header of ${size} bytes at byte ${this.offset} is too large`);
            this.state = { kind: 'meta', remaining: size, padding, type: typeFlag, parts: [] };
            if (size === 0) {
                this.readMeta(typeFlag, Buffer.alloc(0));
                this.state = { kind: 'header' };
            }
            return;
        }
        const type = TYPES[typeFlag] ?? 'other';
        const size = this.next.size ?? this.global.size ?? storedSize;
        const header = {
            name: this.next.path ?? this.global.path ?? headerName(block),
            type,
            size: HEADER_ONLY.has(type) ? 0 : size,
            mode: readNumber(block, 100, 8, this.offset),
            linkName: this.next.linkpath ?? this.global.linkpath ?? cString(block, 157, 100),
            linkNameBytes: this.next.linkpathBytes ?? this.global.linkpathBytes ?? cStringLength(block, 157, 100),
        };
        this.next = {};
        const sink = this.onEntry(header);
        if (header.size === 0) {
            sink?.end();
            this.state = { kind: 'header' };
        }
        else {
            this.state = { kind: 'data', remaining: header.size, padding: (BLOCK - (header.size % BLOCK)) % BLOCK, sink };
        }
    }
    readMeta(type, data) {
        if (type === 'L')
            this.next.path = cString(data, 0, data.length);
        else if (type === 'K') {
            this.next.linkpath = cString(data, 0, data.length);
            this.next.linkpathBytes = cStringLength(data, 0, data.length);
        }
        else
            Object.assign(type === 'x' ? this.next : this.global, parsePaxRecords(data, this.offset));
    }
}
function isZeroBlock(block) {
    for (let index = 0; index < BLOCK; index += 1)
        if (block[index] !== 0)
            return false;
    return true;
}
function verifyChecksum(block, offset) {
    let unsigned = 0;
    let signed = 0;
    for (let index = 0; index < BLOCK; index += 1) {
        const byte = index >= 148 && index < 156 ? 0x20 : block[index];
        unsigned += byte;
        signed += byte > 127 ? byte - 256 : byte;
    }
    const stored = readOctal(block, 148, 8);
    if (stored !== unsigned && stored !== signed)
        throw new TarFormatError(`not a valid tar header at byte ${offset} (checksum mismatch)`);
}
/** A NUL-terminated string field. */
function cString(buffer, start, length) {
    return buffer.toString('utf8', start, start + cStringLength(buffer, start, length));
}
function cStringLength(buffer, start, length) {
    let end = start;
    const limit = start + length;
    while (end < limit && buffer[end] !== 0)
        end += 1;
    return end - start;
}
/** The name, with the ustar prefix when the header is POSIX ustar (GNU headers use that field for times). */
function headerName(block) {
    const name = cString(block, 0, 100);
    const posix = block[257] === 0x75 && block[262] === 0 && block.toString('latin1', 257, 262) === 'ustar';
    if (!posix || block[345] === 0)
        return name;
    return `${cString(block, 345, 155)}/${name}`;
}
function readOctal(buffer, start, length) {
    let value = 0;
    let index = start;
    const end = start + length;
    while (index < end && (buffer[index] === 0x20 || buffer[index] === 0))
        index += 1;
    for (; index < end; index += 1) {
        const byte = buffer[index];
        if (byte < 0x30 || byte > 0x37)
            break;
        value = value * 8 + (byte - 0x30);
    }
    return value;
}
/** A numeric field: octal text, or GNU's base-256 binary when the first byte's high bit is set. */
function readNumber(buffer, start, length, offset) {
    if ((buffer[start] & 0x80) === 0)
        return readOctal(buffer, start, length);
    if (buffer[start] === 0xff)
        throw new TarFormatError(`a negative number in the tar header at byte ${offset}`);
    let value = buffer[start] & 0x7f;
    for (let index = start + 1; index < start + length; index += 1)
        value = value * 256 + buffer[index];
    if (!Number.isSafeInteger(value))
        throw new TarFormatError(`a number too large in the tar header at byte ${offset}`);
    return value;
}
/** PAX records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePaxRecords(data, offset) {
    const overrides = {};
    let position = 0;
    while (position < data.length) {
        const space = data.indexOf(0x20, position);
        const length = space > position ? Number(data.toString('latin1', position, space)) : NaN;
        if (!Number.isInteger(length) || length <= 0 || position + length > data.length) {
            if (data.subarray(position).every((byte) => byte === 0))
                break;
            throw new TarFormatError(`a malformed PAX record in the tar header before byte ${offset}`);
        }
        const record = data.toString('utf8', space + 1, position + length - 1);
        const equals = record.indexOf('=');
        const key = record.slice(0, equals);
        const value = record.slice(equals + 1);
        if (key === 'path')
            overrides.path = value;
        else if (key === 'linkpath') {
            overrides.linkpath = value;
            // The record's bytes after "linkpath=", up to its closing newline.
            overrides.linkpathBytes = position + length - 1 - (space + 1) - 'linkpath='.length;
        }
        else if (key === 'size') {
            const size = Number(value);
            if (!Number.isSafeInteger(size) || size < 0)
                throw new TarFormatError(`a PAX size "${value}" that is not a byte count, before byte ${offset}`);
            overrides.size = size;
        }
        position += length;
    }
    return overrides;
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/analysis/gzip-size.ts
// The gzip-compressed size of a byte stream, computed on several threads at once.
// Like pigz, the stream is cut into blocks that are deflated independently on zlib's thread pool, each
// primed with the previous block's last 32 KiB as its dictionary, so the result stays within a fraction
// of a percent of one single-threaded gzip stream at the same level (docker push uses level 6, the default).
// Block buffers are reused, so the memory in use stays the same however many bytes pass through.


const deflateRawAsync = (0,external_node_util_namespaceObject.promisify)(external_node_zlib_namespaceObject.deflateRaw);
const GZIP_LEVEL = 6;
const BLOCK_BYTES = 1024 * 1024;
const WINDOW_BYTES = 32 * 1024;
/** Room for a block's deflated output even when it does not compress (deflate adds 5 bytes per 16 KiB stored). */
const OUTPUT_BYTES = BLOCK_BYTES + 64 * 1024;
/** gzip's fixed 10-byte header and 8-byte trailer (CRC32 and length). */
const GZIP_FRAMING_BYTES = 18;
class GzipSizer {
    maxInFlight;
    /** Free block buffers, reused so that memory stays flat however many bytes pass through. */
    free = [];
    block;
    filled = 0;
    previousTail;
    inFlight = new Set();
    waiting = [];
    compressedBytes = 0;
    failure;
    constructor(maxInFlight = 4) {
        this.maxInFlight = maxInFlight;
        this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    }
    /** Copies `chunk` in and hands every full block to the thread pool; never waits (see ready()). */
    write(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
            const copied = chunk.copy(this.block, this.filled, offset);
            this.filled += copied;
            offset += copied;
            if (this.filled === BLOCK_BYTES)
                this.submit(false);
        }
    }
    /** Back-pressure: a promise to wait for when enough blocks are being deflated, else undefined. */
    ready() {
        if (this.inFlight.size < this.maxInFlight)
            return undefined;
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    submit(last) {
        const block = this.block;
        const input = block.subarray(0, this.filled);
        // One output buffer big enough for the whole block, so zlib deflates it in one pass on the thread pool
        // instead of returning to the main thread for every 16 KiB it writes.
        const options = {
            level: GZIP_LEVEL,
            finishFlush: last ? external_node_zlib_namespaceObject.constants.Z_FINISH : external_node_zlib_namespaceObject.constants.Z_SYNC_FLUSH,
            chunkSize: OUTPUT_BYTES,
        };
        if (this.previousTail)
            options.dictionary = this.previousTail;
        this.previousTail = Buffer.from(input.subarray(Math.max(0, input.length - WINDOW_BYTES)));
        const deflated = deflateRawAsync(input, options).then((out) => {
            this.compressedBytes += out.length;
            this.release(deflated, block);
        }, (error) => {
            this.failure ??= error;
            this.release(deflated, block);
        });
        this.inFlight.add(deflated);
        this.filled = 0;
        this.block = this.free.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    }
    release(deflated, block) {
        this.inFlight.delete(deflated);
        this.free.push(block);
        while (this.waiting.length > 0 && this.inFlight.size < this.maxInFlight)
            this.waiting.shift()();
    }
    /** Finishes the stream and returns its gzip size in bytes. */
    async finish() {
        this.submit(true);
        while (this.inFlight.size > 0)
            await Promise.all([...this.inFlight]);
        this.free.length = 0;
        if (this.failure !== undefined)
            throw this.failure;
        return this.compressedBytes + GZIP_FRAMING_BYTES;
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/analysis/elf.ts
// Pure: what an ELF binary's headers say about it: is it static, does it carry a symbol table or debug
// sections, and how many bytes would `strip` (or Go's -ldflags '-s -w') remove.
// Only the file header, the program headers and the section headers are read; never the sections.
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const ELF_HEADER_BYTES = 64;
const ELF_TYPE_RELOCATABLE = 1;
const PT_INTERP = 3;
const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHF_ALLOC = 0x2;
function isElf(start) {
    return start.length >= 4 && start.subarray(0, 4).equals(ELF_MAGIC);
}
function reader(buffer, littleEndian) {
    return {
        u16: (offset) => (littleEndian ? buffer.readUInt16LE(offset) : buffer.readUInt16BE(offset)),
        u32: (offset) => (littleEndian ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset)),
        u64: (offset) => Number(littleEndian ? buffer.readBigUInt64LE(offset) : buffer.readBigUInt64BE(offset)),
    };
}
/** Parses the ELF file header; undefined when `start` is not a complete ELF header. */
function parseElfHeader(start) {
    if (!isElf(start) || start.length < 52)
        return undefined;
    const is64Bit = start[4] === 2;
    const littleEndian = start[5] === 1;
    if (is64Bit && start.length < ELF_HEADER_BYTES)
        return undefined;
    const read = reader(start, littleEndian);
    const fileType = read.u16(0x10);
    return is64Bit
        ? {
            fileType,
            is64Bit,
            littleEndian,
            programHeaderOffset: read.u64(0x20),
            sectionHeaderOffset: read.u64(0x28),
            programHeaderEntrySize: read.u16(0x36),
            programHeaderCount: read.u16(0x38),
            sectionHeaderEntrySize: read.u16(0x3a),
            sectionHeaderCount: read.u16(0x3c),
            sectionNameTableIndex: read.u16(0x3e),
        }
        : {
            fileType,
            is64Bit,
            littleEndian,
            programHeaderOffset: read.u32(0x1c),
            sectionHeaderOffset: read.u32(0x20),
            programHeaderEntrySize: read.u16(0x2a),
            programHeaderCount: read.u16(0x2c),
            sectionHeaderEntrySize: read.u16(0x2e),
            sectionHeaderCount: read.u16(0x30),
            sectionNameTableIndex: read.u16(0x32),
        };
}
/** True when the program headers (found in `start`, the file's first bytes) ask for an interpreter (dynamic linking). */
function hasInterpreter(start, header) {
    const end = header.programHeaderOffset + header.programHeaderCount * header.programHeaderEntrySize;
    if (end > start.length)
        return undefined;
    const read = reader(start, header.littleEndian);
    for (let index = 0; index < header.programHeaderCount; index += 1) {
        if (read.u32(header.programHeaderOffset + index * header.programHeaderEntrySize) === PT_INTERP)
            return true;
    }
    return false;
}
/** Reads the section header table (`table` holds exactly its bytes). */
function parseSectionTable(table, header) {
    const read = reader(table, header.littleEndian);
    let hasSymbolTable = false;
    let strippableBytes = 0;
    for (let index = 0; index < header.sectionHeaderCount; index += 1) {
        const base = index * header.sectionHeaderEntrySize;
        if (base + header.sectionHeaderEntrySize > table.length)
            break;
        const type = read.u32(base + 4);
        const flags = header.is64Bit ? read.u64(base + 8) : read.u32(base + 8);
        const size = header.is64Bit ? read.u64(base + 0x20) : read.u32(base + 0x14);
        if (type === SHT_SYMTAB)
            hasSymbolTable = true;
        const loaded = (flags & SHF_ALLOC) !== 0;
        if (!loaded && type !== SHT_NULL && type !== SHT_NOBITS && index !== header.sectionNameTableIndex)
            strippableBytes += size;
    }
    return { hasSymbolTable, strippableBytes };
}
/** Byte range of the section header table within the file. */
function sectionTableRange(header) {
    return { start: header.sectionHeaderOffset, end: header.sectionHeaderOffset + header.sectionHeaderCount * header.sectionHeaderEntrySize };
}

;// CONCATENATED MODULE: ./src/user/go-text.ts
// Go's text primitives that decide how Docker reads USER, /etc/passwd and /etc/group, redone exactly:
// strconv.Atoi (64-bit int), bytes.TrimSpace and the line splitting of bufio.Scanner / bufio.Reader.
// Go compares bytes, not characters, so the text here is a "byte string": one char per byte (latin1).
/** A JS string as the bytes Go would see (UTF-8), one char per byte. */
function byteString(text) {
    return Buffer.from(text, 'utf8').toString('latin1');
}
/** A byte string back as text (invalid UTF-8 becomes U+FFFD), for messages. */
function textOf(bytes) {
    return Buffer.from(bytes, 'latin1').toString('utf8');
}
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
/**
 * strconv.Atoi: an optional '+' or '-', then ASCII digits only (no spaces, no underscores, no base prefix).
 * Like ParseUint it reports a syntax error at the first non-digit, unless the digits before it already
 * overflowed 64 bits (then it is a range error); ParseInt then clamps to the int64 range.
 */
function goAtoi(text) {
    const negative = text.startsWith('-');
    const digits = negative || text.startsWith('+') ? text.slice(1) : text;
    if (digits === '')
        return { value: 0n, error: 'syntax' };
    let magnitude = 0n;
    let overflowed = false;
    for (const char of digits) {
        if (char < '0' || char > '9')
            return { value: 0n, error: 'syntax' };
        magnitude = magnitude * 10n + BigInt(char.charCodeAt(0) - 48);
        if (magnitude > UINT64_MAX) {
            overflowed = true;
            break;
        }
    }
    if (!negative && (overflowed || magnitude > INT64_MAX))
        return { value: INT64_MAX, error: 'range' };
    if (negative && (overflowed || magnitude > INT64_MAX + 1n))
        return { value: -INT64_MAX - 1n, error: 'range' };
    return { value: negative ? -magnitude : magnitude };
}
/** Go's uint32(x) of an int: the low 32 bits. */
function goUint32(value) {
    return BigInt.asUintN(32, value);
}
const ASCII_SPACE = new Set(['\t', '\n', '\v', '\f', '\r', ' ']);
/** UTF-8 encodings (as byte strings) of the non-ASCII runes unicode.IsSpace accepts. */
const UNICODE_SPACES = [0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a]
    .concat([0x2028, 0x2029, 0x202f, 0x205f, 0x3000])
    .map((code) => byteString(String.fromCodePoint(code)));
/** bytes.TrimSpace: strips leading and trailing ASCII and Unicode white space (not U+FEFF, which JS's trim() would strip). */
function goTrimSpace(bytes) {
    let start = 0;
    let end = bytes.length;
    for (;;) {
        if (start < end && ASCII_SPACE.has(bytes[start]))
            start += 1;
        else {
            const space = UNICODE_SPACES.find((encoded) => bytes.startsWith(encoded, start) && start + encoded.length <= end);
            if (!space)
                break;
            start += space.length;
        }
    }
    for (;;) {
        if (end > start && ASCII_SPACE.has(bytes[end - 1]))
            end -= 1;
        else {
            const space = UNICODE_SPACES.find((encoded) => end - encoded.length >= start && bytes.endsWith(encoded, end));
            if (!space)
                break;
            end -= space.length;
        }
    }
    return bytes.slice(start, end);
}
/**
 * The lines bufio.Scanner (ScanLines) or bufio.Reader.ReadLine gives: split at '\n', one '\r' dropped, no
 * empty line after a final '\n'. A Scanner stops with "token too long" at the first line of `maxLineBytes`
 * bytes or more (its buffer must hold the line and its '\n'); `maxLineBytes` undefined means no limit.
 */
function goLines(bytes, maxLineBytes) {
    const lines = [];
    let start = 0;
    for (let number = 1; start < bytes.length; number += 1) {
        const newline = bytes.indexOf('\n', start);
        const end = newline === -1 ? bytes.length : newline;
        if (maxLineBytes !== undefined && end - start >= maxLineBytes)
            return { lines, tooLongLine: number };
        const text = bytes.slice(start, end);
        lines.push({ number, text: text.endsWith('\r') ? text.slice(0, -1) : text });
        start = end + 1;
    }
    return { lines };
}

;// CONCATENATED MODULE: ./src/common/escape.ts
// Making untrusted text (from the image, the Dockerfile, the container) inert where it is shown.
/** For a markdown table cell or inline text: no HTML, no table breaks, no @mentions, no line breaks. */
function escape_escapeMarkdownInline(text) {
    return text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/[&<>|@`*_~[\]\\#]/g, (char) => `&#${char.charCodeAt(0)};`);
}
/** For a fenced code block: the fence cannot be closed early (longer runs of backticks are broken up). */
function escapeCodeBlock(lines) {
    const body = lines
        .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/`{3,}/g, (run) => run.split('').join('\u200b')))
        .join('\n');
    return '```text\n' + body + '\n```';
}
/** Cuts text to `maxChars`, saying it did. */
function truncate(text, maxChars) {
    return text.length <= maxChars ? text : `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}
/** A collapsed section; `summary` must already be safe markdown. */
function escape_detailsBlock(summary, body) {
    return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}
/** How the line-ending and tab characters are shown; every other control character is shown by its code. */
const CONTROL_CHAR_NAMES = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
/**
 * For one line of the log or the terminal: C0 and C1 control characters, DEL and the Unicode line and paragraph
 * separators are shown as escapes (`\r`, `\x1b`, `\u2028`), so no byte of the text can end the line early (the
 * runner starts a new line at a bare CR too, and then reads `::command::` at its start) or drive a terminal.
 */
function visibleControlChars(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
        const code = char.charCodeAt(0);
        return CONTROL_CHAR_NAMES[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
    });
}
/** Characters that change how text is shown without being seen: controls, line and paragraph separators, bidi controls, zero-width marks. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\]/;
/**
 * Untrusted text (a USER string, a passwd line) made safe to quote in a message: every control character
 * (C0, DEL, C1), line or paragraph separator, bidi control and zero-width mark becomes a `\xNN` or `\uNNNN`
 * escape, a lone surrogate too, and a backslash is doubled so that an escape cannot be forged. Cut to
 * `maxChars` characters of output, with an ellipsis saying so.
 */
function escape_visible(text, maxChars = 200) {
    let shown = '';
    for (const char of text) {
        const code = char.codePointAt(0);
        const loneSurrogate = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
        const escaped = char === '\\'
            ? '\\\\'
            : loneSurrogate || INVISIBLE.test(char)
                ? code <= 0xff
                    ? `\\x${code.toString(16).padStart(2, '0')}`
                    : `\\u${code.toString(16).padStart(4, '0')}`
                : char;
        if (shown.length + escaped.length > maxChars)
            return `${shown}…`;
        shown += escaped;
    }
    return shown;
}

;// CONCATENATED MODULE: ./src/user/lookup.ts
// The lookup Docker does when it starts a container: the daemon's getUser (moby daemon/oci_linux.go) calls
// GetExecUserPath on the container's /etc/passwd and /etc/group, from runc's libcontainer/user in older
// engines (Docker 20.10) and moby/sys/user (user/user.go, user/user_utils.go) in newer ones, and keeps
// uint32 of the uid and gid it returns; any error there and the container does not start. The library's
// rules changed over time, so each generation is redone here (its cases are those of user_test.go in both
// repositories); resolve.ts compares their answers. Text is in byte strings (go-text.ts).


/** runc before 1.1; runc 1.1 and moby/sys/user v0.1.0 to v0.4.0; v0.4.1 (June 2026); its main branch since. */
const GENERATIONS = {
    'runc-1.0': { splitAtEveryColon: true, strictNumbers: false, groupMaxLineBytes: 64 * 1024, groupTrimmed: false, regularFilesOnly: false },
    'runc-1.1': { splitAtEveryColon: true, strictNumbers: false, groupTrimmed: true, regularFilesOnly: false },
    'sys-0.4.1': { splitAtEveryColon: true, strictNumbers: true, groupMaxLineBytes: 1 << 20, groupTrimmed: true, regularFilesOnly: true },
    'sys-main': { splitAtEveryColon: false, strictNumbers: true, groupMaxLineBytes: 1 << 20, groupTrimmed: true, regularFilesOnly: true },
};
const MAX_ID = (1n << 31n) - 1n;
const RANGE_ERROR = 'uids and gids must be in range 0-2147483647';
const PASSWD_MAX_LINE_BYTES = 64 * 1024;
const USER_FILE_MAX_BYTES = 10 << 20;
/** Quotes bytes from the image for a message. */
function quote(bytes, maxChars = 120) {
    return `"${escape_visible(textOf(bytes), maxChars)}"`;
}
function sourceOf(file, rules) {
    switch (file.kind) {
        case 'absent':
            return { kind: 'none' };
        case 'directory':
            return rules.regularFilesOnly ? { kind: 'none' } : { kind: 'read-error', error: 'it is a directory' };
        case 'unreadable':
            return { kind: 'uncertain', why: file.why };
        default:
            return rules.regularFilesOnly && file.bytes.length > USER_FILE_MAX_BYTES
                ? { kind: 'read-error', error: `it is larger than ${USER_FILE_MAX_BYTES} bytes` }
                : { kind: 'text', text: file.bytes.toString('latin1') };
    }
}
/** Parses a USER part; `outOfRange` when the rules refuse the number as soon as it is parsed (moby/sys/user v0.4.1). */
function parseArg(text, rules) {
    if (text === '')
        return { kind: 'none' };
    const atoi = goAtoi(text);
    if (atoi.error === undefined) {
        return { kind: 'number', value: atoi.value, text, outOfRange: rules.strictNumbers && (atoi.value < 0n || atoi.value > MAX_ID) };
    }
    return {
        kind: 'name',
        text,
        atoi: /[0-9]/.test(text) ? atoi.error : undefined,
        outOfRange: rules.strictNumbers && atoi.error === 'range',
    };
}
function splitSpec(spec, rules) {
    if (!rules.splitAtEveryColon) {
        const colon = spec.indexOf(':');
        return colon === -1 ? [spec, ''] : [spec.slice(0, colon), spec.slice(colon + 1)];
    }
    const fields = spec.split(':');
    return [fields[0], fields[1] ?? ''];
}
/** ParsePasswdFilter / ParseGroupFilter: every entry the filter keeps, in file order, or the read error. */
function parseEntries(source, kind, rules, keep) {
    if (source.kind === 'none')
        return [];
    if (source.kind === 'read-error')
        return { error: source.error };
    if (source.kind === 'uncertain')
        return { error: source.why };
    const scanned = goLines(source.text, kind === 'passwd' ? PASSWD_MAX_LINE_BYTES : rules.groupMaxLineBytes);
    if (scanned.tooLongLine !== undefined)
        return { error: `line ${scanned.tooLongLine} is too long to read (bufio.Scanner: token too long)` };
    const trimmed = kind === 'passwd' || rules.groupTrimmed;
    const entries = [];
    for (const line of scanned.lines) {
        const text = trimmed ? goTrimSpace(line.text) : line.text;
        if (text === '' || (kind === 'group' && trimmed && text.startsWith('#')))
            continue;
        const fields = text.split(':');
        const idText = fields[2] ?? '';
        const entry = {
            name: fields[0],
            id: goAtoi(idText).value,
            idText,
            gid: kind === 'passwd' ? goAtoi(fields[3] ?? '').value : 0n,
            members: kind === 'group' && fields[3] ? fields[3].split(',') : [],
            line,
        };
        if (keep(entry))
            entries.push(entry);
    }
    return entries;
}
/** Where an entry is, e.g. `line 3 of /etc/passwd ("app:x:0:0::/:/bin/sh")`, and how Docker reads its id. */
function describeEntry(entry, file) {
    const reading = String(entry.id) === entry.idText
        ? `which gives ${file === '/etc/passwd' ? 'uid' : 'gid'} ${entry.id}`
        : `whose id field ${quote(entry.idText, 40)} Docker reads as ${entry.id}`;
    return `line ${entry.line.number} of ${file} (${quote(entry.line.text)}), ${reading}`;
}
function describeUserArg(arg, spec) {
    const user = `USER ${quote(spec)}`;
    if (arg.kind === 'none')
        return spec === '' ? 'no USER is set, so the container runs as uid 0' : `${user} names no user, so Docker uses uid 0`;
    if (arg.kind === 'number')
        return String(arg.value) === arg.text ? `${user} is uid ${arg.value}` : `${user} is parsed by Docker as uid ${arg.value}`;
    if (arg.atoi === 'range')
        return `${user} is too large for a number, so Docker looks it up as a name`;
    if (arg.atoi === 'syntax')
        return `${user} is not a plain number to Docker (it neither trims nor converts it), so it is looked up as a name`;
    return user;
}
/** How the matched passwd line gives the uid; plain when nothing about it is unusual. */
function describeMatch(arg, spec, users) {
    const [entry] = users;
    const described = describeUserArg(arg, spec);
    if (arg.kind === 'number') {
        const lists = `line ${entry.line.number} of /etc/passwd lists it, so Docker skips its range check`;
        return entry.id === goUint32(entry.id) ? described : `${described} (${lists})`;
    }
    if (arg.kind !== 'name')
        return described;
    const plain = arg.atoi === undefined && users.length === 1 && String(entry.id) === entry.idText && goTrimSpace(entry.line.text) === entry.line.text;
    if (plain)
        return `${described} is uid ${entry.id} in /etc/passwd`;
    if (arg.atoi !== undefined)
        return `${described}: it is matched by ${describeEntry(entry, '/etc/passwd')}`;
    const first = users.length > 1 ? `first matched (of ${users.length} lines naming it)` : 'matched';
    return `${described} is ${first} by ${describeEntry(entry, '/etc/passwd')}`;
}
/** GetExecUser with the daemon's defaults (uid 0, gid 0) and the daemon's uint32 of the result, under one generation's rules. */
function lookupUser(spec, passwd, group, generation) {
    const rules = GENERATIONS[generation];
    const [userText, groupText] = splitSpec(spec, rules);
    const userArg = parseArg(userText, rules);
    const groupArg = parseArg(groupText, rules);
    if (userArg.outOfRange) {
        const described = userArg.kind === 'number' ? describeUserArg(userArg, spec) : `USER ${quote(spec)} is too large for a number`;
        return refuse(`${described}, outside 0 to 2147483647`, RANGE_ERROR);
    }
    if (groupArg.outOfRange)
        return refuse(`the group of USER ${quote(spec)} is outside 0 to 2147483647`, RANGE_ERROR);
    const passwdSource = sourceOf(passwd, rules);
    if (passwdSource.kind === 'uncertain')
        return { outcome: 'uncertain', why: `/etc/passwd could not be read (${passwdSource.why})` };
    const users = parseEntries(passwdSource, 'passwd', rules, (entry) => userArg.kind === 'none' ? entry.id === 0n : userArg.kind === 'number' ? entry.id === userArg.value : entry.name === userArg.text);
    if ('error' in users)
        return refuse(`Docker cannot read /etc/passwd: ${users.error}`);
    let uid = 0n;
    let gid = 0n;
    let how = describeUserArg(userArg, spec);
    const matched = users[0];
    if (matched) {
        uid = matched.id;
        gid = matched.gid;
        how = describeMatch(userArg, spec, users);
    }
    else if (userArg.kind === 'name') {
        const none = passwdSource.kind === 'none' ? ' (the image has none)' : '';
        const missing = userArg.atoi === undefined ? `${how} is not in the image's /etc/passwd` : `${how}, and no line of /etc/passwd names it`;
        return refuse(`${missing}${none}`, `unable to find user ${userArg.text}: no matching entries in passwd file`);
    }
    else if (userArg.kind === 'number') {
        if (userArg.value < 0n || userArg.value > MAX_ID)
            return refuse(`${how}, outside 0 to 2147483647`, RANGE_ERROR);
        uid = userArg.value;
    }
    const groupResult = lookupGroup(groupArg, matched?.name ?? '', sourceOf(group, rules), rules, spec);
    if (groupResult.outcome !== 'runs')
        return groupResult;
    if (groupResult.gid !== undefined)
        gid = groupResult.gid;
    const uid32 = goUint32(uid);
    if (uid32 !== uid)
        how += `, which Docker truncates to 32 bits: uid ${uid32}`;
    const outsideIdRange = uid < 0n || uid > MAX_ID || gid < 0n || gid > MAX_ID;
    return { outcome: 'runs', uid: uid32, gid: goUint32(gid), how, outsideIdRange };
}
function refuse(explanation, dockerSays) {
    return {
        outcome: 'refused',
        why: `${explanation}, so Docker refuses to start the container${dockerSays ? ` ("${escape_visible(textOf(dockerSays))}")` : ''}`,
        outsideIdRange: dockerSays === RANGE_ERROR,
    };
}
/** The group half of GetExecUser: an explicit group sets the gid; a matched user name only reads supplementary groups. */
function lookupGroup(groupArg, userName, source, rules, spec) {
    if (groupArg.kind === 'none' && userName === '')
        return { outcome: 'runs' };
    if (source.kind === 'uncertain')
        return { outcome: 'uncertain', why: `/etc/group could not be read (${source.why})` };
    const groups = parseEntries(source, 'group', rules, (entry) => groupArg.kind === 'none'
        ? entry.members.includes(userName)
        : groupArg.kind === 'number'
            ? entry.id === groupArg.value
            : entry.name === groupArg.text);
    if ('error' in groups)
        return refuse(`Docker cannot read /etc/group: ${groups.error}`);
    if (groupArg.kind === 'none')
        return { outcome: 'runs' };
    if (groups[0])
        return { outcome: 'runs', gid: groups[0].id };
    if (groupArg.kind === 'name') {
        const where = source.kind === 'none' ? 'the image has no /etc/group' : 'no line of /etc/group names it';
        return refuse(`the group ${quote(groupArg.text)} of USER ${quote(spec)} is not a number, and ${where}`, `unable to find group ${groupArg.text}: no matching entries in group file`);
    }
    if (groupArg.value < 0n || groupArg.value > MAX_ID)
        return refuse(`the group of USER ${quote(spec)} is outside 0 to 2147483647`, RANGE_ERROR);
    return { outcome: 'runs', gid: groupArg.value };
}

;// CONCATENATED MODULE: ./src/user/resolve.ts
// Who the container runs as, decided the way Docker decides it (lookup.ts redoes the lookup under
// each generation of its user library). The rule: only a container that every engine would start, as the
// same uid other than 0, is non-root; anything that cannot be resolved with certainty is not.



const USER_FILE_PATHS = { passwd: '/etc/passwd', group: '/etc/group' };
/** The largest /etc/passwd or /etc/group the gate reads (Docker reads any size, or 10 MiB since moby/sys/user v0.4.1). */
const MAX_USER_FILE_BYTES = 64 << 20;
/** Oldest first. */
const GENERATION_ORDER = ['runc-1.0', 'runc-1.1', 'sys-0.4.1', 'sys-main'];
/** How the engines using one generation, or a run of them, are named in a reason. */
const NAME = {
    'runc-1.0': "runc's libcontainer/user before 1.1",
    'runc-1.1': "runc 1.1's libcontainer/user or moby/sys/user up to v0.4.0",
    'sys-0.4.1': 'moby/sys/user v0.4.1',
    'sys-main': 'moby/sys/user after v0.4.1 (unreleased)',
};
/** A run from the oldest generation to this one. */
const UP_TO = {
    'runc-1.0': NAME['runc-1.0'],
    'runc-1.1': "runc's libcontainer/user or moby/sys/user up to v0.4.0",
    'sys-0.4.1': "runc's libcontainer/user or moby/sys/user up to v0.4.1",
    'sys-main': 'any user library',
};
/** A run from this generation to the newest. */
const FROM = {
    'runc-1.0': 'any user library',
    'runc-1.1': "runc 1.1's libcontainer/user or any later one",
    'sys-0.4.1': 'moby/sys/user v0.4.1 or later',
    'sys-main': NAME['sys-main'],
};
/**
 * runc 1.1 resolves the daemon's numeric uid:gid again (libcontainer/init_linux.go setupUser) and refuses a
 * larger one unless /etc/passwd lists it; the kernel never accepts 4294967295 ((uid_t)-1).
 */
const resolve_MAX_ID = (1n << 31n) - 1n;
/**
 * Pure: which of the image's files the answer depends on. None when the uid is 0 whatever they say (no
 * user, or a number Docker parses as 0): then the container runs as root or does not start at all.
 */
function filesNeeded(configured) {
    const userPart = byteString(configured).split(':')[0];
    const atoi = goAtoi(userPart);
    const certainlyRoot = userPart === '' || (atoi.error === undefined && atoi.value === 0n);
    return certainlyRoot ? [] : ['passwd', 'group'];
}
function imageFile(input) {
    if (input === undefined)
        return { kind: 'absent' };
    if (typeof input === 'string')
        return { kind: 'file', bytes: Buffer.from(input, 'utf8') };
    if (Buffer.isBuffer(input))
        return { kind: 'file', bytes: input };
    return input;
}
function verdictOf(lookup) {
    if (lookup.outcome === 'refused')
        return { kind: 'unresolved', reason: lookup.why, outsideIdRange: lookup.outsideIdRange };
    if (lookup.outcome === 'uncertain')
        return { kind: 'unresolved', reason: `${lookup.why}, so the gate cannot tell which uid Docker would use` };
    const { outsideIdRange } = lookup;
    if (lookup.uid === 0n)
        return { kind: 'root', uid: 0n, gid: lookup.gid, reason: `${lookup.how} (root)`, outsideIdRange };
    if (lookup.uid > resolve_MAX_ID || lookup.gid > resolve_MAX_ID) {
        const id = lookup.uid > resolve_MAX_ID ? `uid ${lookup.uid}` : `gid ${lookup.gid}`;
        return {
            kind: 'unresolved',
            reason: `${lookup.how}; ${id} is above 2147483647, which runc refuses unless /etc/passwd lists it (and the kernel always refuses 4294967295), so the container may not start`,
            outsideIdRange,
        };
    }
    return { kind: 'non-root', uid: lookup.uid, gid: lookup.gid, reason: lookup.how, outsideIdRange };
}
/** Names the engines a set of generations stands for (empty for all of them). */
function enginesLabel(generations) {
    const indexes = generations.map((generation) => GENERATION_ORDER.indexOf(generation)).sort((a, b) => a - b);
    const contiguous = indexes.every((index, position) => position === 0 || index === indexes[position - 1] + 1);
    const first = GENERATION_ORDER[indexes[0]];
    const last = GENERATION_ORDER[indexes[indexes.length - 1]];
    if (contiguous && indexes[0] === 0)
        return UP_TO[last];
    if (contiguous && last === GENERATION_ORDER[GENERATION_ORDER.length - 1])
        return FROM[first];
    return generations.map((generation) => NAME[generation]).join(' and ');
}
const SEVERITY = { root: 0, unresolved: 1, 'non-root': 2 };
/** One answer from the generations' verdicts: root if any is root, non-root only if all agree on the same uid. */
function combine(configured, verdicts) {
    const byReason = new Map();
    for (const [generation, verdict] of verdicts) {
        const key = `${verdict.kind}\n${verdict.reason}`;
        const group = byReason.get(key) ?? { verdict, generations: [] };
        group.generations.push(generation);
        byReason.set(key, group);
    }
    const groups = [...byReason.values()].sort((a, b) => SEVERITY[a.verdict.kind] - SEVERITY[b.verdict.kind]);
    const reason = groups.length === 1
        ? groups[0].verdict.reason
        : groups.map((group) => `${group.verdict.reason} (on engines with ${enginesLabel(group.generations)})`).join('; ');
    const all = [...verdicts.values()];
    const worst = groups[0].verdict;
    const dependent = groups.length > 1 || all.some((verdict) => verdict.outsideIdRange) ? { engineDependent: true } : {};
    if (worst.kind === 'root')
        return { kind: 'root', configured, reason, ...dependent };
    if (worst.kind === 'unresolved' || !all.every((verdict) => verdict.uid === worst.uid && verdict.gid === worst.gid))
        return { kind: 'unresolved', configured, reason, ...dependent };
    return { kind: 'non-root', configured, uid: Number(worst.uid), gid: Number(worst.gid), reason, ...dependent };
}
/**
 * Pure: the resolution with what this engine did when asked to start the container (only asked when
 * `engineDependent`). The kind stays what the libraries say, since another engine may run the image as they
 * do: a container this engine refuses is still root where an older engine truncates its uid to 0. The reason
 * leads with this engine's answer.
 */
function withEngineStart(resolution, start) {
    const said = start.kind === 'refused'
        ? `this engine (Docker ${start.engine}) refuses to start the container ("${escape_visible(start.message, 160)}")`
        : start.kind === 'started'
            ? `this engine (Docker ${start.engine}) starts the container as this USER`
            : `this engine (Docker ${start.engine}) could not be asked whether it starts the container (${escape_visible(start.message, 160)})`;
    return { ...resolution, reason: `${said}; ${resolution.reason}` };
}
/**
 * Pure: resolves Config.User against the final image's /etc/passwd and /etc/group exactly as Docker does
 * when it starts the container (see lookup.ts), under every generation of Docker's user library.
 */
function resolveUser(configured, files = {}) {
    if (configured === '')
        return { kind: 'root', configured, reason: 'no USER is set, so the container runs as root (uid 0)' };
    const spec = byteString(configured);
    const passwd = imageFile(files.passwd);
    const group = imageFile(files.group);
    const verdicts = new Map(GENERATION_ORDER.map((generation) => [generation, verdictOf(lookupUser(spec, passwd, group, generation))]));
    return combine(configured, verdicts);
}
/**
 * Pure: the resolution from the image held against the uid the smoke container's main process really got
 * (`docker top`). A process running as uid 0 is root whatever the image says; any other disagreement means
 * the gate's reading of the image is not what the engine did, so the user is not known to be non-root.
 * Under userns-remap or rootless Docker the engine reports host ids; the check then says so rather than guess.
 */
function checkRuntimeUser(resolution, runtimeUid) {
    if (runtimeUid === undefined)
        return resolution;
    const { configured } = resolution;
    if (runtimeUid === 0) {
        return resolution.kind === 'root'
            ? resolution
            : { kind: 'root', configured, reason: `the smoke container's main process ran as uid 0 (root), though ${resolution.reason}` };
    }
    if (resolution.kind === 'non-root' && resolution.uid === runtimeUid)
        return resolution;
    const expected = resolution.kind === 'non-root' ? `uid ${resolution.uid}` : `not non-root (${resolution.reason})`;
    return {
        kind: 'unresolved',
        configured,
        reason: `the image's USER resolves to ${expected}, but the smoke container's main process ran as uid ${runtimeUid} (under userns-remap or rootless Docker the engine reports host ids)`,
    };
}

;// CONCATENATED MODULE: ./src/packages/capture.ts
// Which files of a layer are package databases, and keeping their bytes as the layer streams past: the dpkg
// status and file lists, Alpine's installed database, Python's RECORD and installed-files.txt, npm's package.json
// files. Bounded per file and per layer; what is not kept is named, so the view can say it read only part.
const DPKG_STATUS = '/var/lib/dpkg/status';
const DPKG_STATUS_D = '/var/lib/dpkg/status.d/';
const DPKG_INFO = '/var/lib/dpkg/info/';
const APK_INSTALLED = ['/lib/apk/db/installed', '/usr/lib/apk/db/installed'];
/** A package's own package.json: the last node_modules/ of the path, then a name (scoped or not), then the file. */
const NPM_PACKAGE_JSON = /\/node_modules\/(?:@[^/]+\/)?[^/.][^/]*\/package\.json$/;
const SITE_DIRECTORY = /\/(?:site|dist)-packages\/[^/]+$/;
function directoryOf(path) {
    return path.slice(0, path.lastIndexOf('/'));
}
/** Whether `path` (a regular file's, cleaned, with a leading slash) is a package database the view reads. */
function packageFileKind(path) {
    if (path.endsWith('.list'))
        return path.startsWith(DPKG_INFO) && path.indexOf('/', DPKG_INFO.length) < 0 ? 'dpkg-list' : undefined;
    if (path.endsWith('/package.json')) {
        if (NPM_PACKAGE_JSON.test(path))
            return 'npm-package';
        return path.includes('/node_modules/') ? undefined : 'app-package';
    }
    if (path.endsWith('/RECORD')) {
        const directory = directoryOf(path);
        return directory.endsWith('.dist-info') && SITE_DIRECTORY.test(directory) ? 'python-record' : undefined;
    }
    if (path.endsWith('/installed-files.txt')) {
        const directory = directoryOf(path);
        return directory.endsWith('.egg-info') && SITE_DIRECTORY.test(directory) ? 'python-installed-files' : undefined;
    }
    if (path === DPKG_STATUS)
        return 'dpkg-status';
    if (path.startsWith(DPKG_STATUS_D) && path.indexOf('/', DPKG_STATUS_D.length) < 0 && path.length > DPKG_STATUS_D.length)
        return path.endsWith('.md5sums') ? 'dpkg-md5sums' : 'dpkg-status-d';
    if (APK_INSTALLED.includes(path))
        return 'apk-installed';
    return undefined;
}
const CAPTURE_LIMITS = {
    maxDatabaseBytes: 32 << 20,
    maxFileBytes: 4 << 20,
    maxLayerBytes: 64 << 20,
    maxLayerFiles: 100_000,
    maxAppPackages: 1_000,
};
const MAX_NOT_KEPT_LISTED = 20;
/** Keeps one file's bytes (the tar reader hands over views of its input: each is copied). */
class KeepSink {
    onDone;
    parts = [];
    constructor(onDone) {
        this.onDone = onDone;
    }
    data(chunk) {
        this.parts.push(Buffer.from(chunk));
    }
    end() {
        this.onDone(Buffer.concat(this.parts));
    }
}
/** Collects one layer's package databases, within the limits. */
class PackageFileCollector {
    limits;
    captured;
    bytes = 0;
    count = 0;
    appPackages = 0;
    constructor(limits = CAPTURE_LIMITS) {
        this.limits = limits;
    }
    /** Where a regular file's bytes go when it is a package database the layer can still keep; undefined otherwise. */
    sinkFor(path, sizeBytes) {
        const kind = packageFileKind(path);
        if (!kind)
            return undefined;
        const whole = kind === 'dpkg-status' || kind === 'apk-installed' ? this.limits.maxDatabaseBytes : this.limits.maxFileBytes;
        const why = sizeBytes > whole
            ? `it is ${sizeBytes} bytes, more than the ${whole} the gate reads`
            : this.bytes + sizeBytes > this.limits.maxLayerBytes || this.count >= this.limits.maxLayerFiles
                ? `its layer holds more package databases than the gate reads (${this.limits.maxLayerFiles} files, ${this.limits.maxLayerBytes} bytes)`
                : undefined;
        const captured = (this.captured ??= { files: new Map(), notKept: [], notKeptCount: 0 });
        if (kind === 'app-package') {
            if (why || this.appPackages >= this.limits.maxAppPackages)
                return undefined;
            this.appPackages += 1;
        }
        if (why) {
            captured.notKeptCount += 1;
            if (captured.notKept.length < MAX_NOT_KEPT_LISTED)
                captured.notKept.push({ path, why });
            return undefined;
        }
        this.bytes += sizeBytes;
        this.count += 1;
        return new KeepSink((bytes) => captured.files.set(path, bytes));
    }
    /** What the layer kept and left out; undefined when it wrote no package database. */
    result() {
        return this.captured;
    }
}

;// CONCATENATED MODULE: ./src/analysis/layer-reader.ts
// One uncompressed layer tar, read as it streams: each entry's path, kind, size and mode, the headers of ELF
// binaries, the passwd and group files (to resolve the user), the package databases (packages/capture.ts), the
// layer's diffID (sha256 of its tar), its own bytes (regular files and symlink targets) and, optionally, its
// gzip-compressed size.





/** Files kept for resolving the user: /etc/passwd, /etc/group, and the likely targets of links to them. */
const USER_FILE_NAMES = new Set(['passwd', 'group']);
/** All of them in one layer (a file not kept is read through the engine, as is one over MAX_USER_FILE_BYTES). */
const MAX_USER_FILE_BYTES_PER_LAYER = 64 << 20;
/** Bytes of an ELF file's start kept to read its file and program headers. */
const ELF_START_BYTES = 4096;
/** Cleans a tar member name the way dive does (Go's path.Clean), with a leading slash. */
function cleanPath(name) {
    const parts = [];
    for (const part of name.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            parts.pop();
        else
            parts.push(part);
    }
    return '/' + parts.join('/');
}
function entryKind(type) {
    switch (type) {
        case 'file':
        case 'contiguous-file':
            return 'file';
        case 'directory':
        case 'symlink':
        case 'link':
            return type;
        default:
            return 'other';
    }
}
/** Keeps the bytes of one small file (/etc/passwd). */
class CollectSink {
    maxBytes;
    onDone;
    parts = [];
    length = 0;
    constructor(maxBytes, onDone) {
        this.maxBytes = maxBytes;
        this.onDone = onDone;
    }
    data(chunk) {
        if (this.length >= this.maxBytes)
            return;
        this.parts.push(Buffer.from(chunk.subarray(0, this.maxBytes - this.length)));
        this.length += Math.min(chunk.length, this.maxBytes - this.length);
    }
    end() {
        this.onDone(Buffer.concat(this.parts));
    }
}
/** Gives a file's bytes to two sinks (a passwd file may also be an ELF binary: /usr/bin/passwd). */
class TeeSink {
    sinks;
    constructor(sinks) {
        this.sinks = sinks;
    }
    data(chunk) {
        for (const sink of this.sinks)
            sink.data(chunk);
    }
    end() {
        for (const sink of this.sinks)
            sink.end();
    }
}
/** Reads a file's bytes as they pass, keeping only the ELF file header, program headers and section header table. */
class ElfSink {
    path;
    sizeBytes;
    onFinding;
    startParts = [];
    startLength = 0;
    start = Buffer.alloc(0);
    offset = 0;
    decided = false;
    header;
    sectionTable;
    range = { start: 0, end: 0 };
    constructor(path, sizeBytes, onFinding) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.onFinding = onFinding;
    }
    data(chunk) {
        if (!this.decided) {
            this.startParts.push(Buffer.from(chunk.subarray(0, ELF_START_BYTES - this.startLength)));
            this.startLength += Math.min(chunk.length, ELF_START_BYTES - this.startLength);
            if (this.startLength >= ELF_START_BYTES || this.offset + chunk.length >= this.sizeBytes)
                this.decide();
        }
        if (this.header && this.sectionTable) {
            const chunkEnd = this.offset + chunk.length;
            const copyStart = Math.max(this.offset, this.range.start);
            const copyEnd = Math.min(chunkEnd, this.range.end);
            if (copyStart < copyEnd)
                chunk.copy(this.sectionTable, copyStart - this.range.start, copyStart - this.offset, copyEnd - this.offset);
        }
        this.offset += chunk.length;
    }
    decide() {
        this.decided = true;
        this.start = Buffer.concat(this.startParts);
        this.startParts.length = 0;
        this.header = isElf(this.start) ? parseElfHeader(this.start) : undefined;
        if (!this.header)
            return;
        this.range = sectionTableRange(this.header);
        if (this.range.end > this.sizeBytes || this.range.end <= this.range.start)
            this.header = undefined;
        else
            this.sectionTable = Buffer.alloc(this.range.end - this.range.start);
    }
    end() {
        // Object files (.o, .a members, Go's .syso) are inputs to a linker, not programs: nothing to strip in place.
        if (!this.header || !this.sectionTable || this.header.fileType === ELF_TYPE_RELOCATABLE)
            return;
        const sections = parseSectionTable(this.sectionTable, this.header);
        const interpreter = hasInterpreter(this.start, this.header);
        this.onFinding({
            path: this.path,
            sizeBytes: this.sizeBytes,
            isStatic: interpreter === undefined ? undefined : !interpreter,
            ...sections,
        });
    }
}
/** One uncompressed layer tar: its entries, ELF headers, passwd and group files, diffID and (optionally) gzip size. */
class LayerReader {
    sizer;
    entries = [];
    elfBinaries = [];
    userFiles = new Map();
    userFileBytes = 0;
    packageFiles = new PackageFileCollector();
    tarBytes = 0;
    contentBytes = 0;
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    tar = new TarReader((header) => this.onEntry(header));
    constructor(sizer) {
        this.sizer = sizer;
    }
    write(chunk) {
        this.tarBytes += chunk.length;
        this.hash.update(chunk);
        this.tar.write(chunk);
        this.sizer?.write(chunk);
    }
    onEntry(header) {
        const path = cleanPath(header.name);
        const kind = entryKind(header.type);
        const sizeBytes = kind === 'file' ? header.size : 0;
        this.contentBytes += kind === 'symlink' ? header.linkNameBytes : sizeBytes;
        const isLink = kind === 'symlink' || kind === 'link';
        if (path !== '/')
            this.entries.push(isLink ? linkEntry(path, kind, header) : { path, kind, sizeBytes, mode: header.mode });
        if (kind !== 'file')
            return undefined;
        const database = this.packageFiles.sinkFor(path, sizeBytes);
        if (database)
            return database;
        const elf = sizeBytes >= ELF_HEADER_BYTES ? new ElfSink(path, sizeBytes, (finding) => this.elfBinaries.push(finding)) : undefined;
        const keep = USER_FILE_NAMES.has(path.slice(path.lastIndexOf('/') + 1)) && this.userFileBytes + sizeBytes <= MAX_USER_FILE_BYTES_PER_LAYER;
        if (!keep || sizeBytes > MAX_USER_FILE_BYTES)
            return elf;
        this.userFileBytes += sizeBytes;
        const collect = new CollectSink(sizeBytes, (bytes) => this.userFiles.set(path, bytes));
        return elf ? new TeeSink([collect, elf]) : collect;
    }
    /** Ends the layer; waits only for the compression still in flight. */
    async finish(compressedBytes) {
        this.tar.end();
        const diffId = `sha256:${this.hash.digest('hex')}`;
        return {
            diffId,
            tarBytes: this.tarBytes,
            contentBytes: this.contentBytes,
            compressedBytes: compressedBytes ?? (await this.sizer?.finish()),
            compressedBytesFromBlob: compressedBytes !== undefined,
            entries: this.entries,
            elfBinaries: this.elfBinaries,
            userFiles: this.userFiles,
            packageFiles: this.packageFiles.result(),
        };
    }
}
/** A symlink's or hard link's entry; a symlink target that is not UTF-8 keeps its stored length. */
function linkEntry(path, kind, header) {
    const entry = { path, kind, sizeBytes: 0, mode: header.mode, linkTarget: header.linkName };
    if (kind === 'symlink' && header.linkNameBytes !== Buffer.byteLength(header.linkName))
        entry.linkBytes = header.linkNameBytes;
    return entry;
}

;// CONCATENATED MODULE: ./src/analysis/archive-member.ts
// One member of an image archive, read once as it arrives: its first bytes are sniffed, then it is read as
// an uncompressed layer tar (its compressed size measured, unless a known layer has it), a gzip- or
// zstd-compressed layer blob (its own length is the compressed size), a JSON document, or skipped.



const TAR_MAGIC_OFFSET = 257;
const SNIFF_BYTES = 512;
const MAX_JSON_BYTES = 16 * 1024 * 1024;
class ArchiveError extends Error {
}
/**
 * One member of the `docker save` archive that may be a layer or a JSON document: sniffs its first bytes,
 * then reads it once as a layer tar, a gzip-compressed layer blob, JSON, or nothing worth keeping.
 */
class MemberSink {
    compressedSize;
    memberBytes;
    knownLayers;
    result;
    resolve;
    reject;
    head = [];
    headLength = 0;
    mode = 'sniff';
    json = [];
    jsonLength = 0;
    layer;
    gunzip;
    gzipBytes = 0;
    gunzipDrained;
    constructor(compressedSize, 
    /** The member's length from its tar header. */
    memberBytes, knownLayers) {
        this.compressedSize = compressedSize;
        this.memberBytes = memberBytes;
        this.knownLayers = knownLayers;
        this.result = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
        this.result.catch(() => undefined);
    }
    data(chunk) {
        if (this.mode === 'sniff') {
            this.head.push(Buffer.from(chunk));
            this.headLength += chunk.length;
            if (this.headLength >= SNIFF_BYTES)
                this.decide();
            return;
        }
        this.consume(chunk);
    }
    end() {
        if (this.mode === 'sniff')
            this.decide();
        if (this.mode === 'layer')
            this.layer.finish().then((layer) => this.resolve({ kind: 'layer', layer: this.withKnownSize(layer) }), this.reject);
        else if (this.mode === 'gzip') {
            // A blob that failed to decompress has its error as the result already.
            if (!this.gunzip.destroyed)
                this.gunzip.end();
        }
        else if (this.mode === 'json')
            this.resolve({ kind: 'json', text: Buffer.concat(this.json).toString('utf8') });
        else
            this.resolve({ kind: 'other' });
    }
    /** What the reader should wait for before it reads on (compression or decompression falling behind). */
    pressure() {
        const drained = this.gunzipDrained;
        this.gunzipDrained = undefined;
        return drained ?? this.layer?.sizer?.ready();
    }
    decide() {
        const first = Buffer.concat(this.head);
        this.head = [];
        const isGzip = first[0] === 0x1f && first[1] === 0x8b;
        const isZstd = first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd;
        // A layer that changes nothing (RUN true) is a tar of nothing but its two end-of-archive blocks.
        const isTar = (first.length >= TAR_MAGIC_OFFSET + 5 && first.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) === 'ustar') ||
            (first.length >= SNIFF_BYTES && first.subarray(0, SNIFF_BYTES).every((byte) => byte === 0));
        if (isGzip)
            this.startCompressedLayer(external_node_zlib_namespaceObject.createGunzip(), 'gzip');
        else if (isZstd)
            this.startZstdLayer();
        else if (isTar) {
            this.mode = 'layer';
            this.layer = new LayerReader(this.compressedSize && !this.mayBeKnown() ? new GzipSizer() : undefined);
        }
        else if (first[0] === 0x7b /* { */ || first[0] === 0x5b /* [ */)
            this.mode = 'json';
        else
            this.mode = 'skip';
        if (first.length > 0)
            this.consume(first);
    }
    mayBeKnown() {
        return this.knownLayers.some((known) => known.tarBytes === this.memberBytes);
    }
    /** A layer that was not compressed because one of the same length is known: its size, if it is that one. */
    withKnownSize(layer) {
        if (!this.compressedSize || layer.compressedBytes !== undefined)
            return layer;
        const known = this.knownLayers.find((candidate) => candidate.diffId === layer.diffId && candidate.tarBytes === layer.tarBytes);
        return { ...layer, compressedBytes: known?.compressedBytes, compressedBytesReused: known !== undefined };
    }
    /** A compressed blob (OCI layout from the containerd image store): its own size is the compressed size. */
    startCompressedLayer(gunzip, format) {
        this.mode = 'gzip';
        const layer = new LayerReader();
        this.layer = layer;
        this.gunzip = gunzip;
        gunzip.on('data', (chunk) => {
            try {
                layer.write(chunk);
            }
            catch (error) {
                gunzip.destroy(error);
            }
        });
        gunzip.on('error', (error) => this.reject(new ArchiveError(`a ${format}-compressed layer could not be read: ${error.message}`)));
        gunzip.on('end', () => layer.finish(this.gzipBytes).then((scanned) => this.resolve({ kind: 'layer', layer: scanned }), this.reject));
    }
    /** zstd blobs (a containerd store may hold them): Node 22.15+ decompresses them, Node 20 cannot. */
    startZstdLayer() {
        const create = external_node_zlib_namespaceObject.createZstdDecompress;
        if (create)
            return this.startCompressedLayer(create(), 'zstd');
        this.mode = 'skip';
        this.reject(new ArchiveError(`a layer is zstd-compressed, which Node ${process.versions.node} cannot decompress (Node 22.15 or later can; GitHub runs this action on Node 24)`));
    }
    consume(chunk) {
        switch (this.mode) {
            case 'layer':
                this.layer.write(chunk);
                break;
            case 'gzip':
                this.gzipBytes += chunk.length;
                // A blob that failed to decompress is only counted from here on; its error is the member's result.
                if (this.gunzip.destroyed)
                    break;
                if (!this.gunzip.write(chunk)) {
                    const gunzip = this.gunzip;
                    this.gunzipDrained ??= new Promise((resolve) => {
                        const done = () => {
                            gunzip.off('drain', done).off('close', done);
                            resolve();
                        };
                        gunzip.on('drain', done).on('close', done);
                    });
                }
                break;
            case 'json':
                if (this.jsonLength + chunk.length <= MAX_JSON_BYTES)
                    this.json.push(Buffer.from(chunk));
                this.jsonLength += chunk.length;
                break;
            default:
                break;
        }
    }
}

;// CONCATENATED MODULE: ./src/analysis/archive.ts
// Streaming reader of `docker save` output. One pass over the bytes, memory bounded by the number of files,
// not by their bytes: each member is sniffed and read as a layer (layer-reader.ts), a compressed layer blob,
// or a JSON document (image-index.ts finds each platform's config among them).
// Handles the classic docker-archive layout (`<id>/layer.tar`, `<config>.json`) and the OCI layout
// (`blobs/sha256/<digest>`, uncompressed or gzip-compressed layer blobs) that newer engines write.





/**
 * The members of one image archive, whatever carries them (a `docker save` or OCI archive tar, an OCI layout
 * directory, a registry): each candidate member is sniffed and read once as it arrives, then the images are
 * found among the JSON documents and their layers matched by diffID.
 */
class ArchiveScan {
    options;
    members = new Map();
    /** Only the member being read can fall behind; one that has ended gets no more bytes. */
    current;
    constructor(options) {
        this.options = options;
    }
    /** Where a member's bytes go: layers (`<id>/layer.tar`, `blobs/...`) and top-level JSON documents; undefined for the rest. */
    member(name, sizeBytes) {
        const candidate = name.endsWith('/layer.tar') || name.startsWith('blobs/') || /^[^/]+\.json$/.test(name);
        if (!candidate)
            return undefined;
        const member = new MemberSink(this.options.compressedSize, sizeBytes, this.options.knownLayers ?? []);
        this.members.set(name, member);
        this.current = member;
        return member;
    }
    /** Back-pressure: what to wait for before reading on, while compression or decompression is behind. */
    pressure() {
        return this.current?.pressure();
    }
    /** Every image the members hold for `options.imageId` (or the archive's own index), one per platform. */
    async images() {
        const byDiffId = new Map();
        // Small JSON members by name: index.json, manifest.json, manifests, indexes and image configs.
        const jsonByName = new Map();
        for (const [name, member] of this.members) {
            const result = await member.result.catch((error) => {
                throw error instanceof TarFormatError ? new ArchiveError(error.message) : error;
            });
            if (result.kind === 'layer')
                byDiffId.set(result.layer.diffId, result.layer);
            if (result.kind === 'json')
                jsonByName.set(name, result.text);
        }
        let images;
        try {
            images = findImages(new ArchiveDocuments(jsonByName), this.options.imageId);
        }
        catch (error) {
            if (error instanceof ImageIndexError)
                throw new ArchiveError(error.message);
            throw error;
        }
        return images.map((image) => ({
            platform: image.platform,
            configDigest: image.configDigest,
            config: image.config,
            history: image.history,
            layers: image.diffIds.map((diffId) => {
                const layer = byDiffId.get(diffId);
                if (!layer)
                    throw new ArchiveError(`the archive does not contain layer ${diffId} of the ${image.platform} image`);
                return layer;
            }),
        }));
    }
}
/** Reads a whole `docker save` stream (or OCI archive tar), once, as it arrives: every image it holds for `imageId`, one per platform. */
async function scanImageArchivePlatforms(input, options) {
    const scan = new ArchiveScan(options);
    const archive = new TarReader((header) => (header.type === 'file' ? scan.member(header.name, header.size) : undefined));
    let bytesRead = 0;
    try {
        for await (const data of input) {
            const chunk = data;
            archive.write(chunk);
            bytesRead += chunk.length;
            options.onProgress?.(bytesRead);
            // Back-pressure: stop reading (and so let docker wait) while compression or decompression is behind.
            const waitFor = scan.pressure();
            if (waitFor)
                await waitFor;
        }
        archive.end();
    }
    catch (error) {
        if (error instanceof TarFormatError)
            throw new ArchiveError(error.message);
        throw error;
    }
    return scan.images();
}
/**
 * Reads the members of an image archive given one by one (an OCI layout directory, a registry's documents and
 * blobs): only those the scan keeps are opened, each once. Every image they hold, one per platform.
 */
async function scanImageMembers(members, options) {
    const scan = new ArchiveScan(options);
    let bytesRead = 0;
    for await (const member of members) {
        const sink = scan.member(member.name, member.sizeBytes);
        if (!sink)
            continue;
        for await (const chunk of member.data()) {
            sink.data(chunk);
            bytesRead += chunk.length;
            options.onProgress?.(bytesRead);
            const waitFor = scan.pressure();
            if (waitFor)
                await waitFor;
        }
        sink.end();
    }
    return scan.images();
}
/** Reads a whole `docker save` stream and returns the image it holds (the first platform when it holds several). */
async function scanImageArchive(input, options) {
    return (await scanImageArchivePlatforms(input, options))[0];
}

;// CONCATENATED MODULE: ./src/analysis/image-layers.ts
// Reading an image's layers once, through `docker save`, for every platform the engine holds of it.
// The figures that follow from the layers alone (the uncompressed and compressed sizes) are computed here,
// so that they mean the same on every engine and image store; the deeper analysis is in analyze.ts.



/** The image's uncompressed size: every layer's own bytes (regular files and symlink targets), layers counted as listed. */
function uncompressedSizeBytes(image) {
    return image.layers.reduce((sum, layer) => sum + layer.contentBytes, 0);
}
/** What a registry stores and `docker pull` downloads: each distinct layer's compressed size, counted once. */
function compressedSize(image) {
    const byDiffId = new Map(image.layers.map((layer) => [layer.diffId, layer]));
    const layers = [...byDiffId.values()];
    const method = layers.length > 0 && layers.every((layer) => layer.compressedBytesFromBlob) ? 'stored-blobs' : 'gzip-6';
    if (layers.some((layer) => layer.compressedBytes === undefined))
        return { method };
    return { bytes: layers.reduce((sum, layer) => sum + layer.compressedBytes, 0), method };
}
async function readOnce(docker, imageId, options) {
    // `--` so that an image reference can never be read as an option.
    const save = docker.stream(['save', '--', imageId]);
    let archiveBytes = 0;
    try {
        const [images] = await Promise.all([
            scanImageArchivePlatforms(save.stdout, {
                imageId: imageId.startsWith('sha256:') ? imageId : undefined,
                compressedSize: options.compressedSize,
                knownLayers: options.knownLayers,
                onProgress: (bytes) => {
                    archiveBytes = bytes;
                    options.onProgress?.(bytes);
                },
            }),
            save.finished,
        ]);
        return { images, archiveBytes };
    }
    catch (error) {
        docker.killAll();
        if (error instanceof DockerError)
            throw new errors_GateError('analysis', `docker save failed: ${error.message}`, { cause: error });
        if (error instanceof ArchiveError)
            throw new errors_GateError('analysis', `could not read the image archive: ${error.message}`, { cause: error });
        throw error;
    }
}
/**
 * One pass over `docker save` (two when a layer only looked like a known one: then everything is compressed
 * again, so a size is never taken from a different layer).
 */
async function image_layers_readImageLayers(docker, imageId, options) {
    const read = await readOnce(docker, imageId, options);
    const unmatched = read.images.some((image) => image.layers.some((layer) => layer.compressedBytes === undefined));
    if (options.compressedSize && options.knownLayers && unmatched)
        return readOnce(docker, imageId, { ...options, knownLayers: undefined });
    return read;
}

;// CONCATENATED MODULE: ./src/analysis/dockerfile.ts
/** Parses instructions, continuations (`\` or the `# escape=` character), comments and heredocs. */
function parseDockerfile(text) {
    const lines = text.split(/\r?\n/);
    const escapeDirective = /^#\s*escape\s*=\s*(\S)/i.exec(lines.find((line) => line.trim() !== '') ?? '');
    const escapeChar = escapeDirective ? escapeDirective[1] : '\\';
    const instructions = [];
    let stage = -1;
    for (let index = 0; index < lines.length; index += 1) {
        const trimmed = lines[index].trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const startLine = index + 1;
        let joined = '';
        let current = lines[index];
        for (;;) {
            const body = current.trimEnd();
            if (body.endsWith(escapeChar)) {
                joined += body.slice(0, -1) + ' ';
                index += 1;
                // Comment lines inside a continued instruction are dropped, as docker does.
                while (index < lines.length && lines[index].trim().startsWith('#'))
                    index += 1;
                if (index >= lines.length)
                    break;
                current = lines[index];
            }
            else {
                joined += body;
                break;
            }
        }
        const match = /^\s*(\S+)\s*(.*)$/s.exec(joined);
        if (!match)
            continue;
        const keyword = match[1].toUpperCase();
        const args = match[2].replace(/\s+/g, ' ').trim();
        const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(args);
        if (heredoc && (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD')) {
            while (index + 1 < lines.length && lines[index + 1].trim() !== heredoc[1])
                index += 1;
            index += 1;
        }
        if (keyword === 'FROM')
            stage += 1;
        instructions.push({ line: startLine, keyword, args, stage: Math.max(stage, 0) });
    }
    return { instructions, stageCount: stage + 1 };
}
/** The instruction keyword a history entry's created_by records (classic builder and BuildKit forms). */
function historyKeyword(createdBy) {
    const text = createdBy.trim();
    const nop = /#\(nop\)\s+(\S+)/.exec(text);
    if (nop)
        return nop[1].toUpperCase();
    if (/^(\|\d+ .*?)?\/bin\/sh -c /.test(text) || /^(\|\d+ .*?)?\S*sh -c /.test(text))
        return 'RUN';
    const first = /^(\S+)/.exec(text);
    return first ? first[1].toUpperCase() : '';
}
function normalise(text) {
    return text
        .replace(/\\\s*\n/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}
/** Does this history entry plausibly come from this instruction? */
function sameStep(createdBy, instruction) {
    if (historyKeyword(createdBy) !== instruction.keyword)
        return false;
    const recorded = normalise(createdBy);
    if (instruction.keyword === 'RUN') {
        const command = normalise(instruction.args.replace(/^(--\S+\s+)+/, '')).replace(/^\[\s*"(.*)"\s*\]$/, '$1');
        return recorded.includes(command.slice(0, 60)) || recorded.includes(command.replace(/"/g, '').slice(0, 60));
    }
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const parts = instruction.args.replace(/^(--\S+\s+)+/, '').split(' ');
        const destination = parts.at(-1) ?? '';
        return destination === '' || recorded.includes(destination.replace(/^\.\//, ''));
    }
    return true;
}
/** Readable form of a created_by, the same for both builders: without `/bin/sh -c #(nop)`, `|N ARG=...` and `# buildkit`. */
function shortCreatedBy(createdBy) {
    return (createdBy
        .replace(/^\|\d+ (\S+=\S* )*/, '')
        .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
        .replace(/^\/bin\/sh -c /, 'RUN ')
        // BuildKit writes the shell form as `RUN /bin/sh -c ...`: shown as the classic builder's is.
        .replace(/^RUN \/bin\/sh -c /, 'RUN ')
        .replace(/\s+# buildkit$/, '')
        .replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{20,}/g, '$1:$2…')
        .replace(/\s+/g, ' ')
        .trim());
}
/**
 * For each layer (RootFS order), the history entry that made it and, when the Dockerfile is known, the
 * final-stage instruction: history and instructions are matched backwards from the last layer, skipping
 * instructions that make no layer. Layers left over belong to the base image. Without a Dockerfile, every
 * layer but the first counts as the image's own (dive's "user" layers).
 */
function attributeLayers(history, layerCount, dockerfile) {
    const layerHistory = history.filter((entry) => !entry.empty_layer).map((entry) => entry.created_by ?? '');
    // History can be missing or shorter than the layer list (e.g. imported images); pad from the front.
    while (layerHistory.length < layerCount)
        layerHistory.unshift('');
    const origins = layerHistory.slice(-layerCount).map((createdBy, index) => ({
        createdBy: shortCreatedBy(createdBy) || '(no history recorded: an imported or squashed layer)',
        own: dockerfile ? false : index > 0,
    }));
    if (!dockerfile || dockerfile.stageCount === 0)
        return origins;
    const finalStage = dockerfile.instructions.filter((instruction) => instruction.stage === dockerfile.stageCount - 1 && instruction.keyword !== 'FROM');
    const recorded = layerHistory.slice(-layerCount);
    let instructionIndex = finalStage.length - 1;
    for (let layer = layerCount - 1; layer >= 0 && instructionIndex >= 0; layer -= 1) {
        while (instructionIndex >= 0 && !sameStep(recorded[layer], finalStage[instructionIndex]))
            instructionIndex -= 1;
        if (instructionIndex < 0)
            break;
        origins[layer].instruction = finalStage[instructionIndex];
        origins[layer].own = true;
        instructionIndex -= 1;
    }
    return origins;
}

;// CONCATENATED MODULE: ./src/analysis/hint-paths.ts
// Which paths of an image's final filesystem the hints look for: package-manager caches, build
// toolchains, shells and package managers, each with the advice that removes them.
const CACHE_RULES = [
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
const TOOLCHAIN_RULES = [
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
const SHELLS = /^\/(usr\/)?bin\/(sh|bash|dash|ash|busybox|zsh)$/;
const PACKAGE_MANAGERS = /^\/(usr\/)?s?bin\/(apt|apt-get|dpkg|apk|yum|dnf|rpm|pip3?|npm)$/;
/** Build-context files a .dockerignore should keep out of COPY and ADD layers; the first match names the kind. */
const CONTEXT_LEFTOVERS = [
    { kind: '.git', pattern: /\/\.git\// },
    { kind: 'node_modules', pattern: /\/node_modules\// },
    { kind: 'tests', pattern: /\/(tests?|__tests__|spec)\// },
    { kind: 'docs', pattern: /\/(docs?)\/|\.md$/i },
];

;// CONCATENATED MODULE: ./src/common/created-by.ts
// One cut for a layer's created_by wherever it is shown: the layer tables of the summary and the PR
// comment, the terminal's largest layers, and the hint messages that name a layer.
/** Long enough to tell two RUN steps apart, short enough for a table cell or a terminal line. */
const CREATED_BY_MAX_CHARS = 80;
/**
 * `createdBy` cut to CREATED_BY_MAX_CHARS characters, with an ellipsis when it was cut. Counted in code
 * points, so a cut never splits a character in two (half of a surrogate pair would become U+FFFD).
 */
function created_by_clipCreatedBy(createdBy) {
    const characters = Array.from(createdBy);
    return characters.length > CREATED_BY_MAX_CHARS ? `${characters.slice(0, CREATED_BY_MAX_CHARS).join('')}…` : createdBy;
}

;// CONCATENATED MODULE: ./src/analysis/hint-rules.ts



const MIN_CACHE_BYTES = 64 * 1024;
const MIN_TOOLCHAIN_BYTES = 1024 * 1024;
const MIN_STRIP_BYTES = 64 * 1024;
const LARGE_BASE_BYTES = 10_000_000;
const UPX_MIN_BYTES = 5_000_000;
const MAX_STRIP_HINTS = 10;
const MAX_UPX_HINTS = 3;
function packageCacheHints({ visible, origins }) {
    return bytesByRuleAndLayer(visible, CACHE_RULES, origins)
        .filter((total) => total.bytes >= MIN_CACHE_BYTES)
        .map((total) => ({
        kind: 'package-cache',
        severity: 'warning',
        title: `${total.rule.label} left in the image`,
        message: `${where(origins, total.layer)} leaves ${units_formatBytes(total.bytes)} of ${total.rule.label} (${total.files} files) in the image; ${total.rule.advice}.`,
        savingBytes: total.bytes,
        ...place(origins, total.layer),
    }));
}
/** One toolchain hint per toolchain, pointing at the layer that added most of it. */
function toolchainHints({ visible, origins }) {
    const toolchains = new Map();
    for (const total of bytesByRuleAndLayer(visible, TOOLCHAIN_RULES, origins)) {
        const current = toolchains.get(total.rule.label);
        if (!current)
            toolchains.set(total.rule.label, { rule: total.rule, layer: total.layer, bytes: total.bytes });
        else
            current.bytes += total.bytes;
    }
    return [...toolchains.values()]
        .filter((toolchain) => toolchain.bytes >= MIN_TOOLCHAIN_BYTES)
        .map((toolchain) => ({
        kind: 'toolchain',
        severity: 'warning',
        title: `${toolchain.rule.label} in the final image`,
        message: `The final image carries ${units_formatBytes(toolchain.bytes)} of ${toolchain.rule.label}, mostly from ${where(origins, toolchain.layer)}; ${toolchain.rule.advice}.`,
        savingBytes: toolchain.bytes,
        ...place(origins, toolchain.layer),
    }));
}
function unstrippedBinaryHints({ ownBinaries, origins }) {
    return ownBinaries
        .slice(0, MAX_STRIP_HINTS)
        .filter(({ binary }) => binary.strippableBytes >= MIN_STRIP_BYTES)
        .map(({ binary, layer }) => ({
        kind: 'unstripped-binary',
        severity: 'warning',
        title: 'Binary with symbols or debug information',
        message: `${binary.path} (${units_formatBytes(binary.sizeBytes)}, from ${where(origins, layer)}) carries ${units_formatBytes(binary.strippableBytes)} of ${binary.hasSymbolTable ? 'symbol tables' : 'non-loaded sections'} and debug information; strip it (\`strip --strip-all\`), or for Go build with \`-ldflags '-s -w'\`.`,
        savingBytes: binary.strippableBytes,
        ...place(origins, layer),
    }));
}
function staticBinaryOnLargeBaseHints({ staticExecutables, baseBytes, origins }) {
    if (staticExecutables.length === 0 || baseBytes < LARGE_BASE_BYTES)
        return [];
    const { binary, layer } = staticExecutables[0];
    return [
        {
            kind: 'static-binary-on-large-base',
            severity: 'warning',
            title: 'Static binary on a large base image',
            message: `${binary.path} is statically linked, yet the image sits on a ${units_formatBytes(baseBytes)} base; \`FROM scratch\` (or a distroless static base) would do and save about ${units_formatBytes(baseBytes)}.`,
            savingBytes: baseBytes,
            ...place(origins, layer),
        },
    ];
}
function upxHints({ staticExecutables, origins }) {
    return staticExecutables
        .filter(({ binary }) => binary.sizeBytes >= UPX_MIN_BYTES)
        .slice(0, MAX_UPX_HINTS)
        .map(({ binary, layer }) => ({
        kind: 'upx',
        severity: 'info',
        title: 'UPX could pack a large static binary',
        message: `${binary.path} is ${units_formatBytes(binary.sizeBytes)}; UPX typically packs such binaries to 30-50% of their size, at the cost of decompressing on every start (often 50-200 ms, and more memory). Measure with max-startup-time before adopting it.`,
        ...place(origins, layer),
    }));
}
/** Files a .dockerignore should keep out, in COPY/ADD layers of the image's own build. */
function dockerignoreHints({ visible, origins }) {
    const ignorable = new Map();
    for (const [path, file] of visible) {
        const origin = origins[file.layer];
        if (!origin?.own || !/^(COPY|ADD)\b/.test(origin.instruction?.keyword ?? origin.createdBy))
            continue;
        const kind = CONTEXT_LEFTOVERS.find((candidate) => candidate.pattern.test(path))?.kind;
        if (!kind)
            continue;
        const total = ignorable.get(file.layer) ?? { bytes: 0, files: 0, kinds: new Set() };
        total.bytes += file.sizeBytes;
        total.files += 1;
        total.kinds.add(kind);
        ignorable.set(file.layer, total);
    }
    return [...ignorable]
        .filter(([, total]) => total.bytes > 0)
        .map(([layer, total]) => ({
        kind: 'dockerignore',
        severity: 'warning',
        title: 'Build-context files that a .dockerignore should keep out',
        message: `${where(origins, layer)} copies ${total.files} files (${units_formatBytes(total.bytes)}) of ${[...total.kinds].join(', ')} into the image; list them in .dockerignore.`,
        savingBytes: total.bytes,
        ...place(origins, layer),
    }));
}
function noDockerignoreHints({ contextHasDockerignore }) {
    if (contextHasDockerignore !== false)
        return [];
    return [
        {
            kind: 'no-dockerignore',
            severity: 'info',
            title: 'No .dockerignore in the build context',
            message: 'The build context has no .dockerignore, so every file in it (.git, local node_modules, build output) is sent to the builder and can end up in COPY layers.',
        },
    ];
}
/** deleted-later and rewritten-later, one hint per group of shadowed bytes, in the groups' order (largest first). */
function shadowedFileHints({ reclaimable, origins }) {
    return reclaimable.groups
        .filter((group) => origins[group.shadowedByLayer]?.own && group.bytes >= MIN_CACHE_BYTES)
        .map((group) => (group.how === 'deleted' ? deletedLaterHint(group, origins) : rewrittenLaterHint(group, origins)));
}
function deletedLaterHint(group, origins) {
    const examples = group.examples.map((example) => example.path).join(', ');
    return {
        kind: 'deleted-later',
        severity: 'warning',
        title: 'Files written in one layer and deleted in a later one',
        message: `${where(origins, group.writtenInLayer)} writes ${units_formatBytes(group.bytes)} (${group.fileCount} files, e.g. ${examples}) that ${where(origins, group.shadowedByLayer)} deletes; the bytes stay in the earlier layer. Write and delete them in one RUN, or use a build stage.`,
        savingBytes: group.bytes,
        layerIndex: group.shadowedByLayer,
        line: lineOf(origins, group.shadowedByLayer) ?? lineOf(origins, group.writtenInLayer),
    };
}
/** What a package install rewrites: the package managers' databases, logs and caches, and the linker's cache. */
const PACKAGE_STATE = /^\/(var\/lib\/dpkg\/|lib\/apk\/db\/|usr\/lib\/apk\/db\/|var\/lib\/apt\/|var\/cache\/debconf\/|var\/log\/(dpkg\.log|apt\/|alternatives\.log)|var\/lib\/rpm\/|var\/cache\/ldconfig\/|etc\/ld\.so\.cache$)/;
/** Why a later layer stores a second copy: a package install rewriting the package database, a chmod or chown, or both. */
function rewriteCause(group) {
    const state = group.examples.filter((example) => PACKAGE_STATE.test(example.path)).length;
    const install = 'a package install in a later layer rewrites the package database and its logs';
    const installAdvice = 'install the packages in one RUN (or in a build stage)';
    const chmod = 'a chmod or chown in a later RUN does this';
    const chmodAdvice = 'set ownership and modes where the files are written (COPY --chown/--chmod)';
    if (state === group.examples.length)
        return { cause: install, advice: installAdvice };
    if (state === 0)
        return { cause: chmod, advice: chmodAdvice };
    return {
        cause: `${install}, and a chmod or chown in a later RUN rewrites the files it touches`,
        advice: `${installAdvice}; ${chmodAdvice}`,
    };
}
function rewrittenLaterHint(group, origins) {
    const examples = group.examples.map((example) => example.path).join(', ');
    const { cause, advice } = rewriteCause(group);
    return {
        kind: 'rewritten-later',
        severity: 'warning',
        title: 'Files copied again by a later layer',
        message: `${where(origins, group.shadowedByLayer)} rewrites ${group.fileCount} files (${units_formatBytes(group.bytes)}, e.g. ${examples}) from ${where(origins, group.writtenInLayer)}, so both copies are stored (${cause}); ${advice}.`,
        savingBytes: group.bytes,
        ...place(origins, group.shadowedByLayer),
    };
}
function attackSurfaceHints({ visible }) {
    const shells = [];
    const managers = [];
    const setuid = [];
    for (const [path, file] of visible) {
        if (SHELLS.test(path))
            shells.push(path);
        if (PACKAGE_MANAGERS.test(path))
            managers.push(path);
        if (file.kind === 'file' && file.mode & 0o4000)
            setuid.push({ path, sizeBytes: file.sizeBytes });
    }
    const setuidBytes = setuid.reduce((sum, file) => sum + file.sizeBytes, 0);
    const parts = [
        shells.length ? `a shell (${firstSorted(shells, 4)})` : '',
        managers.length ? `a package manager (${firstSorted(managers, 4)})` : '',
        setuid.length
            ? `${setuid.length} setuid binaries (${units_formatBytes(setuidBytes)}: ${firstSorted(setuid.map((file) => file.path), 5)})`
            : '',
    ].filter(Boolean);
    if (parts.length === 0)
        return [];
    return [
        {
            kind: 'attack-surface',
            severity: 'info',
            title: 'Attack surface in the final image',
            message: `The final image contains ${parts.join(', ')}. A distroless or scratch base leaves them out.`,
        },
    ];
}
// ---------------------------------------------------------------------------------------------------
// What the rules share
function firstSorted(paths, count) {
    return [...paths].sort().slice(0, count).join(', ');
}
function lineOf(origins, layer) {
    return origins[layer]?.instruction?.line;
}
/** The layer a hint concerns, and its Dockerfile line when known. */
function place(origins, layer) {
    return { layerIndex: layer, line: lineOf(origins, layer) };
}
/** A layer in words: its Dockerfile line and instruction, or its created_by. */
function where(origins, layer) {
    const origin = origins[layer];
    const line = origin?.instruction?.line;
    const step = origin?.createdBy ? `\`${created_by_clipCreatedBy(origin.createdBy)}\`` : `layer ${layer + 1}`;
    return line ? `line ${line} (${step})` : step;
}
/** Sums visible bytes by (rule, layer), for the image's own layers. */
function bytesByRuleAndLayer(visible, rules, origins) {
    const totals = new Map();
    for (const [path, file] of visible) {
        if (!origins[file.layer]?.own || file.sizeBytes === 0)
            continue;
        const rule = rules.find((candidate) => candidate.pattern.test(path));
        if (!rule)
            continue;
        const key = `${rule.label}|${file.layer}`;
        const total = totals.get(key) ?? { rule, layer: file.layer, bytes: 0, files: 0 };
        total.bytes += file.sizeBytes;
        total.files += 1;
        totals.set(key, total);
    }
    return [...totals.values()].sort((a, b) => b.bytes - a.bytes);
}

;// CONCATENATED MODULE: ./src/analysis/package-hints.ts


const MIN_DEV_DEPENDENCY_BYTES = 64 * 1024;
const MIN_EXTRAS_BYTES = 512 * 1024;
const MIN_BUILD_PACKAGE_BYTES = 1024 * 1024;
/** Python sources below which a missing bytecode cache is not worth a word. */
const MIN_PYTHON_SOURCES = 50;
const NAMED = 5;
function named(packages) {
    const shown = packages
        .slice(0, NAMED)
        .map((pkg) => `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''} (${units_formatBytes(pkg.sizeBytes)})`)
        .join(', ');
    return packages.length > NAMED ? `${shown} and ${packages.length - NAMED} more` : shown;
}
/** The layer with the most bytes of several packages. */
function heaviestLayer(packages) {
    const byLayer = new Map();
    for (const pkg of packages)
        byLayer.set(pkg.layer, (byLayer.get(pkg.layer) ?? 0) + pkg.sizeBytes);
    return [...byLayer].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
/** One hint per app package.json whose devDependencies sit in the node_modules beside it. */
function devDependencyHints({ packageView, origins }) {
    const byApp = new Map();
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
            message: `${shipped.length} devDependencies of ${app} are in the final image, ${units_formatBytes(bytes)} in all: ${named(shipped)}, mostly from ${where(origins, layer)}. Install production dependencies only (\`npm ci --omit=dev\`) in a build stage and copy that node_modules.`,
            savingBytes: bytes,
            ...place(origins, layer),
        };
    });
}
/** The layer of most bytes among tallies (the earlier of equals). */
function mostBytesLayer(tallies) {
    const byLayer = new Map();
    for (const tally of tallies)
        byLayer.set(tally.layer, (byLayer.get(tally.layer) ?? 0) + tally.bytes);
    return [...byLayer].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
const sum = (tallies, field) => tallies.reduce((total, tally) => total + tally[field], 0);
/** Test, docs, source-map and TypeScript files inside node_modules and site-packages; devDependencies' own left to their hint. */
function packageExtrasHints({ packageView, origins }) {
    const extras = packageView?.runtimeFiles.extras ?? [];
    return ['node_modules', 'site-packages'].flatMap((area) => {
        const tallies = extras.filter((tally) => tally.area === area);
        const bytes = sum(tallies, 'bytes');
        if (bytes < MIN_EXTRAS_BYTES)
            return [];
        const layer = mostBytesLayer(tallies);
        const byKind = new Map();
        for (const tally of tallies)
            byKind.set(tally.kind, (byKind.get(tally.kind) ?? 0) + tally.bytes);
        const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, kindBytes]) => `${kind} ${units_formatBytes(kindBytes)}`);
        const advice = area === 'node_modules'
            ? "delete them in the build stage after `npm ci --omit=dev` (e.g. `find node_modules -name '*.map' -delete`), and check the app still starts"
            : "delete the packages' tests and docs in the build stage, and check the app still starts";
        return [
            {
                kind: 'package-extras',
                severity: 'info',
                title: `Files a runtime never loads inside ${area}`,
                message: `${sum(tallies, 'files')} files (${units_formatBytes(bytes)}: ${kinds.join(', ')}) inside ${area}, mostly from ${where(origins, layer)}; ${advice}.`,
                savingBytes: bytes,
                ...place(origins, layer),
            },
        ];
    });
}
/** Python bytecode written at build time (what it costs, what it saves at start), or Python sources without any. */
function pythonBytecodeHints({ packageView, origins }) {
    const own = (tally) => origins[tally.layer]?.own === true;
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
                message: `${sum(bytecode, 'files')} .pyc files in __pycache__ (${units_formatBytes(bytes)}, mostly from ${where(origins, layer)}). They cost bytes and save start-up time: a container with a read-only root filesystem cannot write them, so without them every start compiles the modules again. Keep them when start-up matters; otherwise \`PYTHONDONTWRITEBYTECODE=1\` or \`pip install --no-compile\` at build saves them.`,
                savingBytes: bytes,
                ...place(origins, layer),
            },
        ];
    }
    const sourceFiles = sum(sources, 'files');
    if (sourceFiles < MIN_PYTHON_SOURCES)
        return [];
    return [
        {
            kind: 'python-bytecode',
            severity: 'info',
            title: 'Python sources without bytecode',
            message: `${sourceFiles} .py files (${units_formatBytes(sum(sources, 'bytes'))}) and no __pycache__: a container with a read-only root filesystem compiles every module it imports on every start. \`python -m compileall\` in the build adds bytecode of about the sources' size and saves that time; measure with max-startup-time.`,
        },
    ];
}
/** Which packages build software rather than run it. */
const BUILD_PACKAGE = {
    deb: /^(build-essential|(gcc|g\+\+|cpp|gfortran|clang|llvm)(-\d+(\.\d+)?)?|make|cmake|binutils(-.+)?|dpkg-dev|libc6-dev|linux-libc-dev|lib(gcc|stdc\+\+)-\d+-dev|.+-dev)(:.+)?$/,
    apk: /^(build-base|gcc|g\+\+|clang\d*|llvm\d*|make|cmake|binutils|musl-dev|fortify-headers|.+-dev)$/,
};
const PYTHON_BUILD_TOOL = {
    python: /^(pip|setuptools|wheel)$/,
    deb: /^python3-(pip|setuptools|wheel)(-whl)?$/,
    apk: /^py3-(pip|setuptools|wheel)$/,
};
function matching(packages, patterns, own) {
    return packages.filter((pkg) => own(pkg.layer) && pkg.sizeBytes > 0 && patterns[pkg.ecosystem]?.test(pkg.name));
}
/** pip, setuptools and wheel (as Python distributions or system packages) in the image's own layers. */
function pythonBuildToolHints({ packageView, origins }) {
    const tools = matching(packageView?.packages ?? [], PYTHON_BUILD_TOOL, (layer) => origins[layer]?.own === true);
    if (tools.length === 0)
        return [];
    const bytes = tools.reduce((sum, pkg) => sum + pkg.sizeBytes, 0);
    const layer = heaviestLayer(tools);
    return [
        {
            kind: 'python-build-tools',
            severity: 'warning',
            title: 'pip and its build tools in a runtime image',
            message: `${named(tools)}: ${units_formatBytes(bytes)}, mostly from ${where(origins, layer)}, that only installing needs. Install into a virtual environment in a build stage and copy it without them (\`python -m venv --without-pip\`, or \`pip uninstall -y pip setuptools wheel\` last).`,
            savingBytes: bytes,
            ...place(origins, layer),
        },
    ];
}
/** Compilers, make and -dev packages installed by the image's own layers, named. */
function buildPackageHints({ packageView, origins }) {
    const found = matching(packageView?.packages ?? [], BUILD_PACKAGE, (layer) => origins[layer]?.own === true);
    const bytes = found.reduce((sum, pkg) => sum + pkg.sizeBytes, 0);
    if (bytes < MIN_BUILD_PACKAGE_BYTES)
        return [];
    const layer = heaviestLayer(found);
    return [
        {
            kind: 'build-packages',
            severity: 'warning',
            title: 'Build packages in the final image',
            message: `${found.length} packages that build software rather than run it take ${units_formatBytes(bytes)}: ${named(found)}, mostly from ${where(origins, layer)}. Install them in a build stage only; the final image needs the runtime libraries.`,
            savingBytes: bytes,
            ...place(origins, layer),
        },
    ];
}

;// CONCATENATED MODULE: ./src/analysis/hints.ts
// Pure: what to do about the bytes. Each hint names the layer (and Dockerfile line, when known) it
// concerns and estimates what it would save, from bytes the final image really holds. Each kind of hint
// is one rule in HINT_RULES (the rules are in hint-rules.ts), a function over a context computed once.



/** Path-based toolchain hints that the build-packages hint says better, by package, when it is given. */
const SAID_BY_BUILD_PACKAGES = new Set(['C/C++ compiler in the final image', 'C headers in the final image']);
function computeHints(input) {
    const context = hintContext(input);
    const hints = HINT_RULES.flatMap((rule) => rule(context));
    const byPackage = hints.some((hint) => hint.kind === 'build-packages');
    // Sorted by saving, largest first; hints that save nothing measurable last, in the rules' order.
    return hints
        .filter((hint) => !(byPackage && hint.kind === 'toolchain' && SAID_BY_BUILD_PACKAGES.has(hint.title)))
        .sort((a, b) => (b.savingBytes ?? -1) - (a.savingBytes ?? -1));
}
function hintContext(input) {
    const { layers, origins } = input;
    const visible = input.reclaimable.visible;
    const ownBinaries = layers.flatMap((layer, index) => origins[index]?.own
        ? layer.elfBinaries
            // A toolchain's own binaries are covered by the toolchain hint.
            .filter((binary) => visible.get(binary.path)?.layer === index && !TOOLCHAIN_RULES.some((rule) => rule.pattern.test(binary.path)))
            .map((binary) => ({ binary, layer: index }))
        : []);
    // Most strippable bytes first: the strip hints list the worst, and the static-binary hints take this order too.
    ownBinaries.sort((a, b) => b.binary.strippableBytes - a.binary.strippableBytes);
    const staticExecutables = ownBinaries.filter(({ binary }) => binary.isStatic === true && (visible.get(binary.path)?.mode ?? 0) & 0o111 && !/\.so(\.|$)/.test(binary.path));
    const baseBytes = layers.reduce((sum, layer, index) => (origins[index]?.own ? sum : sum + layer.entries.reduce((total, entry) => total + entry.sizeBytes, 0)), 0);
    return { ...input, visible, ownBinaries, staticExecutables, baseBytes };
}
// ---------------------------------------------------------------------------------------------------
// The rules, in the order their hints are listed when they save the same bytes
const HINT_RULES = [
    packageCacheHints,
    toolchainHints,
    buildPackageHints,
    devDependencyHints,
    pythonBuildToolHints,
    packageExtrasHints,
    pythonBytecodeHints,
    unstrippedBinaryHints,
    staticBinaryOnLargeBaseHints,
    upxHints,
    dockerignoreHints,
    noDockerignoreHints,
    shadowedFileHints,
    attackSurfaceHints,
];

;// CONCATENATED MODULE: ./src/analysis/slices.ts
// Long computations written as generators that pause now and then: run to the end at once (tests, small
// inputs), or in slices of a few milliseconds with a turn of the event loop between them, so that progress
// lines are printed and a cancelling signal is handled while an image with 150,000 deletions is analysed.
/** How many units of work (entries, tree nodes) a computation does between two points where it may pause. */
const UNITS_BETWEEN_PAUSES = 2048;
/** Runs a computation to its end without pausing. */
function slices_runToEnd(steps) {
    for (;;) {
        const next = steps.next();
        if (next.done)
            return next.value;
    }
}
/** Lets timers, I/O callbacks and signal handlers run before the caller goes on. */
function nextTurn() {
    return new Promise((resolve) => setImmediate(resolve));
}
/** Runs a computation, giving the event loop a turn whenever it has held it for `sliceMs`. */
async function runInSlices(steps, sliceMs = 20) {
    let sliceStartedMs = performance.now();
    for (;;) {
        const next = steps.next();
        if (next.done)
            return next.value;
        if (performance.now() - sliceStartedMs >= sliceMs) {
            await nextTurn();
            sliceStartedMs = performance.now();
        }
    }
}

;// CONCATENATED MODULE: ./src/analysis/dive-tree.ts

const WHITEOUT_PREFIX = '.wh.';
/** dive's doubleWhiteoutPrefix: names it never adds to a tree (opaque-directory markers). */
const OPAQUE_PREFIX = '.wh..wh..';
class TreeNode {
    name;
    children = undefined;
    /** dive's FileInfo.Size and IsDir: the payload, empty for a directory that only lies on the way to an entry. */
    sizeBytes = 0;
    isDir = false;
    constructor(name) {
        this.name = name;
    }
    child(name) {
        return this.children?.get(name);
    }
    addChild(name) {
        const node = new TreeNode(name);
        (this.children ??= new Map()).set(name, node);
        return node;
    }
    isLeaf() {
        return this.children === undefined || this.children.size === 0;
    }
}
const SURROGATE = /[\ud800-\udfff]/;
const NO_CHILDREN = Object.freeze([]);
/**
 * Children in Go's string order (bytewise UTF-8), which dive's visits follow. UTF-16 order is the same for
 * names without surrogate pairs; otherwise each name's UTF-8 bytes, as a latin1 string, are compared once made.
 */
function sortedChildren(node) {
    if (node.isLeaf())
        return NO_CHILDREN;
    const children = [...node.children.values()];
    if (!children.some((child) => SURROGATE.test(child.name)))
        return children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const keyed = children.map((child) => ({ child, key: Buffer.from(child.name, 'utf8').toString('latin1') }));
    return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((item) => item.child);
}
/**
 * dive's VisitDepthChildFirst over a whole tree: children before their parent, siblings in order; never the
 * root. Leaves, most of the nodes, are all given in one frame, reset for each: a visit keeps no frame.
 */
function* childFirst(root) {
    const frameOf = (node, parent) => ({
        node,
        parent,
        stacked: undefined,
        memo: undefined,
        children: sortedChildren(node),
        nextChild: 0,
    });
    const stack = [frameOf(root, undefined)];
    const leaf = frameOf(root, undefined);
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.nextChild < frame.children.length) {
            const node = frame.children[frame.nextChild++];
            if (!node.isLeaf())
                stack.push(frameOf(node, frame));
            else {
                leaf.node = node;
                leaf.parent = frame;
                leaf.stacked = undefined;
                leaf.memo = undefined;
                yield leaf;
            }
        }
        else {
            stack.pop();
            if (frame.parent)
                yield frame;
        }
    }
}
function isWhiteout(node) {
    return node.name.startsWith(WHITEOUT_PREFIX);
}
/**
 * dive's AddPath, for the names of `path.slice(0, end)`: missing nodes get an empty payload, except that a
 * missing name starting with `.wh..wh..` is never added, and then nothing is (undefined).
 */
function addNames(root, path, end) {
    let node = root;
    for (let start = 0; start < end;) {
        let stop = path.indexOf('/', start);
        if (stop < 0 || stop > end)
            stop = end;
        if (stop > start) {
            const name = path.slice(start, stop);
            let next = node.child(name);
            if (!next) {
                if (name.startsWith(OPAQUE_PREFIX))
                    return undefined;
                next = node.addChild(name);
            }
            node = next;
        }
        start = stop + 1;
    }
    return node;
}
/** A layer's tree: dive's AddPath for each entry, with the entry's payload on its own node. */
function* layerTree(entries) {
    const root = new TreeNode('');
    // A tar lists a directory's entries together: its node is looked up once for all of them (a layer tree only grows).
    let directoryPath = '';
    let directory = root;
    for (let index = 0; index < entries.length; index += 1) {
        const path = entries[index].path;
        const slash = path.lastIndexOf('/');
        if (slash !== directoryPath.length || !path.startsWith(directoryPath)) {
            directoryPath = path.slice(0, slash);
            directory = addNames(root, path, slash);
        }
        const name = path.slice(slash + 1);
        const node = directory?.child(name) ?? (directory && !name.startsWith(OPAQUE_PREFIX) ? directory.addChild(name) : undefined);
        if (node) {
            node.sizeBytes = entries[index].sizeBytes;
            node.isDir = entries[index].kind === 'directory';
        }
        if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1)
            yield;
    }
    return root;
}
/**
 * The stacked tree's node at a frame's path (every name as stored). Missing nodes are made on the way when
 * `create` (AddPath gives them an empty payload); otherwise a missing one gives undefined (GetNode).
 * Found nodes are remembered on the frames, so a frame costs one lookup per visit however deep it is.
 */
function stackedNode(frame, stackedRoot, create) {
    if (frame.stacked)
        return frame.stacked;
    const parent = frame.parent;
    if (!parent)
        return stackedRoot;
    // Usually the parent's node is known already, and no list of frames still to look up is needed.
    const parentNode = !parent.parent ? stackedRoot : (parent.stacked ?? stackedNodeOfChain(parent, stackedRoot, create));
    const node = parentNode?.child(frame.node.name) ?? (create ? parentNode?.addChild(frame.node.name) : undefined);
    frame.stacked = node;
    return node;
}
/** stackedNode for a frame whose parent's node is not known yet: the frames up to one that is are walked down. */
function stackedNodeOfChain(frame, stackedRoot, create) {
    const unresolved = [];
    let known = frame;
    while (known.parent && !known.stacked) {
        unresolved.push(known);
        known = known.parent;
    }
    let node = known.parent ? known.stacked : stackedRoot;
    for (let index = unresolved.length - 1; index >= 0; index -= 1) {
        const name = unresolved[index].node.name;
        const next = node.child(name) ?? (create ? node.addChild(name) : undefined);
        if (!next)
            return undefined;
        unresolved[index].stacked = next;
        node = next;
    }
    return node;
}
/** dive's GetNode(Path()) for a whiteout: the node it deletes in the stacked tree, if there is one. */
function whiteoutTarget(frame, stackedRoot) {
    const directory = stackedNode(frame.parent, stackedRoot, false);
    const name = frame.node.name.slice(WHITEOUT_PREFIX.length);
    return name === '' ? directory : directory?.child(name);
}
/**
 * Bytes of a stacked node and everything under it (dive's sizer). `known` holds the totals of the nodes summed
 * already while the stacked tree has not changed, so that nested deletions sum each node once.
 */
function* subtreeBytes(top, known) {
    const pending = [top];
    const order = [];
    while (pending.length > 0) {
        const node = pending.pop();
        if (known.has(node))
            continue;
        order.push(node);
        if (node.children)
            for (const child of node.children.values())
                pending.push(child);
        if (order.length % UNITS_BETWEEN_PAUSES === 0)
            yield;
    }
    // Reversed, every node comes after all of its children.
    for (let index = order.length - 1; index >= 0; index -= 1) {
        const node = order[index];
        let total = node.sizeBytes;
        if (node.children)
            for (const child of node.children.values())
                total += known.get(child);
        known.set(node, total);
    }
    return known.get(top);
}
/**
 * dive's FileTree.Stack: every node of the layer, children first; a whiteout removes its path, any other node
 * is added with its payload. The stacked nodes remembered on frames stay valid: a whiteout only removes a
 * sibling's subtree (visited already, or not yet looked up), except `.wh.` alone, whose path is its own
 * directory's: that directory goes (never the root), and is looked up again if a later sibling needs it.
 */
function* stackLayer(upper, stackedRoot) {
    let units = 0;
    for (const frame of childFirst(upper)) {
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
        const parent = frame.parent;
        if (!isWhiteout(frame.node)) {
            const node = stackedNode(frame, stackedRoot, true);
            node.sizeBytes = frame.node.sizeBytes;
            node.isDir = frame.node.isDir;
        }
        else if (frame.node.name !== WHITEOUT_PREFIX) {
            stackedNode(parent, stackedRoot, false)?.children?.delete(frame.node.name.slice(WHITEOUT_PREFIX.length));
        }
        else if (parent.parent) {
            stackedNode(parent.parent, stackedRoot, false)?.children?.delete(parent.node.name);
            parent.stacked = undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/analysis/largest.ts
// Pure: the largest few of many items, kept as they come, and what the others add up to. Reports list the
// largest files, directories and duplicated paths, never all of them: an image can have hundreds of thousands.
/** The `limit` largest items given to `add`, largest first (of equal ones, the earlier first). */
class LargestItems {
    limit;
    items = [];
    itemBytes = [];
    count = 0;
    totalBytes = 0;
    constructor(limit) {
        this.limit = limit;
    }
    add(item, bytes) {
        this.count += 1;
        this.totalBytes += bytes;
        const { items, itemBytes } = this;
        if (items.length >= this.limit && !(bytes > itemBytes[itemBytes.length - 1]))
            return;
        let at = items.length;
        while (at > 0 && itemBytes[at - 1] < bytes)
            at -= 1;
        items.splice(at, 0, item);
        itemBytes.splice(at, 0, bytes);
        if (items.length > this.limit) {
            items.pop();
            itemBytes.pop();
        }
    }
    /** The items kept, and, when some were left out, how many and their bytes. */
    result() {
        if (this.count === this.items.length)
            return { listed: [...this.items] };
        const listedBytes = this.itemBytes.reduce((sum, bytes) => sum + bytes, 0);
        return { listed: [...this.items], notListed: { count: this.count - this.items.length, sizeBytes: this.totalBytes - listedBytes } };
    }
}
/** The `limit` largest items, largest first (of equal ones, the earlier first), and the others' count and bytes. */
function largestOf(items, limit, bytesOf) {
    const largest = new LargestItems(limit);
    for (const item of items)
        largest.add(item, bytesOf(item));
    return largest.result();
}

;// CONCATENATED MODULE: ./src/analysis/dive-efficiency.ts



/** How many inefficient paths the analysis lists; the rest are counted. */
const INEFFICIENT_PATHS_LISTED = 50;
/**
 * A path met, in a tree of them that only grows (a path's record is found from its parent's by one name, and
 * its text is made only for the paths listed at the end), with dive's counts once dive has made it a record.
 */
class PathRecord {
    name;
    parent;
    children = undefined;
    /** In dive's map of paths (a leaf was visited at this path). */
    recorded = false;
    occurrences = 0;
    cumulativeBytes = 0;
    /** -1 until an occurrence is counted. */
    minimumBytes = -1;
    constructor(
    /** '' for the root, and for `.wh.` alone (whose path is its directory's with a slash). */
    name, parent) {
        this.name = name;
        this.parent = parent;
    }
    child(name) {
        let child = this.children?.get(name);
        if (!child)
            (this.children ??= new Map()).set(name, (child = new PathRecord(name, this)));
        return child;
    }
}
/** dive's FileNode.Path() of a record. */
function pathOf(record) {
    const names = [];
    for (let current = record; current.parent; current = current.parent)
        names.push(current.name);
    return '/' + names.reverse().join('/');
}
/** The record of a frame's path, every name as stored; made on the way, and remembered on the frames. */
function recordAt(frame, rootRecord) {
    if (frame.memo)
        return frame.memo;
    const parent = frame.parent;
    if (!parent)
        return rootRecord;
    // Usually the parent's record is known already, and no list of frames still to look up is needed.
    if (parent.memo || !parent.parent)
        return (frame.memo = (parent.memo ?? rootRecord).child(frame.node.name));
    const unresolved = [];
    let known = frame;
    while (known.parent && !known.memo) {
        unresolved.push(known);
        known = known.parent;
    }
    let record = known.parent ? known.memo : rootRecord;
    for (let index = unresolved.length - 1; index >= 0; index -= 1) {
        record = record.child(unresolved[index].node.name);
        unresolved[index].memo = record;
    }
    return record;
}
/** The record of a leaf's path as dive's FileNode.Path() gives it: a whiteout's own name loses its prefix. */
function leafRecord(frame, rootRecord) {
    if (!isWhiteout(frame.node))
        return recordAt(frame, rootRecord);
    return recordAt(frame.parent, rootRecord).child(frame.node.name.slice(WHITEOUT_PREFIX.length));
}
/** dive's efficiency visitor over one layer's leaves, against the layers below it stacked. */
function* measureLayer(tree, stackedRoot, tally) {
    let units = 0;
    // Sizes of deleted directories, summed once for the layer (the stacked tree does not change during its visit).
    const directoryBytes = new Map();
    for (const frame of childFirst(tree)) {
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
        if (!frame.node.isLeaf())
            continue;
        const record = leafRecord(frame, tally.rootRecord);
        if (!record.recorded) {
            record.recorded = true;
            tally.minimumTotal += record.minimumBytes;
        }
        let sizeBytes = frame.node.sizeBytes;
        if (isWhiteout(frame.node)) {
            const deleted = whiteoutTarget(frame, stackedRoot);
            if (!deleted)
                return;
            sizeBytes = deleted.isDir ? yield* subtreeBytes(deleted, directoryBytes) : 0;
        }
        record.cumulativeBytes += sizeBytes;
        tally.discoveredTotal += sizeBytes;
        if (record.minimumBytes < 0 || sizeBytes < record.minimumBytes) {
            tally.minimumTotal += sizeBytes - record.minimumBytes;
            record.minimumBytes = sizeBytes;
        }
        record.occurrences += 1;
        if (record.occurrences === 2)
            tally.inefficient.push(record);
    }
}
function layerFileBytes(entries) {
    let total = 0;
    for (const entry of entries)
        total += entry.sizeBytes;
    return total;
}
function dive_efficiency_summarize(layers, tally, listLimit) {
    const { minimumTotal, discoveredTotal } = tally;
    const largest = largestOf(tally.inefficient, listLimit, (record) => record.cumulativeBytes);
    const listed = largest.listed.map((record) => ({
        path: pathOf(record),
        occurrences: record.occurrences,
        cumulativeBytes: record.cumulativeBytes,
    }));
    const wastedBytes = listed.reduce((sum, item) => sum + item.cumulativeBytes, largest.notListed?.sizeBytes ?? 0);
    const sizes = layers.map(layerFileBytes);
    const imageSizeBytes = sizes.reduce((sum, size) => sum + size, 0);
    const userSizeBytes = imageSizeBytes - (sizes[0] ?? 0);
    return {
        efficiency: discoveredTotal === 0 ? 1 : minimumTotal / discoveredTotal,
        imageSizeBytes,
        userSizeBytes,
        wastedBytes,
        wastedUserPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
        inefficientPaths: listed,
        ...(largest.notListed
            ? { inefficientPathsNotListed: { count: largest.notListed.count, cumulativeBytes: largest.notListed.sizeBytes } }
            : {}),
    };
}
/** dive's efficiency figures for layers given in order (base layer first), as a computation that pauses. */
function* diveEfficiencySteps(layers, options = {}) {
    const tally = { rootRecord: new PathRecord('', undefined), inefficient: [], minimumTotal: 0, discoveredTotal: 0 };
    let stackedRoot;
    for (let layer = 0; layer < layers.length; layer += 1) {
        const tree = yield* layerTree(layers[layer]);
        stackedRoot ??= yield* layerTree(layers[0]);
        yield* measureLayer(tree, stackedRoot, tally);
        yield* stackLayer(tree, stackedRoot);
        options.onLayerDone?.(layer + 1, layers.length);
    }
    return dive_efficiency_summarize(layers, tally, options.listLimit ?? INEFFICIENT_PATHS_LISTED);
}
/** dive's efficiency figures for layers given in order (base layer first). */
function diveEfficiency(layers, options = {}) {
    return runToEnd(diveEfficiencySteps(layers, options));
}

;// CONCATENATED MODULE: ./src/analysis/final-file.ts
// /etc/passwd and /etc/group as the daemon opens them when it starts a container, found in the scanned
// layers without running docker. The daemon resolves the path inside the container's root filesystem with
// FollowSymlinkInScope (moby/sys symlink/fs.go: one component at a time, at most 255 steps, absolute targets
// restart at the root, a missing component is accepted, `..` stops at the root), on the layers stacked as
// overlayfs stacks them, topped by Docker's init layer (moby daemon/initlayer/setup_unix.go). What cannot be
// told from the layers alone is left unknown, and the gate then reads it through the engine.

/** Directories Docker's init layer makes (an image's symlink or file there is hidden by an empty directory). */
const INIT_DIRECTORIES = new Set(['/dev', '/dev/pts', '/dev/shm', '/proc', '/sys', '/etc']);
/** Files the init layer makes (empty) or replaces (/etc/mtab, a symlink to /proc/mounts): the engine knows best. */
const INIT_FILES = new Set(['/.dockerenv', '/etc/resolv.conf', '/etc/hosts', '/etc/hostname', '/dev/console', '/etc/mtab']);
/** FollowSymlinkInScope's limit on path components it walks (symlink targets included). */
const MAX_STEPS = 255;
const final_file_WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
const ROOT_WHITEOUT_PREFIX = `/${final_file_WHITEOUT_PREFIX}`;
/**
 * Entries looked at, over all lookups, before the gate gives up and asks the engine: each lookup scans the
 * layers (no index of every path is built, as an image may hold a million), and symlinks could make many.
 */
const MAX_ENTRIES_SCANNED = 20_000_000;
function ancestorsOf(path) {
    const parts = path.split('/').filter(Boolean);
    return parts.slice(0, -1).map((_, index) => '/' + parts.slice(0, index + 1).join('/'));
}
/** What one layer says about `path`: its entry, that it hides what lower layers have there, or nothing. */
function layerSays(entries, path) {
    const under = (ancestor) => ancestor === '/' || (path.startsWith(ancestor) && path[ancestor.length] === '/');
    // Only the path, its ancestors and whiteouts in them matter: all begin with its first component (or /.wh.).
    const second = path.indexOf('/', 1);
    const top = second === -1 ? path : path.slice(0, second);
    let found;
    let hidden = false;
    for (const entry of entries) {
        if (!entry.path.startsWith(top) && !entry.path.startsWith(ROOT_WHITEOUT_PREFIX))
            continue;
        if (entry.path === path)
            found = entry;
        // A lower layer's content under a non-directory of this layer is hidden (overlayfs stops merging there).
        else if (under(entry.path))
            hidden ||= entry.kind !== 'directory';
        else if (entry.path.includes(final_file_WHITEOUT_PREFIX)) {
            const slash = entry.path.lastIndexOf('/');
            const base = entry.path.slice(slash + 1);
            const dir = entry.path.slice(0, slash) || '/';
            if (!base.startsWith(final_file_WHITEOUT_PREFIX) || !under(dir))
                continue;
            // An opaque directory empties itself of lower content; a whiteout deletes one path and what is under it.
            const deleted = base === OPAQUE_MARKER ? dir : cleanPath(`${dir}/${base.slice(final_file_WHITEOUT_PREFIX.length)}`);
            hidden ||= deleted === path || under(deleted);
        }
    }
    return found ?? (hidden ? 'hidden' : undefined);
}
/** The image's layers as one filesystem, topped by Docker's init layer. */
class FinalFilesystem {
    layers;
    known = new Map();
    scanned = 0;
    constructor(layers) {
        this.layers = layers;
    }
    /** What `path` is, its ancestors being directories; searched from the top layer down, as overlayfs does. */
    kindAt(path) {
        if (INIT_FILES.has(path))
            return { kind: 'unknown' };
        if (INIT_DIRECTORIES.has(path))
            return { kind: 'directory' };
        const known = this.known.get(path);
        if (known)
            return known;
        let found = { kind: 'absent' };
        for (let layer = this.layers.length - 1; layer >= 0; layer -= 1) {
            const entries = this.layers[layer].entries;
            this.scanned += entries.length;
            if (this.scanned > MAX_ENTRIES_SCANNED)
                return { kind: 'unknown' };
            const says = layerSays(entries, path);
            if (says === undefined)
                continue;
            if (says !== 'hidden')
                found = { kind: says.kind, layer, entry: says };
            break;
        }
        this.known.set(path, found);
        return found;
    }
    /** os.Lstat: every ancestor must be a directory (a missing one makes the path missing, a file makes it ENOTDIR). */
    lstat(path) {
        for (const ancestor of ancestorsOf(path)) {
            const found = this.kindAt(ancestor);
            if (found.kind === 'absent' || found.kind === 'unknown')
                return found;
            if (found.kind === 'symlink')
                return { kind: 'unknown' };
            if (found.kind !== 'directory')
                return { kind: 'not-a-directory' };
        }
        return this.kindAt(path);
    }
}
/** FollowSymlinkInScope: the path the daemon opens, or why it cannot (then the container does not start). */
function followInScope(fs, path) {
    let rest = path;
    let walked = '';
    for (let step = 0; rest !== ''; step += 1) {
        if (step > MAX_STEPS)
            return { failed: 'its symbolic links go round or nest too deep (evalSymlinksInScope: too many links)' };
        const slash = rest.indexOf('/');
        const part = slash === -1 ? rest : rest.slice(0, slash);
        rest = slash === -1 ? '' : rest.slice(slash + 1);
        if (part === '')
            continue;
        const candidate = cleanPath(`/${walked}${part}`);
        if (candidate === '/') {
            walked = '';
            continue;
        }
        const found = fs.lstat(candidate);
        if (found.kind === 'unknown')
            return 'unknown';
        if (found.kind === 'not-a-directory')
            return { failed: `${ancestorsOf(candidate).join(', ')} is not a directory` };
        if (found.kind !== 'symlink') {
            walked += `${part}/`;
            continue;
        }
        const target = found.entry.linkTarget ?? '';
        if (target.startsWith('/'))
            walked = '';
        rest = `${target}/${rest}`;
    }
    return { resolved: cleanPath(`/${walked}`) };
}
/** Pure: the file at `path` as the daemon reads it when the container starts, or undefined when only the engine can tell. */
function finalImageFile(layers, path, maxBytes) {
    const fs = new FinalFilesystem(layers);
    const followed = followInScope(fs, path);
    if (followed === 'unknown')
        return undefined;
    if ('failed' in followed)
        return { kind: 'unreadable', why: `Docker cannot resolve ${path}: ${followed.failed}` };
    const found = fs.lstat(followed.resolved);
    switch (found.kind) {
        case 'absent':
            return { kind: 'absent' };
        case 'directory':
            return { kind: 'directory' };
        case 'file':
        case 'link': {
            // A hard link names a file of its own layer, which the tar gave (with its bytes) before the link.
            const dataPath = found.kind === 'link' ? cleanPath(found.entry.linkTarget ?? '') : followed.resolved;
            const layer = layers[found.layer];
            const target = found.kind === 'link' ? layer.entries.find((entry) => entry.path === dataPath) : found.entry;
            if (target?.kind === 'file' && target.sizeBytes > maxBytes)
                return { kind: 'unreadable', why: `it is ${target.sizeBytes} bytes, more than the ${maxBytes} the gate reads` };
            const bytes = target?.kind === 'file' ? layer.userFiles?.get(dataPath) : undefined;
            return bytes ? { kind: 'file', bytes } : undefined;
        }
        case 'other':
            return { kind: 'unreadable', why: `${followed.resolved} is a device, FIFO or socket, not a regular file` };
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/analysis/waste.ts

const waste_WHITEOUT_PREFIX = '.wh.';
const waste_OPAQUE_PREFIX = '.wh..wh..';
class TrieNode {
    children = undefined;
    /** The visible file at this path, if any, with its path and when the path became visible. */
    file = undefined;
    path = '';
    /** Deletions report files in this order, the order in which their paths entered the visible map. */
    visibleSince = 0;
}
/**
 * The node at the path `path.slice(0, end)` in a trie: made on the way when `create`, else undefined when
 * missing. Walks the names in place: no array per lookup.
 */
function nodeAt(root, path, end, create) {
    let node = root;
    for (let start = 0; start < end;) {
        let stop = path.indexOf('/', start);
        if (stop < 0 || stop > end)
            stop = end;
        if (stop > start) {
            const name = path.slice(start, stop);
            let next = node.children?.get(name);
            if (!next) {
                if (!create)
                    return undefined;
                (node.children ??= new Map()).set(name, (next = new TrieNode()));
            }
            node = next;
        }
        start = stop + 1;
    }
    return node;
}
/** The files at and under a node, added to `found`. */
function* filesUnder(top, found) {
    const pending = [top];
    let units = 0;
    while (pending.length > 0) {
        const node = pending.pop();
        if (node.file)
            found.push(node);
        if (node.children)
            for (const child of node.children.values())
                pending.push(child);
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
    }
}
/**
 * Takes a node, and so all under it, out of a trie: the child `name` of the directory `path.slice(0, end)`,
 * or that directory itself when `name` is '' (for the root, everything, under a node made for them).
 */
function detach(root, path, end, name) {
    if (name === '' && end <= 0) {
        const everything = new TrieNode();
        everything.children = root.children;
        root.children = undefined;
        return everything;
    }
    if (name === '') {
        const slash = path.lastIndexOf('/', end - 1);
        return detach(root, path, Math.max(slash, 0), path.slice(slash + 1, end));
    }
    const parent = nodeAt(root, path, end, false);
    const node = parent?.children?.get(name);
    if (node)
        parent.children.delete(name);
    return node;
}
/** Moves what a layer wrote into the trie of earlier layers (their files never share a path). */
function* merge(into, from) {
    const pending = [[into, from]];
    let units = 0;
    while (pending.length > 0) {
        const [target, source] = pending.pop();
        if (source.file) {
            target.file = source.file;
            target.path = source.path;
            target.visibleSince = source.visibleSince;
        }
        for (const [name, child] of source.children ?? []) {
            const existing = target.children?.get(name);
            if (existing)
                pending.push([existing, child]);
            else
                (target.children ??= new Map()).set(name, child);
        }
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
    }
}
class ShadowGroups {
    byKey = new Map();
    add(path, version, byLayer, how) {
        if (version.sizeBytes === 0)
            return;
        const key = `${version.layer}:${byLayer}:${how}`;
        let group = this.byKey.get(key);
        if (!group) {
            group = { writtenInLayer: version.layer, shadowedByLayer: byLayer, how, bytes: 0, fileCount: 0, examples: [] };
            this.byKey.set(key, group);
        }
        group.bytes += version.sizeBytes;
        group.fileCount += 1;
        group.examples.push({ path, sizeBytes: version.sizeBytes });
        // The five largest are kept: the list is cut back whenever it grows past 20.
        if (group.examples.length > 20)
            group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).splice(5);
    }
    /** Largest first, each with its five largest examples. */
    sorted() {
        const sorted = [...this.byKey.values()].sort((a, b) => b.bytes - a.bytes);
        for (const group of sorted)
            group.examples = group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 5);
        return sorted;
    }
}
/** What a whiteout or an opaque-directory marker deletes, taken out of the tries (at most two subtrees). */
function detachDeleted(fs, path, slash) {
    if (path.startsWith(waste_OPAQUE_PREFIX, slash + 1)) {
        // An opaque directory hides everything lower layers had in it (not the directory itself).
        const directory = nodeAt(fs.lower, path, slash, false);
        if (!directory?.children)
            return [];
        const contents = new TrieNode();
        contents.children = directory.children;
        directory.children = undefined;
        return [contents];
    }
    // A whiteout deletes its path and everything under it; `.wh.` alone names its own directory (as Docker and dive read it).
    const name = path.slice(slash + 1 + waste_WHITEOUT_PREFIX.length);
    return [detach(fs.lower, path, slash, name), detach(fs.current, path, slash, name)].filter((node) => node !== undefined);
}
/** Files that leave the visible filesystem, reported in the order their paths became visible. */
function reportDeleted(fs, deleted, layer) {
    if (deleted.length > 1)
        deleted.sort((a, b) => a.visibleSince - b.visibleSince);
    for (const node of deleted) {
        fs.groups.add(node.path, node.file, layer, 'deleted');
        fs.visible.delete(node.path);
    }
}
/** A file, link or anything else but a directory: visible from now on, hiding the version it overwrites. */
function write(fs, entry, layer) {
    const version = { layer, sizeBytes: entry.sizeBytes, mode: entry.mode, kind: entry.kind };
    const previous = fs.visible.get(entry.path);
    let visibleSince = fs.nextVisibleSince;
    if (previous) {
        fs.groups.add(entry.path, previous, layer, 'overwritten');
        const holder = nodeAt(previous.layer === layer ? fs.current : fs.lower, entry.path, entry.path.length, false);
        holder.file = undefined;
        visibleSince = holder.visibleSince;
    }
    else
        fs.nextVisibleSince += 1;
    const node = nodeAt(fs.current, entry.path, entry.path.length, true);
    node.file = version;
    node.path = entry.path;
    node.visibleSince = visibleSince;
    // Like any Map, the visible map keeps an overwritten path where it was.
    fs.visible.set(entry.path, version);
}
/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame; pauses now and then. */
function* reclaimableSteps(layers, options = {}) {
    const fs = {
        visible: new Map(),
        lower: new TrieNode(),
        current: new TrieNode(),
        groups: new ShadowGroups(),
        nextVisibleSince: 0,
    };
    for (let layer = 0; layer < layers.length; layer += 1) {
        const entries = layers[layer];
        for (let index = 0; index < entries.length; index += 1) {
            const entry = entries[index];
            const slash = entry.path.lastIndexOf('/');
            if (entry.path.startsWith(waste_WHITEOUT_PREFIX, slash + 1)) {
                const deleted = [];
                for (const top of detachDeleted(fs, entry.path, slash)) {
                    if (top.children)
                        yield* filesUnder(top, deleted);
                    else if (top.file)
                        deleted.push(top);
                }
                reportDeleted(fs, deleted, layer);
            }
            else if (entry.kind !== 'directory')
                write(fs, entry, layer);
            if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1)
                yield;
        }
        yield* merge(fs.lower, fs.current);
        fs.current = new TrieNode();
        options.onLayerDone?.(layer + 1, layers.length);
    }
    const groups = fs.groups.sorted();
    return { bytes: groups.reduce((sum, group) => sum + group.bytes, 0), groups, visible: fs.visible };
}
/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame. */
function reclaimableBytes(layers) {
    return runToEnd(reclaimableSteps(layers));
}

;// CONCATENATED MODULE: ./src/analysis/byte-map.ts
// Pure: a bounded map of where the final filesystem's bytes are (every layer's files, not only the image's own):
// its largest files, and the totals of its directories a few levels deep. The size history keeps one per
// recorded commit, so that a pull request can say which files and directories grew since its merge base.
// Paths are kept exactly as the layers name them: escaping is the renderer's job.


/** How many of the largest files a byte map lists. */
const BYTE_MAP_FILES = 32;
/** How many of the largest directories a byte map lists. */
const BYTE_MAP_DIRECTORIES = 64;
/** How many levels deep directory totals go: `/usr`, `/usr/lib`, `/usr/lib/x86_64-linux-gnu`. */
const BYTE_MAP_DEPTH = 3;
/** Adds a file's bytes to each directory above it, from depth 1 down to `depth` (not the file itself). */
function addToDirectories(directoryBytes, filePath, sizeBytes, depth) {
    let slash = filePath.indexOf('/', 1);
    for (let level = 1; level <= depth && slash > 0; level += 1) {
        const directory = filePath.slice(0, slash);
        directoryBytes.set(directory, (directoryBytes.get(directory) ?? 0) + sizeBytes);
        slash = filePath.indexOf('/', slash + 1);
    }
}
/**
 * The byte map of a final filesystem (the `visible` map reclaimableSteps returns): the BYTE_MAP_FILES largest
 * files larger than 0 bytes (symlinks count as VisibleFile counts them: the length of their target), and the
 * BYTE_MAP_DIRECTORIES largest directories down to BYTE_MAP_DEPTH levels, each with every byte beneath it at
 * any depth. A list is complete when nothing larger than 0 bytes was left out. Pauses now and then.
 */
function* byteMapSteps(visible) {
    const files = new LargestItems(BYTE_MAP_FILES);
    const directoryBytes = new Map();
    let units = 0;
    for (const [filePath, file] of visible) {
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
        if (file.kind === 'directory' || !(file.sizeBytes > 0))
            continue;
        files.add({ path: filePath, sizeBytes: file.sizeBytes }, file.sizeBytes);
        addToDirectories(directoryBytes, filePath, file.sizeBytes, BYTE_MAP_DEPTH);
    }
    const directories = new LargestItems(BYTE_MAP_DIRECTORIES);
    for (const [directory, sizeBytes] of directoryBytes) {
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
        directories.add({ path: directory, sizeBytes }, sizeBytes);
    }
    const listedFiles = files.result();
    const listedDirectories = directories.result();
    return {
        files: listedFiles.listed,
        filesComplete: listedFiles.notListed === undefined,
        directories: listedDirectories.listed,
        directoriesComplete: listedDirectories.notListed === undefined,
        depth: BYTE_MAP_DEPTH,
    };
}

;// CONCATENATED MODULE: ./src/packages/dpkg.ts
// Pure: Debian's package database as dpkg leaves it: the status file (or distroless's status.d/ entries), one
// control paragraph per package, and each package's file list (/var/lib/dpkg/info/<name>[:<arch>].list, or a
// status.d entry's .md5sums). Tolerant: a malformed paragraph is skipped and counted, never thrown on.
/** The states in which a package's files are on disk (dpkg(1): not-installed and config-files have none). */
const STATES_WITH_FILES = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);
/** The longest name and version kept (a longer one is cut): Debian's own are far shorter. */
const MAX_NAME_CHARS = 214;
const MAX_VERSION_CHARS = 128;
function clip(text, maxChars) {
    return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
/** The fields of each paragraph of a control file that the view needs; lines that are not `Field: value` are skipped. */
function* paragraphs(text) {
    let fields = new Map();
    let start = 0;
    while (start <= text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
        start = end + 1;
        if (line.trim() === '') {
            if (fields.size > 0)
                yield fields;
            fields = new Map();
            continue;
        }
        // Continuation lines (a description, conffiles) start with a space or a tab.
        if (line.startsWith(' ') || line.startsWith('\t'))
            continue;
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const field = line.slice(0, colon).toLowerCase();
        if (field === 'package' || field === 'version' || field === 'architecture' || field === 'status' || field === 'multi-arch')
            fields.set(field, line.slice(colon + 1).trim());
    }
    if (fields.size > 0)
        yield fields;
}
/**
 * The packages a control file lists whose files are on disk. `statusRequired` is false for distroless's
 * status.d entries, which have no Status field. Paragraphs without a Package field are counted in `malformed`.
 */
function parseDpkgStatus(text, statusRequired = true) {
    const packages = [];
    let malformed = 0;
    for (const fields of paragraphs(text)) {
        const name = fields.get('package');
        if (!name) {
            malformed += 1;
            continue;
        }
        const status = fields.get('status');
        if (status !== undefined || statusRequired) {
            const state = status?.split(/\s+/)[2];
            if (!state || !STATES_WITH_FILES.has(state))
                continue;
        }
        packages.push({
            name: clip(name, MAX_NAME_CHARS),
            version: clip(fields.get('version') ?? '', MAX_VERSION_CHARS),
            architecture: fields.get('architecture') ?? '',
            multiArchSame: fields.get('multi-arch') === 'same',
        });
    }
    return { packages, malformed };
}
/** Calls `each` with every absolute path of a .list file (`/.`, the root, is left out). */
function forEachListedPath(text, each) {
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const path = text.slice(start, end);
        start = end + 1;
        if (path.startsWith('/') && path !== '/.')
            each(path);
    }
}
/** Calls `each` with every path of an md5sums file (`<md5>  <path relative to />`), made absolute. */
function forEachMd5sumsPath(text, each) {
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const line = text.slice(start, end);
        start = end + 1;
        const space = line.indexOf(' ');
        if (space < 0)
            continue;
        const relative = line.slice(space).replace(/^[ *]+/, '');
        if (relative !== '')
            each(`/${relative}`);
    }
}
/** The file-list names (without `.list`) under which dpkg may keep a package's files, the likelier first. */
function listNamesOf(pkg) {
    const qualified = pkg.architecture ? `${pkg.name}:${pkg.architecture}` : pkg.name;
    return pkg.multiArchSame ? [qualified, pkg.name] : [pkg.name, qualified];
}

;// CONCATENATED MODULE: ./src/packages/npm.ts
// Pure: npm packages in node_modules folders, nested and scoped ones and pnpm's .pnpm store alike. A package is
// the folder under the last node_modules/ of a path that holds a package.json, minus its own nested
// node_modules; its name and version are its package.json's. An app's own package.json (outside node_modules)
// says which of them are devDependencies.

const NODE_MODULES = '/node_modules/';
/** The package folder a path is in: the last node_modules/ then a name (@scope/name); undefined outside one. */
function npmFolderOf(path) {
    const at = path.lastIndexOf(NODE_MODULES);
    if (at < 0)
        return undefined;
    const start = at + NODE_MODULES.length;
    // .bin, .pnpm, .cache, .package-lock.json: npm's and pnpm's own, not packages.
    if (path.charCodeAt(start) === 46 /* . */)
        return undefined;
    let end = path.indexOf('/', start);
    if (path.charCodeAt(start) === 64 /* @ */) {
        if (end < 0)
            return undefined;
        end = path.indexOf('/', end + 1);
    }
    if (end < 0)
        return { folder: path, isFolder: true };
    return { folder: path.slice(0, end), isFolder: false };
}
function parseObject(bytes) {
    try {
        const value = JSON.parse(bytes.toString('utf8'));
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** A package's name and version from its package.json; the folder's name and '' when the file does not say. */
function parseNpmManifest(bytes, folder) {
    const fields = bytes ? parseObject(bytes) : undefined;
    const at = folder.lastIndexOf(NODE_MODULES);
    const folderName = at < 0 ? folder.slice(folder.lastIndexOf('/') + 1) : folder.slice(at + NODE_MODULES.length);
    const name = typeof fields?.name === 'string' && fields.name !== '' ? fields.name : folderName;
    const version = typeof fields?.version === 'string' ? fields.version : '';
    return { manifest: { name: clip(name, MAX_NAME_CHARS), version: clip(version, MAX_VERSION_CHARS) }, malformed: !fields };
}
function keysOf(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).slice(0, 10_000) : [];
}
/** An app's package.json: the names it depends on, and those only its development needs. */
function parseAppManifest(bytes, path) {
    const fields = parseObject(bytes);
    if (!fields)
        return undefined;
    return {
        directory: path.slice(0, path.lastIndexOf('/')) || '/',
        dependencies: keysOf(fields.dependencies),
        devDependencies: keysOf(fields.devDependencies),
    };
}

;// CONCATENATED MODULE: ./src/packages/runtime-files.ts
// Pure: what the package view's walk over the final files also counts, for the hints that read it: files a
// runtime never loads inside node_modules and site-packages (source maps, TypeScript, tests, docs, type stubs),
// and Python's sources and bytecode, each by the layer that wrote them. Counted in the walk the view makes anyway,
// so that the hints need no pass of their own over every file.
const DOC_NAME = /^(readme|changelog|history|changes)(\.|$)/i;
/** Every path extraKind names a kind for matches this (and most others do not): one scan of the path instead of ten. */
const MAYBE_EXTRA = /\.(map|[mc]?tsx?|pyi|md|markdown|rst)$|\/(tests?|__tests__|spec|docs?|examples?)\/|\/(readme|changelog|history|changes)(\.[^/]*)?$/i;
/**
 * What kind of file a runtime never loads this is, inside node_modules or a Python site directory; undefined for
 * the rest. Called for every file in those folders: one regular expression rules most out, cheap tests then name the
 * kind.
 */
function extraKind(path, area) {
    if (!MAYBE_EXTRA.test(path))
        return undefined;
    if (area === 'node_modules') {
        if (path.endsWith('.map'))
            return 'source maps';
        if (path.endsWith('.ts') || path.endsWith('.tsx') || path.endsWith('.mts') || path.endsWith('.cts'))
            return 'TypeScript sources and declarations';
    }
    else if (path.endsWith('.pyi'))
        return 'type stubs';
    if ((path.includes('/test') || path.includes('/__tests__/') || path.includes('/spec/')) && /\/(tests?|__tests__|spec)\//.test(path))
        return 'tests';
    if ((path.includes('/doc') || path.includes('/example')) && /\/(docs?|examples?)\//.test(path))
        return 'docs';
    if (path.endsWith('.md') || path.endsWith('.MD') || path.endsWith('.markdown') || path.endsWith('.rst'))
        return 'docs';
    const slash = path.lastIndexOf('/');
    return 'rRcChH'.includes(path[slash + 1] ?? '') && DOC_NAME.test(path.slice(slash + 1)) ? 'docs' : undefined;
}
function add(tallies, key, layer, bytes) {
    let tally = tallies.get(key);
    if (!tally)
        tallies.set(key, (tally = { layer, files: 0, bytes: 0 }));
    tally.files += 1;
    tally.bytes += bytes;
    return tally;
}
/** Counts the final files as the walk hands them over. */
class RuntimeFileCounter {
    extras = new Map();
    bytecode = new Map();
    sources = new Map();
    /** A regular file; `npmFolder` when it is in an npm package's folder, `skipExtras` for a devDependency's. */
    count(path, layer, bytes, npmFolder, skipExtras) {
        if (path.endsWith('.py'))
            add(this.sources, String(layer), layer, bytes);
        else if (path.endsWith('.pyc') && path.includes('/__pycache__/'))
            add(this.bytecode, String(layer), layer, bytes);
        if (skipExtras || bytes === 0)
            return;
        const area = npmFolder
            ? 'node_modules'
            : path.includes('/site-packages/') || path.includes('/dist-packages/')
                ? 'site-packages'
                : undefined;
        const kind = area && extraKind(path, area);
        if (!area || !kind)
            return;
        Object.assign(add(this.extras, `${area}\u0000${kind}\u0000${layer}`, layer, bytes), { area, kind });
    }
    result() {
        return {
            extras: [...this.extras.values()],
            bytecode: [...this.bytecode.values()],
            sources: [...this.sources.values()],
        };
    }
}

;// CONCATENATED MODULE: ./src/packages/paths.ts
// Pure: paths as package databases name them, matched to the final filesystem's paths. Databases name a file
// where the package put it (/bin/ls); on a merged-/usr system it lives behind a symlinked directory
// (/bin -> usr/bin), so an ancestor that is a symlink is followed, as the kernel would.
/** Go's path.Clean with a leading slash: no `.`, `..` or repeated slashes (`..` stops at the root). */
function paths_cleanPath(path) {
    const parts = [];
    for (const part of path.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            parts.pop();
        else
            parts.push(part);
    }
    return '/' + parts.join('/');
}
/** `relative` from `directory` (an absolute `relative` stands alone), cleaned. */
function joinPath(directory, relative) {
    return paths_cleanPath(relative.startsWith('/') ? relative : `${directory}/${relative}`);
}
/** Symlinks followed while resolving one directory before the gate gives up on it (Linux allows 40). */
const MAX_LINKS = 40;
/** Finds the final filesystem's path (and what is there) for a path a database names. */
class PathResolver {
    lookup;
    linkTarget;
    directories = new Map();
    constructor(
    /** What the final filesystem shows at this path (not a directory), if anything. */
    lookup, 
    /** The target of the symlink at this path, if the final filesystem has one there. */
    linkTarget) {
        this.lookup = lookup;
        this.linkTarget = linkTarget;
    }
    /** The file `path` names (its ancestors' symlinks followed, not its own) and where it is, or undefined when there is none. */
    resolve(listed) {
        const path = listed.includes('/.') || listed.includes('//') ? paths_cleanPath(listed) : listed;
        const found = this.lookup(path);
        if (found !== undefined)
            return { path, found };
        const slash = path.lastIndexOf('/');
        if (slash <= 0)
            return undefined;
        const directory = path.slice(0, slash);
        const resolved = this.resolveDirectory(directory);
        if (resolved === directory)
            return undefined;
        const candidate = resolved === '/' ? path.slice(slash) : resolved + path.slice(slash);
        const atCandidate = this.lookup(candidate);
        return atCandidate === undefined ? undefined : { path: candidate, found: atCandidate };
    }
    /** A directory with every symlink along it followed; the directory itself when none is, or they go round. */
    resolveDirectory(directory) {
        const known = this.directories.get(directory);
        if (known !== undefined)
            return known;
        const pending = directory.split('/').filter(Boolean);
        let resolved = '';
        let links = 0;
        let result;
        while (pending.length > 0) {
            const part = pending.shift();
            if (part === '.')
                continue;
            if (part === '..') {
                resolved = resolved.slice(0, Math.max(0, resolved.lastIndexOf('/')));
                continue;
            }
            const next = `${resolved}/${part}`;
            const target = this.linkTarget(next);
            if (target === undefined) {
                resolved = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                result = directory;
                break;
            }
            if (target.startsWith('/'))
                resolved = '';
            pending.unshift(...target.split('/').filter(Boolean));
        }
        result ??= resolved || '/';
        this.directories.set(directory, result);
        return result;
    }
}

;// CONCATENATED MODULE: ./src/packages/ledger.ts

/** How many units of work (files, entries, listed paths) between two points where the view may pause. */
const ledger_UNITS_BETWEEN_PAUSES = 2048;
/** The package view's working state over one final filesystem. */
class Ledger {
    visible;
    maxWarnings;
    instances = [];
    /** Each database file the final filesystem shows, with the layer that wrote it. */
    databases = new Map();
    warnings = [];
    resolver;
    sharing = { fileCount: 0, bytes: 0 };
    claimed = new Set();
    links = new Map();
    constructor(visible, maxWarnings) {
        this.visible = visible;
        this.maxWarnings = maxWarnings;
        this.resolver = new PathResolver((path) => visible.get(path), (path) => this.links.get(path)?.linkTarget);
    }
    /** Indexes the final filesystem's symlinks and database files: one pass over every layer's entries. */
    *index(layers) {
        let units = 0;
        for (let layer = 0; layer < layers.length; layer += 1) {
            const { entries, packageFiles } = layers[layer];
            for (let index = 0; index < entries.length; index += 1) {
                const entry = entries[index];
                if (entry.kind === 'symlink') {
                    const file = this.visible.get(entry.path);
                    if (file?.layer === layer && file.kind === 'symlink')
                        this.links.set(entry.path, entry);
                }
                if (++units % ledger_UNITS_BETWEEN_PAUSES === 0)
                    yield;
            }
            if (!packageFiles)
                continue;
            for (const [path, bytes] of packageFiles.files) {
                const file = this.visible.get(path);
                if (file?.layer === layer && file.kind === 'file')
                    this.databases.set(path, { bytes, layer });
            }
            for (const { path, why } of packageFiles.notKept)
                if (this.visible.get(path)?.layer === layer)
                    this.warn(`${path} was not read: ${why}`);
            if (packageFiles.notKeptCount > packageFiles.notKept.length)
                this.warn(`${packageFiles.notKeptCount - packageFiles.notKept.length} more package database files of layer ${layer + 1} were not read`);
        }
    }
    warn(message) {
        if (this.warnings.length < this.maxWarnings)
            this.warnings.push(message);
    }
    /** The bytes a final file holds as the image size counts them. */
    bytesOf(path, file) {
        if (file.kind === 'file')
            return file.sizeBytes;
        if (file.kind !== 'symlink')
            return 0;
        const entry = this.links.get(path);
        return entry?.linkBytes ?? Buffer.byteLength(entry?.linkTarget ?? '');
    }
    /** The symlink's target at a final path, if one is there. */
    linkTarget(path) {
        return this.links.get(path)?.linkTarget;
    }
    newInstance(ecosystem, name, version, databaseLayer, path) {
        const instance = {
            ecosystem,
            name,
            version,
            ...(path === undefined ? {} : { path }),
            sizeBytes: 0,
            fileCount: 0,
            sharedFileCount: 0,
            layerBytes: new Map(),
            databaseLayer,
        };
        this.instances.push(instance);
        return instance;
    }
    isClaimed(file) {
        return this.claimed.size > 0 && this.claimed.has(file);
    }
    /**
     * A final file for a package: counted for it when no package claimed it first, else counted as shared. The last
     * claimant (npm's walk over the final files) need not `remember` it: no one asks after it.
     */
    claimFile(instance, path, file, remember = true, bytes = this.bytesOf(path, file)) {
        if (this.isClaimed(file)) {
            instance.sharedFileCount += 1;
            this.sharing.fileCount += 1;
            this.sharing.bytes += bytes;
            return;
        }
        if (remember)
            this.claimed.add(file);
        instance.sizeBytes += bytes;
        instance.fileCount += 1;
        instance.layerBytes.set(file.layer, (instance.layerBytes.get(file.layer) ?? 0) + bytes);
    }
    /** A path a database lists: claimed when the final filesystem has it (behind symlinked directories too). */
    claimListed(instance, listed) {
        const resolved = this.resolver.resolve(listed);
        if (resolved !== undefined)
            this.claimFile(instance, resolved.path, resolved.found);
    }
    /** The final path and file a database's path names, if the final filesystem has one. */
    find(listed) {
        const resolved = this.resolver.resolve(listed);
        return resolved === undefined ? undefined : { path: resolved.path, file: resolved.found };
    }
}

;// CONCATENATED MODULE: ./src/packages/apk.ts
// Pure: Alpine's installed database (/lib/apk/db/installed): one record per package, separated by blank
// lines, each line a letter, a colon and a value; P: is the name, V: the version, F: a folder (relative to /)
// and each R: a file in the folder named last. Tolerant: a record without P: is skipped and counted.

function parseApkInstalled(text) {
    const packages = [];
    let malformed = 0;
    let current = { version: '', files: [] };
    let folder = '';
    const close = () => {
        if (current.name)
            packages.push({ name: clip(current.name, MAX_NAME_CHARS), version: current.version, files: current.files });
        else if (current.files.length > 0 || current.version)
            malformed += 1;
        current = { version: '', files: [] };
        folder = '';
    };
    let start = 0;
    while (start <= text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const line = text.slice(start, end);
        start = end + 1;
        if (line === '' || line === '\r') {
            close();
            continue;
        }
        if (line.length < 2 || line[1] !== ':')
            continue;
        const value = line.slice(2);
        switch (line[0]) {
            case 'P':
                current.name = value;
                break;
            case 'V':
                current.version = clip(value, MAX_VERSION_CHARS);
                break;
            case 'F':
                folder = value.replace(/^\/+|\/+$/g, '');
                break;
            case 'R':
                if (value !== '')
                    current.files.push(folder ? `/${folder}/${value}` : `/${value}`);
                break;
            default:
                break;
        }
    }
    close();
    return { packages, malformed };
}

;// CONCATENATED MODULE: ./src/packages/python.ts
// Pure: Python distributions in a site-packages or dist-packages directory, as pip and setuptools record them:
// `<name>-<version>.dist-info/RECORD` (CSV: path, hash, size; paths relative to the site directory) and the
// older `<name>-<version>[-pyX.Y].egg-info/installed-files.txt` (one path a line, relative to the egg-info
// directory). The name is normalised as PEP 503 compares names.


/** PEP 503: lower case, every run of `-`, `_` and `.` one `-`. */
function normalizePythonName(name) {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
}
/** The distribution a RECORD or installed-files.txt belongs to, from the name of the folder that holds it. */
function distributionOf(recordPath) {
    const metadataDirectory = recordPath.slice(0, recordPath.lastIndexOf('/'));
    const slash = metadataDirectory.lastIndexOf('/');
    const site = metadataDirectory.slice(0, slash) || '/';
    const folder = metadataDirectory.slice(slash + 1);
    const stem = folder.replace(/\.(dist|egg)-info$/, '');
    // dist-info names escape `-` in the name, so the first `-` ends it; egg-info names are name-version[-pyX.Y].
    const dash = stem.indexOf('-');
    const name = dash < 0 ? stem : stem.slice(0, dash);
    const rest = dash < 0 ? '' : stem.slice(dash + 1);
    const version = folder.endsWith('.egg-info') ? rest.split('-')[0] : rest;
    return { name: clip(normalizePythonName(name), MAX_NAME_CHARS), version: clip(version, MAX_VERSION_CHARS), site };
}
/**
 * Calls `each` with the absolute path of every row of a RECORD file: its first CSV field (quoted or not),
 * relative to the site directory unless absolute. Rows that are blank or malformed are skipped.
 */
function forEachRecordPath(text, site, each) {
    let position = 0;
    while (position < text.length) {
        let field;
        if (text[position] === '"') {
            // A quoted field: "" is a quote; it may hold commas and line breaks.
            let value = '';
            let at = position + 1;
            for (;;) {
                const quote = text.indexOf('"', at);
                if (quote < 0) {
                    value += text.slice(at);
                    at = text.length;
                    break;
                }
                value += text.slice(at, quote);
                if (text[quote + 1] === '"') {
                    value += '"';
                    at = quote + 2;
                }
                else {
                    at = quote + 1;
                    break;
                }
            }
            field = value;
            position = at;
        }
        else {
            let end = position;
            while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r')
                end += 1;
            field = text.slice(position, end);
            position = end;
        }
        const lineEnd = text.indexOf('\n', position);
        position = lineEnd < 0 ? text.length : lineEnd + 1;
        if (field.trim() !== '')
            each(joinPath(site, field));
    }
}
/** Calls `each` with the absolute path of every line of an installed-files.txt, relative to its egg-info directory. */
function forEachInstalledFile(text, eggInfoDirectory, each) {
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const line = text.slice(start, end).replace(/\r$/, '');
        start = end + 1;
        if (line.trim() !== '')
            each(joinPath(eggInfoDirectory, line));
    }
}
/** The packaging tools a runtime image does not need: pip installs, wheel and setuptools build. */
const PYTHON_BUILD_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

;// CONCATENATED MODULE: ./src/packages/sources.ts
// Pure: each database the view reads, turned into package instances whose listed files are claimed in the
// ledger: dpkg (status and info/*.list, or distroless's status.d), apk, Python's RECORD and installed-files.txt.
// rpm's database is only detected. Each returns its ecosystem's summary, or undefined when the image has none.




/**
 * Claims the paths of a .list file. A path the list also names a child of is a directory to dpkg (it lists every
 * directory level, though not always before its contents), even where the image has a symlink (/lib64 -> usr/lib64
 * on a merged-/usr system): it is not claimed. Only a symlink can be such a path, so the list's directories are
 * gathered only when one is found.
 */
function claimList(ledger, instance, text) {
    const links = [];
    const paths = [];
    forEachListedPath(text, (listed) => {
        paths.push(listed);
        const found = ledger.find(listed);
        if (!found)
            return;
        if (found.file.kind === 'symlink')
            links.push({ path: found.path, listed });
        else
            ledger.claimFile(instance, found.path, found.file);
    });
    if (links.length === 0)
        return;
    const directories = new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/'))));
    for (const link of links)
        if (!directories.has(link.listed))
            ledger.claimFile(instance, link.path, ledger.visible.get(link.path));
}
function summaryOf(ledger, ecosystem, database, notes) {
    const instances = ledger.instances.filter((instance) => instance.ecosystem === ecosystem);
    return {
        ecosystem,
        read: true,
        database,
        packageCount: instances.length,
        sizeBytes: instances.reduce((sum, instance) => sum + instance.sizeBytes, 0),
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
}
/** The dpkg packages of the status file and of status.d/, each with where its file list may be. */
function dpkgPackages(ledger, notes) {
    const found = [];
    let malformed = 0;
    const status = ledger.databases.get(DPKG_STATUS);
    if (status) {
        const parsed = parseDpkgStatus(status.bytes.toString('utf8'));
        malformed += parsed.malformed;
        for (const pkg of parsed.packages)
            found.push({ pkg, layer: status.layer });
    }
    for (const [path, database] of ledger.databases) {
        if (!path.startsWith(DPKG_STATUS_D) || path.endsWith('.md5sums'))
            continue;
        const parsed = parseDpkgStatus(database.bytes.toString('utf8'), false);
        malformed += parsed.malformed;
        for (const pkg of parsed.packages)
            found.push({ pkg, layer: database.layer, md5sums: `${path}.md5sums` });
    }
    if (malformed > 0) {
        notes.push(`${malformed} malformed paragraph(s) skipped`);
        ledger.warn(`the dpkg database has ${malformed} paragraph(s) without a Package field; they were skipped`);
    }
    return found;
}
function* readDpkg(ledger) {
    const lists = new Map();
    for (const [path, database] of ledger.databases)
        if (path.startsWith(DPKG_INFO) && path.endsWith('.list'))
            lists.set(path.slice(DPKG_INFO.length, -'.list'.length), database);
    const hasStatusD = [...ledger.databases.keys()].some((path) => path.startsWith(DPKG_STATUS_D));
    if (!ledger.databases.has(DPKG_STATUS) && !hasStatusD && lists.size === 0)
        return undefined;
    const notes = [];
    const found = dpkgPackages(ledger, notes);
    const names = new Map();
    for (const { pkg } of found)
        names.set(pkg.name, (names.get(pkg.name) ?? 0) + 1);
    let withoutList = 0;
    for (const { pkg, layer, md5sums } of found) {
        const listName = listNamesOf(pkg).find((name) => lists.has(name));
        const list = listName === undefined ? undefined : lists.get(listName);
        const sums = md5sums === undefined ? undefined : ledger.databases.get(md5sums);
        // A name installed for two architectures is told apart by its architecture.
        const name = (names.get(pkg.name) ?? 0) > 1 && pkg.architecture ? `${pkg.name}:${pkg.architecture}` : pkg.name;
        const instance = ledger.newInstance('deb', name, pkg.version, list?.layer ?? sums?.layer ?? layer);
        if (listName !== undefined)
            lists.delete(listName);
        if (list)
            claimList(ledger, instance, list.bytes.toString('utf8'));
        else if (sums)
            forEachMd5sumsPath(sums.bytes.toString('utf8'), (path) => ledger.claimListed(instance, path));
        else
            withoutList += 1;
        yield;
    }
    // File lists whose package the status file does not name (a status file cut short, or missing).
    for (const [listName, list] of lists) {
        claimList(ledger, ledger.newInstance('deb', listName.split(':')[0], '', list.layer), list.bytes.toString('utf8'));
        yield;
    }
    if (withoutList > 0)
        notes.push(`${withoutList} package(s) without a file list, counted with no bytes`);
    const database = ledger.databases.has(DPKG_STATUS) ? DPKG_STATUS : hasStatusD ? DPKG_STATUS_D : DPKG_INFO;
    return summaryOf(ledger, 'deb', database, notes);
}
function* readApk(ledger) {
    const path = APK_INSTALLED.find((candidate) => ledger.databases.has(candidate));
    if (!path)
        return undefined;
    const database = ledger.databases.get(path);
    const parsed = parseApkInstalled(database.bytes.toString('utf8'));
    for (const pkg of parsed.packages) {
        const instance = ledger.newInstance('apk', pkg.name, pkg.version, database.layer);
        for (const file of pkg.files)
            ledger.claimListed(instance, file);
        yield;
    }
    const notes = parsed.malformed > 0 ? [`${parsed.malformed} malformed record(s) skipped`] : [];
    if (parsed.malformed > 0)
        ledger.warn(`${path} has ${parsed.malformed} record(s) without a P: line; they were skipped`);
    return summaryOf(ledger, 'apk', path, notes);
}
function* readPython(ledger) {
    let site;
    for (const [path, database] of ledger.databases) {
        const isRecord = path.endsWith('.dist-info/RECORD');
        if (!isRecord && !path.endsWith('.egg-info/installed-files.txt'))
            continue;
        const distribution = distributionOf(path);
        site ??= distribution.site;
        const instance = ledger.newInstance('python', distribution.name, distribution.version, database.layer, distribution.site);
        const text = database.bytes.toString('utf8');
        if (isRecord)
            forEachRecordPath(text, distribution.site, (listed) => ledger.claimListed(instance, listed));
        else
            forEachInstalledFile(text, path.slice(0, path.lastIndexOf('/')), (listed) => ledger.claimListed(instance, listed));
        yield;
    }
    return site === undefined ? undefined : summaryOf(ledger, 'python', site, []);
}
/** Where rpm keeps its database: SQLite (Fedora 33+, RHEL 9), Berkeley DB (RHEL 8 and older) or NDB (SUSE). */
const RPM_DATABASES = [
    '/var/lib/rpm/rpmdb.sqlite',
    '/usr/lib/sysimage/rpm/rpmdb.sqlite',
    '/var/lib/rpm/Packages',
    '/var/lib/rpm/Packages.db',
    '/usr/lib/sysimage/rpm/Packages.db',
];
/** rpm's database is detected, not read: its formats need rpm's own library. Its files count as unowned. */
function detectRpm(ledger) {
    const database = RPM_DATABASES.find((path) => ledger.visible.has(path));
    if (!database)
        return undefined;
    return {
        ecosystem: 'rpm',
        read: false,
        database,
        packageCount: 0,
        sizeBytes: 0,
        note: "not read: rpm's SQLite, Berkeley DB and NDB formats need rpm's own library; the files of rpm packages count as owned by no package",
    };
}

;// CONCATENATED MODULE: ./src/packages/view.ts
// Pure: the package view of a final filesystem. The system's databases claim their files first (dpkg, apk), then
// Python's records, then npm's folders; each file counts once, for its first claimant. One pass over the final
// filesystem then sums what every package holds and what no package does, so that packages, unowned bytes and
// the bytes later layers hid add up to the image size exactly. Time is linear in files and listed paths.





/** How many packages analysis.packages lists (the largest); the rest are counted. */
const MAX_LISTED_PACKAGES = 5_000;
const MAX_WARNINGS = 20;
/** Who claims a file first when several databases list it. */
const SHARING_RULE = 'a file listed by several packages counts once, for the first to claim it: dpkg and apk packages in database order, then Python distributions, then npm folders';
/** npm's package folders, found as the final filesystem is walked; a folder without a package.json is none. */
class NpmFolders {
    ledger;
    byFolder = new Map();
    malformed = 0;
    firstFolder;
    constructor(ledger) {
        this.ledger = ledger;
    }
    at(folder, depth = 0) {
        const known = this.byFolder.get(folder);
        if (known !== undefined)
            return known ?? undefined;
        let found;
        const manifest = this.ledger.databases.get(`${folder}/package.json`);
        const target = manifest ? undefined : this.ledger.linkTarget(folder);
        if (manifest) {
            const parsed = parseNpmManifest(manifest.bytes, folder);
            if (parsed.malformed)
                this.malformed += 1;
            found = this.ledger.newInstance('npm', parsed.manifest.name, parsed.manifest.version, manifest.layer, folder);
            this.firstFolder ??= folder.slice(0, folder.lastIndexOf('/node_modules/') + '/node_modules'.length);
        }
        else if (target !== undefined && depth < 8) {
            // pnpm links node_modules/<name> to .pnpm/<name>@<version>/node_modules/<name>: the link belongs to that package.
            const linked = paths_cleanPath(target.startsWith('/') ? target : `${folder.slice(0, folder.lastIndexOf('/'))}/${target}`);
            const inFolder = npmFolderOf(linked);
            found = inFolder?.isFolder ? this.at(linked, depth + 1) : undefined;
        }
        this.byFolder.set(folder, found ?? null);
        return found;
    }
    summary() {
        if (this.firstFolder === undefined)
            return undefined;
        const instances = [...this.byFolder.values()].filter((instance) => instance !== null);
        const unique = new Set(instances);
        const notes = this.malformed > 0 ? [`${this.malformed} package.json file(s) are not JSON: named by their folder, with no version`] : [];
        return {
            ecosystem: 'npm',
            read: true,
            database: this.firstFolder,
            packageCount: unique.size,
            sizeBytes: [...unique].reduce((sum, instance) => sum + instance.sizeBytes, 0),
            ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
        };
    }
}
/**
 * The one pass over the final filesystem: npm's folders claim what is left, every byte is summed, and the files
 * the hints ask about are counted (`devInstances`: the devDependencies, whose files their own hint names).
 */
function* walkFinalFiles(ledger, npm, devInstances, counter) {
    const walk = { visibleBytes: 0, unownedBytes: 0, unownedFileCount: 0 };
    let units = 0;
    // The final files come in the order the layers wrote them, a package's files one after another: the folder of
    // the file before is tried first, without cutting a string out of the path.
    let lastFolder = '';
    let lastInstance;
    for (const [path, file] of ledger.visible) {
        if (++units % ledger_UNITS_BETWEEN_PAUSES === 0)
            yield;
        const bytes = ledger.bytesOf(path, file);
        walk.visibleBytes += bytes;
        let instance;
        if (lastInstance &&
            path.startsWith(lastFolder) &&
            path.charCodeAt(lastFolder.length) === 47 &&
            path.indexOf('/node_modules/', lastFolder.length) < 0)
            instance = lastInstance;
        else if (path.includes('/node_modules/')) {
            const inFolder = npmFolderOf(path);
            instance = inFolder && npm.at(inFolder.folder);
            if (instance && inFolder)
                [lastFolder, lastInstance] = [inFolder.folder, instance];
        }
        if (file.kind === 'file')
            counter.count(path, file.layer, bytes, instance !== undefined, instance !== undefined && devInstances.has(instance));
        if (instance)
            ledger.claimFile(instance, path, file, false, bytes);
        else if (!ledger.isClaimed(file)) {
            walk.unownedBytes += bytes;
            walk.unownedFileCount += 1;
        }
    }
    return walk;
}
/** The package.json files outside node_modules that the final filesystem shows: apps, with their devDependencies. */
function appManifests(ledger) {
    const apps = [];
    for (const [path, database] of ledger.databases) {
        if (!path.endsWith('/package.json') || path.includes('/node_modules/'))
            continue;
        const app = parseAppManifest(database.bytes, path);
        if (app)
            apps.push(app);
    }
    return apps;
}
function devFolderOf(app, name) {
    return `${app.directory === '/' ? '' : app.directory}/node_modules/${name}`;
}
/** The devDependencies of each app package.json that are installed in the node_modules beside it. */
function shippedDevDependencies(apps, npm) {
    const shipped = [];
    for (const app of apps) {
        const needed = new Set(app.dependencies);
        for (const name of app.devDependencies) {
            if (needed.has(name))
                continue;
            const instance = npm.byFolder.get(devFolderOf(app, name));
            if (instance && instance.sizeBytes > 0)
                shipped.push({
                    app: `${app.directory === '/' ? '' : app.directory}/package.json`,
                    name: instance.name,
                    version: instance.version,
                    sizeBytes: instance.sizeBytes,
                    layer: layerOf(instance),
                });
        }
    }
    return shipped.sort((a, b) => b.sizeBytes - a.sizeBytes);
}
/** The layer that brought most of an instance's bytes (the earlier of equals); its database's when it has none. */
function layerOf(instance) {
    let best = instance.databaseLayer;
    let bestBytes = 0;
    for (const [layer, bytes] of instance.layerBytes)
        if (bytes > bestBytes || (bytes === bestBytes && bytes > 0 && layer < best))
            [best, bestBytes] = [layer, bytes];
    return best;
}
/** One entry per ecosystem, name and version: npm's copies of one version in several folders are summed. */
function mergeInstances(instances, lineOf) {
    const merged = new Map();
    for (const instance of instances) {
        const key = `${instance.ecosystem}\u0000${instance.name}\u0000${instance.version}`;
        const entry = merged.get(key);
        if (!entry) {
            const layerBytes = new Map(instance.layerBytes);
            merged.set(key, {
                first: instance,
                copies: 1,
                sizeBytes: instance.sizeBytes,
                fileCount: instance.fileCount,
                shared: instance.sharedFileCount,
                layerBytes,
            });
            continue;
        }
        entry.copies += 1;
        entry.sizeBytes += instance.sizeBytes;
        entry.fileCount += instance.fileCount;
        entry.shared += instance.sharedFileCount;
        for (const [layer, bytes] of instance.layerBytes)
            entry.layerBytes.set(layer, (entry.layerBytes.get(layer) ?? 0) + bytes);
    }
    return [...merged.values()].map(({ first, copies, sizeBytes, fileCount, shared, layerBytes }) => {
        const layer = layerOf({ layerBytes, databaseLayer: first.databaseLayer });
        const line = lineOf?.(layer);
        return {
            ecosystem: first.ecosystem,
            name: first.name,
            version: first.version,
            sizeBytes,
            fileCount,
            layer,
            ...(line === undefined ? {} : { line }),
            ...(first.path === undefined ? {} : { path: first.path }),
            ...(copies > 1 ? { copies } : {}),
            ...(shared > 0 ? { sharedFileCount: shared } : {}),
        };
    });
}
/** The package view of a final filesystem; pauses now and then. */
function* packageViewSteps(input) {
    const ledger = new Ledger(input.visible, MAX_WARNINGS);
    yield* ledger.index(input.layers);
    const ecosystems = [];
    for (const read of [readDpkg, readApk]) {
        const summary = yield* read(ledger);
        if (summary)
            ecosystems.push(summary);
    }
    const rpm = detectRpm(ledger);
    if (rpm)
        ecosystems.push(rpm);
    const python = yield* readPython(ledger);
    const npm = new NpmFolders(ledger);
    const apps = appManifests(ledger);
    // A devDependency's folder may be a pnpm link: its instance is the package it links to.
    const devInstances = new Set(apps.flatMap((app) => app.devDependencies.filter((name) => !app.dependencies.includes(name)).flatMap((name) => npm.at(devFolderOf(app, name)) ?? [])));
    const counter = new RuntimeFileCounter();
    const totals = yield* walkFinalFiles(ledger, npm, devInstances, counter);
    if (python)
        ecosystems.push(python);
    const npmSummary = npm.summary();
    if (npmSummary)
        ecosystems.push(npmSummary);
    if (npm.malformed > 0)
        ledger.warn(`${npm.malformed} package.json file(s) in node_modules are not JSON objects: named by their folders`);
    const all = mergeInstances(ledger.instances, input.lineOf).sort((a, b) => b.sizeBytes - a.sizeBytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const listed = all.slice(0, MAX_LISTED_PACKAGES);
    const rest = all.slice(MAX_LISTED_PACKAGES);
    const ownedBytes = totals.visibleBytes - totals.unownedBytes;
    return {
        packages: listed,
        summary: {
            imageBytes: input.imageBytes,
            visibleBytes: totals.visibleBytes,
            hiddenBytes: input.imageBytes - totals.visibleBytes,
            ownedBytes,
            unownedBytes: totals.unownedBytes,
            unownedFileCount: totals.unownedFileCount,
            sharing: { ...ledger.sharing, rule: SHARING_RULE },
            ecosystems,
            ...(rest.length > 0 ? { notListed: { count: rest.length, sizeBytes: rest.reduce((sum, pkg) => sum + pkg.sizeBytes, 0) } } : {}),
            warnings: ledger.warnings,
        },
        devDependencies: shippedDevDependencies(apps, npm),
        runtimeFiles: counter.result(),
    };
}

;// CONCATENATED MODULE: ./src/analysis/analyze.ts
// Where the bytes are: streams `docker save` once and turns it into per-layer figures, dive-compatible
// waste, what could really be reclaimed, the compressed size, and hints.













/** How long the lists of largest files and directories are. */
const LARGEST_LISTED = 10;
function* countChanges(layers) {
    const present = new Set();
    const counts = layers.map(() => ({ added: 0, modified: 0, removed: 0 }));
    for (const [layer, entries] of layers.entries()) {
        for (let index = 0; index < entries.length; index += 1) {
            const path = entries[index].path;
            const base = path.slice(path.lastIndexOf('/') + 1);
            if (base.startsWith('.wh.')) {
                if (!base.startsWith('.wh..wh..'))
                    counts[layer].removed += 1;
            }
            else if (entries[index].kind !== 'directory') {
                if (present.has(path))
                    counts[layer].modified += 1;
                else {
                    counts[layer].added += 1;
                    present.add(path);
                }
            }
            if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1)
                yield;
        }
    }
    return counts;
}
/** The directory a file's bytes count in: two levels deep (`/usr/lib`), one for a file one level deep, none at the top. */
function analyze_directoryOf(filePath) {
    const first = filePath.indexOf('/', 1);
    if (first < 0)
        return undefined;
    const second = filePath.indexOf('/', first + 1);
    return filePath.slice(0, second < 0 ? first : second);
}
/** The largest files the image's own layers put in the final filesystem, and the largest directories of them. */
function* largestOwn(visible, origins) {
    const files = new LargestItems(LARGEST_LISTED);
    const directoryBytes = new Map();
    let units = 0;
    for (const [filePath, file] of visible) {
        if (++units % UNITS_BETWEEN_PAUSES === 0)
            yield;
        if (!origins[file.layer]?.own || file.sizeBytes === 0)
            continue;
        files.add({ path: filePath, sizeBytes: file.sizeBytes, layer: file.layer }, file.sizeBytes);
        const directory = analyze_directoryOf(filePath);
        if (directory)
            directoryBytes.set(directory, (directoryBytes.get(directory) ?? 0) + file.sizeBytes);
    }
    const largestFiles = files.result();
    const largestDirectories = largestOf(directoryBytes, LARGEST_LISTED, ([, sizeBytes]) => sizeBytes);
    return {
        largestFiles: largestFiles.listed,
        largestFilesNotListed: largestFiles.notListed,
        largestDirectories: largestDirectories.listed.map(([directory, sizeBytes]) => ({ path: directory, sizeBytes })),
        largestDirectoriesNotListed: largestDirectories.notListed,
    };
}
/** /etc/passwd and /etc/group of the final filesystem, as far as the layers alone can tell. */
function finalUserFiles(layers) {
    const files = {};
    for (const name of ['passwd', 'group']) {
        const file = finalImageFile(layers, USER_FILE_PATHS[name], MAX_USER_FILE_BYTES);
        if (file)
            files[name] = file;
    }
    return files;
}
function hasDockerignore(contextDir) {
    return (0,promises_namespaceObject.access)(external_node_path_default().join(contextDir, '.dockerignore')).then(() => true, () => false);
}
/** Reads the layers once and analyses the image they hold (the first platform's, when there are several). */
async function analyzeImage(docker, imageId, options) {
    const started = performance.now();
    const read = await readImageLayers(docker, imageId, {
        ...options,
        onProgress: (bytes) => options.onProgress?.({ step: 'reading', archiveBytesRead: bytes }),
    });
    const analysis = await analyzeLayers(read.images[0], read.archiveBytes, options);
    return { ...analysis, durationMs: performance.now() - started };
}
/** Everything the gate figures out from one platform's layers, once they have been read. */
async function analyzeLayers(scanned, archiveBytes, options) {
    const started = performance.now();
    const dockerfile = options.dockerfilePath ? parseDockerfile(await (0,promises_namespaceObject.readFile)(options.dockerfilePath, 'utf8')) : undefined;
    const entries = scanned.layers.map((layer) => layer.entries);
    const origins = attributeLayers(scanned.history, scanned.layers.length, dockerfile);
    // The comparisons below run in slices with turns of the event loop between them: an image with 150,000
    // deletions takes seconds, during which progress is logged and a cancelling signal is handled.
    const reportLayers = (pass) => (layersDone) => options.onProgress?.({ step: 'comparing', pass, passCount: 2, layersDone, layerCount: entries.length });
    reportLayers(1)(0);
    // dive's trees first: the map of visible files that reclaimableSteps returns is not held meanwhile.
    const dive = await runInSlices(diveEfficiencySteps(entries, { onLayerDone: reportLayers(1) }));
    const reclaimable = await runInSlices(reclaimableSteps(entries, { onLayerDone: reportLayers(2) }));
    const changes = await runInSlices(countChanges(entries));
    const contextHasDockerignore = options.contextDir ? await hasDockerignore(options.contextDir) : undefined;
    const sizeBytes = uncompressedSizeBytes(scanned);
    const lineOf = (layer) => origins[layer]?.instruction?.line;
    const viewStarted = performance.now();
    const packageView = await runInSlices(packageViewSteps({ layers: scanned.layers, visible: reclaimable.visible, imageBytes: sizeBytes, lineOf }));
    packageView.summary.durationMs = performance.now() - viewStarted;
    await nextTurn();
    const hints = computeHints({ layers: scanned.layers, origins, reclaimable, contextHasDockerignore, packageView });
    const largest = await runInSlices(largestOwn(reclaimable.visible, origins));
    const byteMap = await runInSlices(byteMapSteps(reclaimable.visible));
    const compressed = compressedSize(scanned);
    return {
        layers: scanned.layers.map((layer, index) => ({
            index,
            diffId: layer.diffId,
            sizeBytes: layer.contentBytes,
            tarBytes: layer.tarBytes,
            compressedBytes: layer.compressedBytes,
            createdBy: origins[index].createdBy,
            line: origins[index].instruction?.line,
            own: origins[index].own,
            filesAdded: changes[index].added,
            filesModified: changes[index].modified,
            filesRemoved: changes[index].removed,
        })),
        platform: scanned.platform,
        sizeBytes,
        compressedSizeBytes: compressed.bytes,
        compressedSizeMethod: compressed.method,
        dive,
        reclaimableBytes: reclaimable.bytes,
        ...largest,
        byteMap,
        packages: packageView.packages,
        packageSummary: packageView.summary,
        hints,
        userFiles: finalUserFiles(scanned.layers),
        archiveBytes,
        compressedSizesReused: scanned.layers.filter((layer) => layer.compressedBytesReused).length,
        durationMs: performance.now() - started,
    };
}

;// CONCATENATED MODULE: ./src/docker/smoke-run.ts
// The docker argv that starts the smoke container hardened: read-only root, every writable path (/tmp and
// each VOLUME the image declares) a tmpfs inside the memory limit, no swap, no capabilities, a capped log,
// published on 127.0.0.1 only.


const MIB = 1024 * 1024;
const SMOKE_LIMITS = {
    memory: '512m',
    memoryBytes: 512 * MIB,
    pids: 256,
    tmpfsSize: '64m',
    tmpfsBytes: 64 * MIB,
    cpus: '1',
    /** The json-file log driver keeps at most logMaxFiles files of logMaxSize: a chatty container stops there. */
    logMaxSize: '1m',
    logMaxFiles: 2,
};
/**
 * Pure: the `--tmpfs` values that cover the image's VOLUMEs, or why one cannot be covered. Without them each
 * VOLUME gets an anonymous volume on the host's disk, writable despite --read-only. The engine skips the
 * anonymous volume only when a tmpfs sits at exactly the path it cleans the VOLUME to, so the paths are cleaned
 * the same way (Go's filepath.Clean). The tmpfs sizes add up to the memory limit at most.
 */
function volumeCovers(volumes) {
    const cleaned = new Set();
    for (const declared of volumes) {
        const shown = JSON.stringify(declared);
        if (!declared.startsWith('/'))
            return { refused: `the image declares VOLUME ${shown}, which is not an absolute path` };
        if (/[\u0000-\u001f\u007f,:]/.test(declared))
            return { refused: `the image declares VOLUME ${shown}, a path with a control character, "," or ":" that a tmpfs mount cannot name` };
        const clean = external_node_path_default().posix.normalize(declared).replace(/(.)\/+$/, '$1');
        if (clean === '/')
            return { refused: `the image declares VOLUME ${shown}, the whole filesystem` };
        if (clean !== '/tmp')
            cleaned.add(clean); // /tmp is a tmpfs already
    }
    if (cleaned.size === 0)
        return { tmpfs: [] };
    const shareBytes = Math.floor((SMOKE_LIMITS.memoryBytes - SMOKE_LIMITS.tmpfsBytes) / cleaned.size);
    const sizeMib = Math.floor(Math.min(SMOKE_LIMITS.tmpfsBytes, shareBytes) / MIB);
    if (sizeMib < 1)
        return {
            refused: `the image declares ${cleaned.size} volumes; in the ${SMOKE_LIMITS.memory} memory limit each would get less than 1 MiB`,
        };
    return { tmpfs: [...cleaned].sort().map((dir) => `${dir}:rw,nosuid,nodev,size=${sizeMib}m`) };
}
/** Pure: the docker argv that starts the smoke container with the hardened settings, published on 127.0.0.1 only. */
function smokeRunArgv(run) {
    const argv = ['run', '--detach', '--name', run.containerName, '--label', 'image-size-gate=smoke', '--label', run.ownerLabel];
    argv.push('--read-only', '--tmpfs', `/tmp:rw,nosuid,nodev,size=${SMOKE_LIMITS.tmpfsSize}`);
    for (const tmpfs of run.volumeTmpfs)
        argv.push('--tmpfs', tmpfs);
    argv.push('--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
    // tmpfs pages count against the memory limit; with swap equal to the limit none of them can go to disk either.
    argv.push('--memory', SMOKE_LIMITS.memory, '--memory-swap', SMOKE_LIMITS.memory, '--pids-limit', String(SMOKE_LIMITS.pids));
    argv.push('--cpus', SMOKE_LIMITS.cpus);
    argv.push('--log-driver', 'json-file', '--log-opt', `max-size=${SMOKE_LIMITS.logMaxSize}`, '--log-opt', `max-file=${SMOKE_LIMITS.logMaxFiles}`);
    argv.push('--publish', `127.0.0.1:${run.hostPort}:${run.containerPort}`);
    for (const pair of run.env)
        argv.push('--env', pair);
    argv.push(run.imageId);
    return argv;
}
function smokeContainerName() {
    return `image-size-gate-smoke-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
}

;// CONCATENATED MODULE: ./src/analysis/image-files.ts
// Reading single files out of an image as a starting container would see them (/etc/passwd and /etc/group for
// the user lookup): docker create, docker cp of each path, the tar stream it writes parsed here, and the
// container always removed.









/**
 * Reads files from an image as a starting container would see them, without running it: creates a stopped
 * container (its filesystem then has Docker's init layer too, as at start), copies each path out with
 * symlinks followed inside the container (docker cp -L resolves them as the daemon resolves /etc/passwd),
 * and always removes the container.
 */
async function readImageFiles(docker, imageId, filePaths, options = {}) {
    const maxBytes = options.maxBytes ?? MAX_USER_FILE_BYTES;
    const name = `image-size-gate-read-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
    options.onContainer?.(name);
    const files = new Map();
    const holdsAFile = (volume) => filePaths.some((filePath) => `${filePath}/`.startsWith(`${external_node_path_default().posix.normalize(volume).replace(/\/+$/, '')}/`));
    const covers = volumeCovers((options.volumes ?? []).filter((volume) => !holdsAFile(volume)));
    if ('refused' in covers) {
        for (const filePath of filePaths)
            files.set(filePath, { kind: 'unreadable', why: `the gate does not create a container of it: ${covers.refused}` });
        return files;
    }
    try {
        // The command is never run; it only lets `docker create` accept images that have no CMD (FROM scratch).
        const tmpfs = covers.tmpfs.flatMap((cover) => ['--tmpfs', cover]);
        const labels = ['--label', 'image-size-gate=read-file', '--label', ownerLabel()];
        const created = await docker.run(['create', '--name', name, ...labels, ...tmpfs, '--', imageId, '/image-size-gate-never-runs'], {
            allowFailure: true,
        });
        if (created.exitCode !== 0)
            throw new errors_GateError('user', `could not create a stopped container to read ${filePaths.join(' and ')}: ${lastErrorLine(created.stderr)}`);
        for (const filePath of filePaths)
            files.set(filePath, await copyOut(docker, name, filePath, maxBytes));
    }
    finally {
        const removal = docker.run(['rm', '--force', '--volumes', name], { allowFailure: true });
        if (options.background)
            options.background.start(removal);
        else
            await removal;
    }
    return files;
}
/** /etc/passwd and /etc/group (those named) of an image (see readImageFiles). */
async function readUserFiles(docker, imageId, names, options = {}) {
    const files = await readImageFiles(docker, imageId, names.map((name) => USER_FILE_PATHS[name]), options);
    return Object.fromEntries(names.map((name) => [name, files.get(USER_FILE_PATHS[name])]));
}
/** One file of an image (see readImageFiles). */
async function readImageFile(docker, imageId, filePath, options = {}) {
    return (await readImageFiles(docker, imageId, [filePath], options)).get(filePath);
}
/** Streams `docker cp -L` of one path and keeps the first entry, stopping early when it is too large. */
async function copyOut(docker, container, filePath, maxBytes) {
    const copy = docker.stream(['cp', '--follow-link', '--', `${container}:${filePath}`, '-']);
    const reader = new CopiedFileReader(maxBytes);
    try {
        for await (const chunk of copy.stdout) {
            reader.write(chunk);
            if (reader.decided)
                break;
        }
    }
    catch (error) {
        if (!(error instanceof TarFormatError))
            throw error;
        copy.stdout.destroy();
        await copy.finished.catch(() => undefined);
        return { kind: 'unreadable', why: `docker cp gave an unreadable tar stream (${error.message})` };
    }
    if (reader.decided)
        copy.stdout.destroy();
    const failure = await copy.finished.then(() => undefined, (error) => (error instanceof DockerError ? error : Promise.reject(error)));
    if (reader.decided && reader.result.kind === 'unreadable')
        return reader.result;
    if (failure && !reader.decided) {
        return /could not find|no such file|not found/i.test(failure.message)
            ? { kind: 'absent' }
            : { kind: 'unreadable', why: `docker cp failed: ${failure.message.replace(/ in \/\S+/g, '')}` };
    }
    try {
        return reader.finish();
    }
    catch (error) {
        if (!(error instanceof TarFormatError))
            throw error;
        return { kind: 'unreadable', why: `docker cp gave an unreadable tar stream (${error.message})` };
    }
}
/** Pure: the first entry of a `docker cp` tar stream as an ImageFile. */
class CopiedFileReader {
    maxBytes;
    result = { kind: 'unreadable', why: 'docker cp gave an empty archive' };
    /** The answer is known before the stream ends (the file is too large, or not a file): stop reading. */
    decided = false;
    entries = 0;
    parts = [];
    tar = new TarReader((header) => this.onEntry(header));
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    write(chunk) {
        this.tar.write(chunk);
    }
    finish() {
        if (!this.decided)
            this.tar.end();
        return this.result;
    }
    onEntry(header) {
        this.entries += 1;
        if (this.entries > 1)
            return undefined;
        const decide = (file) => {
            this.result = file;
            this.decided = true;
            return undefined;
        };
        if (header.type === 'directory')
            return decide({ kind: 'directory' });
        if (header.type !== 'file' && header.type !== 'contiguous-file')
            return decide({ kind: 'unreadable', why: `it is a ${header.type}, not a regular file` });
        if (header.size > this.maxBytes)
            return decide({ kind: 'unreadable', why: `it is ${header.size} bytes, more than the ${this.maxBytes} the gate reads` });
        return {
            data: (chunk) => this.parts.push(Buffer.from(chunk)),
            end: () => (this.result = { kind: 'file', bytes: Buffer.concat(this.parts) }),
        };
    }
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
var external_node_net_default = /*#__PURE__*/__nccwpck_require__.n(external_node_net_namespaceObject);
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: ./src/smoke/probe.ts
// One HTTP probe of the smoke test: a GET with a hard time limit and a body read cap that never follows
// redirects, and that says what happened when there was no answer (refused, closed, reset, not HTTP, timed out).

/** Largest body the probe reads; an endless stream is cut here. */
const BODY_READ_CAP_BYTES = 64 * 1024;
/** Longest one probe request may take before it is abandoned and retried. */
const REQUEST_TIMEOUT_MS = 5_000;
/** A probe that got no complete answer; the message says what happened and after how long. */
class ProbeError extends Error {
    kind;
    elapsedMs;
    constructor(kind, elapsedMs, message) {
        super(message);
        this.kind = kind;
        this.elapsedMs = elapsedMs;
    }
}
/** Pure: what one failed probe means, in words, from the client's error and how far the probe got. */
function describeProbeError(error, progress, elapsedMs) {
    const after = `after ${Math.round(elapsedMs)} ms`;
    const began = progress.stage === 'body' ? `HTTP ${progress.status} came, then ` : '';
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED')
        return new ProbeError('refused', elapsedMs, `connection refused ${after}: nothing listens on the port yet`);
    // Node's parser errors carry a reason of its own ("Expected HTTP/"); the raw bytes are the server's and stay out.
    if (code.startsWith('HPE_'))
        return new ProbeError('not-http', elapsedMs, `${began}the answer was not HTTP (${error.reason ?? code}) ${after}`);
    if (code === 'ECONNRESET' && progress.stage === 'body')
        return new ProbeError('incomplete', elapsedMs, `${began}the connection ended before the body did, ${after}`);
    if (code === 'ECONNRESET' && error.message === 'socket hang up')
        return new ProbeError('closed', elapsedMs, `the connection was closed without an answer ${after}`);
    if (code === 'ECONNRESET' || code === 'EPIPE')
        return new ProbeError('reset', elapsedMs, `the connection was reset ${after}`);
    return new ProbeError('other', elapsedMs, `${began}${code ? `${code}: ` : ''}${error.message} ${after}`);
}
/** Pure: the words for a probe that ran out of time at the given stage. */
function describeProbeTimeout(progress, timeoutMs) {
    const within = `within ${Math.round(timeoutMs)} ms`;
    const text = progress.stage === 'connecting'
        ? `could not connect ${within}`
        : progress.stage === 'waiting'
            ? `connected, but no answer came ${within}`
            : `HTTP ${progress.status} came, but the body did not end ${within}`;
    return new ProbeError('timeout', timeoutMs, text);
}
/** One GET with a hard time limit and a body read cap; never follows redirects. Rejects with a ProbeError. */
function httpGet(port, urlPath, timeoutMs) {
    return new Promise((resolve, reject) => {
        const startedAt = performance.now();
        let progress = { stage: 'connecting' };
        let settled = false;
        const settle = (outcome) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            outcome();
        };
        const fail = (error) => settle(() => reject(describeProbeError(error, progress, performance.now() - startedAt)));
        // Reject first, then tear down: whatever error the teardown raises, the time-out is the reason.
        const timer = setTimeout(() => {
            settle(() => reject(describeProbeTimeout(progress, timeoutMs)));
            request?.destroy();
        }, timeoutMs);
        let request;
        try {
            // Lenient parsing, as curl is: small servers (busybox httpd CGI, hand-written ones) end header lines with
            // a bare LF, and a smoke test is about whether the app answers, not about its HTTP hygiene.
            request = external_node_http_default().get({
                host: '127.0.0.1',
                port,
                path: urlPath,
                agent: false,
                insecureHTTPParser: true,
                headers: { connection: 'close', 'user-agent': 'image-size-gate' },
            });
        }
        catch (error) {
            fail(error);
            return;
        }
        request.on('socket', (socket) => socket.once('connect', () => (progress = { stage: 'waiting' })));
        request.on('response', (response) => {
            progress = { stage: 'body', status: response.statusCode ?? 0 };
            readCappedBody(response, (body, truncated) => {
                settle(() => resolve({
                    status: response.statusCode ?? 0,
                    body,
                    truncated,
                    location: typeof response.headers.location === 'string' ? response.headers.location : undefined,
                }));
                if (truncated)
                    request?.destroy();
            });
            response.on('error', fail);
        });
        request.on('error', fail);
    });
}
/** Reads a body up to BODY_READ_CAP_BYTES, then calls `done` once, with `truncated` when it was cut there. */
function readCappedBody(response, done) {
    const chunks = [];
    let length = 0;
    let truncated = false;
    response.on('data', (chunk) => {
        if (truncated)
            return;
        const room = BODY_READ_CAP_BYTES - length;
        chunks.push(chunk.subarray(0, room));
        length += Math.min(room, chunk.length);
        if (chunk.length >= room) {
            truncated = true;
            done(Buffer.concat(chunks).toString('utf8'), true);
        }
    });
    response.on('end', () => {
        if (!truncated)
            done(Buffer.concat(chunks).toString('utf8'), false);
    });
}

;// CONCATENATED MODULE: ./src/smoke/smoke.ts
// The smoke test: start the image hardened, wait until it answers over HTTP, check the answer, time it,
// and always remove the container. Nothing the container does may reach the runner's disk: its root is
// read-only, every writable path (/tmp and each VOLUME the image declares) is a tmpfs inside its memory limit,
// swap is off and its log is capped.





const POLL_INTERVAL_MS = 5;
const STATE_CHECK_INTERVAL_MS = 250;
/** A probe the deadline cut shorter than this says nothing about the app; an earlier failure is the better reason. */
const SHORTEST_TELLING_PROBE_MS = 1_000;
/** How docker says the host port was taken after the gate picked it; the start is then tried again. */
const PORT_TAKEN = /port is already allocated|address already in use/i;
const PORT_ATTEMPTS = 3;
/** Pure: which container port to probe, or why the smoke test is skipped. Throws when `smoke: true` cannot run. */
function chooseSmokePort(smoke, exposedPorts) {
    if (smoke.mode === 'false')
        return { skip: 'smoke is false' };
    if (smoke.port !== undefined)
        return { port: smoke.port, source: 'smoke-port' };
    const tcpPorts = exposedPorts
        .map((spec) => /^(\d+)(?:\/(\w+))?$/.exec(spec))
        .filter((match) => match !== null && (match[2] ?? 'tcp').toLowerCase() === 'tcp')
        .map((match) => Number(match[1]))
        .sort((a, b) => a - b);
    if (tcpPorts.length > 0)
        return { port: tcpPorts[0], source: 'EXPOSE' };
    const why = exposedPorts.length > 0
        ? `the image EXPOSEs only non-TCP ports (${exposedPorts.join(', ')}) and smoke-port is not set`
        : 'the image EXPOSEs no port and smoke-port is not set';
    if (smoke.mode === 'true') {
        throw new errors_GateError('smoke', `smoke is true but ${why}; set smoke-port to the container's HTTP port (e.g. smoke-port: 8080)`);
    }
    return { skip: why };
}
/** Pure: does an answer satisfy the expectations? Returns the reason when it does not. */
function judgeAnswer(answer, smoke) {
    if (answer.status !== smoke.expectStatus) {
        const redirect = answer.location ? ` (a redirect to ${answer.location}; the probe does not follow redirects)` : '';
        return `answered HTTP ${answer.status}${redirect}, expected ${smoke.expectStatus}`;
    }
    if (smoke.expectBody !== undefined && !answer.body.includes(smoke.expectBody)) {
        return `answered HTTP ${answer.status} but the body does not contain ${JSON.stringify(smoke.expectBody)}`;
    }
    return undefined;
}
async function runSmokeTest(docker, image, port, smoke, hooks = {}) {
    const now = hooks.now ?? (() => performance.now());
    const result = { port, path: smoke.path, passed: false, containerLog: [] };
    const covers = volumeCovers(image.volumes);
    if ('refused' in covers) {
        result.failure = `the container was not started: ${covers.refused}, so its writes could not be kept off the runner's disk`;
        return result;
    }
    const name = smokeContainerName();
    hooks.onContainer?.(name);
    const run = {
        imageId: image.id,
        containerName: name,
        containerPort: port,
        env: smoke.env,
        volumeTmpfs: covers.tmpfs,
        ownerLabel: ownerLabel(),
    };
    try {
        const started = await startContainer(docker, run, now);
        if ('failure' in started) {
            result.failure = `docker run failed: ${started.failure}`;
            return result;
        }
        const outcome = await awaitAnswer(docker, name, port, started, smoke, now);
        result.answer = outcome.answer;
        if ('answeredAt' in outcome) {
            result.passed = true;
            result.startupMs = Math.round(outcome.answeredAt - started.startedAt);
            await checkAfterAnswer(docker, name, result);
            return result;
        }
        result.failure = outcome.failure;
        result.containerLog = await containerLogTail(docker, name);
        return result;
    }
    finally {
        const removal = removeContainer(docker, name);
        if (hooks.background)
            hooks.background.start(removal);
        else
            await removal;
    }
}
/**
 * Starts the container on a host port the gate picked itself, before the clock starts, so that no
 * `docker port` call sits between the start and the first probe. Another process may take the port in
 * between: then docker says so, and the start is retried on a new port.
 */
async function startContainer(docker, run, now) {
    for (let attempt = 1;; attempt += 1) {
        const hostPort = await freeLoopbackPort();
        const startedAt = now();
        const started = await docker.run(smokeRunArgv({ ...run, hostPort }), { allowFailure: true });
        if (started.exitCode === 0)
            return { hostPort, startedAt };
        if (!PORT_TAKEN.test(started.stderr) || attempt >= PORT_ATTEMPTS)
            return { failure: dockerRunFailure(started.stderr) };
        await removeContainer(docker, run.containerName);
    }
}
/** Probes until a good answer, the container stops, or the deadline; never waits on docker between probes. */
async function awaitAnswer(docker, name, port, started, smoke, now) {
    const deadline = started.startedAt + smoke.timeoutMs;
    const dockerRunMs = now() - started.startedAt;
    const watcher = watchContainer(docker, name, now);
    let answer;
    let problem;
    while (now() < deadline) {
        const limitMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(1, deadline - now()));
        try {
            answer = await httpGet(started.hostPort, smoke.path, limitMs);
            const answeredAt = now();
            if (judgeAnswer(answer, smoke) === undefined)
                return { answer, answeredAt };
        }
        catch (error) {
            const probeError = error instanceof ProbeError ? error : new ProbeError('other', 0, error.message);
            // The last probe before the deadline gets what time is left; its time-out is no reason when there is another.
            if (!problem || probeError.kind !== 'timeout' || limitMs >= SHORTEST_TELLING_PROBE_MS)
                problem = probeError;
        }
        const stopped = watcher.verdict();
        if (stopped)
            return { answer, failure: stopped };
        watcher.poll();
        await sleep(POLL_INTERVAL_MS);
    }
    await watcher.settle();
    const stopped = watcher.verdict();
    if (stopped && !answer)
        return { failure: stopped };
    if (answer)
        return { answer, failure: `no good answer within ${smoke.timeoutMs} ms: the last one ${judgeAnswer(answer, smoke)}` };
    return { failure: noAnswerFailure(port, smoke.timeoutMs, problem ?? dockerRunMs) };
}
/**
 * Pure: the one line for a smoke test that got no answer, from the last probe failure worth telling, or, when
 * `docker run` itself used up the time (a busy engine), how long it took.
 */
function noAnswerFailure(port, timeoutMs, problem) {
    const within = `nothing answered on port ${port} within ${timeoutMs} ms`;
    if (typeof problem === 'number')
        return `${within} (docker run itself took ${Math.round(problem)} ms, so no probe could be made; a longer smoke-timeout gives the container time)`;
    // Docker's userland proxy accepts on the published port, then closes or resets when nothing in the container listens.
    const hint = problem.kind === 'closed' || problem.kind === 'reset'
        ? "; Docker's proxy accepts on the published port, then drops the connection while nothing in the container listens"
        : '';
    return `${within} (last attempt: ${problem.message}${hint})`;
}
/**
 * Checks the container's state in the background, so probing never waits for `docker inspect` (tens of
 * milliseconds) and the start-up figure is not rounded up by it. Its verdict is why the smoke test must stop:
 * the container stopped, or the engine gave it a volume on the host's disk after all.
 */
function watchContainer(docker, name, now) {
    let lastCheckAt = now();
    let check;
    let verdict;
    return {
        poll() {
            if (check || verdict || now() - lastCheckAt < STATE_CHECK_INTERVAL_MS)
                return;
            lastCheckAt = now();
            check = containerState(docker, name)
                .then((state) => (verdict = stateProblem(state)))
                .catch(() => undefined)
                .then(() => (check = undefined));
        },
        verdict: () => verdict,
        settle: async () => void (await check),
    };
}
/** Pure: why a container in this state cannot pass the smoke test, if it cannot. */
function stateProblem(state) {
    if (state.hostMounts.length > 0)
        return `the engine gave the container storage on the host's disk (${state.hostMounts.join(', ')}), which the smoke test does not allow`;
    if (state.status === 'running')
        return undefined;
    const oom = state.oomKilled ? `, killed for exceeding the ${SMOKE_LIMITS.memory} memory limit` : '';
    return `the container stopped before answering (status ${state.status}, exit code ${state.exitCode}${oom})`;
}
/**
 * After a good answer, outside the start-up window: which uid the main process really got, and (at the same
 * time) that the engine gave the container no storage on the host's disk.
 */
async function checkAfterAnswer(docker, name, result) {
    const [ids, state] = await Promise.all([mainProcessIds(docker, name), containerState(docker, name).catch(() => undefined)]);
    result.runtimeUid = ids?.uid;
    result.runtimeGid = ids?.gid;
    if (state && state.hostMounts.length > 0) {
        result.passed = false;
        result.startupMs = undefined;
        result.failure = stateProblem(state);
    }
}
/** A TCP port on 127.0.0.1 that nothing listens on at this moment (the kernel picks it). */
function freeLoopbackPort() {
    return new Promise((resolve, reject) => {
        const server = external_node_net_default().createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/docker/start-probe.ts
// Asking this engine whether it starts an image as its USER, without running anything of the image: a
// container whose entrypoint does not exist is created hardened and started. The engine resolves the user
// (the daemon's lookup, then the runtime's) before it looks for the entrypoint, so the error it answers with
// says which step stopped it. The container is always removed.



/** A path no image has: the start fails on it once the user has been set up. */
const ABSENT_ENTRYPOINT = '/.image-size-gate-user-probe-never-exists';
const PROBE_TIMEOUT_MS = 30_000;
/**
 * Pure: what `docker start` of the probe said. The daemon (moby/sys/user) or runc (setupUser) refusing the
 * user; or the user accepted and the absent entrypoint not found (runc's exec, or the daemon's own check).
 */
function classifyStartAnswer(exitCode, stderr) {
    const reason = dockerRunFailure(stderr);
    if (exitCode === 0)
        return { kind: 'unknown', message: 'the start succeeded, though its entrypoint does not exist' };
    if (/uids and gids must be in range|unable to (?:setup|find) (?:user|group)|no matching entries in (?:passwd|group) file/i.test(stderr))
        return { kind: 'refused', message: reason };
    if (stderr.includes(ABSENT_ENTRYPOINT) && /no such file or directory|not found/i.test(stderr))
        return { kind: 'started' };
    return { kind: 'unknown', message: reason };
}
/** Creates, starts and removes a probe container of the image (its VOLUMEs covered by tmpfs, no network). */
async function probeUserStart(docker, imageId, options = {}) {
    const covers = volumeCovers(options.volumes ?? []);
    if ('refused' in covers)
        return { kind: 'unknown', message: `the gate does not create a container of it: ${covers.refused}` };
    const name = `image-size-gate-user-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
    options.onContainer?.(name);
    const argv = ['create', '--name', name, '--label', 'image-size-gate=user-probe', '--label', ownerLabel()];
    argv.push('--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
    argv.push('--memory', '64m', '--pids-limit', '16', ...covers.tmpfs.flatMap((cover) => ['--tmpfs', cover]));
    argv.push('--entrypoint', ABSENT_ENTRYPOINT, '--', imageId);
    try {
        const created = await docker.run(argv, { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
        if (created.exitCode !== 0)
            return { kind: 'unknown', message: dockerRunFailure(created.stderr) };
        const started = await docker.run(['start', name], { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
        return classifyStartAnswer(started.exitCode, started.stderr);
    }
    finally {
        await docker.run(['rm', '--force', '--volumes', name], { allowFailure: true, timeoutMs: PROBE_TIMEOUT_MS });
    }
}

;// CONCATENATED MODULE: ./src/gate/measure.ts










async function measureImage(request, deps) {
    const { docker, log } = deps;
    const { options, label } = request;
    const image = await inspectImage(docker, request.reference);
    log.info(`The ${label} ${image.id}: ${image.layerCount} layers, user "${image.user}"`);
    const smoke = await smokeTest(image, request, deps);
    // The layers are read when the analysis is asked for, and always on the containerd store, where nothing
    // else gives the layers' own bytes; on the classic store inspect's .Size is that figure.
    const readLayers = options.analyze || request.engine.imageStore === 'containerd';
    if (!readLayers) {
        const resolved = resolveUser(image.user, await userFilesThroughEngine(image.user, {}, image, request, deps));
        const user = runtimeChecked(await checkedOnThisEngine(resolved, image, request, deps, smoke), smoke);
        const platform = {
            platform: platformOf(image),
            sizeBytes: image.sizeBytes,
            layerCount: image.layerCount,
            configuredUser: image.user,
            user,
        };
        log.info(`The ${label}: ${units_formatBytes(image.sizeBytes)} (${image.sizeBytes} bytes; docker image inspect .Size on the classic image store)`);
        return { image, sizeMethod: 'inspect', platforms: [platform], smoke };
    }
    const platforms = await log.group(`Read the layers of the ${label} ${image.id.slice(7, 19)}`, () => measureLayers(image, request, deps));
    // What the layers could not tell (a link to a file the scan did not keep) the engine reads as the daemon
    // would, for the platform it runs: the first.
    const first = platforms[0];
    if (isRunnersPlatform(first.platform, image) && first.userFiles) {
        const files = await userFilesThroughEngine(first.configuredUser, first.userFiles, image, request, deps);
        first.user = resolveUser(first.configuredUser, files);
    }
    if (isRunnersPlatform(first.platform, image))
        first.user = await checkedOnThisEngine(first.user, image, request, deps, smoke);
    first.user = runtimeChecked(first.user, smoke);
    return { image, sizeMethod: 'layers', platforms, smoke };
}
/**
 * Where engines differ on this USER (an id outside 0..2147483647, libraries that disagree), this engine's
 * own answer: a probe container is started and removed. Not needed when the smoke container ran and told.
 */
async function checkedOnThisEngine(user, image, request, deps, smoke) {
    if (!user.engineDependent || (smoke.ran && smoke.result.runtimeUid !== undefined))
        return user;
    const answer = await probeUserStart(deps.docker, image.id, { volumes: image.volumes, onContainer: deps.onSmokeContainer });
    const said = answer.kind === 'started'
        ? 'starts it'
        : `${answer.kind === 'refused' ? 'refuses it' : 'could not be asked'}: ${escape_visible(answer.message)}`;
    deps.log.info(`Engines differ on USER "${escape_visible(image.user, 80)}"; this one ${said}`);
    return withEngineStart(user, { ...answer, engine: request.engine.version });
}
/** The user as the image says, held against the uid the smoke container really ran as. */
function runtimeChecked(user, smoke) {
    return checkRuntimeUser(user, smoke.ran ? smoke.result.runtimeUid : undefined);
}
function platformOf(image) {
    return [image.os || 'unknown', image.architecture || 'unknown'].join('/');
}
/** The platform the engine runs for this image (what inspect describes), whatever its variant (linux/arm64/v8). */
function isRunnersPlatform(platform, image) {
    const runners = platformOf(image);
    return platform === runners || platform.startsWith(`${runners}/`);
}
async function smokeTest(image, request, deps) {
    const { options, label, background } = request;
    const portChoice = chooseSmokePort(options.smoke, image.exposedPorts);
    if ('skip' in portChoice) {
        deps.log.info(`Smoke test of the ${label} skipped: ${portChoice.skip}`);
        return { ran: false, reason: portChoice.skip };
    }
    // Whatever is still being removed (an earlier smoke container) would compete with this start.
    await background.drain();
    const title = `Smoke test of the ${label} (${platformOf(image)}): GET ${options.smoke.path} on port ${portChoice.port} (from ${portChoice.source})`;
    const result = await deps.log.group(title, () => runSmokeTest(deps.docker, image, portChoice.port, options.smoke, { onContainer: deps.onSmokeContainer, background }));
    if (result.passed)
        deps.log.info(`Smoke test answered HTTP ${result.answer?.status} after ${result.startupMs} ms`);
    else
        deps.log.info(`Smoke test failed: ${result.failure}`);
    return { ran: true, result };
}
async function measureLayers(image, request, { docker, log }) {
    const started = performance.now();
    const progress = progressReporter(log, image.sizeBytes);
    const platforms = [];
    let archiveBytes = 0;
    try {
        const read = await image_layers_readImageLayers(docker, image.id, {
            compressedSize: request.options.analyze,
            knownLayers: request.knownLayers,
            onProgress: (bytes) => progress.update({ step: 'reading', archiveBytesRead: bytes }),
        });
        const ordered = [...read.images].sort((a, b) => Number(isRunnersPlatform(b.platform, image)) - Number(isRunnersPlatform(a.platform, image)));
        archiveBytes = read.archiveBytes;
        for (const scanned of ordered)
            platforms.push(await measurePlatform(scanned, archiveBytes, request, log, progress.update));
    }
    finally {
        progress.stop();
    }
    log.info(`Read ${units_formatBytes(archiveBytes)} of layers for ${platforms.length} platform(s) in ${units_formatDurationMs(performance.now() - started)}`);
    return platforms;
}
/** One platform's figures from its scanned layers: sizes, and with the analysis waste, hints and the byte map. */
async function measurePlatform(scanned, archiveBytes, request, log, onProgress) {
    const { options, buildInfo, label } = request;
    const sizeBytes = uncompressedSizeBytes(scanned);
    const base = { platform: scanned.platform, sizeBytes, layerCount: scanned.layers.length, configuredUser: scanned.config.user };
    if (!options.analyze) {
        const compressed = compressedSize(scanned);
        log.info(`The ${label} (${scanned.platform}): ${units_formatBytes(sizeBytes)} (${sizeBytes} bytes), compressed ${compressed.bytes === undefined ? 'not measured' : units_formatBytes(compressed.bytes)}`);
        const userFiles = finalUserFiles(scanned.layers);
        return {
            ...base,
            compressedSizeBytes: compressed.bytes,
            compressedSizeMethod: compressed.bytes === undefined ? undefined : compressed.method,
            userFiles,
            user: resolveUser(scanned.config.user, userFiles),
        };
    }
    const analysis = await analyzeLayers(scanned, archiveBytes, {
        onProgress,
        compressedSize: true,
        dockerfilePath: buildInfo?.dockerfile,
        contextDir: buildInfo?.context,
    });
    log.info(`The ${label} (${scanned.platform}): ${units_formatBytes(sizeBytes)} (${sizeBytes} bytes), compressed ${analysis.compressedSizeBytes === undefined ? 'unknown' : units_formatBytes(analysis.compressedSizeBytes)}` +
        ` (${analysis.compressedSizeMethod === 'stored-blobs' ? 'the blobs the engine stores' : 'gzip -6 of each layer'}), ` +
        `dive efficiency ${units_formatPercent(analysis.dive.efficiency)}, wasted ${units_formatBytes(analysis.dive.wastedBytes)}, reclaimable ${units_formatBytes(analysis.reclaimableBytes)}, ${analysis.hints.length} hint(s)` +
        (analysis.compressedSizesReused > 0
            ? `; the compressed size of ${analysis.compressedSizesReused} layer(s) already measured was not measured twice`
            : ''));
    return {
        ...base,
        compressedSizeBytes: analysis.compressedSizeBytes,
        compressedSizeMethod: analysis.compressedSizeMethod,
        analysis,
        userFiles: analysis.userFiles,
        user: resolveUser(scanned.config.user, analysis.userFiles),
    };
}
/** Reads through the engine (a stopped container) the user files `known` lacks and `configured` needs. */
async function userFilesThroughEngine(configured, known, image, request, deps) {
    const missing = filesNeeded(configured).filter((name) => known[name] === undefined);
    if (missing.length === 0)
        return known;
    const options = { background: request.background, onContainer: deps.onSmokeContainer, volumes: image.volumes };
    return { ...known, ...(await readUserFiles(deps.docker, image.id, missing, options)) };
}
/**
 * Logs every few seconds how far the layer analysis has got, so a long one never looks hung: the wait before
 * `docker save` sends its first byte (Docker 20.10 exports the whole image first), the bytes read so far (the
 * archive's length is known only at its end: its tar headers and padding make it longer than the image's
 * files, several times longer when they are many and small), then the layers whose files have been compared.
 */
function progressReporter(log, imageSizeBytes, intervalMs = 5000) {
    let latest;
    const timer = setInterval(() => {
        log.info(latest === undefined
            ? `  waiting for docker save: the engine prepares the whole image (about ${units_formatBytes(imageSizeBytes)}) before it sends the first byte`
            : latest.step === 'reading'
                ? `  read ${units_formatBytes(latest.archiveBytesRead)} of the image archive so far`
                : `  comparing the layers' files, pass ${latest.pass} of ${latest.passCount}: ${latest.layersDone} of ${latest.layerCount} layers done`);
    }, intervalMs);
    return {
        update: (progress) => (latest = progress),
        stop: () => clearInterval(timer),
    };
}

;// CONCATENATED MODULE: ./src/gate/baseline.ts
// The baseline a pull request is compared with: the same Dockerfile built at the base commit (in a temporary
// worktree), an image reference, or none. Whatever it makes (worktree, image) is removed before it returns.








const LABEL = 'baseline image';
async function measureBaseline(request, deps) {
    const spec = request.options.baseline;
    if (spec.kind === 'none')
        return { skipped: 'baseline is none' };
    // The layers the baseline shares with the gated image (its base image, usually most of the bytes) are not
    // compressed a second time.
    const knownLayers = request.head.platforms.flatMap((platform) => (platform.analysis?.layers ?? []).flatMap((layer) => layer.compressedBytes === undefined
        ? []
        : [{ diffId: layer.diffId, tarBytes: layer.tarBytes, compressedBytes: layer.compressedBytes }]));
    const measureRequest = { label: LABEL, options: request.options, engine: request.engine, background: request.background, knownLayers };
    if (spec.kind === 'image') {
        const measure = () => measureImage({ ...measureRequest, reference: spec.reference }, deps);
        const measured = await measure().catch(async (error) => {
            if (!(error instanceof ImageNotFoundError))
                throw error;
            await pullBaseline(deps, spec.reference);
            return measure();
        });
        return { measured, report: { source: 'image', reference: spec.reference, id: measured.image.id } };
    }
    if (!deps.baseCommit)
        return { skipped: 'not a pull_request event, so there is no base commit to compare with' };
    if (!request.buildInfo)
        return {
            skipped: 'baseline auto builds the base commit, which needs the gate to build the image too (set baseline to an image reference instead)',
        };
    return measureBaseCommit(request, deps, deps.baseCommit, request.buildInfo, measureRequest);
}
async function pullBaseline(deps, reference) {
    deps.log.info(`Pulling baseline image ${reference}`);
    const pulled = await deps.docker.run(['pull', '--quiet', '--', reference], { allowFailure: true });
    if (pulled.exitCode !== 0) {
        throw new errors_GateError('baseline', `baseline image "${reference}" is not local and could not be pulled (${lastErrorLine(pulled.stderr)}); set baseline to a local image, auto, or none`);
    }
}
async function measureBaseCommit(request, deps, baseCommit, buildInfo, measureRequest) {
    const started = performance.now();
    const root = await repositoryRoot(external_node_path_default().resolve(buildInfo.context));
    await ensureCommit(root, baseCommit, (message) => deps.log.info(message), deps.fetchEnv);
    const worktree = await addWorktree(root, baseCommit);
    deps.onWorktree?.(root, worktree.directory);
    let baseImageId;
    try {
        const mapped = (file) => external_node_path_default().join(worktree.directory, external_node_path_default().relative(root, external_node_path_default().resolve(file)));
        const dockerfile = mapped(buildInfo.dockerfile);
        const context = mapped(buildInfo.context);
        try {
            await (0,promises_namespaceObject.access)(dockerfile);
        }
        catch {
            return { skipped: `the base commit ${baseCommit.slice(0, 12)} has no ${external_node_path_default().relative(root, external_node_path_default().resolve(buildInfo.dockerfile))}` };
        }
        const built = await buildWithLog({ options: request.options, builder: request.builder, context, dockerfile, label: LABEL }, deps);
        baseImageId = built.imageId;
        const baseBuildInfo = { ...buildInfo, context, dockerfile, durationMs: built.durationMs };
        const measured = await measureImage({ ...measureRequest, reference: built.imageId, buildInfo: baseBuildInfo }, deps);
        const buildMs = Math.round(built.durationMs);
        const totalMs = Math.round(performance.now() - started);
        return { measured, report: { source: 'base-commit', reference: baseCommit, id: measured.image.id, buildMs, totalMs } };
    }
    finally {
        await worktree.remove();
        if (baseImageId && baseImageId !== request.head.image.id)
            await removeUntaggedImage(deps.docker, baseImageId);
    }
}
/**
 * Removes an image the gate built only to measure; its layers stay in the build cache (--no-prune).
 * An image somebody tagged (the build matched it from the cache) is not ours to remove.
 */
async function removeUntaggedImage(docker, imageId) {
    const image = await inspectImage(docker, imageId).catch(() => undefined);
    if (image && image.repoTags.length === 0)
        await docker.run(['image', 'rm', '--no-prune', imageId], { allowFailure: true });
}

;// CONCATENATED MODULE: ./src/docker/engine.ts
// Finding out what the Docker installation can do: is an engine answering, and which builder to use.


/** What the report says measured an image no engine held: the archive or the registry itself. */
function engineless(source) {
    return { version: 'none', storageDriver: 'none', imageStore: source };
}
/** Pure: the engine facts the gate uses from `docker info` (and `docker version`'s server part, when it answered). */
function parseEngineInfo(raw, version = {}) {
    const driverType = (raw.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1] ?? '';
    return {
        version: raw.ServerVersion ?? 'unknown',
        storageDriver: raw.Driver ?? 'unknown',
        imageStore: driverType.startsWith('io.containerd.snapshotter') ? 'containerd' : 'classic',
        ...(version.Os && version.Arch ? { platform: `${version.Os}/${version.Arch}` } : {}),
        ...(version.GoVersion ? { goVersion: version.GoVersion } : {}),
    };
}
function probeEngine(docker, options) {
    const format = '{"ServerVersion":{{json .ServerVersion}},"Driver":{{json .Driver}},"DriverStatus":{{json .DriverStatus}}}';
    // The server's platform and Go release; an engine too old or odd to say them is still an engine.
    const serverFormat = '{"Os":{{json .Server.Os}},"Arch":{{json .Server.Arch}},"GoVersion":{{json .Server.GoVersion}}}';
    const version = docker.text(['version', '--format', serverFormat], { timeoutMs: 30_000 }).then((text) => JSON.parse(text), () => ({}));
    const engine = docker
        .text(['info', '--format', format], { timeoutMs: 30_000 })
        .then(async (text) => parseEngineInfo(JSON.parse(text), await version))
        .catch((error) => {
        const reason = error instanceof DockerError ? error.message : String(error);
        const hint = /permission denied/i.test(reason)
            ? 'add this user to the docker group or run as root'
            : /not installed|not on PATH/.test(reason)
                ? 'install Docker (on Debian: apt-get install docker.io)'
                : 'start the Docker engine (dockerd) or set DOCKER_HOST';
        throw new errors_GateError('docker', `the Docker engine is not reachable (${reason}); ${hint}`, { cause: error });
    });
    // Handled here so that a run that never needs the answer does not end on an unhandled rejection.
    engine.catch(() => undefined);
    const builder = options.needsBuilder
        ? docker.run(['buildx', 'version'], { allowFailure: true, timeoutMs: 30_000 }).then((answer) => (answer.exitCode === 0 ? 'buildx' : 'classic'), () => 'classic')
        : Promise.resolve('classic');
    return { engine, builder };
}

;// CONCATENATED MODULE: ./src/gate/context-check.ts
// A build context that would hand the workflow's token to the image: actions/checkout persists it in
// .git/config (as an http extraheader) unless told persist-credentials: false, and a `COPY . .` then copies
// it into a layer, where a RUN can print it into the build log. Warned about before the build.


/** Pure: does this .git/config hold a credential (an auth header, a URL with a password, a stored helper)? */
function gitConfigHasCredential(config) {
    return (/^\s*extraheader\s*=\s*authorization:/im.test(config) ||
        /^\s*url\s*=\s*\w+:\/\/[^/\s:@]+:[^/\s@]+@/im.test(config) ||
        /^\s*helper\s*=\s*store\b/im.test(config));
}
/** Pure: does this .dockerignore keep the context's .git folder out (a later `!` rule may let it back in)? */
function dockerignoreExcludesGit(dockerignore) {
    let excluded = false;
    for (const raw of dockerignore.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const negated = line.startsWith('!');
        const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
        if (['.git', '**/.git', '.git/**', '*', '**', '.*', '**/.*'].includes(pattern))
            excluded = !negated;
    }
    return excluded;
}
/** The warning to give for `context`, or undefined when its .git holds no credential or is kept out. */
async function contextCredentialWarning(context) {
    const config = await (0,promises_namespaceObject.readFile)(external_node_path_default().join(context, '.git', 'config'), 'utf8').catch(() => undefined);
    if (config === undefined || !gitConfigHasCredential(config))
        return undefined;
    const dockerignore = await (0,promises_namespaceObject.readFile)(external_node_path_default().join(context, '.dockerignore'), 'utf8').catch(() => '');
    if (dockerignoreExcludesGit(dockerignore))
        return undefined;
    return (`the build context ${context} holds .git with a credential in .git/config (actions/checkout persists the token there) ` +
        'and no .dockerignore keeps .git out: a COPY of the context puts the token in a layer, where a RUN can print it. ' +
        'Check out with persist-credentials: false, or add .git to .dockerignore');
}

;// CONCATENATED MODULE: ./src/analysis/oci-layout.ts
// An OCI image layout directory (`docker buildx build --output type=oci,tar=false`, ko, Jib, rules_oci,
// `skopeo copy ... oci:DIR`) read as the members of an image archive: index.json, the manifests and indexes it
// reaches, and the configs and layers they name, each blob once and only if referenced. Blob paths are made
// from validated digests, and only regular files inside the directory are read (a symlink is refused), so a
// hostile layout cannot make the gate read anything else.




/** The largest index, manifest or config read whole (a real one is a few KiB; the scan keeps JSON up to 16 MiB). */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** How deep indexes may nest (an index of indexes of manifests is 2). */
const MAX_INDEX_DEPTH = 4;
/** Pure: the blob path a digest names inside a layout (`blobs/sha256/<hex>`), or why the digest is refused. */
function blobPath(digest) {
    const match = typeof digest === 'string' ? /^(sha256|sha512):([0-9a-f]+)$/.exec(digest) : null;
    const lengths = { sha256: 64, sha512: 128 };
    if (!match || match[2].length !== lengths[match[1]])
        throw new ArchiveError(`the layout names a blob by ${JSON.stringify(String(digest)).slice(0, 90)}, which is not a sha256 or sha512 digest`);
    return `blobs/${match[1]}/${match[2]}`;
}
async function regularFile(root, relative) {
    const stats = await (0,promises_namespaceObject.lstat)(external_node_path_default().join(root, relative)).catch((error) => {
        throw new ArchiveError(error.code === 'ENOENT' ? `the layout has no ${relative}` : `cannot read ${relative}: ${error.message}`);
    });
    if (!stats.isFile())
        throw new ArchiveError(`${relative} in the layout is ${stats.isSymbolicLink() ? 'a symlink' : 'not a regular file'}; only regular files are read`);
    return stats.size;
}
async function oci_layout_document(root, relative) {
    const sizeBytes = await regularFile(root, relative);
    if (sizeBytes > MAX_DOCUMENT_BYTES)
        throw new ArchiveError(`${relative} in the layout is ${sizeBytes} bytes, more than an index, manifest or config can be (${MAX_DOCUMENT_BYTES})`);
    return { text: await (0,promises_namespaceObject.readFile)(external_node_path_default().join(root, relative), 'utf8'), sizeBytes };
}
function parseDocument(text, relative) {
    try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object')
            return parsed;
    }
    catch {
        // reported below
    }
    throw new ArchiveError(`${relative} in the layout is not a JSON object`);
}
function checkedSize(descriptor, relative, actualBytes) {
    if (typeof descriptor.size === 'number' && descriptor.size !== actualBytes)
        throw new ArchiveError(`${relative} in the layout is ${actualBytes} bytes, but its descriptor says ${descriptor.size}`);
}
function textMember(name, text) {
    const bytes = Buffer.from(text, 'utf8');
    return {
        name,
        sizeBytes: bytes.length,
        data: async function* () {
            yield bytes;
        },
    };
}
/** Every member of the layout the image's index reaches, documents before the blobs they name. */
async function* ociLayoutMembers(root) {
    const layout = parseDocument((await oci_layout_document(root, 'oci-layout')).text, 'oci-layout');
    if (typeof layout.imageLayoutVersion !== 'string')
        throw new ArchiveError('oci-layout has no imageLayoutVersion: this is not an OCI image layout');
    const index = await oci_layout_document(root, 'index.json');
    yield textMember('index.json', index.text);
    const seen = new Set();
    const layers = [];
    let level = parseDocument(index.text, 'index.json').manifests ?? [];
    for (let depth = 0; level.length > 0; depth += 1) {
        if (depth > MAX_INDEX_DEPTH)
            throw new ArchiveError(`the layout's indexes nest deeper than ${MAX_INDEX_DEPTH}`);
        const next = [];
        for (const descriptor of level) {
            const relative = blobPath(descriptor.digest);
            if (seen.has(relative))
                continue;
            seen.add(relative);
            const blob = await oci_layout_document(root, relative).catch((error) => {
                // An index may list platforms whose blobs the layout does not hold (a partial copy): those are skipped.
                if (error instanceof ArchiveError && error.message.startsWith('the layout has no'))
                    return undefined;
                throw error;
            });
            if (!blob)
                continue;
            checkedSize(descriptor, relative, blob.sizeBytes);
            yield textMember(relative, blob.text);
            const parsed = parseDocument(blob.text, relative);
            // An index names manifests; a manifest names its config and layers. (An image config has a `config`
            // key of its own, the container's settings, which is no descriptor.)
            if (Array.isArray(parsed.manifests))
                next.push(...parsed.manifests);
            if (Array.isArray(parsed.layers)) {
                if (parsed.config)
                    next.push(parsed.config);
                for (const layer of parsed.layers)
                    layers.push({ relative: blobPath(layer.digest), descriptor: layer });
            }
        }
        level = next;
    }
    for (const { relative, descriptor } of layers) {
        if (seen.has(relative))
            continue;
        seen.add(relative);
        const sizeBytes = await regularFile(root, relative);
        checkedSize(descriptor, relative, sizeBytes);
        yield { name: relative, sizeBytes, data: () => (0,external_node_fs_namespaceObject.createReadStream)(external_node_path_default().join(root, relative), { highWaterMark: 1 << 20 }) };
    }
}

;// CONCATENATED MODULE: ./src/gate/measure-archive.ts
// Measuring an image from a file instead of an engine: a `docker save` tar, an OCI image archive
// (`podman save --format oci-archive`, `skopeo copy ... oci-archive:`) or an OCI image layout directory
// (`docker buildx build --output type=oci,tar=false`, ko, Jib, rules_oci). Every figure comes from the archive's
// own documents and layers, so no engine is needed; the compressed size is its blobs' where it holds them.








/** Pure: what the gate knows of the archive's image, shaped as `docker image inspect` would give it. */
function archiveMetadata(image) {
    return {
        id: image.configDigest,
        sizeBytes: uncompressedSizeBytes(image),
        layerCount: image.layers.length,
        user: image.config.user,
        exposedPorts: image.config.exposedPorts,
        volumes: image.config.volumes,
        os: image.config.os,
        architecture: image.config.architecture,
        repoTags: [],
    };
}
async function readArchive(archivePath, onProgress, compressedSize) {
    const stats = await (0,promises_namespaceObject.stat)(archivePath).catch((error) => {
        throw new errors_GateError('image', `archive ${archivePath}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}; expected a docker save tar, an OCI archive or an OCI layout directory`);
    });
    const options = { compressedSize, onProgress };
    try {
        if (stats.isDirectory())
            return await scanImageMembers(ociLayoutMembers(archivePath), options);
        if (!stats.isFile())
            throw new ArchiveError('it is neither a regular file nor a directory');
        return await scanImageArchivePlatforms((0,external_node_fs_namespaceObject.createReadStream)(archivePath, { highWaterMark: 1 << 20 }), options);
    }
    catch (error) {
        if (error instanceof ArchiveError)
            throw new errors_GateError('image', `archive ${archivePath} could not be read: ${error.message} (expected a docker save tar, an OCI archive or an OCI layout directory)`, { cause: error });
        throw error;
    }
}
/** Reads the archive once and measures every platform it holds, the preferred one first. */
async function measureArchive(request, deps) {
    const { log } = deps;
    const started = performance.now();
    const progress = progressReporter(log, 0);
    let archiveBytes = 0;
    const platforms = [];
    let images;
    try {
        images = await log.group(`Read the ${request.label} from ${request.path}`, async () => {
            const read = await readArchive(request.path, (bytes) => {
                archiveBytes = bytes;
                progress.update({ step: 'reading', archiveBytesRead: bytes });
            }, request.options.analyze);
            const preferred = request.preferredPlatform;
            const ordered = [...read].sort((a, b) => Number(b.platform === preferred) - Number(a.platform === preferred));
            for (const scanned of ordered)
                platforms.push(await measurePlatform(scanned, archiveBytes, request, log, progress.update));
            return ordered;
        });
    }
    finally {
        progress.stop();
    }
    log.info(`Read ${units_formatBytes(archiveBytes)} of the archive for ${platforms.length} platform(s) in ${units_formatDurationMs(performance.now() - started)}`);
    const reason = 'the image comes from an archive, which the gate reads without an engine (docker load it and gate it with image: to smoke-test it)';
    return { image: archiveMetadata(images[0]), sizeMethod: 'layers', platforms, smoke: { ran: false, reason } };
}

;// CONCATENATED MODULE: ./src/history/record-path.ts
// Pure: where a history record lives on the history branch, `<image key>/<platform key>/<commit time>-<commit>.json`.
// Keys are safe path segments made from names that anyone can choose; the file name starts with the commit
// time, so a sorted listing of one image and platform is in commit-time order without reading any blob.

/** A record keeps at most this many characters of the image's name; the image key is made from what it keeps. */
const record_path_MAX_NAME_CHARS = 200;
/** The longest image or platform key. */
const MAX_KEY_CHARS = 60;
/** Hex characters of sha256 appended to a key that is not its name verbatim. */
const HASH_CHARS = 8;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const KEY = '[a-z0-9](?:[a-z0-9._-]{0,58}[a-z0-9])?';
const RECORD_PATH = new RegExp(`^(${KEY})/(${KEY})/(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z-([0-9a-f]{40}|[0-9a-f]{64})\\.json$`);
/** The name as a record keeps it: cut to MAX_NAME_CHARS characters. */
function recordedName(name) {
    return name.slice(0, record_path_MAX_NAME_CHARS);
}
/** Lowercase `[a-z0-9._-]` only, every other run of characters one `-`, no `-` or `.` at either end. */
function safeSegment(text) {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '');
}
/**
 * `verbatim` when it is a safe segment of at most MAX_KEY_CHARS already; else its safe form (or `fallback`
 * when nothing is left), cut to leave room for `-` and the first 8 hex characters of sha256(`hashed`), so
 * that two different names get different keys (short of a 32-bit collision).
 */
function keyOf(verbatim, hashed, fallback) {
    const safe = safeSegment(verbatim);
    if (safe === verbatim && safe !== '' && safe.length <= MAX_KEY_CHARS)
        return safe;
    const cut = safe.slice(0, MAX_KEY_CHARS - HASH_CHARS - 1).replace(/[-.]+$/, '') || fallback;
    return `${cut}-${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(hashed, 'utf8').digest('hex').slice(0, HASH_CHARS)}`;
}
/**
 * The image's directory on the history branch: its recorded name (recordedName) when that is a safe lowercase
 * segment (`[a-z0-9._-]`, at most 60 characters, not starting or ending with `-` or `.`), else a safe form
 * of it with `-` and 8 hex characters of its sha256 appended (`My App` -> `my-app-1f2e3d4c`). Never empty,
 * never `.` or `..`.
 */
function imageKey(name) {
    const recorded = recordedName(name);
    return keyOf(recorded, recorded, 'image');
}
/** The platform's directory: `linux/arm64/v8` -> `linux-arm64-v8`; a hash is appended only when more than `/` had to change. */
function platformKey(platform) {
    return keyOf(platform.replaceAll('/', '-'), platform, 'platform');
}
/** `2024-05-01T12:34:56Z` (or any date Date reads) -> `20240501T123456Z`. Throws on a time that is not one. */
function timeStamp(time) {
    const date = new Date(time);
    const stamp = Number.isNaN(date.getTime())
        ? ''
        : date
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}Z$/, 'Z');
    if (!/^\d{8}T\d{6}Z$/.test(stamp))
        throw new Error(`${JSON.stringify(time.slice(0, 40))} is not a time between the years 0 and 9999`);
    return stamp;
}
/** `<image key>/<platform key>/<YYYYMMDDTHHMMSSZ>-<commit>.json`. Throws when the commit is not a full sha or the time not one. */
function recordPath(record) {
    if (!COMMIT.test(record.commit))
        throw new Error(`${JSON.stringify(record.commit.slice(0, 80))} is not a full commit sha`);
    return `${imageKey(record.name)}/${platformKey(record.platform)}/${timeStamp(record.commitTime)}-${record.commit}.json`;
}
/** What a record's path says, or undefined for any other path (a README, a key that imageKey cannot make, a date that is not one). */
function parseRecordPath(path) {
    const match = RECORD_PATH.exec(path);
    if (!match)
        return undefined;
    const [, image, platform, year, month, day, hour, minute, second, commit] = match;
    const commitTime = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
    const date = new Date(commitTime);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== commitTime.replace('Z', '.000Z'))
        return undefined;
    return { imageKey: image, platformKey: platform, commitTime, commit };
}

;// CONCATENATED MODULE: ./src/history/types.ts
/** Bumped when a field changes meaning; a reader skips records of a schema it does not know. */
const RECORD_SCHEMA_VERSION = 1;

;// CONCATENATED MODULE: ./src/packages/types.ts
// What the package view is made of: the installed packages an image's own databases name, each sized by the
// bytes its files hold in the final filesystem, and how those bytes add up to the image's size. Types only.
const ECOSYSTEMS = ['deb', 'apk', 'rpm', 'python', 'npm'];

;// CONCATENATED MODULE: ./src/history/record-check.ts





/** The longest record text read (bytes of UTF-8). */
const MAX_RECORD_BYTES = 256 * 1024;
/** The longest instruction (created_by) a record keeps for a layer. */
const MAX_CREATED_BY_CHARS = 400;
/** The longest configured USER a record keeps. */
const MAX_USER_CHARS = 200;
const MAX_PATH_CHARS = 4096;
const MAX_LAYERS = 1000;
/** How many of an image's largest packages a record keeps. */
const MAX_RECORDED_PACKAGES = 100;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const record_check_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,128}$/;
class Invalid extends Error {
}
function fail(at, why) {
    throw new Invalid(`${at} ${why}`);
}
function fieldsOf(value, at) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail(at, 'is not an object');
    return value;
}
/** A field of the object itself (never one inherited, whatever the text names). */
function field(fields, key) {
    return Object.hasOwn(fields, key) ? fields[key] : undefined;
}
function record_check_text(value, at, maxChars, pattern) {
    if (typeof value !== 'string')
        fail(at, 'is not a string');
    if (value.length > maxChars)
        fail(at, `is longer than ${maxChars} characters`);
    if (pattern && !pattern.test(value))
        fail(at, 'is not in the expected form');
    return value;
}
function time(value, at) {
    const checked = record_check_text(value, at, 40, ISO_UTC);
    if (Number.isNaN(Date.parse(checked)))
        fail(at, 'is not a date');
    return checked;
}
/** A whole number of bytes (or of anything): a safe integer, at least 0. */
function whole(value, at) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
        fail(at, 'is not a whole number of at least 0');
    return value;
}
function finite(value, at, min = -Infinity) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
        fail(at, `is not a finite number${min > -Infinity ? ` of at least ${min}` : ''}`);
    return value;
}
function flag(value, at) {
    if (typeof value !== 'boolean')
        fail(at, 'is not true or false');
    return value;
}
function oneOf(value, at, allowed) {
    if (!allowed.includes(value))
        fail(at, `is not one of ${allowed.join(', ')}`);
    return value;
}
function list(value, at, maxItems) {
    if (!Array.isArray(value))
        fail(at, 'is not a list');
    if (value.length > maxItems)
        fail(at, `has more than ${maxItems} items`);
    return value;
}
/** `read` of the field when it is there; a field that is null or of the wrong type is invalid, not absent. */
function optional(fields, key, read) {
    const value = field(fields, key);
    return value === undefined ? undefined : read(value);
}
/** The object without its undefined fields, as the text would have had it. */
function defined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}
function readFigures(value) {
    const fields = fieldsOf(value, 'figures');
    const at = (id) => `figures.${id}`;
    return defined({
        size: whole(field(fields, 'size'), at('size')),
        'compressed-size': optional(fields, 'compressed-size', (item) => whole(item, at('compressed-size'))),
        layers: whole(field(fields, 'layers'), at('layers')),
        startup: optional(fields, 'startup', (item) => finite(item, at('startup'), 0)),
        efficiency: optional(fields, 'efficiency', (item) => finite(item, at('efficiency'))),
        'wasted-size': optional(fields, 'wasted-size', (item) => whole(item, at('wasted-size'))),
    });
}
function readLayer(value, at) {
    const fields = fieldsOf(value, at);
    return defined({
        diffId: record_check_text(field(fields, 'diffId'), `${at}.diffId`, 200, DIGEST),
        createdBy: record_check_text(field(fields, 'createdBy'), `${at}.createdBy`, MAX_CREATED_BY_CHARS),
        line: optional(fields, 'line', (item) => whole(item, `${at}.line`)),
        sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
        tarBytes: whole(field(fields, 'tarBytes'), `${at}.tarBytes`),
        compressedBytes: optional(fields, 'compressedBytes', (item) => whole(item, `${at}.compressedBytes`)),
    });
}
function readSizedPaths(value, at, maxItems) {
    return list(value, at, maxItems).map((item, index) => {
        const fields = fieldsOf(item, `${at}[${index}]`);
        return {
            path: record_check_text(field(fields, 'path'), `${at}[${index}].path`, MAX_PATH_CHARS, /^\//),
            sizeBytes: whole(field(fields, 'sizeBytes'), `${at}[${index}].sizeBytes`),
        };
    });
}
function readByteMap(value) {
    const fields = fieldsOf(value, 'bytes');
    const depth = whole(field(fields, 'depth'), 'bytes.depth');
    if (depth < 1 || depth > 16)
        fail('bytes.depth', 'is not between 1 and 16');
    return {
        files: readSizedPaths(field(fields, 'files'), 'bytes.files', BYTE_MAP_FILES),
        filesComplete: flag(field(fields, 'filesComplete'), 'bytes.filesComplete'),
        directories: readSizedPaths(field(fields, 'directories'), 'bytes.directories', BYTE_MAP_DIRECTORIES),
        directoriesComplete: flag(field(fields, 'directoriesComplete'), 'bytes.directoriesComplete'),
        depth,
    };
}
function readPackages(value) {
    const fields = fieldsOf(value, 'packages');
    const listed = list(field(fields, 'listed'), 'packages.listed', MAX_RECORDED_PACKAGES).map((item, index) => {
        const at = `packages.listed[${index}]`;
        const pkg = fieldsOf(item, at);
        return {
            ecosystem: oneOf(field(pkg, 'ecosystem'), `${at}.ecosystem`, ECOSYSTEMS),
            name: record_check_text(field(pkg, 'name'), `${at}.name`, MAX_NAME_CHARS),
            version: record_check_text(field(pkg, 'version'), `${at}.version`, MAX_VERSION_CHARS),
            sizeBytes: whole(field(pkg, 'sizeBytes'), `${at}.sizeBytes`),
        };
    });
    const ecosystems = list(field(fields, 'ecosystems'), 'packages.ecosystems', ECOSYSTEMS.length).map((item, index) => oneOf(item, `packages.ecosystems[${index}]`, ECOSYSTEMS));
    return { listed, complete: flag(field(fields, 'complete'), 'packages.complete'), ecosystems };
}
function readEngine(value) {
    const fields = fieldsOf(value, 'engine');
    return {
        version: record_check_text(field(fields, 'version'), 'engine.version', 100),
        imageStore: oneOf(field(fields, 'imageStore'), 'engine.imageStore', ['classic', 'containerd', 'archive', 'registry']),
        storageDriver: record_check_text(field(fields, 'storageDriver'), 'engine.storageDriver', 100),
    };
}
function readRecord(value) {
    const fields = fieldsOf(value, 'the record');
    const version = field(fields, 'schemaVersion');
    if (typeof version !== 'number')
        fail('schemaVersion', 'is missing or not a number');
    if (version !== RECORD_SCHEMA_VERSION)
        fail('schemaVersion', `${version} is not known to this reader (it reads ${RECORD_SCHEMA_VERSION})`);
    return defined({
        schemaVersion: version,
        name: record_check_text(field(fields, 'name'), 'name', record_path_MAX_NAME_CHARS),
        platform: record_check_text(field(fields, 'platform'), 'platform', 100),
        commit: record_check_text(field(fields, 'commit'), 'commit', 64, record_check_COMMIT),
        commitTime: time(field(fields, 'commitTime'), 'commitTime'),
        ref: optional(fields, 'ref', (item) => record_check_text(item, 'ref', 400)),
        runUrl: optional(fields, 'runUrl', (item) => record_check_text(item, 'runUrl', 2000, /^https?:\/\//)),
        recordedAt: time(field(fields, 'recordedAt'), 'recordedAt'),
        imageId: record_check_text(field(fields, 'imageId'), 'imageId', 200, DIGEST),
        engine: readEngine(field(fields, 'engine')),
        sizeMethod: oneOf(field(fields, 'sizeMethod'), 'sizeMethod', ['layers', 'inspect']),
        compressedSizeMethod: optional(fields, 'compressedSizeMethod', (item) => oneOf(item, 'compressedSizeMethod', ['stored-blobs', 'gzip-6'])),
        figures: readFigures(field(fields, 'figures')),
        user: record_check_text(field(fields, 'user'), 'user', MAX_USER_CHARS),
        nonRoot: flag(field(fields, 'nonRoot'), 'nonRoot'),
        layers: optional(fields, 'layers', (item) => list(item, 'layers', MAX_LAYERS).map((layer, index) => readLayer(layer, `layers[${index}]`))),
        bytes: optional(fields, 'bytes', readByteMap),
        packages: optional(fields, 'packages', readPackages),
    });
}
/** The record a text holds, or why it holds none (too large, not JSON, a schema this reader does not know, a field of the wrong shape). */
function parseRecord(text) {
    if (typeof text !== 'string')
        return { invalid: 'the record is not text' };
    if (text.length > MAX_RECORD_BYTES || Buffer.byteLength(text, 'utf8') > MAX_RECORD_BYTES) {
        return { invalid: `the record is larger than ${MAX_RECORD_BYTES / 1024} KiB` };
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return { invalid: 'the record is not JSON' };
    }
    try {
        return { record: readRecord(value) };
    }
    catch (error) {
        if (error instanceof Invalid)
            return { invalid: error.message };
        // Nothing above throws anything else; should it ever, the record is still refused rather than the caller failed.
        return { invalid: 'the record could not be read' };
    }
}

;// CONCATENATED MODULE: ./src/history/record.ts





/** One line of compact JSON, and a line feed. */
function serializeRecord(record) {
    return JSON.stringify(record) + '\n';
}
/** A time Date reads as ISO 8601 UTC; `toSecond` drops the milliseconds (commit times have none). Throws on a time that is not one. */
function utc(time, toSecond) {
    const date = new Date(time);
    if (Number.isNaN(date.getTime()))
        throw new Error(`${JSON.stringify(time.slice(0, 40))} is not a time`);
    const iso = date.toISOString();
    return toSecond ? iso.replace(/\.\d{3}Z$/, 'Z') : iso;
}
function recordedLayer(layer) {
    return {
        diffId: layer.diffId,
        createdBy: layer.createdBy.slice(0, MAX_CREATED_BY_CHARS),
        line: layer.line,
        sizeBytes: layer.sizeBytes,
        tarBytes: layer.tarBytes,
        compressedBytes: layer.compressedBytes,
    };
}
/** The largest packages of an analysis, as a record keeps them (undefined when the analysis read none). */
function recordedPackages(analysis) {
    const packages = analysis?.packages;
    const summary = analysis?.packageSummary;
    if (!packages || !summary)
        return undefined;
    return {
        listed: packages
            .slice(0, MAX_RECORDED_PACKAGES)
            .map(({ ecosystem, name, version, sizeBytes }) => ({ ecosystem, name, version, sizeBytes })),
        complete: packages.length <= MAX_RECORDED_PACKAGES && summary.notListed === undefined,
        ecosystems: summary.ecosystems.filter((ecosystem) => ecosystem.read).map((ecosystem) => ecosystem.ecosystem),
    };
}
function figuresOf(platform, head, first) {
    const figures = { size: platform.sizeBytes, layers: platform.layerCount };
    if (platform.compressedSizeBytes !== undefined)
        figures['compressed-size'] = platform.compressedSizeBytes;
    // The smoke test ran the first platform only.
    const smoke = head.smoke;
    if (first && smoke.ran && smoke.result.passed && smoke.result.startupMs !== undefined)
        figures.startup = smoke.result.startupMs;
    if (platform.analysis) {
        figures.efficiency = platform.analysis.dive.efficiency;
        figures['wasted-size'] = platform.analysis.dive.wastedBytes;
    }
    return figures;
}
function recordOf({ name, head, meta, engine }, platform, first) {
    return {
        schemaVersion: RECORD_SCHEMA_VERSION,
        name: recordedName(name),
        platform: platform.platform,
        commit: meta.commit,
        commitTime: utc(meta.commitTime, true),
        ref: meta.ref,
        runUrl: meta.runUrl,
        recordedAt: utc(meta.recordedAt, false),
        imageId: head.image.id,
        engine: { version: engine.version, imageStore: engine.imageStore, storageDriver: engine.storageDriver },
        sizeMethod: head.sizeMethod,
        compressedSizeMethod: platform.compressedSizeMethod,
        figures: figuresOf(platform, head, first),
        user: platform.configuredUser.slice(0, MAX_USER_CHARS),
        nonRoot: platform.user.kind === 'non-root',
        layers: platform.analysis?.layers.map(recordedLayer),
        bytes: platform.analysis?.byteMap,
        packages: recordedPackages(platform.analysis),
    };
}
/**
 * A record the reader takes back: as it is, else without its layers (more than MAX_LAYERS, or too many bytes),
 * else without its byte map (a path longer than MAX_PATH_CHARS), else without both, else without its packages too. Throws when even that is
 * refused (a commit that is not a full sha, a platform name of more than 100 characters).
 */
function readable(record) {
    const attempts = [
        record,
        { ...record, layers: undefined },
        { ...record, bytes: undefined },
        { ...record, layers: undefined, bytes: undefined },
        { ...record, layers: undefined, bytes: undefined, packages: undefined },
    ];
    let reason = '';
    for (const attempt of attempts) {
        const read = parseRecord(serializeRecord(attempt));
        if ('record' in read)
            return attempt;
        reason ||= read.invalid;
    }
    throw new Error(`The history record of ${JSON.stringify(record.platform.slice(0, 100))} would not be read back: ${reason}`);
}
/** One record per platform the gate measured, in the order measured. Throws on a commit or time that is not one. */
function buildRecords(input) {
    return input.head.platforms.map((platform, index) => readable(recordOf(input, platform, index === 0)));
}
/** The figures of a record in the shape the comparison (figureDeltas) takes. */
function recordFigures(record) {
    const { figures } = record;
    const result = { sizeBytes: figures.size, layerCount: figures.layers };
    if (figures['compressed-size'] !== undefined)
        result.compressedSizeBytes = figures['compressed-size'];
    if (figures.startup !== undefined)
        result.startupMs = figures.startup;
    if (figures.efficiency !== undefined)
        result.efficiency = figures.efficiency;
    if (figures['wasted-size'] !== undefined)
        result.wastedBytes = figures['wasted-size'];
    return result;
}

;// CONCATENATED MODULE: ./src/git/auth.ts
// How a git command that talks to the server gets the workflow's token: through its environment only, so the
// token is in no file and in no process's command line. Used by the baseline's fetches and the history's.
/**
 * The environment that gives one git command the token: an extra HTTP header scoped to the server, set through
 * GIT_CONFIG_COUNT/KEY/VALUE (git 2.31+). The empty value first clears the header actions/checkout may have
 * persisted, so exactly one Authorization header is sent.
 */
function tokenEnvironment(token, serverUrl = 'https://github.com') {
    const env = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' };
    if (!token)
        return env;
    const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`;
    const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
    return {
        ...env,
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: key,
        GIT_CONFIG_VALUE_0: '',
        GIT_CONFIG_KEY_1: key,
        GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`,
    };
}

;// CONCATENATED MODULE: ./src/history/store.ts
// The history branch, moved with git's plumbing in a scratch repository of its own, outside the checkout: the
// branch's tip is fetched there one commit deep (one fetch, however long the history), read with ls-tree and
// cat-file, and records are committed on top of it and pushed from there. The checkout's .git is never
// written: a build context that holds it (COPY . . without a .dockerignore) must not carry the history's
// objects into the image the gate measures. The token reaches only the fetch and push commands, through their
// environment; it is never written to any config file.





/** How many times a push rejected by a concurrent one is rebuilt on the new tip and tried again. */
const PUSH_ATTEMPTS = 6;
/** Who the history commits are by: GitHub's bot identity for workflow tokens. */
const COMMIT_IDENTITY = {
    GIT_AUTHOR_NAME: 'github-actions[bot]',
    GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'github-actions[bot]',
    GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
};
/** The history could not be read or written; `permission` when the token may not push (contents: write). */
class HistoryError extends Error {
    permission;
    constructor(message, permission = false) {
        super(message);
        this.permission = permission;
    }
}
/** git for the history's steps: a git that cannot start, or a command that fails, is a HistoryError. */
async function store_git(root, args, options = {}) {
    try {
        return await runGit(root, args, options);
    }
    catch (error) {
        if (error instanceof GitUnavailableError)
            throw new HistoryError(error.message);
        throw error;
    }
}
async function gitOk(root, args, options = {}) {
    const result = await store_git(root, args, options);
    if (result.exitCode !== 0)
        throw new HistoryError(run_gitReason(args, result, options.timeoutMs));
    return result.stdout.toString('utf8');
}
/** What a server says when the token may read but not write (GitHub: 403; "Permission to o/r denied"). */
const PERMISSION_DENIED = /\b403\b|permission to .* denied|write access to repository not granted|not allowed to push|denied to/i;
/**
 * What a push says when the branch moved meanwhile (a concurrent recorder won the race). Not any "rejected": a
 * branch protection rule's "[remote rejected] (protected branch hook declined)" is final, not a race.
 */
const PUSH_RACE = /non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value|stale info|reference already exists/i;
/** What a fetch says when the branch does not exist (yet). */
const NO_SUCH_REF = /couldn't find remote ref|no such ref|not our ref/i;
/** The URL of the remote: a remote's name is looked up in the checkout; a relative path is made absolute. */
async function remoteUrl(remote) {
    const name = remote.remote ?? 'origin';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || external_node_path_default().isAbsolute(name))
        return name;
    const url = (await gitOk(remote.root, ['remote', 'get-url', name])).trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^/]+:/.test(url) || external_node_path_default().isAbsolute(url))
        return url;
    return external_node_path_default().resolve(remote.root, url);
}
const TIP_REF = 'refs/image-size-gate/tip';
/** Fetches the branch's tip, one commit deep, into a new scratch repository: the only network call a reader makes. */
async function fetchHistory(remote) {
    const url = await remoteUrl(remote);
    const gitDir = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'image-size-gate-history-'));
    const release = () => (0,promises_namespaceObject.rm)(gitDir, { recursive: true, force: true });
    try {
        await gitOk(gitDir, ['init', '--quiet', '--bare']);
        const args = ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=1', url, `+refs/heads/${remote.branch}:${TIP_REF}`];
        const result = await store_git(gitDir, args, { env: tokenEnvironment(remote.token, remote.serverUrl), timeoutMs: run_GIT_NETWORK_TIMEOUT_MS });
        if (result.exitCode !== 0) {
            if (NO_SUCH_REF.test(result.stderr))
                return { gitDir, url, release };
            throw new HistoryError(`could not fetch branch ${remote.branch}: ${run_gitReason(args, result, run_GIT_NETWORK_TIMEOUT_MS)}`, PERMISSION_DENIED.test(result.stderr));
        }
        const tip = (await gitOk(gitDir, ['rev-parse', '--verify', `${TIP_REF}^{commit}`])).trim();
        return { gitDir, tip, url, release };
    }
    catch (error) {
        await release();
        throw error;
    }
}
/** Every path in the tree of `commit` under `prefix` (a directory, without its trailing slash). */
async function listFiles(root, commit, prefix) {
    const args = ['ls-tree', '-r', '-z', '--name-only', commit, ...(prefix ? ['--', `${prefix}/`] : [])];
    return (await gitOk(root, args)).split('\0').filter(Boolean);
}
/** The contents of several files of `commit`, in one git call; a file that is not a blob maps to undefined. */
async function readFiles(root, commit, paths) {
    const files = new Map();
    if (paths.length === 0)
        return files;
    // Paths with a newline cannot be asked for on cat-file's line protocol; our layout never makes one.
    const asked = paths.filter((file) => !/[\n\r]/.test(file));
    const result = await store_git(root, ['cat-file', '--batch'], { stdin: asked.map((file) => `${commit}:${file}\n`).join('') });
    if (result.exitCode !== 0)
        throw new HistoryError(run_gitReason(['cat-file'], result));
    const out = result.stdout;
    let at = 0;
    for (const file of asked) {
        const end = out.indexOf(0x0a, at);
        if (end < 0)
            break;
        const header = out.subarray(at, end).toString('utf8');
        at = end + 1;
        const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!match) {
            files.set(file, undefined);
            continue;
        }
        const size = Number(match[2]);
        files.set(file, match[1] === 'blob' ? out.subarray(at, at + size) : undefined);
        at += size + 1;
    }
    return files;
}
/** A new commit holding `parent`'s tree plus `files`, made with a temporary index. */
async function commitOnTop(root, parent, files, message) {
    const scratch = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'image-size-gate-index-'));
    try {
        const env = { GIT_INDEX_FILE: external_node_path_default().join(scratch, 'index') };
        if (parent)
            await gitOk(root, ['read-tree', parent], { env });
        for (const file of files) {
            const blob = (await gitOk(root, ['hash-object', '-w', '--stdin'], { stdin: file.content })).trim();
            await gitOk(root, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
        }
        const tree = (await gitOk(root, ['write-tree'], { env })).trim();
        const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
        return (await gitOk(root, args, { env: { ...env, ...COMMIT_IDENTITY } })).trim();
    }
    finally {
        await (0,promises_namespaceObject.rm)(scratch, { recursive: true, force: true });
    }
}
/**
 * Commits `files` to the branch and pushes, never forcing: a push rejected because another recorder moved the
 * branch is rebuilt on the new tip and tried again, up to PUSH_ATTEMPTS times. Each record is its own file,
 * so rebuilding never conflicts.
 */
async function writeFiles(remote, files, message, wait = jitter) {
    const env = tokenEnvironment(remote.token, remote.serverUrl);
    let lastReason = '';
    for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt += 1) {
        const fetched = await fetchHistory(remote);
        try {
            const commit = await commitOnTop(fetched.gitDir, fetched.tip, files, message);
            const args = ['push', '--quiet', '--porcelain', fetched.url, `${commit}:refs/heads/${remote.branch}`];
            const pushed = await store_git(fetched.gitDir, args, { env, timeoutMs: run_GIT_NETWORK_TIMEOUT_MS });
            if (pushed.exitCode === 0)
                return { commit, attempts: attempt, created: fetched.tip === undefined };
            const said = `${pushed.stderr}\n${pushed.stdout.toString('utf8')}`;
            lastReason = pushReason(pushed) || run_gitReason(args, pushed, run_GIT_NETWORK_TIMEOUT_MS);
            if (PERMISSION_DENIED.test(said))
                throw new HistoryError(`could not push to ${remote.branch}: ${lastReason}`, true);
            if (!PUSH_RACE.test(said))
                throw new HistoryError(`could not push to ${remote.branch}: ${lastReason}`);
        }
        finally {
            await fetched.release();
        }
        if (attempt < PUSH_ATTEMPTS)
            await wait(attempt);
    }
    throw new HistoryError(`could not push to ${remote.branch} after ${PUSH_ATTEMPTS} attempts (${lastReason})`);
}
/** Why a push was refused, in the server's words: its last `remote:` line and the ref's status from --porcelain. */
function pushReason(result) {
    const remoteLines = result.stderr.split('\n').filter((line) => line.startsWith('remote: ') && line.trim() !== 'remote:');
    const status = /^!\t[^\t]*\t(.*)$/m.exec(result.stdout.toString('utf8'))?.[1];
    const said = remoteLines.at(-1)?.slice('remote: '.length).trim();
    return [said, status].filter(Boolean).join(': ').slice(0, 500);
}
/** A short random wait that grows with the attempt, so racing recorders do not collide again in step. */
function jitter(attempt) {
    const ms = 100 * attempt + Math.floor(Math.random() * 200 * attempt);
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/history/history.ts


/** How many recorded commits the trend shows. */
const TREND_POINTS = 20;
const PERMISSION_FIX = 'give the job `permissions: contents: write` (the token may read but not push to the history branch)';
/** Groups the record paths of one image by platform key, oldest first (their names sort by commit time). */
function byPlatform(paths) {
    const groups = new Map();
    for (const path of [...paths].sort()) {
        const parsed = parseRecordPath(path);
        if (!parsed)
            continue;
        const group = groups.get(parsed.platformKey) ?? [];
        group.push({ path, parsed });
        groups.set(parsed.platformKey, group);
    }
    return groups;
}
/** Parses records, counting (and warning once about) those that cannot be read. */
function parsedRecords(texts, branch, log) {
    let unreadable = 0;
    const records = texts.map((text) => {
        if (text === undefined)
            return undefined;
        const parsed = parseRecord(text.toString('utf8'));
        if ('record' in parsed)
            return parsed.record;
        unreadable += 1;
        return undefined;
    });
    if (unreadable > 0)
        log.warning(`${unreadable} record(s) on branch ${branch} could not be read and were skipped`);
    return records;
}
/**
 * Fetches the branch (into a scratch repository, never the checkout) and reads this image's trend. Undefined,
 * with one warning, when the branch cannot be read; an empty history when it does not exist yet.
 */
async function openHistory(settings, name, log) {
    const { remote } = settings;
    let fetched;
    try {
        fetched = await fetchHistory(remote);
    }
    catch (error) {
        if (!(error instanceof HistoryError))
            throw error;
        log.warning(`The size history on branch ${remote.branch} could not be read: ${error.message}`);
        return undefined;
    }
    const { gitDir, tip, release } = fetched;
    if (!tip) {
        log.info(`The size history branch ${remote.branch} does not exist yet: no records to compare with`);
        return { trend: new Map(), recordsOf: async () => [], release };
    }
    try {
        const groups = byPlatform(await listFiles(gitDir, tip, imageKey(name)));
        const trend = new Map();
        for (const [platform, group] of groups) {
            const last = group.slice(-TREND_POINTS);
            const files = await readFiles(gitDir, tip, last.map((entry) => entry.path));
            const records = parsedRecords(last.map((entry) => files.get(entry.path)), remote.branch, log);
            trend.set(platform, records.flatMap((record) => record ? [{ commit: record.commit, commitTime: record.commitTime, sizeBytes: record.figures.size }] : []));
        }
        const recordsOf = async (commit) => {
            const paths = [...groups.values()].flatMap((group) => group.filter((entry) => entry.parsed.commit === commit).map((entry) => entry.path));
            const files = await readFiles(gitDir, tip, paths);
            const records = parsedRecords(paths.map((file) => files.get(file)), remote.branch, log);
            return records.filter((record) => record?.commit === commit);
        };
        return { trend, recordsOf, release };
    }
    catch (error) {
        await release();
        throw error;
    }
}
/** The commit whose record is the baseline (the pull request's merge base), or undefined, saying why. */
async function baselineCommitOf(settings, log) {
    if (!settings.baselineCommit)
        return undefined;
    const commit = await settings.baselineCommit().catch((error) => {
        log.warning(`The merge base could not be found, so no record can be the baseline: ${error.message}`);
        return undefined;
    });
    if (!commit)
        log.info('The merge base of the pull request is not known: no record can be the baseline');
    return commit;
}
/** The records of one commit and the trend, read in one go (the history is released before it returns). */
async function readHistory(settings, name, log, commit) {
    const opened = await openHistory(settings, name, log);
    if (!opened)
        return undefined;
    try {
        return { baseline: commit ? await opened.recordsOf(commit) : [], baselineCommit: commit, trend: opened.trend };
    }
    finally {
        await opened.release();
    }
}
/**
 * Commits one record per platform of the image to the history branch. Never throws: a failure is one warning
 * (naming the permission to add when the token may not push), and undefined.
 */
async function recordHistory(settings, input, log) {
    const record = settings.record;
    if (!record)
        return undefined;
    const { remote } = settings;
    try {
        const records = buildRecords({
            name: input.name,
            head: input.head,
            engine: input.engine,
            meta: {
                commit: record.commit,
                commitTime: await record.commitTime(),
                ref: record.ref,
                runUrl: record.runUrl,
                recordedAt: new Date().toISOString(),
            },
        });
        const files = records.map((each) => ({ path: recordPath(each), content: serializeRecord(each) }));
        const message = `image-size-gate: record ${input.name.slice(0, 100)} at ${record.commit.slice(0, 12)}`;
        const written = await writeFiles(remote, files, message);
        const paths = files.map((file) => file.path);
        log.info(`Recorded ${paths.length} record(s) on branch ${remote.branch}${written.created ? ' (created it)' : ''}: ${paths.join(', ')}` +
            (written.attempts > 1 ? ` (${written.attempts} attempts: another run pushed meanwhile)` : ''));
        return { commit: written.commit, paths, attempts: written.attempts };
    }
    catch (error) {
        const permission = error instanceof HistoryError && error.permission;
        const message = error instanceof Error ? error.message : String(error);
        log.warning(`The size history was not recorded (the gate's verdict stands): ${message}` + (permission ? `; to record it, ${PERMISSION_FIX}` : ''));
        return undefined;
    }
}
/**
 * Starts fetching the history into its scratch repository, to overlap the build. The checkout's own git calls
 * (fetching the merge base) wait for afterBuild(): the build context may hold the checkout's .git.
 */
function startHistory(settings, name, log) {
    const opening = openHistory(settings, name, log).catch((error) => {
        log.warning(`The size history could not be read: ${error.message}`);
        return undefined;
    });
    let read;
    const afterBuild = async () => {
        const opened = await opening;
        if (!opened)
            return undefined;
        const commit = await baselineCommitOf(settings, log);
        return { baseline: commit ? await opened.recordsOf(commit) : [], baselineCommit: commit, trend: opened.trend };
    };
    return {
        afterBuild: () => (read ??= afterBuild()),
        release: async () => {
            await (await opening)?.release();
        },
    };
}

;// CONCATENATED MODULE: ./src/judge/package-budgets.ts
// Pure: the budgets the layer and package views make precise: max-layer-size (the largest layer: a pull
// downloads layers side by side, so the largest bounds it) and max-package-size (no one installed package over
// N, but those allow-large-packages names).



const NAMED_OVER = 3;
function marginText(marginBytes, format) {
    return marginBytes >= 0 ? `${format(marginBytes)} under` : `${format(-marginBytes)} over`;
}
function bytesIn(budget) {
    const system = unitSystemOf(budget.unit);
    return (value) => units_formatBytes(value, system);
}
function notMeasured(id, label, input, budget) {
    return {
        id,
        label,
        measured: '',
        budget,
        margin: '',
        verdict: 'fail',
        detail: `${input} cannot be checked: the layer analysis did not run`,
    };
}
function layerSizeCheck(analysis, budget) {
    const bytes = bytesIn(budget);
    const base = { id: 'layer-size', label: 'Largest layer', budget: bytes(budget.bytes) };
    const layers = analysis?.layers;
    if (!layers)
        return notMeasured(base.id, base.label, 'max-layer-size', base.budget);
    if (layers.length === 0)
        return { ...base, measured: '0 B', margin: marginText(budget.bytes, bytes), verdict: 'pass', detail: 'the image has no layers' };
    const largest = layers.reduce((top, layer) => (layer.sizeBytes > top.sizeBytes ? layer : top));
    const where = `layer ${largest.index + 1}${largest.line ? ` (line ${largest.line})` : ''}`;
    const measured = `${bytes(largest.sizeBytes)}, ${where}`;
    const marginBytes = budget.bytes - largest.sizeBytes;
    if (marginBytes >= 0)
        return { ...base, measured, margin: marginText(marginBytes, bytes), verdict: 'pass', detail: 'within max-layer-size' };
    return {
        ...base,
        measured,
        margin: marginText(marginBytes, bytes),
        verdict: 'fail',
        detail: `${where}, \`${created_by_clipCreatedBy(largest.createdBy)}\`, is ${bytes(-marginBytes)} over max-layer-size; split it, or move what it adds to a build stage`,
    };
}
/** Whether an allow-large-packages entry (`name` or `ecosystem:name`) names a package. */
function allows(entry, pkg) {
    const colon = entry.indexOf(':');
    const ecosystem = colon > 0 ? entry.slice(0, colon) : undefined;
    const name = ecosystem && ['deb', 'apk', 'rpm', 'python', 'npm'].includes(ecosystem) ? entry.slice(colon + 1) : entry;
    if (ecosystem && name !== entry && ecosystem !== pkg.ecosystem)
        return false;
    return pkg.ecosystem === 'python' ? normalizePythonName(name) === pkg.name : name === pkg.name;
}
function described(pkg, bytes) {
    return `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''} (${pkg.ecosystem}, ${bytes(pkg.sizeBytes)}${pkg.line ? `, line ${pkg.line}` : ''})`;
}
function packageSizeCheck(analysis, budget, allowed) {
    const bytes = bytesIn(budget);
    const base = { id: 'package-size', label: 'Largest package', budget: bytes(budget.bytes) };
    if (!analysis)
        return notMeasured(base.id, base.label, 'max-package-size', base.budget);
    const checked = (analysis.packages ?? []).filter((pkg) => !allowed.some((entry) => allows(entry, pkg)));
    const exempt = (analysis.packages ?? []).length - checked.length;
    const exemptText = exempt > 0 ? ` (${units_formatInteger(exempt)} allowed by allow-large-packages)` : '';
    if (checked.length === 0)
        return { ...base, measured: '', margin: '', verdict: 'pass', detail: `no package to check${exemptText}` };
    const largest = checked.reduce((top, pkg) => (pkg.sizeBytes > top.sizeBytes ? pkg : top));
    const measured = described(largest, bytes);
    const over = checked.filter((pkg) => pkg.sizeBytes > budget.bytes).sort((a, b) => b.sizeBytes - a.sizeBytes);
    const margin = marginText(budget.bytes - largest.sizeBytes, bytes);
    if (over.length === 0)
        return { ...base, measured, margin, verdict: 'pass', detail: `within max-package-size${exemptText}` };
    const named = over.slice(0, NAMED_OVER).map((pkg) => described(pkg, bytes));
    const more = over.length > NAMED_OVER ? ` and ${units_formatInteger(over.length - NAMED_OVER)} more` : '';
    return {
        ...base,
        measured,
        margin,
        verdict: 'fail',
        detail: `over max-package-size: ${named.join(', ')}${more}; remove them, move them to a build stage, or name them in allow-large-packages`,
    };
}

;// CONCATENATED MODULE: ./src/judge/budgets.ts


function evaluateBudgets(measured, budgets) {
    const checks = [byteCheck(BYTE_BUDGETS.size, measured, budgets)];
    if (measured.baselineSizeBytes !== undefined || budgets.maxIncrease)
        checks.push(increaseCheck(measured, budgets));
    if (measured.analysis || budgets.maxCompressedSize)
        checks.push(byteCheck(BYTE_BUDGETS.compressedSize, measured, budgets));
    checks.push(layersCheck(measured, budgets), nonRootCheck(measured, budgets), smokeCheck(measured), startupCheck(measured, budgets));
    if (measured.analysis || budgets.minEfficiency !== undefined)
        checks.push(efficiencyCheck(measured, budgets));
    if (measured.analysis || budgets.maxWastedSize)
        checks.push(byteCheck(BYTE_BUDGETS.wastedSize, measured, budgets));
    if (budgets.maxLayerSize)
        checks.push(layerSizeCheck(measured.analysis, budgets.maxLayerSize));
    if (budgets.maxPackageSize)
        checks.push(packageSizeCheck(measured.analysis, budgets.maxPackageSize, budgets.allowLargePackages ?? []));
    return checks;
}
const BYTE_BUDGETS = {
    size: {
        id: 'size',
        label: 'Size (uncompressed)',
        budgetName: 'max-size',
        measure: (measured) => measured.sizeBytes,
        budget: (budgets) => budgets.maxSize,
        subject: 'the image',
    },
    compressedSize: {
        id: 'compressed-size',
        label: 'Size (compressed)',
        budgetName: 'max-compressed-size',
        measure: (measured) => measured.analysis?.compressedSizeBytes,
        budget: (budgets) => budgets.maxCompressedSize,
    },
    wastedSize: {
        id: 'wasted-size',
        label: 'Wasted (dive)',
        budgetName: 'max-wasted-size',
        measure: (measured) => measured.analysis?.wastedBytes,
        budget: (budgets) => budgets.maxWastedSize,
    },
};
/**
 * The budgets recorded figures can still be held to, for an image that was not rebuilt (its build inputs did
 * not change): the uncompressed size, the compressed size (when it was recorded) and the layer count.
 */
function carriedChecks(figures, budgets) {
    const measured = {
        sizeBytes: figures.sizeBytes,
        layerCount: figures.layerCount,
        analysis: { compressedSizeBytes: figures.compressedSizeBytes },
    };
    const checks = [byteCheck(BYTE_BUDGETS.size, measured, budgets), layersCheck(measured, budgets)];
    if (budgets.maxCompressedSize)
        checks.push(byteCheck(BYTE_BUDGETS.compressedSize, measured, budgets));
    return checks;
}
function byteCheck(row, measured, budgets) {
    const budget = row.budget(budgets);
    const measuredBytes = row.measure(measured);
    const system = unitSystemOf(budget?.unit);
    const bytes = (value) => units_formatBytes(value, system);
    const budgetText = budget ? bytes(budget.bytes) : '';
    const check = (figure, margin, verdict, detail) => {
        return { id: row.id, label: row.label, measured: figure, budget: budgetText, margin, verdict, detail };
    };
    if (measuredBytes === undefined) {
        return check('', '', budget ? 'fail' : 'skip', `${row.budgetName} cannot be checked: the layer analysis did not run`);
    }
    const figure = `${bytes(measuredBytes)} (${units_formatInteger(measuredBytes)} B)`;
    if (!budget)
        return check(figure, '', 'info', `no ${row.budgetName} budget set`);
    const marginBytes = budget.bytes - measuredBytes;
    if (marginBytes >= 0)
        return check(figure, budgets_marginText(marginBytes, bytes), 'pass', `within ${row.budgetName}`);
    const subject = row.subject ? `${row.subject} is ` : '';
    return check(figure, budgets_marginText(marginBytes, bytes), 'fail', `${subject}${bytes(-marginBytes)} over ${row.budgetName}`);
}
/** "20.5 MB under" or "1 B over": how far a figure is from its budget, in the budget's own unit. */
function budgets_marginText(margin, format) {
    return margin >= 0 ? `${format(margin)} under` : `${format(-margin)} over`;
}
function efficiencyCheck(measured, budgets) {
    const efficiency = measured.analysis?.efficiency;
    const base = {
        id: 'efficiency',
        label: 'Efficiency (dive)',
        measured: efficiency === undefined ? '' : units_formatPercent(efficiency),
    };
    const budget = budgets.minEfficiency === undefined ? '' : `≥ ${units_formatPercent(budgets.minEfficiency)}`;
    if (efficiency === undefined)
        return {
            ...base,
            budget,
            margin: '',
            verdict: budget ? 'fail' : 'skip',
            detail: 'min-efficiency cannot be checked: the layer analysis did not run',
        };
    if (budgets.minEfficiency === undefined)
        return { ...base, budget, margin: '', verdict: 'info', detail: 'no min-efficiency budget set' };
    const pass = efficiency >= budgets.minEfficiency;
    const marginPoints = (efficiency - budgets.minEfficiency) * 100;
    return {
        ...base,
        budget,
        margin: `${Math.abs(marginPoints).toFixed(2)} points ${pass ? 'above' : 'below'}`,
        verdict: pass ? 'pass' : 'fail',
        detail: pass ? 'within min-efficiency' : 'below min-efficiency: files are stored more than once or removed in later layers',
    };
}
function increaseCheck(measured, budgets) {
    const budget = budgets.maxIncrease;
    const base = { id: 'increase', label: 'Growth against baseline', budget: budget ? `+${budget.text}` : '' };
    if (measured.baselineSizeBytes === undefined) {
        return { ...base, measured: '', margin: '', verdict: 'skip', detail: `not measured: ${measured.noBaselineReason ?? 'no baseline'}` };
    }
    const changeBytes = measured.sizeBytes - measured.baselineSizeBytes;
    const ratio = measured.baselineSizeBytes === 0 ? undefined : changeBytes / measured.baselineSizeBytes;
    const figure = `${units_formatBytesDelta(changeBytes)}${ratio === undefined ? '' : ` (${units_formatSignedPercent(ratio)})`}`;
    if (!budget)
        return { ...base, measured: figure, margin: '', verdict: 'info', detail: 'no max-increase budget set' };
    const allowedBytes = budget.kind === 'bytes' ? budget.bytes : Math.floor(measured.baselineSizeBytes * budget.fraction);
    const marginBytes = allowedBytes - changeBytes;
    const margin = budgets_marginText(marginBytes, units_formatBytes);
    if (marginBytes >= 0)
        return { ...base, measured: figure, margin, verdict: 'pass', detail: 'within max-increase' };
    const over = `${units_formatBytes(-marginBytes)} over max-increase`;
    const label = budgets.allowIncreaseLabel;
    if (label && measured.labels?.includes(label)) {
        return { ...base, measured: figure, margin, verdict: 'warn', detail: `${over}, accepted by the "${label}" label` };
    }
    const howToAccept = label ? `; add the "${label}" label to accept it` : '';
    return { ...base, measured: figure, margin, verdict: 'fail', detail: `${over}${howToAccept}` };
}
function gatePassed(checks) {
    return checks.every((check) => check.verdict !== 'fail');
}
function layersCheck(measured, budgets) {
    const base = { id: 'layers', label: 'Layers', measured: String(measured.layerCount) };
    if (budgets.maxLayers === undefined)
        return { ...base, budget: '', margin: '', verdict: 'info', detail: 'no max-layers budget set' };
    const margin = budgets.maxLayers - measured.layerCount;
    const pass = margin >= 0;
    return {
        ...base,
        budget: String(budgets.maxLayers),
        margin: budgets_marginText(margin, String),
        verdict: pass ? 'pass' : 'fail',
        detail: pass ? 'within max-layers' : `${-margin} layer(s) over max-layers; combine RUN steps or use a multi-stage build`,
    };
}
function nonRootCheck(measured, budgets) {
    const user = measured.user;
    const shown = user.kind === 'non-root'
        ? `${user.configured} (uid ${user.uid})`
        : user.kind === 'root'
            ? `${user.configured || '(unset)'} = root`
            : `${user.configured} (unresolved)`;
    const base = { id: 'non-root', label: 'Runs as non-root', measured: shown, margin: '' };
    if (!budgets.requireNonRoot) {
        return { ...base, budget: '', verdict: 'info', detail: `${user.reason} (require-non-root is false)` };
    }
    return {
        ...base,
        budget: 'non-root',
        verdict: user.kind === 'non-root' ? 'pass' : 'fail',
        detail: user.kind === 'root' ? `${user.reason}; add a USER with a non-zero uid` : user.reason,
    };
}
function smokeCheck(measured) {
    const base = { id: 'smoke', label: 'Smoke test', budget: '', margin: '' };
    if (!measured.smoke.ran)
        return { ...base, measured: '', verdict: 'skip', detail: `not run: ${measured.smoke.reason}` };
    const result = measured.smoke.result;
    const target = `GET ${result.path} on port ${result.port}`;
    if (result.passed) {
        return { ...base, measured: `HTTP ${result.answer?.status}`, verdict: 'pass', detail: `${target} answered as expected` };
    }
    return {
        ...base,
        measured: result.answer ? `HTTP ${result.answer.status}` : 'no answer',
        verdict: 'fail',
        detail: `${target}: ${result.failure ?? 'failed'}`,
    };
}
function startupCheck(measured, budgets) {
    const smoke = measured.smoke;
    const startupMs = smoke.ran && smoke.result.passed ? smoke.result.startupMs : undefined;
    const base = { id: 'startup', label: 'Start-up time', measured: startupMs === undefined ? '' : units_formatDurationMs(startupMs) };
    if (budgets.maxStartupMs === undefined) {
        return {
            ...base,
            budget: '',
            margin: '',
            verdict: startupMs === undefined ? 'skip' : 'info',
            detail: startupMs === undefined ? 'not measured (no smoke answer)' : 'no max-startup-time budget set',
        };
    }
    const budget = units_formatDurationMs(budgets.maxStartupMs);
    if (startupMs === undefined) {
        const why = smoke.ran ? 'the smoke test got no good answer' : `the smoke test did not run (${smoke.reason})`;
        return { ...base, budget, margin: '', verdict: 'fail', detail: `max-startup-time cannot be checked: ${why}` };
    }
    const marginMs = budgets.maxStartupMs - startupMs;
    const pass = marginMs >= 0;
    return {
        ...base,
        budget,
        margin: budgets_marginText(marginMs, units_formatDurationMs),
        verdict: pass ? 'pass' : 'fail',
        detail: pass ? 'answered within max-startup-time' : 'answered later than max-startup-time',
    };
}

;// CONCATENATED MODULE: ./src/judge/delta.ts
const FIGURES = [
    { id: 'size', label: 'Size (uncompressed)', unit: 'bytes', pick: (figures) => figures.sizeBytes },
    { id: 'compressed-size', label: 'Size (compressed)', unit: 'bytes', pick: (figures) => figures.compressedSizeBytes },
    { id: 'layers', label: 'Layers', unit: 'count', pick: (figures) => figures.layerCount },
    { id: 'startup', label: 'Start-up time', unit: 'ms', pick: (figures) => figures.startupMs },
    { id: 'efficiency', label: 'Efficiency (dive)', unit: 'fraction', pick: (figures) => figures.efficiency },
    { id: 'wasted-size', label: 'Wasted (dive)', unit: 'bytes', pick: (figures) => figures.wastedBytes },
];
function figureDeltas(base, head) {
    return FIGURES.map(({ id, label, unit, pick }) => {
        const baseValue = pick(base);
        const headValue = pick(head);
        const delta = { id, label, unit, base: baseValue, head: headValue };
        if (baseValue !== undefined && headValue !== undefined) {
            delta.change = headValue - baseValue;
            if (baseValue !== 0)
                delta.ratio = delta.change / baseValue;
        }
        return delta;
    }).filter((delta) => delta.base !== undefined || delta.head !== undefined);
}
/** The instruction text with content hashes removed, so `COPY file:<hash> in /app` matches across builds. */
function layerKey(createdBy) {
    return createdBy
        .replace(/\b(file|dir|multi):[0-9a-f]{8,}…?/g, '$1:…')
        .replace(/\s+/g, ' ')
        .trim();
}
/**
 * Pairs base and head layers: identical layers (same diffID) first, then layers made by the same
 * instruction, in order. What is left appeared or vanished. Unchanged layers are not listed.
 */
function layerChanges(base, head) {
    const unmatchedBase = new Set(base.map((_, index) => index));
    const pairs = [];
    const unmatchedHead = [];
    head.forEach((layer, headIndex) => {
        const same = [...unmatchedBase].find((baseIndex) => base[baseIndex].diffId === layer.diffId);
        if (same !== undefined) {
            unmatchedBase.delete(same);
            return;
        }
        unmatchedHead.push(headIndex);
    });
    for (const headIndex of [...unmatchedHead]) {
        const key = layerKey(head[headIndex].createdBy);
        const match = [...unmatchedBase].find((baseIndex) => layerKey(base[baseIndex].createdBy) === key);
        if (match === undefined)
            continue;
        unmatchedBase.delete(match);
        unmatchedHead.splice(unmatchedHead.indexOf(headIndex), 1);
        pairs.push([match, headIndex]);
    }
    const changes = [];
    for (const [baseIndex, headIndex] of pairs) {
        const changeBytes = head[headIndex].sizeBytes - base[baseIndex].sizeBytes;
        if (changeBytes === 0)
            continue;
        changes.push({
            kind: changeBytes > 0 ? 'grew' : 'shrank',
            createdBy: head[headIndex].createdBy,
            line: head[headIndex].line,
            baseBytes: base[baseIndex].sizeBytes,
            headBytes: head[headIndex].sizeBytes,
            changeBytes,
        });
    }
    // A layer only one side has: all of its bytes are the change.
    const alone = (kind, layer, sign) => ({
        kind,
        createdBy: layer.createdBy,
        line: layer.line,
        ...(sign > 0 ? { headBytes: layer.sizeBytes } : { baseBytes: layer.sizeBytes }),
        changeBytes: sign * layer.sizeBytes,
    });
    for (const headIndex of unmatchedHead)
        changes.push(alone('added', head[headIndex], 1));
    for (const baseIndex of unmatchedBase)
        changes.push(alone('removed', base[baseIndex], -1));
    return changes.sort((a, b) => Math.abs(b.changeBytes) - Math.abs(a.changeBytes));
}

;// CONCATENATED MODULE: ./src/history/file-changes.ts
/** How close a directory's change must be to the change of a path under it to be explained by it: 1%. */
const EXPLAINED_FRACTION = 0.01;
function sideOf(listed, complete) {
    const sizes = new Map();
    for (const { path, sizeBytes } of listed)
        if (!sizes.has(path))
            sizes.set(path, sizeBytes);
    // A cut list that lists nothing bounds nothing: what it left out is of unknown size.
    const atMostBytes = complete || listed.length === 0 ? undefined : Math.min(...listed.map((item) => item.sizeBytes));
    return { sizes, complete, atMostBytes };
}
/** The change of one path between two sides, or undefined when it did not change or nothing certain can be said. */
function changeOf(kind, path, base, head) {
    const baseBytes = base.sizes.get(path);
    const headBytes = head.sizes.get(path);
    if (baseBytes !== undefined && headBytes !== undefined) {
        return headBytes === baseBytes ? undefined : { kind, path, baseBytes, headBytes, changeBytes: headBytes - baseBytes };
    }
    if (headBytes !== undefined) {
        if (base.complete)
            return { kind, path, headBytes, changeBytes: headBytes };
        const bound = base.atMostBytes;
        return bound !== undefined && headBytes > bound
            ? { kind, path, headBytes, baseAtMostBytes: bound, changeBytes: headBytes - bound }
            : undefined;
    }
    if (baseBytes === undefined)
        return undefined;
    if (head.complete)
        return { kind, path, baseBytes, changeBytes: -baseBytes };
    const bound = head.atMostBytes;
    return bound !== undefined && baseBytes > bound
        ? { kind, path, baseBytes, headAtMostBytes: bound, changeBytes: bound - baseBytes }
        : undefined;
}
/** The changes of the paths either list holds that `compared` accepts (the bounds come from the whole lists). */
function changesOf(kind, base, head, compared = () => true) {
    const paths = new Set([...base.sizes.keys(), ...head.sizes.keys()]);
    return [...paths]
        .filter(compared)
        .map((path) => changeOf(kind, path, base, head))
        .filter((change) => change !== undefined);
}
function depthOf(path) {
    return path.split('/').filter((name) => name !== '').length;
}
function bounded(change) {
    return change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
}
/** `deeper` (a path under `directory`) changed the same way and by the same bytes, within 1%, and as exactly. */
function explains(deeper, directory) {
    return (deeper.path.startsWith(directory.path === '/' ? '/' : `${directory.path}/`) &&
        Math.sign(deeper.changeBytes) === Math.sign(directory.changeBytes) &&
        Math.abs(deeper.changeBytes - directory.changeBytes) <= EXPLAINED_FRACTION * Math.abs(directory.changeBytes) &&
        (!bounded(deeper) || bounded(directory)));
}
/**
 * The files and directories whose bytes changed most from `base` to `head`: what grew or appeared first,
 * largest growth first, then what shrank or vanished, largest shrink first; at most `limit`.
 *
 * A path one side's list leaves out: when that list is complete, the path has no bytes there (it appeared or
 * vanished); when it was cut, its size there is at most the smallest size listed, so the change is known only
 * as a bound (baseAtMostBytes / headAtMostBytes), and the path is listed only when even that bound shows a
 * change. Directories are compared down to the shallower of the two maps' depths.
 *
 * One change is told once: a directory is left out when a file or a deeper directory that is listed changed
 * the same way by the same bytes (within 1%), for then that path says it more precisely (`/app/data/extra.bin`
 * +3 MB rather than that, `/app/data` +3 MB and `/app` +3 MB). A directory whose change differs from every
 * listed path under it is kept: it tells of changes the list does not show (many small files), or the net of
 * several. An exact directory figure is not dropped for a path whose change is only a bound.
 */
function fileChanges(base, head, limit = 10) {
    const depth = Math.min(base.depth, head.depth);
    const files = changesOf('file', sideOf(base.files, base.filesComplete), sideOf(head.files, head.filesComplete));
    const baseDirectories = sideOf(base.directories, base.directoriesComplete);
    const headDirectories = sideOf(head.directories, head.directoriesComplete);
    // Deepest first, so that each directory is weighed against the deeper ones kept before it.
    const directories = changesOf('directory', baseDirectories, headDirectories, (path) => depthOf(path) <= depth).sort((a, b) => depthOf(b.path) - depthOf(a.path));
    const kept = [...files];
    for (const directory of directories)
        if (!kept.some((deeper) => explains(deeper, directory)))
            kept.push(directory);
    const order = (a, b) => Number(b.changeBytes > 0) - Number(a.changeBytes > 0) ||
        Math.abs(b.changeBytes) - Math.abs(a.changeBytes) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    return kept.sort(order).slice(0, Math.max(0, limit));
}

;// CONCATENATED MODULE: ./src/report/model.ts
// 2: image.sizeBytes is the layers' own bytes on every engine (was docker image inspect .Size); adds
// image.platform, image.sizeMethod, image.engineSizeBytes, engine and platforms.
// 3: adds baseline source record (with recordedAt, recordRunUrl, recordImageStore), baseline.fileChanges,
// analysis.byteMap and history.
// 4: adds analysis.packages, analysis.packageSummary and baseline.packageChanges.
const REPORT_SCHEMA_VERSION = 4;

;// CONCATENATED MODULE: ./src/packages/changes.ts
/** The side an analysis gives: all its packages (cut only when the analysis cut them) and the databases it read. */
function packageSideOf(packages, summary) {
    return {
        packages,
        complete: summary.notListed === undefined,
        ecosystems: summary.ecosystems.filter((ecosystem) => ecosystem.read).map((ecosystem) => ecosystem.ecosystem),
    };
}
/** Ecosystems whose packages exist only where a database says so; npm's and Python's folders describe themselves. */
const DATABASE_ECOSYSTEMS = new Set(['deb', 'apk', 'rpm']);
const DATABASE_NAME = { deb: 'dpkg', apk: 'apk', rpm: 'rpm', python: 'Python', npm: 'npm' };
function totalsOf(side, compared) {
    const totals = new Map();
    for (const pkg of side.packages) {
        if (!compared(pkg.ecosystem))
            continue;
        const key = `${pkg.ecosystem}\u0000${pkg.name}`;
        const total = totals.get(key) ?? { versions: new Set(), sizeBytes: 0 };
        total.versions.add(pkg.version);
        total.sizeBytes += pkg.sizeBytes;
        totals.set(key, total);
    }
    return totals;
}
/** The smallest size a cut list holds: nothing it left out is larger. Undefined for a whole list (or an empty cut one). */
function boundOf(side, totals) {
    if (side.complete || totals.size === 0)
        return undefined;
    return Math.min(...[...totals.values()].map((total) => total.sizeBytes));
}
function versionsOf(total) {
    return total ? [...total.versions].sort().join(', ') : undefined;
}
function changes_changeOf(key, base, head, bounds) {
    const [ecosystem, name] = key.split('\u0000');
    const common = {
        ecosystem,
        name,
        baseVersion: versionsOf(base),
        headVersion: versionsOf(head),
        baseBytes: base?.sizeBytes,
        headBytes: head?.sizeBytes,
    };
    if (base && head) {
        const changeBytes = head.sizeBytes - base.sizeBytes;
        if (changeBytes !== 0)
            return { ...common, kind: changeBytes > 0 ? 'grew' : 'shrank', changeBytes };
        return common.baseVersion === common.headVersion ? undefined : { ...common, kind: 'updated', changeBytes: 0 };
    }
    if (head) {
        if (bounds.baseComplete)
            return { ...common, kind: 'added', changeBytes: head.sizeBytes };
        return bounds.base !== undefined && head.sizeBytes > bounds.base
            ? { ...common, kind: 'added', baseAtMostBytes: bounds.base, changeBytes: head.sizeBytes - bounds.base }
            : undefined;
    }
    if (!base)
        return undefined;
    if (bounds.headComplete)
        return { ...common, kind: 'removed', changeBytes: -base.sizeBytes };
    return bounds.head !== undefined && base.sizeBytes > bounds.head
        ? { ...common, kind: 'removed', headAtMostBytes: bounds.head, changeBytes: bounds.head - base.sizeBytes }
        : undefined;
}
/** What one side read and the other did not, for the ecosystems that need a database. */
function ecosystemNotes(base, head) {
    const notes = [];
    const skipped = new Set();
    const count = (side, ecosystem) => side.packages.filter((pkg) => pkg.ecosystem === ecosystem).length;
    for (const ecosystem of DATABASE_ECOSYSTEMS) {
        const inBase = base.ecosystems.includes(ecosystem);
        const inHead = head.ecosystems.includes(ecosystem);
        if (inBase === inHead)
            continue;
        skipped.add(ecosystem);
        const database = DATABASE_NAME[ecosystem];
        notes.push(inBase
            ? `${ecosystem}: the baseline has a ${database} database (${count(base, ecosystem)} packages listed) and this image has none, so its packages are not compared`
            : `${ecosystem}: this image has a ${database} database (${count(head, ecosystem)} packages listed) and the baseline had none, so its packages are not compared`);
    }
    return { notes, compared: (ecosystem) => !skipped.has(ecosystem) };
}
function order(a, b) {
    const rank = (change) => (change.changeBytes > 0 ? 0 : change.changeBytes < 0 ? 1 : 2);
    return (rank(a) - rank(b) ||
        Math.abs(b.changeBytes) - Math.abs(a.changeBytes) ||
        (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : 0) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
/** The packages that changed from `base` to `head`, largest change first, at most `limit`. */
function packageChanges(base, head, limit = 50) {
    const { notes, compared } = ecosystemNotes(base, head);
    const baseTotals = totalsOf(base, compared);
    const headTotals = totalsOf(head, compared);
    const bounds = {
        base: boundOf(base, baseTotals),
        head: boundOf(head, headTotals),
        baseComplete: base.complete,
        headComplete: head.complete,
    };
    const changes = [];
    for (const key of new Set([...baseTotals.keys(), ...headTotals.keys()])) {
        const change = changes_changeOf(key, baseTotals.get(key), headTotals.get(key), bounds);
        if (change)
            changes.push(changes_defined(change));
    }
    changes.sort(order);
    return { changes: changes.slice(0, Math.max(0, limit)), changedCount: changes.length, notes };
}
function changes_defined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

;// CONCATENATED MODULE: ./src/gate/verdict.ts







function verdict_figuresOf(platform, smoke) {
    return {
        sizeBytes: platform.sizeBytes,
        layerCount: platform.layerCount,
        compressedSizeBytes: platform.compressedSizeBytes,
        startupMs: smoke?.ran && smoke.result.passed ? smoke.result.startupMs : undefined,
        efficiency: platform.analysis?.dive.efficiency,
        wastedBytes: platform.analysis?.dive.wastedBytes,
    };
}
function analysisPackages(analysis) {
    return analysis?.packages && analysis.packageSummary ? packageSideOf(analysis.packages, analysis.packageSummary) : undefined;
}
/**
 * The baseline's side for a platform: a measured baseline's same platform (its first when it lacks this one); a
 * record of the same platform only (the gate falls back to building when the records lack the gated platform).
 */
function baselineSide(baseline, platform) {
    if ('measured' in baseline) {
        const measured = baseline.measured.platforms.find((candidate) => candidate.platform === platform) ?? baseline.measured.platforms[0];
        const analysis = measured.analysis;
        return {
            figures: verdict_figuresOf(measured, baseline.measured.smoke),
            layers: analysis?.layers,
            bytes: analysis?.byteMap,
            packages: analysisPackages(analysis),
        };
    }
    if ('recorded' in baseline) {
        const record = baseline.recorded.find((candidate) => candidate.platform === platform);
        const packages = record?.packages && {
            packages: record.packages.listed,
            complete: record.packages.complete,
            ecosystems: record.packages.ecosystems,
        };
        return record && { figures: recordFigures(record), layers: record.layers, bytes: record.bytes, packages };
    }
    return undefined;
}
function baselineReport(input, primary) {
    if ('skipped' in input.baseline)
        return undefined;
    const base = baselineSide(input.baseline, primary.platform);
    if (!base)
        return undefined;
    const head = primary.analysis;
    const headPackages = analysisPackages(head);
    return {
        ...input.baseline.report,
        figures: figureDeltas(base.figures, verdict_figuresOf(primary, input.head.smoke)),
        layerChanges: head && base.layers ? layerChanges(base.layers, head.layers) : undefined,
        fileChanges: head && base.bytes ? fileChanges(base.bytes, head.byteMap) : undefined,
        packageChanges: headPackages && base.packages ? packageChanges(base.packages, headPackages) : undefined,
    };
}
/** The checks of one platform; the smoke test ran on the first platform only. */
function platformChecks(input, platform, index) {
    const { head, baseline } = input;
    const smoke = index === 0 ? head.smoke : { ran: false, reason: `the smoke test runs on the runner's platform (${head.platforms[0].platform}) only` };
    const analysis = platform.analysis;
    return evaluateBudgets({
        sizeBytes: platform.sizeBytes,
        layerCount: platform.layerCount,
        user: platform.user,
        smoke,
        analysis: analysis && {
            compressedSizeBytes: analysis.compressedSizeBytes,
            efficiency: analysis.dive.efficiency,
            wastedBytes: analysis.dive.wastedBytes,
            layers: analysis.layers,
            packages: analysis.packages,
        },
        baselineSizeBytes: baselineSide(baseline, platform.platform)?.figures.sizeBytes,
        noBaselineReason: 'skipped' in baseline ? baseline.skipped : undefined,
        labels: input.labels,
    }, input.options.budgets);
}
function smokeReport(smoke) {
    if (!smoke.ran)
        return { ran: false, skippedBecause: smoke.reason };
    const result = smoke.result;
    return {
        ran: true,
        port: result.port,
        path: result.path,
        passed: result.passed,
        startupMs: result.startupMs,
        status: result.answer?.status,
        bodyExcerpt: result.passed ? undefined : result.answer?.body.slice(0, 500),
        failure: result.failure,
        containerLog: result.containerLog,
    };
}
function assembleReport(input) {
    const { head, engine } = input;
    const primary = head.platforms[0];
    const several = head.platforms.length > 1;
    const checksByPlatform = head.platforms.map((platform, index) => {
        const checks = platformChecks(input, platform, index);
        return several ? checks.map((check) => ({ ...check, label: `${platform.platform}: ${check.label}` })) : checks;
    });
    const platforms = several
        ? head.platforms.map((platform, index) => ({
            platform: platform.platform,
            sizeBytes: platform.sizeBytes,
            compressedSizeBytes: platform.compressedSizeBytes,
            layerCount: platform.layerCount,
            user: platform.configuredUser,
            nonRoot: platform.user.kind === 'non-root',
            passed: gatePassed(checksByPlatform[index]),
            baselineSizeBytes: baselineSide(input.baseline, platform.platform)?.figures.sizeBytes,
        }))
        : undefined;
    const checks = checksByPlatform.flat();
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        name: displayName(input.options),
        passed: gatePassed(checks),
        image: {
            reference: input.reference,
            id: head.image.id,
            platform: primary.platform,
            sizeBytes: primary.sizeBytes,
            sizeMethod: head.sizeMethod,
            engineSizeBytes: head.image.sizeBytes,
            compressedSizeBytes: primary.compressedSizeBytes,
            compressedSizeMethod: primary.compressedSizeMethod,
            layerCount: primary.layerCount,
            user: primary.configuredUser,
            nonRoot: primary.user.kind === 'non-root',
            os: head.image.os,
            architecture: head.image.architecture,
        },
        engine: { version: engine.version, imageStore: engine.imageStore, storageDriver: engine.storageDriver },
        build: input.buildInfo,
        smoke: smokeReport(head.smoke),
        analysis: primary.analysis,
        platforms,
        baseline: baselineReport(input, primary),
        noBaselineReason: 'skipped' in input.baseline ? input.baseline.skipped : undefined,
        checks,
    };
}

;// CONCATENATED MODULE: ./src/gate/gate.ts
// The engine both entries share: build (or take) the image, measure it, smoke-test it, measure the
// baseline the same way, and judge the budgets. It returns a report and never sets outputs or exit
// codes itself: action/main.ts and cli/main.ts do that.













async function runGate(options, deps) {
    const background = new BackgroundWork();
    try {
        return await gate(options, deps, background);
    }
    finally {
        await background.drain();
    }
}
/**
 * Several platforms are loaded into the engine only by buildx on the containerd image store: say so before
 * building rather than after a long build fails.
 */
async function checkPlatforms(options, builder, probe) {
    if (options.platforms.length < 2 || options.image)
        return;
    const list = options.platforms.join(',');
    if (builder !== 'buildx') {
        throw new errors_GateError('build', `platforms ${list} needs docker buildx, which this Docker installation lacks; install the buildx plugin (e.g. docker/setup-buildx-action) or gate one platform`);
    }
    const engine = await probe.engine;
    if (engine.imageStore !== 'containerd') {
        throw new errors_GateError('build', `platforms ${list} cannot be loaded into this engine's classic image store (docker buildx build --load of several platforms needs the containerd image store); ` +
            `enable it, e.g. with docker/setup-docker-action and daemon-config: {"features":{"containerd-snapshotter":true}}, or gate one platform`);
    }
}
async function measureHead(options, deps, background, probe, history) {
    const label = deps.baseCommit ? 'PR image' : 'image';
    if (options.archive)
        return measureArchiveHead(options.archive, label, options, deps, probe);
    const builder = await probe.builder;
    await checkPlatforms(options, builder, probe);
    let reference = options.image ?? '';
    let buildInfo;
    if (!options.image) {
        const exposure = await contextCredentialWarning(options.context);
        if (exposure)
            deps.log.warning(exposure);
        const dockerfile = options.dockerfile ?? external_node_path_default().join(options.context, 'Dockerfile');
        const built = await buildWithLog({ options, builder, context: options.context, dockerfile, label, tag: options.tag }, deps);
        reference = options.tag ?? built.imageId;
        buildInfo = { builder, durationMs: Math.round(built.durationMs), context: options.context, dockerfile };
    }
    const engine = await probe.engine;
    const records = (await history?.afterBuild())?.baseline ?? [];
    // Layers the recorded baseline holds were compressed when it was recorded: not again (the same store's
    // compressed figure only: a containerd record's blobs are not what gzip -6 makes of the layer here).
    const knownLayers = records
        .filter((record) => record.engine.imageStore === engine.imageStore)
        .flatMap((record) => record.layers ?? [])
        .flatMap(({ diffId, tarBytes, compressedBytes }) => (compressedBytes === undefined ? [] : [{ diffId, tarBytes, compressedBytes }]));
    const measured = await measureImage({ reference, label, options, engine, background, buildInfo, knownLayers }, deps);
    return { reference, buildInfo, measured, engine };
}
/**
 * An image from a file: no engine is needed. When one answers, the platform it runs goes first; the report
 * says the archive measured it.
 */
async function measureArchiveHead(archive, label, options, deps, probe) {
    const runner = await probe.engine.then((engine) => engine.platform, () => undefined);
    const measured = await measureArchive({ path: archive, label, options, preferredPlatform: runner }, deps);
    return { reference: archive, measured, engine: engineless('archive') };
}
async function gate(options, deps, background) {
    // The size history is fetched while the image builds, into a scratch repository of its own.
    const history = deps.history ? startHistory(deps.history, displayName(options), deps.log) : undefined;
    try {
        return await gateWith(options, deps, background, history);
    }
    finally {
        await history?.release();
    }
}
async function gateWith(options, deps, background, runHistory) {
    const { log } = deps;
    const probe = probeEngine(deps.docker, { needsBuilder: !options.image && !options.archive });
    let head;
    try {
        head = await measureHead(options, deps, background, probe, runHistory);
    }
    catch (error) {
        if (!options.archive)
            await probe.engine; // an engine that is not reachable is the reason to give
        throw error;
    }
    const { engine } = head;
    const builder = await probe.builder;
    if (!options.archive)
        log.info(`Docker engine ${engine.version}, ${engine.imageStore} image store (${engine.storageDriver})${options.image ? '' : `, ${builder} builder`}`);
    const history = await runHistory?.afterBuild();
    const recorded = history && recordedBaseline(history, head.measured, log);
    const baseline = await (recorded
        ? Promise.resolve(recorded)
        : measureBaseline({ options, engine, builder, background, head: head.measured, buildInfo: head.buildInfo }, deps)).catch((error) => {
        // A baseline that cannot be measured (the base commit does not build, its image cannot be pulled...)
        // is not the PR's fault: the gate says so and judges the PR on its own figures.
        if (!(error instanceof errors_GateError))
            throw error;
        log.warning(`No baseline: ${error.message}`);
        return { skipped: `the baseline could not be measured (${error.message})` };
    });
    const report = assembleReport({
        options,
        engine,
        head: head.measured,
        reference: head.reference,
        buildInfo: head.buildInfo,
        baseline,
        labels: deps.labels,
    });
    if (deps.history && history)
        report.history = await historyReport(deps.history, history, { name: report.name, head: head.measured, engine }, log);
    const size = report.baseline?.figures.find((figure) => figure.id === 'size');
    if (report.baseline) {
        const change = size?.change !== undefined ? `${size.change >= 0 ? '+' : ''}${units_formatBytes(size.change)}` : 'unknown';
        log.info(`Baseline ${report.baseline.reference}: ${units_formatBytes(size?.base ?? 0)}; this change ${change}`);
    }
    else if ('skipped' in baseline) {
        log.info(`No baseline: ${baseline.skipped}`);
    }
    return report;
}
/**
 * The merge base's records as the baseline, when they hold the platform the gate measured first: no baseline
 * build. Otherwise undefined, and the base commit is built as without a history.
 */
function recordedBaseline(history, head, log) {
    const commit = history.baselineCommit;
    if (!commit)
        return undefined;
    const primary = head.platforms[0].platform;
    const record = history.baseline.find((candidate) => candidate.platform === primary);
    if (!record) {
        log.info(`No record of merge base ${commit.slice(0, 12)} for ${primary} on the history branch: the base commit is built instead`);
        return undefined;
    }
    log.info(`Baseline: the record of merge base ${commit.slice(0, 12)} (recorded ${record.recordedAt}); no baseline build`);
    return {
        recorded: history.baseline,
        report: {
            source: 'record',
            reference: commit,
            id: record.imageId,
            recordedAt: record.recordedAt,
            recordRunUrl: record.runUrl,
            recordImageStore: record.engine.imageStore,
        },
    };
}
/** Records this run (push runs on a recorded branch), and the trend of the gated platform with it. */
async function historyReport(settings, history, input, log) {
    const recorded = await recordHistory(settings, input, log);
    const primary = input.head.platforms[0];
    const trend = [...(history.trend.get(platformKey(primary.platform)) ?? [])].filter((point) => point.commit !== settings.record?.commit);
    if (recorded && settings.record) {
        trend.push({ commit: settings.record.commit, commitTime: await settings.record.commitTime(), sizeBytes: primary.sizeBytes });
    }
    return { branch: settings.remote.branch, trend: trend.slice(-TREND_POINTS), recorded };
}

;// CONCATENATED MODULE: ./src/inputs/outputs.ts
// The action's outputs: names and descriptions, which action.yml and the README's table are rendered from
// (table.ts re-exports them beside the inputs).
const OUTPUTS = [
    { name: 'image-id', description: 'Id of the gated image (sha256:...).' },
    {
        name: 'size',
        description: "Uncompressed size in bytes: the layers' own bytes (regular files and symlink targets), the same on every engine and image store (on the classic store it equals docker image inspect .Size).",
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
        description: 'Bytes a rebuild could really reclaim: earlier copies of files and deleted files, never the surviving copy (empty when analyze is false).',
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

;// CONCATENATED MODULE: ./src/inputs/table.ts
// The one table of inputs and outputs (names, defaults, descriptions) that action.yml, the README, the
// CLI's --help and the config file's keys and JSON Schema agree with (scripts/docs.mjs renders them; unit tests
// check they agree).
const INPUTS = [
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
        description: 'Platforms to build and gate, comma- or newline-separated (linux/amd64,linux/arm64); every budget applies to each. Several need buildx and the containerd image store.',
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
        description: 'Gate this local image (name, tag or id) instead of building; e.g. one that docker/build-push-action loaded.',
    },
    {
        name: 'archive',
        type: 'string',
        scope: 'entry',
        default: '',
        description: 'Gate an image from a file instead of an engine: a docker save tar, an OCI image archive (podman save --format oci-archive) or an OCI image layout directory (buildx --output type=oci, ko, Jib, rules_oci). No Docker engine is needed; smoke: true loads a tar into the engine to run it.',
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
        description: 'Packages max-package-size does not apply to, comma- or newline-separated: a name (typescript) or ecosystem:name (deb:libc6).',
    },
    {
        name: 'analyze',
        type: 'boolean',
        scope: 'image',
        default: 'true',
        description: 'Read the layers (docker save) for compressed size, wasted space, the largest files and hints (true/false).',
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
        description: 'Where to write the JSON report (default: a new image-size-gate-<step>-<random>.json in RUNNER_TEMP, else the system temp directory; the report output names it).',
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
        description: "What to compare with: auto (on pull_request, build the same Dockerfile at the PR's base commit), an image reference (measured, pulled if not local), or none.",
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
        description: 'Branch that keeps the size history (e.g. image-size-history; empty: off). Push runs record each image there (needs contents: write); pull requests compare with the record of their merge base instead of building it, and show the trend.',
    },
    {
        name: 'history-branches',
        type: 'list',
        scope: 'step',
        default: '',
        description: "Pushes to which branches are recorded, comma- or newline-separated (default: the repository's default branch). Pull request runs never record.",
    },
    {
        name: 'config',
        type: 'string',
        scope: 'workflow',
        default: '',
        description: 'A YAML file that lists several images to gate in this step, each with its own budgets, in one comment (default: .github/image-size-gate.yml when it exists). Its keys are these inputs; inputs set here act as defaults for every image.',
    },
    {
        name: 'changed-only',
        type: 'boolean',
        scope: 'step',
        default: 'false',
        description: 'On pull requests, with a config file: images whose context, Dockerfile and config entry did not change are not rebuilt; their rows say unchanged (true/false).',
    },
];


;// CONCATENATED MODULE: ./src/inputs/parsers.ts
// Pure: one input's raw text -> its typed value, or an InputError that names the input, says what was wrong
// and gives an accepted example.

/** A bad input value: names the input, what was wrong, and an accepted example. */
class InputError extends Error {
    input;
    problem;
    example;
    constructor(input, problem, example) {
        super(`input ${input}: ${problem}; expected e.g. ${example}`);
        this.input = input;
        this.problem = problem;
        this.example = example;
    }
}
function parseOptional(name, raw, parse, example) {
    if (raw === '')
        return undefined;
    try {
        return parse(raw);
    }
    catch (error) {
        if (error instanceof UnitParseError)
            throw new InputError(name, error.message, example);
        throw error;
    }
}
/** `linux/amd64,linux/arm64/v8`: os/architecture[/variant], lower case, as buildx's --platform takes them. */
function parsePlatforms(text) {
    const platforms = text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
    for (const platform of platforms) {
        if (!/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/.test(platform)) {
            throw new InputError('platforms', `"${platform}" is not os/architecture[/variant]`, 'linux/amd64,linux/arm64');
        }
    }
    return [...new Set(platforms)];
}
function parseBuilderName(text) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text))
        throw new UnitParseError(`"${text}" is not a buildx builder name`);
    return text;
}
/** A branch name git accepts (git check-ref-format's rules, plus no leading dash or refs/ prefix needed). */
function parseBranchName(text) {
    const name = text.replace(/^refs\/heads\//, '');
    const bad = !/^[A-Za-z0-9._/-]+$/.test(name) || /(^|\/)\.|\.\.|\/\/|^\/|\/$|\.lock(\/|$)|\.$|^-|@\{/.test(name) || name.length > 200;
    if (bad)
        throw new UnitParseError(`"${text}" is not a branch name`);
    return name;
}
/** Branch names, comma- or newline-separated. */
function parseBranchList(text) {
    return text
        .split(/[,\n]/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map(parseBranchName);
}
/** Package names, comma- or newline-separated, each a name or ecosystem:name (deb, apk, rpm, python, npm). */
function parsePackageList(text) {
    const names = text
        .split(/[,\n]/)
        .map((part) => part.trim())
        .filter(Boolean);
    for (const name of names) {
        if (/\s/.test(name) || name.length > 300 || /^(deb|apk|rpm|python|npm):$/.test(name))
            throw new InputError('allow-large-packages', `"${name}" is not a package name`, 'typescript, deb:libc6');
    }
    return names;
}
function parseCount(text) {
    if (!/^\d+$/.test(text))
        throw new UnitParseError(`"${text}" is not a whole number of 0 or more`);
    return Number(text);
}
/** `5%` (of the baseline size) or a size such as `2MB`. */
function parseIncrease(text) {
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
    if (percent)
        return { kind: 'percent', fraction: Number(percent[1]) / 100, text: `${percent[1]}%` };
    const size = parseSize(text);
    return { kind: 'bytes', bytes: size.bytes, text: text.replace(/\s+/g, '') };
}
/** An image reference (name, tag, digest or id): never one docker could read as an option or split into two. */
function parseImageReference(name, text) {
    if (/[\s\u0000-\u001f\u007f]/.test(text) || text.startsWith('-'))
        throw new InputError(name, `"${text}" is not an image reference`, 'my-app:ci, ghcr.io/acme/app:main or sha256:...');
    return text;
}
/** A path to an image archive or layout: any path, but no control characters and no leading dash. */
function parseArchivePath(text) {
    if (/[\u0000-\u001f\u007f]/.test(text) || text.startsWith('-'))
        throw new UnitParseError(`"${text.slice(0, 80)}" is not a path`);
    return text;
}
function parseBaseline(text) {
    if (text === 'auto')
        return { kind: 'auto' };
    if (text === 'none')
        return { kind: 'none' };
    if (/\s/.test(text) || text.startsWith('-'))
        throw new InputError('baseline', `"${text}" is neither auto, none nor an image reference`, 'auto, none or ghcr.io/acme/app:main');
    return { kind: 'image', reference: text };
}
/** 0..1, or a percentage 0%..100%. */
function parseFraction(text) {
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
    if (!match)
        throw new UnitParseError(`"${text}" is not a number between 0 and 1 or a percentage`);
    const fraction = match[2] ? Number(match[1]) / 100 : Number(match[1]);
    if (fraction > 1)
        throw new UnitParseError(`"${text}" is more than ${match[2] ? '100%' : '1'}`);
    return fraction;
}
function parsePositiveDuration(text) {
    const ms = parseDurationMs(text);
    if (ms <= 0)
        throw new UnitParseError(`"${text}" must be longer than 0`);
    return ms;
}
function parsePort(text) {
    const match = /^(\d+)(?:\/(\w+))?$/.exec(text);
    if (!match)
        throw new UnitParseError(`"${text}" is not a port`);
    if (match[2] && match[2].toLowerCase() !== 'tcp') {
        throw new UnitParseError(`"${text}" is not a TCP port (the smoke test speaks HTTP over TCP)`);
    }
    const port = Number(match[1]);
    if (port < 1 || port > 65535)
        throw new UnitParseError(`"${text}" is outside 1..65535`);
    return port;
}
function parseStatus(text) {
    if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
        throw new InputError('smoke-expect-status', `"${text}" is not an HTTP status`, '200');
    }
    return Number(text);
}
/** Characters a request-target's path and query may hold as they are (RFC 3986 pchar, "/", "?" and "%" escapes). */
const REQUEST_TARGET_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;
/**
 * The smoke request's target, checked where it enters: an absolute path with an optional query. Spaces and
 * non-ASCII characters are percent-encoded as UTF-8 (`/€` -> `/%E2%82%AC`), as are the printable characters a
 * request line cannot carry (`"<>\^`{|}`); what cannot be part of a request-target at all is refused.
 */
function parseSmokePath(text) {
    const refuse = (problem) => new InputError('smoke-path', `${JSON.stringify(text)} ${problem}`, '/healthz or /status?full=1');
    if (!text.startsWith('/'))
        throw refuse('is not an absolute URL path');
    if (/[\u0000-\u001f\u007f-\u009f]/.test(text))
        throw refuse('contains a control character');
    if (text.includes('#'))
        throw refuse('has a fragment (#...), which a client never sends');
    if (/%(?![0-9A-Fa-f]{2})/.test(text))
        throw refuse('has a "%" that does not start a %XX escape (write %25 for a literal %)');
    try {
        return [...text].map((character) => (REQUEST_TARGET_SAFE.test(character) ? character : encodeURIComponent(character))).join('');
    }
    catch {
        throw refuse('is not valid Unicode'); // a lone surrogate has no UTF-8 form (encodeURIComponent throws)
    }
}
function parseBoolean(name, text) {
    if (/^(true|yes|on)$/i.test(text))
        return true;
    if (/^(false|no|off)$/i.test(text))
        return false;
    throw new InputError(name, `"${text}" is not true or false`, 'true');
}
function parseChoice(name, text, choices) {
    const found = choices.find((choice) => choice === text.toLowerCase());
    if (found === undefined)
        throw new InputError(name, `"${text}" is not one of ${choices.join(', ')}`, choices[0]);
    return found;
}
function parseKeyValueLines(name, text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => {
        if (!/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(line)) {
            throw new InputError(name, `"${line}" is not KEY=VALUE`, 'GO_VERSION=1.22');
        }
        return line;
    });
}

;// CONCATENATED MODULE: ./src/inputs/read.ts
// getInputs(): the raw input strings -> a typed, validated GateOptions. The table of inputs and outputs is in
// table.ts, each input's parser in parsers.ts.



/** Reads every input through `read` (raw, possibly empty strings) and validates it. */
function getInputs(read) {
    const value = (name) => {
        const raw = read(name).trim();
        if (raw !== '')
            return raw;
        return INPUTS.find((input) => input.name === name)?.default ?? '';
    };
    const optional = (name) => value(name) || undefined;
    const image = parseOptional('image', value('image'), (text) => parseImageReference('image', text), 'my-app:ci');
    const options = {
        context: value('context'),
        dockerfile: optional('dockerfile'),
        target: optional('target'),
        buildArgs: parseKeyValueLines('build-args', value('build-args')),
        platforms: parsePlatforms(value('platforms')),
        builder: parseOptional('builder', value('builder'), parseBuilderName, 'multiarch'),
        image,
        archive: parseOptional('archive', value('archive'), parseArchivePath, 'image.tar or build/oci-layout'),
        name: optional('name'),
        tag: optional('tag'),
        budgets: readBudgets(value, optional),
        smoke: readSmoke(value, optional),
        analyze: parseBoolean('analyze', value('analyze')),
        reportFile: optional('report-file'),
        baseline: parseBaseline(value('baseline')),
        comment: parseChoice('comment', value('comment'), ['always', 'changed', 'failure', 'never']),
        history: read_readHistory(value),
    };
    checkCombinations(options, value);
    return options;
}
function readBudgets(value, optional) {
    return {
        maxSize: parseOptional('max-size', value('max-size'), parseSize, '25MB, 24MiB or 25000000'),
        maxLayers: parseOptional('max-layers', value('max-layers'), parseCount, '10'),
        requireNonRoot: parseBoolean('require-non-root', value('require-non-root')),
        maxStartupMs: parseOptional('max-startup-time', value('max-startup-time'), parsePositiveDuration, '1s or 800ms'),
        maxCompressedSize: parseOptional('max-compressed-size', value('max-compressed-size'), parseSize, '10MB, 8MiB or 10000000'),
        minEfficiency: parseOptional('min-efficiency', value('min-efficiency'), parseFraction, '0.95 or 95%'),
        maxWastedSize: parseOptional('max-wasted-size', value('max-wasted-size'), parseSize, '5MB, 4MiB or 5000000'),
        maxLayerSize: parseOptional('max-layer-size', value('max-layer-size'), parseSize, '50MB, 48MiB or 50000000'),
        maxPackageSize: parseOptional('max-package-size', value('max-package-size'), parseSize, '20MB, 19MiB or 20000000'),
        allowLargePackages: parseOptional('allow-large-packages', value('allow-large-packages'), parsePackageList, 'typescript, deb:libc6'),
        maxIncrease: parseOptional('max-increase', value('max-increase'), parseIncrease, '5% or 2MB'),
        allowIncreaseLabel: optional('allow-increase-label'),
    };
}
function read_readHistory(value) {
    const branch = parseOptional('history-branch', value('history-branch'), parseBranchName, 'image-size-history');
    const recordBranches = parseOptional('history-branches', value('history-branches'), parseBranchList, 'main, release') ?? [];
    if (!branch && recordBranches.length > 0)
        throw new InputError('history-branches', 'is set, but history-branch is not', 'history-branch: image-size-history with history-branches');
    return branch ? { branch, recordBranches } : undefined;
}
function readSmoke(value, optional) {
    return {
        mode: parseChoice('smoke', value('smoke'), ['auto', 'true', 'false']),
        port: parseOptional('smoke-port', value('smoke-port'), parsePort, '8080 or 8080/tcp'),
        path: parseSmokePath(value('smoke-path')),
        expectStatus: parseStatus(value('smoke-expect-status')),
        expectBody: optional('smoke-expect-body'),
        timeoutMs: parseOptional('smoke-timeout', value('smoke-timeout'), parsePositiveDuration, '30s'),
        env: parseKeyValueLines('smoke-env', value('smoke-env')),
    };
}
/** Inputs that are valid alone but not together. */
function checkCombinations(options, value) {
    const needsAnalysis = ['max-compressed-size', 'min-efficiency', 'max-wasted-size', 'max-layer-size', 'max-package-size'].find((name) => value(name) !== '');
    if (!options.analyze && needsAnalysis) {
        throw new InputError('analyze', `is false, but ${needsAnalysis} needs the layer analysis`, `analyze: true (the default) with ${needsAnalysis}`);
    }
    if (options.archive && options.smoke.mode === 'true')
        throw new InputError('smoke', "is true, but an archive's image is not run (the gate reads the archive; no engine loads it)", 'smoke: auto or false with archive (or docker load it and gate it with image:)');
    if (options.image && options.archive)
        throw new InputError('archive', 'cannot be combined with image (the gate takes the image from one place)', 'archive: image.tar alone');
    const taken = options.image ? 'image' : options.archive ? 'archive' : undefined;
    if (taken && (options.dockerfile || options.target || options.buildArgs.length > 0 || options.platforms.length > 0 || options.builder)) {
        const clash = options.dockerfile
            ? 'dockerfile'
            : options.target
                ? 'target'
                : options.buildArgs.length > 0
                    ? 'build-args'
                    : options.platforms.length > 0
                        ? 'platforms'
                        : 'builder';
        throw new InputError(clash, `cannot be combined with ${taken} (the gate either builds or takes a built image)`, `${taken === 'image' ? 'image: my-app:ci' : 'archive: image.tar'} with no build inputs`);
    }
}

;// CONCATENATED MODULE: ./src/report/file.ts
// Writing the JSON report: where report-file says, or else to a new file of this step's own.




/**
 * Pure: a report path of this step's own, in RUNNER_TEMP, else the OS temp directory, never the working
 * directory. Steps of one job share RUNNER_TEMP, and so may runs on one machine: the step's id and a random
 * suffix keep each step's `report` output pointing at its own verdict.
 */
function defaultReportPath(env, tempDirectory = external_node_os_default().tmpdir(), suffix = (0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex'), pid = process.pid) {
    const step = (env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || String(pid);
    return external_node_path_default().resolve(env.RUNNER_TEMP || tempDirectory, `image-size-gate-${step}-${suffix}.json`);
}
/** Writes the report to `filePath`, or to defaultReportPath(env) when none is given; returns the absolute path. */
async function writeReportFile(report, filePath, env = process.env) {
    const absolute = external_node_path_default().resolve(filePath ?? defaultReportPath(env));
    await (0,promises_namespaceObject.mkdir)(external_node_path_default().dirname(absolute), { recursive: true });
    // A default path is a new name: 'wx' refuses to write through anything planted there (the OS temp directory is shared).
    await (0,promises_namespaceObject.writeFile)(absolute, JSON.stringify(report, null, 2) + '\n', { flag: filePath ? 'w' : 'wx' });
    return absolute;
}

;// CONCATENATED MODULE: ./src/report/hint.ts


/** The hint's words, unescaped: each medium makes them safe for itself. */
function describeHint(hint) {
    const facts = [
        hint.line ? `Dockerfile line ${hint.line}` : '',
        hint.savingBytes === undefined ? '' : `saves about ${units_formatBytes(hint.savingBytes)}`,
    ].filter(Boolean);
    return { mark: hint.severity === 'warning' ? '⚠️' : 'ℹ️', title: hint.title, facts: facts.join(', '), message: hint.message };
}
function inParentheses(facts) {
    return facts ? ` (${facts})` : '';
}
/** A markdown list item, for the job summary and the PR comment. Hints carry text from the image: escaped. */
function hint_hintMarkdownItem(hint) {
    const words = describeHint(hint);
    return `- ${words.mark} **${escapeMarkdownInline(words.title)}**${inParentheses(words.facts)}: ${escapeMarkdownInline(words.message)}`;
}
/** Two lines for the CLI; `plain` strips terminal control sequences from the text that came from the image. */
function hintTerminalLines(hint, plain) {
    const words = describeHint(hint);
    return [`  - ${plain(words.title)}${inParentheses(words.facts)}`, `    ${plain(words.message)}`];
}
/** The title and message of a workflow annotation (`::warning title=...::message`). */
function hintAnnotation(hint) {
    const words = describeHint(hint);
    return { title: `image-size-gate: ${words.title}`, message: `${words.message}${inParentheses(words.facts)}` };
}

;// CONCATENATED MODULE: ./src/report/packages.ts


/** How many of the largest packages the job summary lists, and the CLI. */
const SUMMARY_PACKAGE_ROWS = 25;
const TERMINAL_PACKAGE_LINES = 10;
const NAME_SHOWN_CHARS = 80;
const VERSION_SHOWN_CHARS = 40;
/** Text from the image made inert in markdown: controls as escapes, markdown and HTML as entities, no autolinks. */
function shown(text, maxChars) {
    return escapeMarkdownInline(visible(text, maxChars))
        .replace(/:/g, '&#58;')
        .replace(/www\./gi, (www) => `${www.slice(0, 3)}&#46;`);
}
function ecosystemCounts(summary) {
    const read = summary.ecosystems.filter((ecosystem) => ecosystem.read && ecosystem.packageCount > 0);
    return read.map((ecosystem) => `${units_formatInteger(ecosystem.packageCount)} ${ecosystem.ecosystem}`).join(', ');
}
/** One sentence: what the packages own, what no package owns, what later layers hid; the three add up to the image size. */
function packageAccount(summary) {
    const counts = ecosystemCounts(summary);
    const packages = counts
        ? `Packages (${counts}) own ${units_formatBytes(summary.ownedBytes)}`
        : 'No package database was read: no package owns any byte';
    const hidden = summary.hiddenBytes > 0 ? `; ${units_formatBytes(summary.hiddenBytes)} are earlier copies that later layers overwrote or deleted` : '';
    const shared = summary.sharing.fileCount;
    const sharing = shared > 0
        ? ` ${units_formatInteger(shared)} ${shared === 1 ? 'file listed by more than one package is' : 'files listed by more than one package are'} counted once, for the first (dpkg and apk, then Python, then npm).`
        : '';
    return `${packages}; ${units_formatBytes(summary.unownedBytes)} (${units_formatInteger(summary.unownedFileCount)} files) belong to no package${hidden}: ${units_formatBytes(summary.imageBytes)} in all.${sharing}`;
}
function packageRow(pkg) {
    const copies = pkg.copies ? ` (${pkg.copies} copies)` : '';
    const where = pkg.line ? `${pkg.layer + 1} (line ${pkg.line})` : String(pkg.layer + 1);
    return `| ${shown(pkg.name, NAME_SHOWN_CHARS)}${copies} | ${pkg.ecosystem} | ${shown(pkg.version, VERSION_SHOWN_CHARS)} | ${formatBytes(pkg.sizeBytes)} | ${formatInteger(pkg.fileCount)} | ${where} |`;
}
/** The job summary's packages: the account, the largest packages, what was not read. */
function packages_packagesSection(analysis) {
    const summary = analysis.packageSummary;
    const packages = analysis.packages ?? [];
    if (!summary)
        return [];
    const notes = summary.ecosystems
        .filter((ecosystem) => ecosystem.note)
        .map((ecosystem) => `- ${ecosystem.ecosystem} (${shown(ecosystem.database, 200)}): ${shown(ecosystem.note, 400)}`);
    const warnings = summary.warnings.map((warning) => `- ⚠️ ${shown(warning, 400)}`);
    const table = packages.length === 0
        ? []
        : detailsBlock(`Largest packages (${formatInteger(packages.length + (summary.notListed?.count ?? 0))})`, [
            '| Package | Ecosystem | Version | Size | Files | Layer |',
            '| --- | --- | --- | ---: | ---: | ---: |',
            ...packages.slice(0, SUMMARY_PACKAGE_ROWS).map(packageRow),
        ]);
    return [
        '#### Packages',
        '',
        packageAccount(summary),
        ...(notes.length + warnings.length > 0 ? ['', ...notes, ...warnings] : []),
        '',
        ...table,
        ...(table.length > 0 ? [''] : []),
    ];
}
/** The CLI's lines: the account and the largest packages. `plain` strips terminal control sequences. */
function packageTerminalLines(analysis, plain) {
    const summary = analysis.packageSummary;
    if (!summary)
        return [];
    const lines = ['', plain(packageAccount(summary))];
    const packages = (analysis.packages ?? []).slice(0, TERMINAL_PACKAGE_LINES);
    if (packages.length > 0)
        lines.push('largest packages:');
    for (const pkg of packages) {
        const line = pkg.line ? ` (line ${pkg.line})` : '';
        lines.push(`  ${units_formatBytes(pkg.sizeBytes).padStart(9)}  ${pkg.ecosystem.padEnd(6)} ${plain(escape_visible(pkg.name, NAME_SHOWN_CHARS))} ${plain(escape_visible(pkg.version, VERSION_SHOWN_CHARS))}${line}`);
    }
    for (const warning of summary.warnings)
        lines.push(`warning: ${plain(escape_visible(warning, 400))}`);
    return lines;
}
const CHANGE_MARK = {
    added: '🆕 added',
    removed: '🗑️ removed',
    grew: '📈 grew',
    shrank: '📉 shrank',
    updated: '🔁 updated',
};
function versionCell(change) {
    const base = change.baseVersion === undefined ? undefined : shown(change.baseVersion, VERSION_SHOWN_CHARS);
    const head = change.headVersion === undefined ? undefined : shown(change.headVersion, VERSION_SHOWN_CHARS);
    if (base !== undefined && head !== undefined && base !== head)
        return `${base} → ${head}`;
    return head ?? base ?? '';
}
function sideCell(bytes, atMostBytes) {
    if (bytes !== undefined)
        return formatBytes(bytes);
    return atMostBytes !== undefined ? `≤ ${formatBytes(atMostBytes)}` : '—';
}
function changeRow(change) {
    const bound = change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
    return `| ${CHANGE_MARK[change.kind]} | ${change.ecosystem} | ${shown(change.name, NAME_SHOWN_CHARS)} | ${versionCell(change)} | ${sideCell(change.baseBytes, change.baseAtMostBytes)} | ${sideCell(change.headBytes, change.headAtMostBytes)} | ${formatBytesDelta(change.changeBytes)}${bound ? ' or more' : ''} |`;
}
/** "Which packages changed": at most `maxRows` rows, the count of the rest, and the ecosystems not compared. */
function packages_packageChangeSection(changes, maxRows = Infinity) {
    if (!changes || (changes.changes.length === 0 && changes.notes.length === 0))
        return [];
    const rows = changes.changes.slice(0, maxRows);
    const more = changes.changedCount - rows.length;
    const table = rows.length === 0
        ? []
        : [
            '| | Ecosystem | Package | Version | Base | This PR | Change |',
            '| --- | --- | --- | --- | ---: | ---: | ---: |',
            ...rows.map(changeRow),
        ];
    return [
        '',
        '**Which packages changed**',
        '',
        ...table,
        ...(more > 0 ? ['', `…and ${formatInteger(more)} more packages changed.`] : []),
        ...changes.notes.map((note) => `\n_${shown(note, 400)}._`),
    ];
}

;// CONCATENATED MODULE: ./src/report/analysis-markdown.ts






/** The bandwidth the pull-time estimate assumes. */
const PULL_BANDWIDTH_BITS_PER_SECOND = 100_000_000;
function pullSeconds(compressedBytes, bitsPerSecond = PULL_BANDWIDTH_BITS_PER_SECOND) {
    return (compressedBytes * 8) / bitsPerSecond;
}
const MAX_LAYER_ROWS = 40;
const MAX_INEFFICIENT_PATH_ROWS = 20;
function renderAnalysis(analysis, uncompressedBytes) {
    return [
        '### Where the bytes are',
        '',
        sizeLine(analysis, uncompressedBytes),
        '',
        wasteLine(analysis),
        '',
        ...hintsSection(analysis),
        ...packagesSection(analysis),
        ...layersSection(analysis),
        ...largestSection(analysis),
        ...inefficientSection(analysis),
    ].join('\n');
}
function sizeLine(analysis, uncompressedBytes) {
    const compressed = analysis.compressedSizeBytes;
    return compressed === undefined
        ? `Uncompressed ${formatBytes(uncompressedBytes)}; the compressed size could not be measured.`
        : `**Uncompressed** ${formatBytes(uncompressedBytes)} (on disk after pull) · **Compressed** ${formatBytes(compressed)} (what a registry stores and \`docker pull\` downloads; about ${formatDurationMs(pullSeconds(compressed) * 1000)} at 100 Mbit/s)`;
}
function wasteLine(analysis) {
    const dive = analysis.dive;
    return (`**Wasted space** (dive-compatible): efficiency ${formatPercent(dive.efficiency)}, ${formatBytes(dive.wastedBytes)} wasted (${formatPercent(dive.wastedUserPercent)} of the image's own ${formatBytes(dive.userSizeBytes)}). ` +
        `Of that, **${formatBytes(analysis.reclaimableBytes)} could really be reclaimed** (earlier copies and deleted files; dive also counts the copy that survives).`);
}
function hintsSection(analysis) {
    if (analysis.hints.length === 0)
        return [];
    return ['#### Hints', '', ...analysis.hints.map(hintMarkdownItem), ''];
}
function layersSection(analysis) {
    const layerRows = analysis.layers.slice(-MAX_LAYER_ROWS).map((layer) => {
        const cells = [
            String(layer.index + 1),
            layer.line ? String(layer.line) : '',
            escapeMarkdownInline(clipCreatedBy(layer.createdBy)) + (layer.own ? '' : ' *(base)*'),
            formatBytes(layer.sizeBytes),
            layer.compressedBytes === undefined ? '' : formatBytes(layer.compressedBytes),
            `+${formatInteger(layer.filesAdded)} ~${formatInteger(layer.filesModified)} -${formatInteger(layer.filesRemoved)}`,
        ];
        return `| ${cells.join(' | ')} |`;
    });
    const omitted = analysis.layers.length - layerRows.length;
    return [
        ...detailsBlock(`Layers (${analysis.layers.length})`, [
            '| # | Line | Made by | Size | Compressed | Files (+ added ~ modified - removed) |',
            '| ---: | ---: | --- | ---: | ---: | --- |',
            ...layerRows,
            ...(omitted > 0 ? ['', `${omitted} older layers not shown.`] : []),
        ]),
        '',
    ];
}
function largestSection(analysis) {
    if (analysis.largestFiles.length === 0)
        return [];
    return [
        ...detailsBlock("Largest files and directories of the image's own layers", [
            '| File | Size | Layer |',
            '| --- | ---: | ---: |',
            ...analysis.largestFiles.map((file) => `| ${escapeMarkdownInline(file.path)} | ${formatBytes(file.sizeBytes)} | ${file.layer + 1} |`),
            '',
            '| Directory | Size |',
            '| --- | ---: |',
            ...analysis.largestDirectories.map((dir) => `| ${escapeMarkdownInline(dir.path)} | ${formatBytes(dir.sizeBytes)} |`),
        ]),
        '',
    ];
}
function inefficientSection(analysis) {
    const paths = analysis.dive.inefficientPaths;
    if (paths.length === 0)
        return [];
    // The report keeps the largest paths only; the rest are counted (and their bytes summed) as one row.
    const notListed = analysis.dive.inefficientPathsNotListed;
    const shown = paths.slice(0, MAX_INEFFICIENT_PATH_ROWS);
    const restCount = paths.length - shown.length + (notListed?.count ?? 0);
    const restBytes = paths.slice(shown.length).reduce((sum, item) => sum + item.cumulativeBytes, notListed?.cumulativeBytes ?? 0);
    return [
        ...detailsBlock(`Files stored more than once (dive: ${paths.length + (notListed?.count ?? 0)})`, [
            '| Path | Occurrences | Bytes (all copies) |',
            '| --- | ---: | ---: |',
            ...shown.map((item) => `| ${escapeMarkdownInline(item.path)} | ${item.occurrences} | ${formatInteger(item.cumulativeBytes)} |`),
            ...(restCount > 0 ? [`| …and ${formatInteger(restCount)} more | | ${formatInteger(restBytes)} |`] : []),
        ]),
        '',
    ];
}

;// CONCATENATED MODULE: ./src/report/engine.ts
// Pure: which engine measured, and what its own size figure is, so a figure is never compared with one that
// means something else. Shared by the summary, the PR comment and the terminal report.

/** One sentence: the engine, its image store, and inspect's .Size labelled for what it is on that store. */
function engineSentence(report) {
    const { engine, image } = report;
    if (engine.imageStore === 'archive' || engine.imageStore === 'registry')
        return `Measured from the ${engine.imageStore === 'archive' ? 'archive' : 'registry'} itself, without an engine; the size is the layers' own bytes.`;
    const store = `${engine.imageStore} image store, ${engine.storageDriver}`;
    const own = image.sizeMethod === 'inspect' || image.engineSizeBytes === image.sizeBytes
        ? 'docker image inspect .Size agrees'
        : `docker image inspect .Size says ${units_formatBytes(image.engineSizeBytes)} (${image.engineSizeBytes} B), which on this store is not the image's size`;
    return `Measured on Docker ${engine.version} (${store}); the size is the layers' own bytes, ${own}.`;
}
/** Rows of per-platform figures: platform, size, compressed, layers, user, verdict (only when there are several). */
function platformRows(report) {
    return (report.platforms ?? []).map((platform) => [
        platform.platform,
        `${units_formatBytes(platform.sizeBytes)} (${platform.sizeBytes} B)`,
        platform.compressedSizeBytes === undefined ? '—' : units_formatBytes(platform.compressedSizeBytes),
        String(platform.layerCount),
        platform.user === '' ? '(root)' : platform.user,
        platform.passed ? 'pass' : 'fail',
    ]);
}

;// CONCATENATED MODULE: ./src/report/terminal.ts







const LARGEST_LAYER_LINES = 5;
const VERDICT_WORD = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', info: '----' };
/** Removes terminal control sequences from untrusted text. */
function plain(text) {
    return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
function renderTerminal(report) {
    const rows = report.checks.map((check) => [
        VERDICT_WORD[check.verdict],
        check.label,
        check.measured || '-',
        check.budget || '-',
        check.margin || '-',
    ]);
    const header = ['', 'check', 'measured', 'budget', 'margin'];
    const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
    const format = (row) => row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd();
    const lines = [
        `image-size-gate: ${plain(report.name)} ${report.passed ? 'PASSED' : 'FAILED'}`,
        `image ${report.image.id.replace(/^sha256:/, '').slice(0, 12)} (${report.image.os}/${report.image.architecture})` +
            (report.build ? `, built with the ${report.build.builder} builder in ${units_formatDurationMs(report.build.durationMs)}` : ''),
        engineSentence(report),
        ...platformRows(report).map((row) => `  ${row.join('  ')}`),
        '',
        format(header),
        ...rows.map(format),
        '',
    ];
    for (const check of report.checks.filter((candidate) => candidate.verdict === 'fail'))
        lines.push(`FAIL ${check.label}: ${plain(check.detail)}`);
    const smoke = report.smoke;
    if (smoke?.ran && !smoke.passed) {
        if (smoke.bodyExcerpt !== undefined)
            lines.push('last answer body:', ...plain(smoke.bodyExcerpt)
                .split('\n')
                .map((line) => `  ${line}`));
        if (smoke.containerLog?.length)
            lines.push('container log (last lines):', ...smoke.containerLog.map((line) => `  ${plain(line)}`));
    }
    if (report.analysis)
        lines.push('', ...renderAnalysisText(report.analysis, report.image.sizeBytes));
    return lines.join('\n').trimEnd() + '\n';
}
/** The layer analysis in a few lines: sizes, waste, the five largest layers, every hint. */
function renderAnalysisText(analysis, uncompressedBytes) {
    const dive = analysis.dive;
    const compressed = analysis.compressedSizeBytes;
    const lines = [
        `compressed ${compressed === undefined ? 'unknown' : `${units_formatBytes(compressed)} (pull about ${units_formatDurationMs(pullSeconds(compressed) * 1000)} at 100 Mbit/s)`}, uncompressed ${units_formatBytes(uncompressedBytes)}`,
        `dive efficiency ${units_formatPercent(dive.efficiency)}, wasted ${units_formatBytes(dive.wastedBytes)}; really reclaimable ${units_formatBytes(analysis.reclaimableBytes)}`,
        '',
        'largest layers:',
        ...[...analysis.layers]
            .sort((a, b) => b.sizeBytes - a.sizeBytes)
            .slice(0, LARGEST_LAYER_LINES)
            .map((layer) => `  ${units_formatBytes(layer.sizeBytes).padStart(9)}  ${layer.line ? `line ${layer.line}: ` : ''}${created_by_clipCreatedBy(plain(layer.createdBy))}${layer.own ? '' : ' (base)'}`),
    ];
    lines.push(...packageTerminalLines(analysis, plain));
    if (analysis.hints.length > 0)
        lines.push('', 'hints:', ...analysis.hints.flatMap((hint) => hintTerminalLines(hint, plain)));
    return lines;
}

;// CONCATENATED MODULE: ./src/common/line-batch.ts
// Echoing a long build log: one write per line costs more than the build itself (a write is a system call, and
// a noisy build prints millions of lines), so lines are gathered and written together, at the latest on the
// next turn of the event loop, so the log still follows the build as it runs.
/** Enough lines to make a write worth it, few enough to keep memory small. */
const BATCH_CHARS = 64 * 1024;
function lineBatch(write) {
    let pending = [];
    let pendingChars = 0;
    let scheduled = false;
    const flush = () => {
        if (pending.length === 0)
            return;
        const text = pending.join('');
        pending = [];
        pendingChars = 0;
        write(text);
    };
    return {
        add: (line) => {
            pending.push(`${line}\n`);
            pendingChars += line.length + 1;
            if (pendingChars >= BATCH_CHARS)
                flush();
            else if (!scheduled) {
                scheduled = true;
                setImmediate(() => {
                    scheduled = false;
                    flush();
                });
            }
        },
        flush,
    };
}

;// CONCATENATED MODULE: ./src/cli/log.ts
// The CLI's log, to standard error: every line with its control characters shown (text from the image must not
// drive the terminal), build output indented and batched, colour sequences from the build dropped.


/** One line to the terminal, its control characters shown: text from the image must not drive the terminal. */
function say(line) {
    process.stderr.write(`${visibleControlChars(line)}\n`);
}
/** Colour and cursor sequences (CSI) in build output: dropped rather than shown, to keep the log readable. */
const CSI_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g;
function terminalLog(quiet) {
    // Build output is written in batches; anything else first lets the batch out, to keep the order.
    const batch = lineBatch((text) => process.stderr.write(text));
    const sayNow = (line) => {
        batch.flush();
        say(line);
    };
    return {
        info: (message) => sayNow(message),
        warning: (message) => sayNow(`warning: ${message}`),
        group: async (name, work) => {
            sayNow(`== ${name}`);
            return work();
        },
        untrusted: () => ({
            line: (text) => {
                if (!quiet)
                    batch.add(visibleControlChars(`  | ${text.replace(CSI_SEQUENCE, '')}`));
            },
            end: () => batch.flush(),
        }),
    };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/common/version.ts
// The version this bundle reports: package.json's, its one source. ncc inlines the JSON at packaging time and
// keeps only the field read here, so the bundle carries no other part of package.json.

const VERSION = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./src/report/trend.ts


const BLOCKS = '▁▂▃▄▅▆▇█';
const SHORT_SHA_CHARS = 7;
/** A commit as a branch may hold it: anything else is not shown. */
const trend_COMMIT = /^[0-9a-f]{7,64}$/;
/** The longest path shown; a longer one is cut with an ellipsis. */
const PATH_SHOWN_CHARS = 160;
/** One block per value, from ▁ (the smallest) to █ (the largest); a flat series is all ▄. */
function sparkline(values) {
    if (values.length === 0)
        return '';
    const min = values.reduce((a, b) => Math.min(a, b));
    const max = values.reduce((a, b) => Math.max(a, b));
    if (!(max > min))
        return '▄'.repeat(values.length);
    return values.map((value) => BLOCKS[Math.round(((value - min) / (max - min)) * (BLOCKS.length - 1))] ?? '▄').join('');
}
/** The label of the current point as the chart can hold it: letters, digits, spaces and `#._-` only. */
function chartLabel(label) {
    return (label
        .replace(/[^A-Za-z0-9 #._-]/g, '')
        .trim()
        .slice(0, 20) || 'PR');
}
/** A y-axis a little wider than the values, rounded outwards to the decimals shown. */
function axisRange(valuesMb, decimals) {
    const min = Math.min(...valuesMb);
    const max = Math.max(...valuesMb);
    const step = 10 ** -decimals;
    const pad = Math.max((max - min) * 0.1, max * 0.005, step);
    const low = Math.max(0, Math.floor((min - pad) / step) * step);
    const high = Math.ceil((max + pad) / step) * step;
    return [low.toFixed(decimals), high.toFixed(decimals)];
}
/**
 * The chart, in the syntax of Mermaid's XY chart (https://mermaid.js.org/syntax/xyChart.html), which GitHub
 * renders in a ```mermaid block: `xychart-beta`, then `title "…"`, a categorical `x-axis ["a", "b"]`, a
 * `y-axis "title" min --> max` and a `line [v1, v2]` of as many values as categories. Every text in it is a
 * hex sha or a label cut down to plain characters, so nothing can end a string or the block.
 */
function mermaidChart(labels, sizesBytes) {
    const valuesMb = sizesBytes.map((bytes) => bytes / 1e6);
    const decimals = Math.max(...valuesMb) - Math.min(...valuesMb) < 1 ? 3 : 2;
    const [low, high] = axisRange(valuesMb, decimals);
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Image size by commit"',
        `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
        `  y-axis "Size (MB)" ${low} --> ${high}`,
        `  line [${valuesMb.map((value) => value.toFixed(decimals)).join(', ')}]`,
        '```',
    ];
}
/** The date of an ISO 8601 time, or '' for anything else. */
function dateOf(time) {
    return /^(\d{4}-\d{2}-\d{2})T/.exec(time)?.[1] ?? '';
}
function pointsTable(points, current) {
    const rows = ['| Commit | Committed | Size | Change |', '| --- | --- | ---: | ---: |'];
    const sizes = [...points.map((point) => point.sizeBytes), ...(current ? [current.sizeBytes] : [])];
    const change = (index) => (index === 0 ? '—' : formatBytesDelta(sizes[index] - sizes[index - 1]));
    points.forEach((point, index) => {
        rows.push(`| \`${point.commit.slice(0, SHORT_SHA_CHARS)}\` | ${dateOf(point.commitTime)} | ${formatBytes(point.sizeBytes)} | ${change(index)} |`);
    });
    if (current)
        rows.push(`| **${escapeMarkdownInline(current.label)}** | | **${formatBytes(current.sizeBytes)}** | ${change(points.length)} |`);
    return rows;
}
/**
 * The trend of the last recorded commits, oldest first (and the pull request's point, when given): a line with
 * a sparkline and the first and last sizes, then a collapsed chart and a table of the points. Points whose
 * commit is not 7 to 64 hex characters, or whose size is not a number of bytes, are dropped; fewer than two
 * points in all make no trend (no lines).
 */
function trendLines(points, current) {
    const shown = points.filter((point) => trend_COMMIT.test(point.commit) && Number.isFinite(point.sizeBytes) && point.sizeBytes >= 0);
    const now = current && Number.isFinite(current.sizeBytes) && current.sizeBytes >= 0 ? current : undefined;
    if (shown.length === 0 || shown.length + (now ? 1 : 0) < 2)
        return [];
    const sizes = shown.map((point) => point.sizeBytes);
    const spark = sparkline(now ? [...sizes, now.sizeBytes] : sizes);
    const count = `last ${shown.length} recorded commit${shown.length === 1 ? '' : 's'}`;
    const range = `${formatBytes(sizes[0])} → ${formatBytes(sizes[sizes.length - 1])}`;
    const label = now ? escapeMarkdownInline(now.label) : '';
    const line = now
        ? `**Trend** (${count}, then ${label}): ${spark.slice(0, -1)} **${spark.slice(-1)}** ${range} → **${formatBytes(now.sizeBytes)}** (${label})`
        : `**Trend** (${count}): ${spark} ${range}`;
    const labels = [...shown.map((point) => point.commit.slice(0, SHORT_SHA_CHARS)), ...(now ? [chartLabel(now.label)] : [])];
    const chart = mermaidChart(labels, now ? [...sizes, now.sizeBytes] : sizes);
    return [line, '', ...detailsBlock(`Size over the ${count}`, [...chart, '', ...pointsTable(shown, now)])];
}
/** A path from the image made inert in a table cell: controls shown as escapes, markdown and HTML as entities, no autolink. */
function shownPath(change) {
    const escaped = escapeMarkdownInline(visible(change.path, PATH_SHOWN_CHARS))
        .replace(/:/g, '&#58;')
        .replace(/www\./gi, (www) => `${www.slice(0, 3)}&#46;`);
    return change.kind === 'directory' && !change.path.endsWith('/') ? `${escaped}/` : escaped;
}
function trend_sideCell(bytes, atMostBytes) {
    if (bytes !== undefined)
        return formatBytes(bytes);
    return atMostBytes !== undefined ? `≤ ${formatBytes(atMostBytes)}` : '—';
}
function markOf(change) {
    if (change.baseBytes === undefined && change.baseAtMostBytes === undefined)
        return '🆕';
    if (change.headBytes === undefined && change.headAtMostBytes === undefined)
        return '🗑️';
    return change.changeBytes > 0 ? '📈' : '📉';
}
/** The files and directories that changed since the base, one row each; a change known only as a bound says "or more". */
function trend_fileChangesLines(changes) {
    if (changes.length === 0)
        return [];
    const rows = ['| | Path | Base | This PR | Change |', '| --- | --- | ---: | ---: | ---: |'];
    for (const change of changes) {
        const bound = change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
        rows.push(`| ${markOf(change)} | ${shownPath(change)} | ${trend_sideCell(change.baseBytes, change.baseAtMostBytes)} | ${trend_sideCell(change.headBytes, change.headAtMostBytes)} | ${formatBytesDelta(change.changeBytes)}${bound ? ' or more' : ''} |`);
    }
    return rows;
}

;// CONCATENATED MODULE: ./src/cli/history.ts
// `image-size-gate history`: the recorded series of an image, read from a local clone's copy of the history
// branch (origin's, else a local branch of that name). It fetches nothing: `git fetch origin <branch>` first.









const DEFAULT_HISTORY_BRANCH = 'image-size-history';
function historyHelpText() {
    return [
        'Usage: image-size-gate history [--branch B] [--name NAME] [--platform P] [--limit N] [--json] [directory]',
        '',
        "Prints the sizes recorded on the history branch (the action's history-branch input) for an image, oldest first,",
        "from the local clone in the directory (default: the current one). It reads origin's copy of the branch, else a",
        'local branch of that name, and fetches nothing: run git fetch origin <branch> first.',
        '',
        `  --branch B      The history branch (default: ${DEFAULT_HISTORY_BRANCH}).`,
        '  --name NAME     The image, as the name input named it (default: the only image recorded).',
        '  --platform P    One platform, e.g. linux/amd64 (default: every platform recorded).',
        '  --limit N       The last N records of each platform (default: 30).',
        '  --json          Print the records as JSON.',
        '',
    ].join('\n');
}
/** Pure: one platform's series as text columns, with a sparkline. Text from records is shown inert. */
function renderSeries(records) {
    if (records.length === 0)
        return '';
    const first = records[0];
    const sizes = records.map((record) => record.figures.size);
    const lines = [`${visibleControlChars(first.name)} (${visibleControlChars(first.platform)})  ${sparkline(sizes)}`];
    records.forEach((record, index) => {
        const change = index === 0 ? '' : units_formatBytesDelta(record.figures.size - records[index - 1].figures.size);
        const compressed = record.figures['compressed-size'];
        lines.push([
            `  ${record.commitTime.slice(0, 10)}`,
            record.commit.slice(0, 12),
            units_formatBytes(record.figures.size).padStart(10),
            (compressed === undefined ? '-' : units_formatBytes(compressed)).padStart(10),
            change.padStart(11),
        ].join('  '));
    });
    return `${lines.join('\n')}\n`;
}
async function historyRef(root, branch) {
    const tip = await firstCommitOf(root, [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]);
    if (tip)
        return tip;
    throw new errors_GateError('baseline', `the history branch ${branch} is not in this clone; run git fetch origin ${branch} first`);
}
function history_option(values, name) {
    return typeof values[name] === 'string' ? values[name] : undefined;
}
/** The last `limit` readable records of each platform among `paths` (one image's), oldest first. */
async function readSeries(root, tip, paths, limit, platform) {
    const wanted = [...byPlatform(paths).values()].flatMap((group) => group.slice(-limit).map((entry) => entry.path));
    const texts = await readFiles(root, tip, wanted);
    return wanted.flatMap((file) => {
        const read = parseRecord(texts.get(file)?.toString('utf8') ?? '');
        return 'record' in read && (platform === undefined || read.record.platform === platform) ? [read.record] : [];
    });
}
const HISTORY_FLAGS = {
    branch: { type: 'string' },
    name: { type: 'string' },
    platform: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
};
/** Reads and prints the series; returns the exit code (2 when nothing can be read). */
async function historyCommand(argv, out, err) {
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({ args: argv, allowPositionals: true, strict: true, options: HISTORY_FLAGS });
    }
    catch (error) {
        err(`image-size-gate history: ${error.message}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        out(historyHelpText());
        return 0;
    }
    const limit = Number(history_option(values, 'limit') ?? '30');
    if (!Number.isInteger(limit) || limit < 1) {
        err(`image-size-gate history: --limit must be a whole number of 1 or more, got ${JSON.stringify(history_option(values, 'limit'))}`);
        return 2;
    }
    try {
        const root = await repositoryRoot(positionals[0] ?? '.');
        const branch = history_option(values, 'branch') ?? DEFAULT_HISTORY_BRANCH;
        const tip = await historyRef(root, branch);
        const paths = await listFiles(root, tip);
        const keys = [...new Set(paths.flatMap((file) => parseRecordPath(file)?.imageKey ?? []))].sort();
        const name = history_option(values, 'name');
        const key = name !== undefined ? imageKey(name) : keys.length === 1 ? keys[0] : undefined;
        if (key === undefined || !keys.includes(key)) {
            const known = keys.length > 0 ? `recorded: ${keys.join(', ')}` : 'the branch holds no records';
            err(`image-size-gate history: ${name === undefined ? 'give --name' : `no records of ${JSON.stringify(name)}`} (${known})`);
            return 2;
        }
        const platform = history_option(values, 'platform');
        const records = await readSeries(root, tip, paths.filter((file) => parseRecordPath(file)?.imageKey === key), limit, platform);
        if (records.length === 0) {
            err(`image-size-gate history: no readable records of ${key}${platform ? ` for ${platform}` : ''} on ${branch}`);
            return 2;
        }
        if (values.json)
            out(JSON.stringify(records, null, 2) + '\n');
        else
            for (const platformName of [...new Set(records.map((record) => record.platform))])
                out(renderSeries(records.filter((record) => record.platform === platformName)));
        return 0;
    }
    catch (error) {
        err(`image-size-gate history: ${error.message}`);
        return 2;
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/config/error.ts
// A mistake in the config file, said where it is: file:line:column, the key, what was wrong and how to fix it.
class ConfigError extends Error {
    file;
    position;
    key;
    problem;
    fix;
    constructor(file, position, 
    /** Where in the file, as a path (`images[1].max-size`); '' for the file as a whole. */
    key, 
    /** What was wrong, and what was expected. */
    problem, 
    /** What to write instead. */
    fix) {
        super(`${file}:${position.line}:${position.column}: ${key ? `${key}: ` : ''}${problem}; ${fix}`);
        this.file = file;
        this.position = position;
        this.key = key;
        this.problem = problem;
        this.fix = fix;
        this.name = 'ConfigError';
    }
}

;// CONCATENATED MODULE: ./src/config/keys.ts
// Pure: which keys the config file takes where (all from the input table), and the nearest valid key to a
// misspelt one.

/** The keys of the file's own structure, at its top level. */
const STRUCTURE_KEYS = ['defaults', 'images'];
/** Keys that say how an image is built: an entry that names a built `image` takes none of them. */
const BUILD_KEYS = ['context', 'dockerfile', 'target', 'build-args', 'platforms', 'builder'];
/** Keys whose relative paths start at the repository root (see configRoot). */
const PATH_KEYS = ['context', 'dockerfile'];
const SCOPES_BY_PLACE = { top: ['step'], defaults: ['image'], entry: ['image', 'entry'] };
function inputDefinition(name) {
    return INPUTS.find((input) => input.name === name);
}
/** The input keys a place takes, in table order. */
function keysFor(place) {
    return INPUTS.filter((input) => SCOPES_BY_PLACE[place].includes(input.scope)).map((input) => input.name);
}
/** Why a key that names an input does not belong here, and where it does; undefined when it belongs. */
function misplacedInput(place, input) {
    if (SCOPES_BY_PLACE[place].includes(input.scope))
        return undefined;
    switch (input.scope) {
        case 'workflow':
            return input.name === 'github-token'
                ? { problem: 'is never read from a file', fix: "leave the token in the workflow's with: (its default is the job's own token)" }
                : { problem: 'cannot be set in the config file', fix: "set it in the workflow's with: or as a command-line flag" };
        case 'step':
            return {
                problem: 'applies to the whole step, not to one image',
                fix: "set it at the top level of this file or in the workflow's with:",
            };
        case 'entry':
            return { problem: 'names one image', fix: "set it in that image's entry under images:" };
        default:
            return { problem: 'applies to one image', fix: 'set it under defaults: (for every image) or in an entry under images:' };
    }
}
/** `maxSize`, `max_size`, `Max-Size` -> `max-size`. */
function kebab(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/[\s_]+/g, '-')
        .toLowerCase();
}
/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
/**
 * The valid key `key` most likely meant: the same words in kebab case, the one key that ends in it (`args` ->
 * `build-args`), or the nearest by edit distance when that is at most a third of its length (at least 2).
 */
function nearestKey(key, candidates) {
    const wanted = kebab(key);
    if (candidates.includes(wanted))
        return wanted;
    const endingIn = candidates.filter((candidate) => candidate.endsWith(`-${wanted}`));
    if (endingIn.length === 1)
        return endingIn[0];
    let best;
    for (const candidate of candidates) {
        const distance = editDistance(wanted, candidate);
        if (!best || distance < best.distance)
            best = { candidate, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.candidate : undefined;
}

;// CONCATENATED MODULE: ./src/config/source.ts
// The parsed config file as the checks see it: positions of YAML nodes (1-based line and column), aliases
// followed to their anchors, and errors that say where they are.



class ConfigSource {
    file;
    lineCounter;
    doc;
    constructor(file, lineCounter, doc) {
        this.file = file;
        this.lineCounter = lineCounter;
        this.doc = doc;
    }
    positionAt(offset) {
        const { line, col } = this.lineCounter.linePos(offset);
        return { line, column: col };
    }
    /** Where a node starts; the start of the file for one the parser made up (an empty value). */
    position(node) {
        const range = node?.range;
        return range ? this.positionAt(range[0]) : { line: 1, column: 1 };
    }
    /** The node itself, or for an alias (`*name`) the node its anchor marks. */
    resolve(node) {
        return (0,dist/* isAlias */.Vj)(node) ? node.resolve(this.doc) : node;
    }
    error(node, key, problem, fix) {
        return new ConfigError(this.file, this.position(node), key, problem, fix);
    }
}
/** What a node holds, for a message: `a list`, `the number 1.10`, `the text "yes"`. */
function describeNode(node) {
    if ((0,dist/* isMap */.jh)(node))
        return node.items.length === 0 ? 'an empty mapping' : 'a mapping';
    if ((0,dist/* isSeq */.oP)(node))
        return node.items.length === 0 ? 'an empty list' : 'a list';
    if (!(0,dist/* isScalar */.jn)(node) || node.value === null || node.value === undefined)
        return 'nothing';
    if (typeof node.value === 'string')
        return `the text ${JSON.stringify(escape_visible(node.value, 60))}`;
    if (typeof node.value === 'number')
        return `the number ${scalarText(node)}`;
    return escape_visible(scalarText(node), 60);
}
/** A scalar as its text: a string as it is, a number or boolean as it was written (`1.20` stays `1.20`). */
function scalarText(node) {
    if (typeof node.value === 'string')
        return node.value;
    return node.source ?? String(node.value);
}

;// CONCATENATED MODULE: ./src/config/values.ts
// Pure: one value of the config file (a YAML node) -> the text the action input of the same name would hold,
// checked against the type the input table gives it. What the text means is checked later, by getInputs.



/** A build argument's or environment variable's name, as getInputs accepts it. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const EXPECTED = {
    string: 'text',
    boolean: 'true or false',
    integer: 'a whole number',
    size: 'a size: bytes as a whole number, or text with a unit such as 25MB',
    duration: 'a duration with its unit, such as 30s or 800ms',
    fraction: 'a number from 0 to 1, or a percentage such as 95%',
    port: 'a port number',
    choice: 'one of the choices',
    list: 'a list of text, or text',
    map: 'a mapping of KEY: value, a list of KEY=value, or text',
};
/** A value of each type, for the fix in a message. */
const TYPE_EXAMPLE = {
    string: "'some text'",
    boolean: 'true',
    integer: '10',
    size: '25MB',
    duration: '30s',
    fraction: '0.95',
    port: '8080',
    choice: '',
    list: '[linux/amd64, linux/arm64]',
    map: '{ KEY: value }',
};
const SCALAR_KINDS = {
    string: ['string'],
    boolean: ['boolean'],
    integer: ['integer'],
    size: ['integer', 'string'],
    duration: ['string'],
    fraction: ['number', 'string'],
    port: ['integer', 'string'],
};
function isKind(value, kind) {
    return kind === 'integer' ? Number.isInteger(value) : typeof value === kind;
}
function isText(node) {
    return (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string';
}
function wrongType(node, site, expected = EXPECTED[site.input.type]) {
    const name = site.input.name;
    const quote = site.input.type === 'string' && (0,dist/* isScalar */.jn)(node) && !isText(node);
    const fix = quote
        ? `quote it: ${name}: '${escape_visible(scalarText(node), 60)}'`
        : `e.g. ${name}: ${site.input.type === 'choice' ? site.input.choices?.[0] : TYPE_EXAMPLE[site.input.type]}`;
    return site.source.error(node, site.path, `expected ${expected}, got ${describeNode(node)}`, fix);
}
/** The input's text for a value of the file; '' for an empty value (`key:` or `key: null`: the input's default). */
function valueText(node, site) {
    const value = site.source.resolve(node);
    if (value === undefined || value === null || ((0,dist/* isScalar */.jn)(value) && (value.value === null || value.value === undefined)))
        return '';
    const type = site.input.type;
    if (type === 'choice')
        return choiceText(value, site);
    if (type === 'list')
        return listText(value, site);
    if (type === 'map')
        return mapText(value, site);
    if ((0,dist/* isScalar */.jn)(value) && (SCALAR_KINDS[type] ?? []).some((kind) => isKind(value.value, kind)))
        return scalarText(value);
    throw wrongType(value, site);
}
/** One of the input's choices; true and false may be written unquoted. */
function choiceText(node, site) {
    const choices = site.input.choices ?? [];
    if ((0,dist/* isScalar */.jn)(node) && (typeof node.value === 'string' || typeof node.value === 'boolean') && choices.includes(String(node.value)))
        return String(node.value);
    throw wrongType(node, site, `one of ${choices.join(', ')}`);
}
/** A list of text -> one item per line (as the input takes it); text as it is. */
function listText(node, site) {
    if (isText(node))
        return node.value;
    if (!(0,dist/* isSeq */.oP)(node))
        throw wrongType(node, site);
    return textItems(node, site).join('\n');
}
function textItems(seq, site) {
    return seq.items.map((item, index) => {
        const value = site.source.resolve(item);
        if (isText(value))
            return value.value;
        throw site.source.error(value ?? seq, `${site.path}[${index}]`, `expected text, got ${describeNode(value)}`, `e.g. - 'text'`);
    });
}
/** KEY: value pairs or KEY=value items -> one KEY=value per line (as the input takes them); text as it is. */
function mapText(node, site) {
    if (isText(node))
        return node.value;
    if ((0,dist/* isSeq */.oP)(node))
        return textItems(node, site).join('\n');
    if (!(0,dist/* isMap */.jh)(node))
        throw wrongType(node, site);
    return node.items.map((pair) => keyValueLine(pair, site)).join('\n');
}
function keyValueLine(pair, site) {
    const source = site.source;
    const key = source.resolve(pair.key);
    const name = (0,dist/* isScalar */.jn)(key) && key.value !== null ? scalarText(key) : '';
    const path = `${site.path}.${escape_visible(name, 60)}`;
    if (!VARIABLE_NAME.test(name)) {
        const problem = `${JSON.stringify(escape_visible(name, 60))} is not a variable name`;
        throw source.error(key, path, problem, 'start it with a letter or _, then letters, digits, _, . or -');
    }
    const value = source.resolve(pair.value);
    if (value === null || value === undefined || ((0,dist/* isScalar */.jn)(value) && value.value === null))
        return `${name}=`;
    if (!(0,dist/* isScalar */.jn)(value) || typeof value.value === 'object') {
        throw source.error(value, path, `expected a value as text, got ${describeNode(value)}`, `e.g. ${name}: 'value'`);
    }
    const text = scalarText(value);
    if (/[\r\n]/.test(text))
        throw source.error(value, path, 'a value cannot span lines', 'write it on one line');
    return `${name}=${text}`;
}

;// CONCATENATED MODULE: ./src/config/load.ts
// Pure: the config file's text -> the images it lists, each with its values in the action inputs' own text
// form (so getInputs checks them as it checks inputs), or a ConfigError that says where and how to fix it.
//
// The file: optional step-wide keys at the top level, optional `defaults:` for every image, and `images:`, a
// non-empty list of entries. Each entry needs a `name`, unique in the file: the comment and the report list
// images by name. Every other key is the action input of the same name (see inputs/table.ts, `scope`).
// Relative `context` and `dockerfile` paths start at the repository root (see configRoot).







/**
 * The repository root, where the file's relative paths start: the parent of the file's folder when that
 * folder is `.github` (`.github/image-size-gate.yml` -> `.`), else the file's own folder (`ci/gate.yml` -> `ci`).
 */
function configRoot(file) {
    const folder = external_node_path_default().dirname(file);
    return external_node_path_default().basename(folder) === '.github' ? external_node_path_default().dirname(folder) : folder;
}
/** A path from the file, made relative to the working directory; an absolute path as it is. */
function rebase(root, value) {
    return value === '' || external_node_path_default().isAbsolute(value) ? value : external_node_path_default().join(root, value);
}
/** Fixes for the YAML mistakes people make most. */
const YAML_FIXES = {
    DUPLICATE_KEY: 'a key may appear once in a mapping: remove or merge the repeated one',
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    MULTIPLE_DOCS: 'keep the whole config in one YAML document (remove the --- line)',
};
function parseConfig(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false });
    const source = new ConfigSource(file, lineCounter, doc);
    const syntax = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (syntax) {
        const fix = YAML_FIXES[syntax.code] ?? 'correct the YAML here (the line above may be where it starts)';
        throw new ConfigError(file, source.positionAt(syntax.pos[0]), '', `is not valid YAML: ${syntax.message}`, fix);
    }
    const top = source.resolve(doc.contents);
    if (!(0,dist/* isMap */.jh)(top)) {
        const got = describeNode(top);
        throw source.error(top, '', `expected a mapping with an images: list at the top, got ${got}`, 'start with images: and one entry per image');
    }
    const root = configRoot(file);
    const parts = readTop(top, source, root);
    const defaults = readDefaults(parts.defaults, source, root);
    const images = readImages(top, parts.images, source, root);
    return {
        file,
        root,
        step: parts.step.values,
        defaults: defaults.values,
        images,
        positions: { step: parts.step.positions, defaults: defaults.positions },
    };
}
function readTop(top, source, root) {
    const step = { values: {}, positions: {} };
    const parts = { step };
    for (const item of top.items) {
        const pair = item;
        const key = keyText(pair, source, '');
        if (key === 'defaults' || key === 'images')
            parts[key] = pair;
        else
            readInput(pair, key, { place: 'top', prefix: '', block: step, source, root });
    }
    return parts;
}
function readDefaults(pair, source, root) {
    const block = { values: {}, positions: {} };
    const node = source.resolve(pair?.value);
    if (node === undefined || node === null || ((0,dist/* isScalar */.jn)(node) && node.value === null))
        return block;
    if (!(0,dist/* isMap */.jh)(node)) {
        throw source.error(node, 'defaults', `expected a mapping of inputs to values, got ${describeNode(node)}`, 'e.g. defaults: { max-layers: 10 }');
    }
    readBlock(node, { place: 'defaults', prefix: 'defaults', block, source, root });
    return block;
}
function readImages(top, pair, source, root) {
    if (!pair)
        throw source.error(top, '', 'has no images: list', 'add images: with one entry per image, each with a name');
    const node = source.resolve(pair.value);
    if (!(0,dist/* isSeq */.oP)(node) || node.items.length === 0) {
        const at = (0,dist/* isSeq */.oP)(node) || ((0,dist/* isScalar */.jn)(node) && node.value !== null) ? node : pair.key;
        const fix = 'list one entry per image, each starting with - name: ...';
        throw source.error(at, 'images', `expected a list of at least one image, got ${describeNode(node)}`, fix);
    }
    const firstLineByName = new Map();
    return node.items.map((item, index) => {
        const image = readEntry(item, index, source, root);
        const first = firstLineByName.get(image.name);
        if (first !== undefined) {
            const problem = `${JSON.stringify(escape_visible(image.name))} is already the name of the image on line ${first}`;
            throw new ConfigError(source.file, image.positions.name, `images[${index}].name`, problem, 'give each image its own name');
        }
        firstLineByName.set(image.name, image.line);
        return image;
    });
}
function readEntry(item, index, source, root) {
    const prefix = `images[${index}]`;
    const node = source.resolve(item);
    if (!(0,dist/* isMap */.jh)(node)) {
        const fix = 'write each entry as - name: api with its other keys indented below it';
        throw source.error(node ?? item, prefix, `expected a mapping of inputs to values, got ${describeNode(node)}`, fix);
    }
    const block = { values: {}, positions: {} };
    readBlock(node, { place: 'entry', prefix, block, source, root });
    const start = source.position(node);
    checkName(block, prefix, source, start);
    checkBuildOrImage(block, prefix, source);
    return { name: block.values.name.trim(), index, line: start.line, ...block };
}
function checkName(block, prefix, source, start) {
    const name = block.values.name?.trim() ?? '';
    const at = block.positions.name ?? start;
    const why = '(the comment and the report list images by name)';
    if (name === '') {
        const guess = external_node_path_default().basename(block.values.context || block.values.image?.replace(/[:@].*$/, '') || 'api');
        throw new ConfigError(source.file, at, `${prefix}.name`, `an image needs a name ${why}`, `add name: ${escape_visible(guess, 60)}`);
    }
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) {
        throw new ConfigError(source.file, at, `${prefix}.name`, 'contains a control character or line break', 'write the name on one line');
    }
}
function checkBuildOrImage(block, prefix, source) {
    if (!('image' in block.values))
        return;
    const clash = BUILD_KEYS.find((key) => key in block.values);
    if (!clash)
        return;
    const problem = `cannot be combined with image (line ${block.positions.image.line}) in one entry: an entry either builds or gates a built image`;
    const fix = `remove image: to build, or remove ${clash}: to gate the built image`;
    throw new ConfigError(source.file, block.positions[clash], `${prefix}.${clash}`, problem, fix);
}
function readBlock(node, reader) {
    for (const item of node.items) {
        const pair = item;
        readInput(pair, keyText(pair, reader.source, reader.prefix), reader);
    }
}
/** A key as text; a key that is a list, a mapping or empty is refused. */
function keyText(pair, source, prefix) {
    const key = source.resolve(pair.key);
    if ((0,dist/* isScalar */.jn)(key) && key.value !== null && typeof key.value !== 'object')
        return scalarText(key);
    throw source.error(key ?? pair.value, prefix, `expected a key as text, got ${describeNode(key)}`, 'write key: value');
}
function readInput(pair, key, reader) {
    const { place, prefix, block, source, root } = reader;
    const keyPath = prefix ? `${prefix}.${escape_visible(key, 60)}` : escape_visible(key, 60);
    const input = inputDefinition(key);
    if (!input)
        throw unknownKey(pair, keyPath, key, reader);
    const misplaced = misplacedInput(place, input);
    if (misplaced)
        throw source.error(pair.key, keyPath, misplaced.problem, misplaced.fix);
    const text = valueText(pair.value, { source, path: keyPath, input });
    block.values[key] = PATH_KEYS.includes(key) ? rebase(root, text) : text;
    block.positions[key] = source.position(pair.key);
}
function unknownKey(pair, keyPath, key, reader) {
    const candidates = reader.place === 'top' ? [...STRUCTURE_KEYS, ...keysFor('top')] : keysFor(reader.place);
    const near = nearestKey(key, candidates);
    const fix = near ? `did you mean ${near}?` : `the keys here are: ${candidates.join(', ')}`;
    return reader.source.error(pair.key, keyPath, 'unknown key', fix);
}

;// CONCATENATED MODULE: ./src/config/options.ts
// Pure: one image of the config file -> its GateOptions, through the same getInputs as the action inputs.
//
// Precedence, first that has the key wins: the image's entry, the file's `defaults:`, the file's top level
// (step-wide keys only), the action input (or CLI flag), the table's default. An empty value (`key:`) in the
// file counts as set: it stands for the table's default. Two exceptions keep one image's settings from
// leaking into another: `name`, `image` and `tag` come from the entry alone, and an entry that names a built
// `image` takes no build keys (context, dockerfile...) from defaults or inputs.






function fileValue(config, image, name) {
    if (name in image.values)
        return { value: image.values[name], position: image.positions[name], key: `images[${image.index}].${name}` };
    if (name in config.defaults)
        return { value: config.defaults[name], position: config.positions.defaults[name], key: `defaults.${name}` };
    if (name in config.step)
        return { value: config.step[name], position: config.positions.step[name], key: name };
    return undefined;
}
/** Inputs whose action value (or default) never applies to an image of the file. */
function entryOnly(image, name) {
    return inputDefinition(name)?.scope === 'entry' || ('image' in image.values && BUILD_KEYS.includes(name));
}
/**
 * The options for one image of the file. A bad value from the file is a ConfigError at its key; a bad action
 * input is an InputError that also names the image.
 */
function optionsForImage(config, image, actionInput) {
    // The file's value for a key, when the file's value applies to this image.
    const origin = (name) => (entryOnly(image, name) && !(name in image.values) ? undefined : fileValue(config, image, name));
    const read = (name) => origin(name)?.value ?? (entryOnly(image, name) ? '' : actionInput(name));
    try {
        return getInputs(read);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        const from = origin(error.input);
        if (from)
            throw new ConfigError(config.file, from.position, from.key, error.problem, `expected e.g. ${error.example}`);
        throw new InputError(error.input, `${error.problem} (for the image ${escape_visible(image.name, 60)} of ${config.file})`, error.example);
    }
}
/** A step-wide input (comment, report-file, changed-only...): the file's top level, else the action input. */
function stepInput(config, actionInput) {
    return (name) => (name in config.step ? config.step[name] : actionInput(name));
}
/**
 * What the file says about one image, defaults included, in table order: equal between two versions of the
 * file exactly when the image's config entry (as it applies) did not change.
 */
function imageSettings(config, image) {
    const settings = {};
    for (const input of INPUTS) {
        if (input.scope !== 'image' && input.scope !== 'entry')
            continue;
        if (input.name in image.values)
            settings[input.name] = image.values[input.name];
        else if (!entryOnly(image, input.name) && input.name in config.defaults)
            settings[input.name] = config.defaults[input.name];
    }
    return settings;
}

;// CONCATENATED MODULE: ./src/config/changes.ts
// changed-only: which images of the config file a pull request leaves alone. An image is unchanged when no
// file under its context or its Dockerfile differs between the merge base and the head, and its config entry
// (defaults included) says the same in both versions of the file. An image given by reference (`image:`) or
// as an archive (`archive:`) is always gated: nothing in the repository says whether it changed.




/** A path of the working directory as git names it from the repository root. */
function fromRoot(root, file) {
    return external_node_path_default().relative(root, external_node_path_default().resolve(file)) || '.';
}
/** The config file as the merge base had it, or undefined (no file, or one that does not parse). */
async function baseConfig(question) {
    const text = await fileAt(question.root, question.base, fromRoot(question.root, question.config.file));
    if (text === undefined)
        return undefined;
    try {
        return parseConfig(text, question.config.file);
    }
    catch {
        return undefined;
    }
}
function sameSettings(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/** The names of the images changed-only need not rebuild. */
async function unchangedImages(question) {
    const unchanged = new Set();
    const before = await baseConfig(question);
    if (!before)
        return unchanged;
    for (const { image, options } of question.images) {
        if (options.image || options.archive)
            continue;
        const earlier = before.images.find((candidate) => candidate.name === image.name);
        if (!earlier || !sameSettings(imageSettings(before, earlier), imageSettings(question.config, image)))
            continue;
        const dockerfile = options.dockerfile ?? external_node_path_default().join(options.context, 'Dockerfile');
        const paths = [fromRoot(question.root, options.context), fromRoot(question.root, dockerfile)];
        if (!(await pathsChanged(question.root, question.base, question.head, paths)))
            unchanged.add(image.name);
    }
    return unchanged;
}

;// CONCATENATED MODULE: ./src/gate/multi.ts
// Several images in one step, from a config file: every entry is validated before anything is built, then
// each image is gated in turn (one engine, one smoke test at a time, so start-up times stay honest), or, with
// changed-only on a pull request, carried forward unbuilt when nothing it is built from changed.









/** Every image's options, each validated: a mistake anywhere in the file stops the run before any build. */
function configuredImages(config, actionInput) {
    return config.images.map((image) => ({ image, options: optionsForImage(config, image, actionInput) }));
}
/** The log of one image's work: its groups carry its name, since groups cannot nest. */
function imageLog(log, name) {
    return { ...log, group: (title, work) => log.group(`${name}: ${title}`, work) };
}
async function runConfiguredGates(config, images, actionInput, deps) {
    const { log } = deps.gate;
    const changedOnly = parseBoolean('changed-only', stepInput(config, actionInput)('changed-only') || 'false');
    const unchanged = changedOnly ? await findUnchanged(config, images, deps, log) : undefined;
    const outcomes = [];
    for (const [index, { image, options }] of images.entries()) {
        log.info(`Image ${index + 1} of ${images.length}: ${image.name}`);
        if (unchanged?.images.has(image.name)) {
            outcomes.push({ name: image.name, unchanged: await carriedForward(options, unchanged.mergeBase, deps, log) });
            continue;
        }
        try {
            const history = await deps.historyFor?.(options);
            const report = await runGate(options, { ...deps.gate, log: imageLog(log, image.name), history });
            outcomes.push({ name: image.name, report });
        }
        catch (error) {
            if (!(error instanceof errors_GateError))
                throw error;
            log.warning(`${image.name}: ${error.message}`);
            outcomes.push({ name: image.name, error: error.message });
        }
    }
    const failing = (outcome) => 'error' in outcome ||
        ('report' in outcome && !outcome.report.passed) ||
        ('unchanged' in outcome && (outcome.unchanged.checks ?? []).some((check) => check.verdict === 'fail'));
    return { outcomes, passed: !outcomes.some(failing), unjudged: outcomes.some((outcome) => 'error' in outcome) };
}
/** The images changed-only does not rebuild, and the merge base they are unchanged since. */
async function findUnchanged(config, images, deps, log) {
    const changes = deps.changes;
    if (!changes) {
        log.info('changed-only applies to pull requests: every image is gated');
        return undefined;
    }
    const mergeBase = await changes.mergeBase().catch(() => undefined);
    if (!mergeBase) {
        log.warning('changed-only: the merge base of the pull request could not be found, so every image is gated');
        return undefined;
    }
    const found = await unchangedImages({ root: changes.root, base: mergeBase, head: changes.head, config, images });
    log.info(`changed-only: ${found.size} of ${images.length} image(s) unchanged since the merge base ${mergeBase.slice(0, 12)}` +
        (found.size > 0 ? ` (${[...found].join(', ')}): not rebuilt` : ''));
    return { images: found, mergeBase };
}
/** An unchanged image's row: the merge base's recorded figures when the history has them, held to its budgets. */
async function carriedForward(options, mergeBase, deps, log) {
    const maxSize = options.budgets.maxSize;
    const budget = maxSize ? units_formatBytes(maxSize.bytes, unitSystemOf(maxSize.unit)) : undefined;
    const settings = await deps.historyFor?.(options);
    if (!settings)
        return { budget };
    const name = options.name ?? '';
    const read = await readHistory(settings, name, log, mergeBase);
    const [first, ...others] = [...(read?.baseline ?? [])].sort((a, b) => runnerFirst(a.platform) - runnerFirst(b.platform));
    if (!first)
        return { budget };
    const figures = (record) => ({
        platform: record.platform,
        sizeBytes: record.figures.size,
        compressedSizeBytes: record.figures['compressed-size'],
    });
    return {
        ...figures(first),
        recordedCommit: mergeBase,
        budget,
        otherPlatforms: others.map(figures),
        checks: [first, ...others].flatMap((record) => carriedChecks({ sizeBytes: record.figures.size, compressedSizeBytes: record.figures['compressed-size'], layerCount: record.figures.layers }, options.budgets).map((check) => (others.length > 0 ? { ...check, label: `${record.platform}: ${check.label}` } : check))),
    };
}
/** 0 for the runner's own platform (listed first), 1 for the others. */
function runnerFirst(platform) {
    const arch = { x64: 'amd64', arm64: 'arm64', arm: 'arm' }[process.arch] ?? process.arch;
    return platform === `linux/${arch}` || platform.startsWith(`linux/${arch}/`) ? 0 : 1;
}
function multiReport(file, run, schemaVersion) {
    return {
        schemaVersion,
        config: external_node_path_default().normalize(file),
        passed: run.passed,
        images: run.outcomes.map((outcome) => 'report' in outcome
            ? { name: outcome.name, status: 'gated', report: outcome.report }
            : 'unchanged' in outcome
                ? { name: outcome.name, status: 'unchanged', unchanged: outcome.unchanged }
                : { name: outcome.name, status: 'error', error: outcome.error }),
    };
}

;// CONCATENATED MODULE: ./src/config/find.ts
// Finding the config file a run uses (the config input's, else the default one when it exists) and reading it.



/** The config file used when the config input is not given, if it exists. */
const DEFAULT_CONFIG_FILE = '.github/image-size-gate.yml';
/** The config file to read: the input's (which must exist), else the default one when it exists, else none. */
async function findConfigFile(configInput) {
    const exists = (file) => (0,promises_namespaceObject.access)(file).then(() => true, () => false);
    if (configInput) {
        if (!(await exists(configInput)))
            throw new InputError('config', `"${configInput}" does not exist or cannot be read`, DEFAULT_CONFIG_FILE);
        return configInput;
    }
    return (await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined;
}
async function loadConfig(file) {
    return parseConfig(await (0,promises_namespaceObject.readFile)(file, 'utf8'), file);
}

;// CONCATENATED MODULE: ./src/report/baseline.ts






const baseline_VERDICT_MARK = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: '' };
/** The summary shows this many changed layers; the comment as many as fit. */
const SUMMARY_LAYER_CHANGE_ROWS = 30;
/** The summary shows this many changed packages; the comment as many as fit. */
const SUMMARY_PACKAGE_CHANGE_ROWS = 30;
const LAYER_CHANGE_HEADER = (/* unused pure expression or super */ null && (['| | Layer | Base | This PR | Change |', '| --- | --- | ---: | ---: | ---: |']));
function formatFigure(value, unit) {
    if (value === undefined)
        return '—';
    switch (unit) {
        case 'bytes':
            return formatBytes(value);
        case 'ms':
            return formatDurationMs(value);
        case 'fraction':
            return formatPercent(value);
        default:
            return formatInteger(value);
    }
}
function formatChange(delta) {
    if (delta.change === undefined)
        return '—';
    const ratio = delta.ratio === undefined ? '' : ` (${formatSignedPercent(delta.ratio)})`;
    switch (delta.unit) {
        case 'bytes':
            return `${formatBytesDelta(delta.change)}${ratio}`;
        case 'ms':
            return `${delta.change >= 0 ? '+' : '-'}${formatDurationMs(Math.abs(delta.change))}`;
        case 'fraction':
            return `${delta.change >= 0 ? '+' : ''}${(delta.change * 100).toFixed(2)} points`;
        default:
            return `${delta.change > 0 ? '+' : ''}${formatInteger(delta.change)}`;
    }
}
/** The uncompressed size against the baseline, when there is one. */
function baseline_baselineSizeFigure(report) {
    return report.baseline?.figures.find((figure) => figure.id === 'size');
}
/** A commit sha cut to 7 characters; an image reference as it is. */
function baseline_shortRef(reference) {
    return /^[0-9a-f]{40}$/.test(reference) ? reference.slice(0, 7) : reference;
}
/** Every figure against the baseline, then the checks that have no baseline figure. */
function figuresTable(report, headSha) {
    const baseline = report.baseline;
    const checksById = new Map(report.checks.map((check) => [check.id, check]));
    const recorded = baseline?.source === 'record' ? ', recorded' : '';
    const baseHeader = baseline ? `Base (\`${escapeMarkdownInline(baseline_shortRef(baseline.reference))}\`${recorded})` : 'Base';
    // "PR" only where there is one: a baseline built from the base commit exists only on pull requests.
    const onPullRequest = baseline?.source === 'base-commit' || baseline?.source === 'record';
    const headHeader = headSha ? `This PR (\`${headSha.slice(0, 7)}\`)` : onPullRequest ? 'This PR' : 'This image';
    const rows = ['| | ' + baseHeader + ' | ' + headHeader + ' | Change | Budget | |', '| --- | ---: | ---: | ---: | --- | :---: |'];
    const shown = new Set();
    for (const figure of baseline?.figures ?? []) {
        const check = checksById.get(figure.id);
        shown.add(figure.id);
        rows.push(`| ${figure.label} | ${formatFigure(figure.base, figure.unit)} | ${formatFigure(figure.head, figure.unit)} | ${formatChange(figure)} | ${escapeMarkdownInline(check?.budget || '—')} | ${check ? baseline_VERDICT_MARK[check.verdict] : ''} |`);
    }
    for (const check of report.checks) {
        if (shown.has(check.id))
            continue;
        const change = check.id === 'increase' ? check.measured : '';
        const measured = check.id === 'increase' ? '' : check.measured;
        rows.push(`| ${check.label} | | ${escapeMarkdownInline(measured || '—')} | ${escapeMarkdownInline(change)} | ${escapeMarkdownInline(check.budget || '—')} | ${baseline_VERDICT_MARK[check.verdict]} |`);
    }
    return rows;
}
function layerChangeRow(change) {
    const what = escapeMarkdownInline(clipCreatedBy(change.createdBy));
    const where = change.line ? `line ${change.line}: ` : '';
    const kind = { added: '🆕 appeared', removed: '🗑️ vanished', grew: '📈 grew', shrank: '📉 shrank' }[change.kind];
    return `| ${kind} | ${where}${what} | ${change.baseBytes === undefined ? '—' : formatBytes(change.baseBytes)} | ${change.headBytes === undefined ? '—' : formatBytes(change.headBytes)} | ${formatBytesDelta(change.changeBytes)} |`;
}
function noBaselineLine(report) {
    return `_No baseline: ${escapeMarkdownInline(report.noBaselineReason ?? 'none configured')}._`;
}
/** Where the baseline came from, in words: the base commit built now, the history's record, or an image. */
function baselineSource(baseline) {
    if (baseline.source === 'base-commit')
        return `the base commit \`${baseline_shortRef(baseline.reference)}\``;
    if (baseline.source === 'image')
        return `\`${escapeMarkdownInline(baseline.reference)}\``;
    const when = baseline.recordedAt ? ` on ${baseline.recordedAt.slice(0, 10)}` : '';
    const run = baseline.recordRunUrl && /^https?:\/\/[^\s()<>]+$/.test(baseline.recordRunUrl) ? `; [recording run](${baseline.recordRunUrl})` : '';
    const store = baseline.recordImageStore ? ` on the ${baseline.recordImageStore} image store` : '';
    return `the merge base \`${baseline_shortRef(baseline.reference)}\` as recorded${when}${store} (no baseline build${run})`;
}
/** The files and directories that changed most, when both sides' byte maps are known. */
function fileChangeSection(report, maxRows = Infinity) {
    const changes = (report.baseline?.fileChanges ?? []).slice(0, maxRows);
    if (changes.length === 0)
        return [];
    return ['', '**Which files changed most**', '', ...fileChangesLines(changes)];
}
/** The baseline comparison for the job summary: the same table as the comment. */
function renderBaselineSection(report) {
    if (!report.baseline)
        return noBaselineLine(report);
    const how = baselineSource(report.baseline);
    const timing = report.baseline.buildMs !== undefined
        ? ` (built in ${formatDurationMs(report.baseline.buildMs)}, ${formatDurationMs(report.baseline.totalMs ?? 0)} with its measurement)`
        : '';
    const changes = report.baseline.layerChanges ?? [];
    return [
        `### Against the baseline: ${how}${timing}`,
        '',
        ...figuresTable(report),
        ...fileChangeSection(report),
        ...packageChangeSection(report.baseline.packageChanges, SUMMARY_PACKAGE_CHANGE_ROWS),
        ...(changes.length > 0 ? ['', ...LAYER_CHANGE_HEADER, ...changes.slice(0, SUMMARY_LAYER_CHANGE_ROWS).map(layerChangeRow)] : []),
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/multi-rows.ts




const IMAGE_TABLE_HEADER = (/* unused pure expression or super */ null && ([
    '| Image | Platform | Size | Change | Compressed | Budget | |',
    '| --- | --- | ---: | ---: | ---: | --- | :---: |',
]));
function imageTableRow(row) {
    return `| ${row.image} | ${row.platform} | ${row.size} | ${row.change} | ${row.compressed} | ${row.budget} | ${row.mark} |`;
}
/** Failing: a budget failed or the image could not be judged. Unchanged: not rebuilt, or rebuilt to the same size. */
function imageGroup(outcome) {
    if ('error' in outcome)
        return 'failing';
    if ('unchanged' in outcome)
        return (outcome.unchanged.checks ?? []).some((check) => check.verdict === 'fail') ? 'failing' : 'unchanged';
    if (!outcome.report.passed)
        return 'failing';
    return sizeChanges(outcome.report).every((change) => change === 0) ? 'unchanged' : 'changed';
}
/** Every platform's size change against the baseline (undefined where there is none). */
function sizeChanges(report) {
    if (!report.platforms)
        return [baseline_baselineSizeFigure(report)?.change];
    return report.platforms.map((platform) => platform.baselineSizeBytes === undefined ? undefined : platform.sizeBytes - platform.baselineSizeBytes);
}
/** The outcomes in the comment's order: failing, changed, unchanged; the given order within each group. */
function orderedOutcomes(outcomes) {
    const order = ['failing', 'changed', 'unchanged'];
    return order.flatMap((group) => outcomes.filter((outcome) => imageGroup(outcome) === group));
}
const bytesOrDash = (bytes) => (bytes === undefined ? '—' : formatBytes(bytes));
function changeText(sizeBytes, baseBytes) {
    if (baseBytes === undefined)
        return '—';
    const change = sizeBytes - baseBytes;
    return baseBytes === 0 || change === 0
        ? formatBytesDelta(change)
        : `${formatBytesDelta(change)} (${formatSignedPercent(change / baseBytes)})`;
}
/** The mark of a set of checks: ❌ when one failed, ⚠️ when one was accepted over budget, else ✅. */
function checksMark(checks) {
    if (checks.some((check) => check.verdict === 'fail'))
        return VERDICT_MARK.fail;
    return checks.some((check) => check.verdict === 'warn') ? VERDICT_MARK.warn : VERDICT_MARK.pass;
}
/** The max-size budget of a platform's checks ('—' without one). */
function sizeBudget(checks) {
    return escapeMarkdownInline(checks.find((check) => check.id === 'size')?.budget || '—');
}
function reportRows(name, report) {
    if (!report.platforms) {
        return [
            {
                image: name,
                platform: escapeMarkdownInline(report.image.platform),
                size: formatBytes(report.image.sizeBytes),
                change: changeText(report.image.sizeBytes, baselineSizeFigure(report)?.base),
                compressed: bytesOrDash(report.image.compressedSizeBytes ?? report.analysis?.compressedSizeBytes),
                budget: sizeBudget(report.checks),
                mark: checksMark(report.checks),
            },
        ];
    }
    return report.platforms.map((platform) => {
        const checks = report.checks.filter((check) => check.label.startsWith(`${platform.platform}: `));
        return {
            image: name,
            platform: escapeMarkdownInline(platform.platform),
            size: formatBytes(platform.sizeBytes),
            change: changeText(platform.sizeBytes, platform.baselineSizeBytes),
            compressed: bytesOrDash(platform.compressedSizeBytes),
            budget: sizeBudget(checks),
            mark: platform.passed ? checksMark(checks) : VERDICT_MARK.fail,
        };
    });
}
function unchangedRows(name, unchanged) {
    const recorded = unchanged.recordedCommit ? ` (as recorded at \`${escapeMarkdownInline(shortRef(unchanged.recordedCommit))}\`)` : '';
    return [unchanged, ...(unchanged.otherPlatforms ?? [])].map((figures) => ({
        image: name,
        platform: figures.platform ? escapeMarkdownInline(figures.platform) : '—',
        size: bytesOrDash(figures.sizeBytes),
        change: `unchanged, not rebuilt${figures.sizeBytes === undefined ? '' : recorded}`,
        compressed: bytesOrDash(figures.compressedSizeBytes),
        budget: escapeMarkdownInline(unchanged.budget || '—'),
        mark: (unchanged.checks ?? []).some((check) => check.verdict === 'fail') ? VERDICT_MARK.fail : VERDICT_MARK.skip,
    }));
}
/** The rows of one image: one per platform (one for an image that could not be judged). */
function imageRows(outcome) {
    const name = `**${escapeMarkdownInline(outcome.name)}**`;
    if ('report' in outcome)
        return reportRows(name, outcome.report);
    if ('unchanged' in outcome)
        return unchangedRows(name, outcome.unchanged);
    const dash = '—';
    return [
        { image: name, platform: dash, size: dash, change: 'could not be judged', compressed: dash, budget: dash, mark: VERDICT_MARK.fail },
    ];
}

;// CONCATENATED MODULE: ./src/cli/multi.ts







const WORD = { failing: 'FAIL', changed: 'PASS', unchanged: 'PASS' };
/** Pure: one line per image and platform, failing images first. */
function renderMultiTerminal(outcomes) {
    const rows = [['', 'image', 'platform', 'size', 'change', 'budget']];
    for (const outcome of orderedOutcomes(outcomes)) {
        const name = visibleControlChars(outcome.name);
        const word = WORD[imageGroup(outcome)];
        if ('error' in outcome)
            rows.push([word, name, '-', '-', 'could not be judged', '-']);
        else if ('unchanged' in outcome) {
            const size = outcome.unchanged.sizeBytes;
            rows.push([
                word,
                name,
                outcome.unchanged.platform ?? '-',
                size === undefined ? '-' : units_formatBytes(size),
                'unchanged',
                outcome.unchanged.budget ?? '-',
            ]);
        }
        else {
            const report = outcome.report;
            const platforms = report.platforms ?? [
                {
                    platform: report.image.platform,
                    sizeBytes: report.image.sizeBytes,
                    passed: report.passed,
                    baselineSizeBytes: report.baseline?.figures.find((f) => f.id === 'size')?.base,
                },
            ];
            const budget = report.checks.find((check) => check.id === 'size')?.budget || '-';
            for (const platform of platforms) {
                const change = platform.baselineSizeBytes === undefined ? '-' : units_formatBytesDelta(platform.sizeBytes - platform.baselineSizeBytes);
                rows.push([platform.passed ? 'PASS' : 'FAIL', name, platform.platform, units_formatBytes(platform.sizeBytes), change, budget]);
            }
        }
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const lines = rows.map((row) => row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd());
    const failed = outcomes.filter((outcome) => imageGroup(outcome) === 'failing');
    const verdict = failed.length > 0
        ? `image-size-gate: ${failed.length} of ${outcomes.length} images FAILED`
        : `image-size-gate: all ${outcomes.length} images PASSED`;
    const errors = outcomes.flatMap((outcome) => 'error' in outcome ? [`${visibleControlChars(outcome.name)}: ${visibleControlChars(outcome.error)}`] : []);
    return [verdict, '', ...lines, ...(errors.length > 0 ? ['', ...errors] : []), ''].join('\n');
}
/** Gates every image of the file; returns the exit code. */
async function runConfigFromCli(file, input, deps, json, out) {
    const config = await loadConfig(file);
    const images = configuredImages(config, input);
    const run = await runConfiguredGates(config, images, input, { gate: deps });
    const report = multiReport(file, run, REPORT_SCHEMA_VERSION);
    const reportFile = images[0].options.reportFile;
    if (reportFile)
        await writeReportFile(report, reportFile);
    out(json ? JSON.stringify(report, null, 2) + '\n' : renderMultiTerminal(run.outcomes));
    return run.unjudged ? 2 : run.passed ? 0 : 1;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The CLI entry: the same engine as the action, flags named as the inputs, a terminal report.
// Exit codes: 0 every budget passed; 1 the image was measured and a budget failed; 2 the gate could not
// judge the image (bad flag, no Docker engine, failed build, missing image).

















const EXIT_PASSED = 0;
const EXIT_BUDGET_FAILED = 1;
const EXIT_CANNOT_JUDGE = 2;
/** Inputs that make no sense on a developer's machine. */
const ACTION_ONLY_INPUTS = new Set([
    'github-token',
    'comment',
    'allow-increase-label',
    'history-branch',
    'history-branches',
    'changed-only',
]);
const MULTI_LINE_INPUTS = new Set(['build-args', 'smoke-env']);
const CLI_INPUTS = INPUTS.filter((input) => !ACTION_ONLY_INPUTS.has(input.name));
function helpText() {
    const width = Math.max(...CLI_INPUTS.map((input) => input.name.length)) + 4;
    const lines = [
        'Usage: image-size-gate [options] [context]',
        '       image-size-gate history [--branch B] [--name NAME] (the recorded sizes; see history --help)',
        '',
        'Builds the Dockerfile in the context (or takes --image), measures the image, smoke-tests it hardened,',
        'and checks the budgets. The same engine as the image-size-gate GitHub Action; flags are named as its inputs.',
        '',
        'Options:',
        ...CLI_INPUTS.map((input) => {
            const flag = `--${input.name}`.padEnd(width + 2);
            const fallback = input.default ? ` (default: ${input.default})` : '';
            return `  ${flag} ${input.description}${fallback}`;
        }),
        `  ${'--json'.padEnd(width + 2)} Print the JSON report instead of the table.`,
        `  ${'--quiet'.padEnd(width + 2)} Do not echo the build log.`,
        `  ${'--help'.padEnd(width + 2)} Show this help.`,
        `  ${'--version'.padEnd(width + 2)} Show the version.`,
        '',
        'Exit codes: 0 every budget passed; 1 a budget failed; 2 the gate could not judge the image (bad flag,',
        'no Docker engine, failed build, missing image).',
        '',
        'Example: image-size-gate --max-size 25MB --max-startup-time 1s examples/go-scratch',
        '',
    ];
    return lines.join('\n');
}
/** The parsed command line, or the exit code to end with (a bad flag, --help, --version). */
function parseCommandLine(argv) {
    let values;
    let positionals;
    try {
        const options = {
            json: { type: 'boolean' },
            quiet: { type: 'boolean' },
            help: { type: 'boolean' },
            version: { type: 'boolean' },
        };
        // Multi-line inputs may be given as one flag per line: --build-args A=1 --build-args B=2.
        for (const input of CLI_INPUTS)
            options[input.name] = { type: 'string', multiple: MULTI_LINE_INPUTS.has(input.name) };
        const parsed = (0,external_node_util_namespaceObject.parseArgs)({ args: argv, options, allowPositionals: true, strict: true });
        values = parsed.values;
        positionals = parsed.positionals;
    }
    catch (error) {
        say(`image-size-gate: ${error.message}`);
        say('Run image-size-gate --help for the flags.');
        return EXIT_CANNOT_JUDGE;
    }
    if (values.help) {
        process.stdout.write(helpText());
        return EXIT_PASSED;
    }
    if (values.version) {
        process.stdout.write(`${VERSION}\n`);
        return EXIT_PASSED;
    }
    if (positionals.length > 1) {
        process.stderr.write(`image-size-gate: expected at most one context directory, got ${positionals.length}: ${positionals.join(' ')}\n`);
        return EXIT_CANNOT_JUDGE;
    }
    if (positionals.length === 1 && values.context !== undefined) {
        process.stderr.write('image-size-gate: give the context either as --context or as the argument, not both\n');
        return EXIT_CANNOT_JUDGE;
    }
    return { values, positionals };
}
async function main(argv) {
    if (argv[0] === 'history')
        return historyCommand(argv.slice(1), (text) => process.stdout.write(text), say);
    const commandLine = parseCommandLine(argv);
    if (typeof commandLine === 'number')
        return commandLine;
    const { values, positionals } = commandLine;
    const docker = new Docker();
    const guard = installCancelGuard(docker, (signal) => {
        process.stderr.write(`image-size-gate: cancelled (${signal}); removed its smoke container\n`);
        process.exit(130);
    });
    // The CLI has no post step: a run killed outright (SIGKILL) leaves its containers to the next run on this host.
    const orphans = removeOrphans(docker);
    try {
        const input = (name) => {
            if (name === 'context' && positionals.length === 1)
                return positionals[0];
            const value = values[name];
            if (Array.isArray(value))
                return value.join('\n');
            return typeof value === 'string' ? value : '';
        };
        const deps = {
            docker,
            log: terminalLog(Boolean(values.quiet)),
            onSmokeContainer: (name) => guard.track(name),
            onWorktree: (root, directory) => guard.trackWorktree(root, directory),
        };
        // The default config file applies when nothing names one image (no context, no --image, no --archive).
        const namesOneImage = positionals.length > 0 || Boolean(values.context) || Boolean(values.image) || Boolean(values.archive);
        const configFile = input('config') || !namesOneImage ? await findConfigFile(input('config')) : undefined;
        if (configFile)
            return await runConfigFromCli(configFile, input, deps, Boolean(values.json), (text) => process.stdout.write(text));
        const options = getInputs(input);
        const report = await runGate(options, deps);
        if (options.reportFile)
            await writeReportFile(report, options.reportFile);
        process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : renderTerminal(report));
        return report.passed ? EXIT_PASSED : EXIT_BUDGET_FAILED;
    }
    catch (error) {
        if (error instanceof ConfigError) {
            say(`image-size-gate: ${error.message}`);
            return EXIT_CANNOT_JUDGE;
        }
        if (error instanceof InputError) {
            say(`image-size-gate: --${error.message.replace(/^input /, '')}`);
            return EXIT_CANNOT_JUDGE;
        }
        if (error instanceof errors_GateError) {
            // The failing build step's output was streamed just above, unless --quiet kept the log back.
            if (values.quiet)
                for (const line of error.details)
                    say(`  | ${line.replace(CSI_SEQUENCE, '')}`);
            say(`image-size-gate: ${error.message}`);
            return EXIT_CANNOT_JUDGE;
        }
        for (const line of `image-size-gate: unexpected error: ${error.stack ?? String(error)}`.split('\n'))
            say(line);
        return EXIT_CANNOT_JUDGE;
    }
    finally {
        await orphans;
        guard.dispose();
    }
}
/** Removes, alongside the run, the containers of killed runs on this host, and says so in one line. */
async function removeOrphans(docker) {
    const removed = await removeOrphanedContainers(docker).catch(() => []);
    if (removed.length === 0)
        return;
    const pids = [...new Set(removed.map((orphan) => orphan.pid))].join(', ');
    process.stderr.write(`image-size-gate: removed ${removed.length} container(s) left by killed earlier runs (pid ${pids})\n`);
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
__webpack_unused_export__ = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
