/**
 * PIAO_TRACE=1 prints when each stage ends to standard error, as clock time in milliseconds
 * (modulo 1000 s), comparable between the CLI and its PDF process (whose lines start with
 * "pdf:"). For profiling; off by default. The variable is read at each call: the PDF process
 * may start from a snapshot made before its environment existed.
 */
export function trace(stage: string): void {
  if (process.env.PIAO_TRACE) process.stderr.write(`[piao ${Math.round(performance.timeOrigin + performance.now()) % 1e6} ms] ${stage}\n`);
}
