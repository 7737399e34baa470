/**
 * PIAO_TRACE=1 prints when each stage ends to standard error, as clock time in milliseconds
 * (modulo 1000 s). For profiling; off by default.
 */
export function trace(stage: string): void {
  if (process.env.PIAO_TRACE) process.stderr.write(`[piao ${Math.round(performance.timeOrigin + performance.now()) % 1e6} ms] ${stage}\n`);
}
