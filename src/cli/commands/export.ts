/** Placeholder: `piao export` (issue 16), written in its own branch. */
import { UsageError, type Command } from '../command.js';

export const command: Command = {
  usage: 'Uso:\n  piao export (non ancora disponibile)\n',
  options: {},
  async run() {
    throw new UsageError('comando non ancora disponibile');
  },
};
