/**
 * Preloaded into the measured CLI process with `node --require <this file>`: at exit it appends
 * (one JSON line per process; a child process the CLI might start inherits the preload) the
 * kernel's peak resident set size of the process (getrusage ru_maxrss, via process.resourceUsage)
 * and its CPU times to the file named by PIAO_BENCH_RSS_FILE. Nothing else is touched, so the
 * cost is one tiny module load (well under 1 ms).
 */
const { appendFileSync } = require('node:fs');

const file = process.env.PIAO_BENCH_RSS_FILE;
if (file) {
  process.on('exit', (code) => {
    const ru = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({
        pid: process.pid,
        maxRssKiB: ru.maxRSS,
        userMs: ru.userCPUTime / 1000,
        systemMs: ru.systemCPUTime / 1000,
        uptimeMs: process.uptime() * 1000,
        code,
      })}\n`,
    );
  });
}
