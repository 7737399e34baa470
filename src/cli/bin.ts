#!/usr/bin/env node
/**
 * Entry point of the `piao` command. Node's compile cache (Node >= 22.1) first, so that the CLI
 * bundle loaded next is compiled once and then read from the cache at every later start; on
 * Node 20 the bundle is simply compiled at each start.
 * `main` (run.ts) then runs the command as a process: exit code, signals, broken output.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = (await import(new URL('./piao.js', import.meta.url).href)) as typeof import('./run.js');
await main(process.argv.slice(2));
