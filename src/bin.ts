#!/usr/bin/env node
/**
 * Entry point of the `piao` command. When the arguments ask for a PDF, its process starts first
 * (pdf-process.ts); then the CLI bundle is loaded (see code-cache.ts) and run.
 */
import { loadBundle } from './code-cache.js';
import { startEarly } from './pdf-process.js';

const args = process.argv.slice(2);
const early = startEarly(args);
const { main } = loadBundle('piao.cjs') as typeof import('./main.js');
process.exitCode = await main(args, early);
