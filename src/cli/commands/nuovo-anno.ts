/** Placeholder: `piao nuovo-anno` (issue 16), written in its own branch. */
import { UsageError, type Command } from '../command.js';

export const command: Command = {
  usage: 'Uso:\n  piao nuovo-anno (non ancora disponibile)\n',
  options: {},
  async run() {
    throw new UsageError('comando non ancora disponibile');
  },
};
