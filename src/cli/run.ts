/**
 * The command line: the only module that touches argv, the console and the exit code.
 * `run(argv)` returns the exit code (0 ok, 1 invalid input, 2 wrong usage), so tests can call it.
 * Each command lives in `commands/` and is imported only when it is run.
 */
import { forgetInputs } from '../io/files.js';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { InputError, formatDiagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';
import { explainOsError, FileError, isOsError, osReason } from '../io/errors.js';
import { UsageError, type Command, type Io } from './command.js';

/** The commands, with their one-line summary; each module is loaded only when its command runs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  build: { summary: 'genera la sottosezione 2.2 "Performance" del PIAO in DOCX, PDF e HTML', load: async () => (await import('./commands/build.js')).command },
  publish: { summary: 'prepara la cartella da pubblicare in Amministrazione Trasparente (PDF/A, HTML accessibile, dati aperti)', load: async () => (await import('./commands/publish.js')).command },
  diff: { summary: 'confronta due versioni del piano e scrive il prospetto delle variazioni (allegato alla delibera)', load: async () => (await import('./commands/diff.js')).command },
  relazione: { summary: 'dai risultati dell\'anno: relazione sulla performance, schede di valutazione, premi e dati aperti', load: async () => (await import('./commands/relazione.js')).command },
  monitoraggio: { summary: 'stato degli obiettivi e delle fasi a una data (--al), obiettivi a rischio, cronoprogrammi', load: async () => (await import('./commands/monitoraggio.js')).command },
  check: { summary: 'controlla il piano: errori, regole, avvisi, completezza e pesi per persona', load: async () => (await import('./commands/check.js')).command },
  import: { summary: 'scrive il file del piano da un documento Word (.docx) o da un foglio di calcolo (.xlsx)', load: async () => (await import('./commands/import.js')).command },
  export: { summary: 'scrive il piano (o i suoi risultati) in un foglio di calcolo da far compilare agli uffici (--xlsx)', load: async () => (await import('./commands/export.js')).command },
  'nuovo-anno': { summary: 'il piano dell\'anno dopo: stessa struttura, persone e obiettivi, date spostate, risultati tolti', load: async () => (await import('./commands/nuovo-anno.js')).command },
  init: { summary: 'scrive un nuovo file di piano, commentato, da cui partire', load: async () => (await import('./commands/init.js')).command },
};

const GENERAL = `Uso:
  piao <comando> [opzioni]      (piao <comando> --help per le opzioni di un comando)

Comandi:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`).join('\n')}

Opzioni generali:
  --help, -h                mostra questo aiuto
  --version, -v             mostra la versione
`;

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  forgetInputs();
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
    if (e instanceof UsageError || String((e as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      io.err(`piao ${name}: ${e instanceof UsageError ? e.message : usageMessage(e as NodeJS.ErrnoException)}\n\n${command.usage}`);
      return 2;
    }
    if (e instanceof InputError) {
      for (const d of e.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      const n = e.diagnostics.length;
      io.err(`\n${n === 1 ? 'trovato 1 problema' : `trovati ${n} problemi`}: nessun file è stato scritto.\n`);
      return 1;
    }
    if (e instanceof FileError || isOsError(e)) {
      const f = e instanceof FileError ? e : explainOsError(e);
      io.err(`piao ${name}: ${f.message}\nI file già presenti non sono stati modificati.\n`);
      return f.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    io.err(`piao: errore imprevisto${err.code ? ` (${err.code})` : ''}: ${err.message}\nNessun file è stato sovrascritto. Se il problema persiste, segnalalo agli sviluppatori.\n`);
    if (process.env.PIAO_DEBUG) io.err(`${err.stack}\n`);
    return 1;
  }
}

/** Node's messages for wrong arguments (node:util parseArgs), in Italian. */
function usageMessage(e: NodeJS.ErrnoException): string {
  const msg = e.message;
  const opt = /--[\w-]+/.exec(msg)?.[0] ?? /'([^' ]+)/.exec(msg)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `opzione sconosciuta ${opt}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argomento inatteso «${opt}»`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(msg)) return `l'opzione ${opt} richiede un valore`;
      if (/does not take an argument/.test(msg)) return `l'opzione ${opt} non accetta un valore: scrivi solo ${opt}`;
      if (/ambiguous/.test(msg)) return `il valore dell'opzione ${opt} inizia con un trattino: scrivilo attaccato, come ${opt}=VALORE`;
      return `valore non valido per l'opzione ${opt}`;
    default:
      return 'argomenti non validi';
  }
}

/**
 * For the real process (bin.ts): runs the command, and handles what `run` cannot see: standard
 * output that cannot be written ends quietly. A reader that went away (`piao check … | head -1`,
 * EPIPE) changes nothing; a full disk or a broken device is said on standard error, and the exit
 * code is 1 if it was 0. Never a stack trace. (Signals: io/temp.ts `whileWriting`.)
 */
export async function main(argv: string[]): Promise<void> {
  let lost: string | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (lost !== undefined) return;
    lost = e.code ?? 'EIO';
    if (lost === 'EPIPE') return;
    // The error may come after the command returned its exit code: the output is lost, so 1.
    if (!process.exitCode) process.exitCode = 1;
    try {
      process.stderr.write(`piao: impossibile scrivere sull'uscita standard: ${osReason(lost)}.\n`);
    } catch {
      // Standard error is gone too: the exit code is all that is left.
    }
  });
  process.stderr.on('error', () => {});
  const io: Io = {
    out: (s) => {
      if (lost === undefined) process.stdout.write(s);
    },
    err: (s) => process.stderr.write(s),
  };
  const code = await run(argv, io);
  process.exitCode = lost !== undefined && lost !== 'EPIPE' && code === 0 ? 1 : code;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
