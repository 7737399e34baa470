/**
 * PIAO_TRACE=1 prints when each stage ends, in milliseconds since the process started, to
 * standard error (the PDF process's lines start with "pdf:"). For profiling; off by default.
 */
const on = !!process.env.PIAO_TRACE;

export function trace(stage: string): void {
  if (on) process.stderr.write(`[piao ${Math.round(performance.timeOrigin + performance.now()) % 1e6} ms] ${stage}\n`);
}
