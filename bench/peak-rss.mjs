// Preloaded into a benchmarked Node process (node --import bench/peak-rss.mjs ...): prints its peak resident
// set size to stderr as it exits, so a benchmark can read the figure of the process itself.
//
// On Linux the figure is VmHWM, the high-water mark of this process's own memory. getrusage's maxRSS is not:
// Linux carries it over from the parent through fork and exec, so a child of a benchmark that holds 600 MB
// would report 600 MB however little it used itself.
import { readFileSync } from 'node:fs';

function peakRssKb() {
  try {
    const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line) return Number(line[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => process.stderr.write(`peak-rss-kb ${peakRssKb()}\n`));
