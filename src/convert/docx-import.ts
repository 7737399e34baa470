/** Placeholder: `piao import PIANO.docx` (issue 16), written in its own branch. */
import { UsageError } from '../cli/command.js';
import type { Imported } from './imported.js';

export async function importDocument(_file: string): Promise<Imported> {
  throw new UsageError('l\'importazione da Word non è ancora disponibile');
}
