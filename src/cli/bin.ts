#!/usr/bin/env node
/**
 * Entry point of the `piao` command. Node's compile cache (Node >= 22.1) first, so that the CLI
 * bundle loaded next is compiled once and then read from the cache at every later start; on
 * Node 20 the bundle is simply compiled at each start.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { run } = (await import(new URL('./piao.js', import.meta.url).href)) as typeof import('./run.js');
process.exitCode = await run(process.argv.slice(2));
