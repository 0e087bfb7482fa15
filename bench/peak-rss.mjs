// Preloaded into a benchmarked Node process (node --import bench/peak-rss.mjs ...): prints its peak resident
// set size to stderr as it exits, so a benchmark can read the figure of the process itself.
process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
