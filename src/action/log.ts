// The action's log: messages as single visible lines, groups, and untrusted text (build output, container logs)
// inside ::stop-commands:: blocks, so that no byte a pull request controls can issue a workflow command.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { lineBatch } from '../common/line-batch.js';
import { GateLog, UntrustedStream } from '../common/log.js';
import { visibleControlChars } from '../common/escape.js';

/**
 * Writes lines to the log with workflow commands switched off around them. The runner splits lines at a bare CR
 * too; such a piece is written as a line of its own here, so what the runner reads is what was written.
 */
function untrustedStream(onEnd: () => void): UntrustedStream {
  const token = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${token}\n`);
  const batch = lineBatch((text) => process.stdout.write(text));
  let ended = false;
  return {
    line: (text) => {
      // Nothing may follow the end of the block: a line that comes too late is dropped, not written outside it.
      if (ended) return;
      if (/[\r\n]/.test(text)) for (const part of text.split(/\r\n|\r|\n/)) batch.add(part);
      else batch.add(text);
    },
    end: () => {
      if (ended) return;
      ended = true;
      batch.flush();
      process.stdout.write(`::${token}::\n`);
      onEnd();
    },
  };
}

export interface ActionLog extends GateLog {
  /** Ends every untrusted block still open (a cancelled run), so that the commands written next take effect. */
  endUntrustedBlocks(): void;
}

/**
 * The action's log. Every message may carry text from the image or the build (a user, a path, docker's error
 * line), so each is made one visible line: no byte of it can start a workflow command.
 */
export function createActionLog(): ActionLog {
  const openBlocks = new Set<UntrustedStream>();
  return {
    info: (message) => core.info(visibleControlChars(message)),
    warning: (message) => core.warning(visibleControlChars(message)),
    group: (name, work) => core.group(visibleControlChars(name), work),
    untrusted: () => {
      const stream = untrustedStream(() => openBlocks.delete(stream));
      openBlocks.add(stream);
      return stream;
    },
    endUntrustedBlocks: () => {
      for (const stream of openBlocks) stream.end();
    },
  };
}
