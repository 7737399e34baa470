/** The CLI as one function: what dist/bin.js runs, once the bundle is loaded. */
import { setEarly, takeEarly, type PdfProcesses } from './pdf-process.js';

/** `early`: the PDF process bin.ts started from the arguments, before loading this bundle. */
export async function main(args: string[], early?: PdfProcesses): Promise<number> {
  setEarly(early);
  const { run } = await import('./cli.js');
  const code = await run(args);
  takeEarly()?.kill(); // started for a command that ended before asking for it
  return code;
}
