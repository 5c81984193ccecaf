// Loaded with `node --import` into a benchmarked child process: prints its peak resident memory on exit.
process.on('exit', () => process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\n`));
