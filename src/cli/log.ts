// The CLI's log, to standard error: every line with its control characters shown (text from the image must not
// drive the terminal), build output indented and batched, colour sequences from the build dropped.
import { lineBatch } from '../common/line-batch.js';
import { GateLog } from '../common/log.js';
import { visibleControlChars } from '../common/escape.js';

/** One line to the terminal, its control characters shown: text from the image must not drive the terminal. */
export function say(line: string): void {
  process.stderr.write(`${visibleControlChars(line)}\n`);
}

/** Colour and cursor sequences (CSI) in build output: dropped rather than shown, to keep the log readable. */
export const CSI_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function terminalLog(quiet: boolean): GateLog {
  // Build output is written in batches; anything else first lets the batch out, to keep the order.
  const batch = lineBatch((text) => process.stderr.write(text));
  const sayNow = (line: string) => {
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
        if (!quiet) batch.add(visibleControlChars(`  | ${text.replace(CSI_SEQUENCE, '')}`));
      },
      end: () => batch.flush(),
    }),
  };
}
