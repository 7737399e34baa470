/** The CLI as one function: what dist/bin.js runs, once the bundle is loaded. */
import { startEarly, takeEarly } from './pdf-process.js';

export async function main(args: string[]): Promise<number> {
  // When `piao build` will write a PDF, its process starts now, before the CLI itself is loaded.
  startEarly(args);
  const { run } = await import('./cli.js');
  const code = await run(args);
  takeEarly()?.kill(); // started for a command that ended before asking for it
  return code;
}
