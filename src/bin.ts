#!/usr/bin/env node
/** Entry point of the `piao` command: loads the CLI bundle (see code-cache.ts), runs it and sets the exit code. */
import { loadBundle } from './code-cache.js';

const { main } = loadBundle('piao.cjs') as typeof import('./main.js');
process.exitCode = await main(process.argv.slice(2));
