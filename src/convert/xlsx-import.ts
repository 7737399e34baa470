/** Placeholder: `piao import piano.xlsx` (issue 16), written in its own branch. */
import { UsageError } from '../cli/command.js';
import type { Imported } from './imported.js';

export async function importWorkbook(_file: string): Promise<Imported> {
  throw new UsageError('l\'importazione da foglio di calcolo non è ancora disponibile');
}
