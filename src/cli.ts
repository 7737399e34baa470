/**
 * The command line: the only module that touches argv, the console and the exit code.
 * `run(argv)` returns the exit code (0 ok, 1 invalid input, 2 wrong usage), so tests can call it.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { InputError, formatDiagnostic } from './diagnostics.js';

const USAGE = `Uso:
  piao build <piano.yaml> [--out CARTELLA] [--format docx,pdf,html] [--split] [--templates CARTELLA]

Comandi:
  build      genera la sottosezione 2.2 "Performance" del PIAO in DOCX, PDF e HTML

Opzioni di build:
  --out, -o CARTELLA       cartella dei documenti generati (predefinita: output/)
  --format, -f ELENCO      formati da generare, separati da virgola (predefiniti: docx,pdf,html)
  --split                  scrive anche un documento per settore e una scheda obiettivi per responsabile
  --templates, -t CARTELLA modelli che sostituiscono quelli predefiniti con lo stesso nome di file
  --help, -h               mostra questo aiuto
  --version, -v            mostra la versione
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        format: { type: 'string', short: 'f' },
        split: { type: 'boolean' },
        templates: { type: 'string', short: 't' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.err(`piao: ${usageMessage((e as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command !== 'build') {
    io.err(`piao: comando sconosciuto «${command}»\n\n${USAGE}`);
    return 2;
  }
  if (rest.length !== 1) {
    io.err(`piao: ${rest.length === 0 ? 'indica il file del piano da generare' : 'indica un solo file del piano'}\n\n${USAGE}`);
    return 2;
  }

  const { FORMATS, build } = await import('./build.js');
  let formats: (typeof FORMATS)[number][] | undefined;
  if (values.format !== undefined) {
    const asked = values.format.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
    if (bad.length || asked.length === 0) {
      io.err(`piao: formato non valido: ${bad.join(', ') || '(vuoto)'}; formati ammessi: ${FORMATS.join(', ')}\n`);
      return 2;
    }
    formats = [...new Set(asked)] as (typeof FORMATS)[number][];
  }

  try {
    const result = await build({
      input: rest[0]!,
      outDir: values.out ?? 'output',
      ...(formats && { formats }),
      split: values.split ?? false,
      ...(values.templates !== undefined && { templatesDir: values.templates }),
    });
    for (const f of result.files) io.out(`scritto ${relative(process.cwd(), f.path) || f.path} (${kb(f.bytes)})\n`);
    io.out(`${result.files.length} documenti generati.\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      for (const d of e.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      const n = e.diagnostics.length;
      io.err(`\n${n === 1 ? 'trovato 1 problema' : `trovati ${n} problemi`}: nessun documento è stato scritto.\n`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    io.err(`piao: errore imprevisto${err.code ? ` (${err.code})` : ''}: ${err.message}\nnessun documento è stato sovrascritto. Se il problema persiste, segnalalo agli sviluppatori.\n`);
    if (process.env.PIAO_DEBUG) io.err(`${err.stack}\n`);
    return 1;
  }
}

function usageMessage(msg: string): string {
  const m = /Unknown option '([^']+)'/.exec(msg);
  if (m) return `opzione sconosciuta ${m[1]}`;
  const a = /Option '([^']+)' argument missing/.exec(msg);
  if (a) return `l'opzione ${a[1]} richiede un valore`;
  return msg;
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
