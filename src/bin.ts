#!/usr/bin/env node
/** Entry point of the `piao` command: runs the CLI and sets the exit code. */
import { startEarly, takeEarly } from './pdf-process.js';

const args = process.argv.slice(2);
// When `piao build` will write a PDF, its process starts now, before the CLI itself is loaded.
startEarly(args);
const { run } = await import('./cli.js');
process.exitCode = await run(args);
takeEarly()?.kill(); // started for a command that ended before asking for it
