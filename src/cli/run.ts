/**
 * The command line: the only module that touches argv, the console and the exit code.
 * `run(argv)` returns the exit code (0 ok, 1 invalid input, 2 wrong usage), so tests can call it.
 * Each command lives in `commands/` and is imported only when it is run.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { InputError, formatDiagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';
import { UsageError, type Command, type Io } from './command.js';

/** The commands, with their one-line summary; each module is loaded only when its command runs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  build: { summary: 'genera la sottosezione 2.2 "Performance" del PIAO in DOCX, PDF e HTML', load: async () => (await import('./commands/build.js')).command },
  publish: { summary: 'prepara la cartella da pubblicare in Amministrazione Trasparente (PDF/A, HTML accessibile, dati aperti)', load: async () => (await import('./commands/publish.js')).command },
  check: { summary: 'controlla il piano: errori, regole, avvisi, completezza e pesi per persona', load: async () => (await import('./commands/check.js')).command },
  init: { summary: 'scrive un nuovo file di piano, commentato, da cui partire', load: async () => (await import('./commands/init.js')).command },
};

const GENERAL = `Uso:
  piao <comando> [opzioni]      (piao <comando> --help per le opzioni di un comando)

Comandi:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Opzioni generali:
  --help, -h                mostra questo aiuto
  --version, -v             mostra la versione
`;

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(GENERAL);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(GENERAL);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${version()}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`piao: comando sconosciuto «${name}»\n\n${GENERAL}`);
    return 2;
  }
  const command = await entry.load();
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, positionals, io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`piao ${name}: ${usageMessage((e as Error).message)}\n\n${command.usage}`);
      return 2;
    }
    if (e instanceof InputError) {
      for (const d of e.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      const n = e.diagnostics.length;
      io.err(`\n${n === 1 ? 'trovato 1 problema' : `trovati ${n} problemi`}: nessun file è stato scritto.\n`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    io.err(`piao: errore imprevisto${err.code ? ` (${err.code})` : ''}: ${err.message}\nNessun file è stato sovrascritto. Se il problema persiste, segnalalo agli sviluppatori.\n`);
    if (process.env.PIAO_DEBUG) io.err(`${err.stack}\n`);
    return 1;
  }
}

function usageMessage(msg: string): string {
  const m = /Unknown option '([^']+)'/.exec(msg);
  if (m) return `opzione sconosciuta ${m[1]}`;
  const a = /Option '([^']+)' argument missing/.exec(msg);
  if (a) return `l'opzione ${a[1]} richiede un valore`;
  const p = /Unexpected argument '([^']+)'/.exec(msg);
  if (p) return `argomento inatteso «${p[1]}»`;
  return msg;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
