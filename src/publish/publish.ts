/**
 * `piao publish`: the folder to upload to Amministrazione Trasparente > Performance.
 *
 * It holds the section as PDF/A-2b, DOCX and an accessible HTML page (skip link, table of
 * contents), the objectives as open data (CSV and JSON, with the JSON Schema), and
 * `manifest.json` (revision and approving delibera, the tool's version, each file's SHA-256).
 *
 * Everything is rendered in memory first: invalid data writes nothing. The folder is then
 * written under a temporary name next to the destination and renamed into place only when
 * complete; a previous bundle there is replaced only at that moment, and restored if the
 * rename fails. Same data -> the same bytes, whatever the clock or time zone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';
import { prepare, renderTree } from '../build.js';
import { writeDocument } from '../writers/index.js';
import { metaOf, subjectOf } from '../render/document-meta.js';
import { objectivesCsv, objectivesJson } from './opendata.js';

export interface PublishOptions {
  input: string;
  outDir: string;
  templatesDir?: string;
}

export interface BundleFile {
  /** Name inside the bundle folder. */
  name: string;
  data: Buffer;
  /** What the file is, in Italian (written in the manifest). */
  descrizione: string;
  /** Media type. */
  formato: string;
}

export interface PublishResult {
  dir: string;
  files: { name: string; bytes: number; sha256: string }[];
  /** Warnings of the checks (as for `piao build`): reported, they do not stop the publication. */
  warnings: Diagnostic[];
}

/** The destination exists and is not a bundle this tool wrote: it is never replaced. */
export class PublishTargetError extends Error {}

export const MANIFEST = 'manifest.json';
const SCHEMA_FILE = packageFile('data', 'obiettivi.schema.json');

export async function publish(opts: PublishOptions): Promise<PublishResult> {
  checkTarget(opts.outDir);
  const { files, warnings } = await renderBundle(opts);
  writeBundle(opts.outDir, files);
  return {
    dir: opts.outDir,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
    warnings,
  };
}

/**
 * Every file of the bundle, manifest last, in memory. Throws InputError on invalid data or
 * templates, or when the checks of `piao check` find errors (as `piao build` does).
 */
export async function renderBundle(opts: Omit<PublishOptions, 'outDir'>): Promise<{ files: BundleFile[]; warnings: Diagnostic[] }> {
  const { plan, warnings, templates, theme, view } = prepare(opts.input, opts.templatesDir);
  const base = basename(opts.input, extname(opts.input));
  const tree = renderTree(templates, 'documento', view);
  const meta = metaOf(plan, view, tree, subjectOf(view));
  const pdf = await writeDocument('pdf', tree, theme, meta);
  const docx = await writeDocument('docx', tree, theme, meta);
  const html = await writeDocument('html', tree, theme, meta, { navigation: true });
  const section = `sottosezione ${view.piano.sezione} "${view.piano.titolo}" del PIAO ${view.piano.triennio}`;

  const files: BundleFile[] = [
    { name: `${base}.pdf`, data: pdf, formato: 'application/pdf', descrizione: `La ${section} in PDF/A-2b` },
    {
      name: `${base}.docx`,
      data: docx,
      formato: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      descrizione: `La ${section} in DOCX (Office Open XML), modificabile`,
    },
    {
      name: `${base}.html`,
      data: html,
      formato: 'text/html',
      descrizione: `La ${section} come pagina web accessibile, con indice`,
    },
    { name: 'obiettivi.csv', data: objectivesCsv(plan, view), formato: 'text/csv', descrizione: 'Gli obiettivi in formato aperto CSV (UTF-8, una riga per obiettivo)' },
    { name: 'obiettivi.json', data: objectivesJson(plan, view), formato: 'application/json', descrizione: 'Gli obiettivi in formato aperto JSON, per settore e servizio' },
    { name: 'obiettivi.schema.json', data: readFileSync(SCHEMA_FILE), formato: 'application/schema+json', descrizione: 'Lo schema JSON che descrive obiettivi.json' },
  ];

  const approvazione = plan.piano.approvazione;
  const manifest = {
    descrizione: `Pubblicazione in Amministrazione Trasparente della ${section}`,
    ente: view.ente.nome,
    piano: {
      anno: view.piano.anno,
      triennio: view.piano.triennio,
      sezione: view.piano.sezione,
      titolo: view.piano.titolo,
      revisione: plan.piano.revisione,
      approvazione: approvazione
        ? { organo: approvazione.organo, numero: approvazione.numero !== undefined ? String(approvazione.numero) : null, data: approvazione.data }
        : null,
      data_documento: meta.date.toISOString().slice(0, 10),
    },
    generatore: { nome: 'piao', versione: toolVersion() },
    file: files.map((f) => ({ nome: f.name, descrizione: f.descrizione, formato: f.formato, byte: f.data.length, sha256: sha256(f.data) })),
  };
  files.push({ name: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), formato: 'application/json', descrizione: 'Questo elenco' });
  return { files, warnings };
}

/**
 * Refuses a destination that holds something other than a previous bundle (it would be
 * replaced as a whole): it must not exist, be empty, or hold a manifest written by piao.
 */
export function checkTarget(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new PublishTargetError(`«${dir}» esiste e non è una cartella`);
  if (readdirSync(dir).length === 0) return;
  let ours = false;
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { generatore?: { nome?: unknown } };
    ours = m.generatore?.nome === 'piao';
  } catch {
    ours = false;
  }
  if (!ours) {
    throw new PublishTargetError(
      `la cartella «${dir}» contiene già altri file e non è una pubblicazione precedente di piao: indica una cartella nuova o vuota (la cartella di destinazione viene sostituita per intero)`,
    );
  }
}

/**
 * Writes the files into a temporary folder next to `dir`, then renames it to `dir`. A previous
 * folder is moved aside just before and deleted just after; if the final rename fails, it is put
 * back. On any failure the temporary folder is removed and `dir` is as it was.
 */
export function writeBundle(dir: string, files: BundleFile[]): void {
  const target = resolve(dir);
  const parent = dirname(target);
  const name = basename(target);
  mkdirSync(parent, { recursive: true });
  // Not mkdtemp: its 0700 mode would stay on the published folder; mkdir follows the umask.
  const temp = join(parent, `.${name}.tmp-${randomBytes(6).toString('hex')}`);
  mkdirSync(temp);
  try {
    for (const f of files) {
      const path = join(temp, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeDurably(path, f.data);
    }
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  if (!existsSync(target)) {
    try {
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { recursive: true, force: true });
      throw e;
    }
    return;
  }
  const old = join(parent, `.${name}.old-${randomBytes(4).toString('hex')}`);
  try {
    renameSync(target, old);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  try {
    renameSync(temp, target);
  } catch (e) {
    renameSync(old, target);
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Writes a file and flushes it to disk, so a renamed folder never holds a truncated file. */
function writeDurably(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
