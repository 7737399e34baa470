/**
 * `piao publish`: the folder to upload to Amministrazione Trasparente > Performance.
 *
 * It holds the section as PDF/A-2b, DOCX and an accessible HTML page (skip link, table of
 * contents), the objectives as open data (CSV and JSON, with the JSON Schema), and
 * `manifest.json` (revision and approving delibera, the tool's version, each file's SHA-256).
 *
 * Everything is rendered in memory first: invalid data writes nothing. The folder is then
 * written in a private working folder next to the destination and renamed into place only when
 * complete; a previous bundle there is replaced only at that moment, and restored if the
 * rename fails. Files the user added to a previous bundle (not in its manifest) are carried
 * into the new one, never deleted. Same data -> the same bytes, whatever the clock or time zone.
 */
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';
import { checkOutputFolder, makeFolder, writeExclusive } from '../io/output.js';
import { isOsError, writeError } from '../io/errors.js';
import { DESTINATION, makeTempDir, PREVIOUS, removeStaleTemps, removeTempDir, whileWriting } from '../io/temp.js';
import { prepare, renderTree } from '../build.js';
import type { Layout } from '../render/layouts.js';
import { writeDocument } from '../writers/index.js';
import { metaOf, subjectOf } from '../render/document-meta.js';
import { objectivesCsv, objectivesJson } from './opendata.js';

export interface PublishOptions {
  input: string;
  outDir: string;
  templatesDir?: string;
  modello?: Layout;
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
  /** What the user had added to the previous bundle, carried into this one (folders end with "/"). */
  kept: string[];
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
  const kept = writeBundle(opts.outDir, files);
  return {
    dir: opts.outDir,
    kept,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
    warnings,
  };
}

/**
 * Every file of the bundle, manifest last, in memory. Throws InputError on invalid data or
 * templates, or when the checks of `piao check` find errors (as `piao build` does).
 */
export async function renderBundle(opts: Omit<PublishOptions, 'outDir'>): Promise<{ files: BundleFile[]; warnings: Diagnostic[] }> {
  const { plan, warnings, templates, theme, view, images } = prepare(opts.input, opts.templatesDir, opts.modello);
  const base = basename(opts.input, extname(opts.input));
  const tree = renderTree(templates, 'documento', view, images, plan.documento.livello_titoli);
  const meta = metaOf(plan, view, tree, subjectOf(view));
  let pages: number | undefined;
  const pdf = await writeDocument('pdf', tree, theme, meta, { onPages: (n) => (pages = n) });
  const docx = await writeDocument('docx', tree, theme, meta, { pages });
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

/** How to choose another destination, in the messages. */
const OUT_HINT = "indica con --out un'altra cartella";

/**
 * Refuses a destination that holds something other than a previous bundle: it must not exist,
 * be empty, or hold a manifest written by piao; and its folder must be writable.
 */
export function checkTarget(dir: string): void {
  checkOutputFolder(dirname(resolve(dir)), OUT_HINT);
  // What a killed run left there goes first (a previous bundle it had moved aside is put back).
  removeStaleTemps(dirname(resolve(dir)));
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if (isOsError(e) && e.code === 'ENOENT') return;
    throw writeError(e, dir, OUT_HINT);
  }
  if (!isDir) throw new PublishTargetError(`«${dir}» esiste e non è una cartella: ${OUT_HINT}`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    throw writeError(e, dir, OUT_HINT);
  }
  if (entries.length === 0) return;
  if (previousFiles(dir) === undefined) {
    throw new PublishTargetError(
      `la cartella «${dir}» contiene già altri file e non è una pubblicazione precedente di piao: indica una cartella nuova o vuota`,
    );
  }
}

/** The names a previous bundle in `dir` was written with (manifest included), or undefined if it is not one. */
function previousFiles(dir: string): Set<string> | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { generatore?: { nome?: unknown }; file?: unknown };
    if (m.generatore?.nome !== 'piao') return undefined;
    const list: unknown[] = Array.isArray(m.file) ? m.file : [];
    const names = list.map((f) => (f as { nome?: unknown } | null)?.nome).filter((n): n is string => typeof n === 'string' && !n.includes('/'));
    return new Set([MANIFEST, ...names]);
  } catch {
    return undefined;
  }
}

/**
 * What the user added to a previous bundle in `dir` (entries not in its manifest), to be kept.
 * Refuses when one of them has the name of a file the new bundle holds: it would be replaced.
 */
function userEntries(dir: string, files: BundleFile[]): string[] {
  if (!existsSync(dir)) return [];
  const ours = previousFiles(dir) ?? new Set([MANIFEST]);
  const kept = readdirSync(dir).filter((e) => !ours.has(e)).sort();
  const fresh = new Set(files.map((f) => f.name.split('/')[0]));
  const clash = kept.filter((e) => fresh.has(e));
  if (clash.length) {
    throw new PublishTargetError(
      `la cartella «${dir}» contiene ${clash.map((c) => `«${c}»`).join(', ')}, che piao non ha scritto e che la nuova pubblicazione sostituirebbe: spostalo o rinominalo, poi riprova`,
    );
  }
  return kept;
}

/**
 * Writes the bundle into a private working folder next to `dir` (io/temp.ts), with the files the
 * user added to a previous bundle carried over (hard links, or copies), then swaps it in: the
 * previous folder is moved into the working folder and the new one renamed to `dir`; if that
 * fails, the previous one is put back. The working folder (and the previous bundle) is then
 * removed. On any failure `dir` is as it was. Returns the names kept (folders end with "/").
 */
export function writeBundle(dir: string, files: BundleFile[]): string[] {
  return whileWriting(() => swapBundle(dir, files));
}

function swapBundle(dir: string, files: BundleFile[]): string[] {
  const target = resolve(dir);
  const parent = dirname(target);
  const kept = userEntries(target, files);
  const created = makeFolder(parent, OUT_HINT);
  let work: string | undefined;
  try {
    work = makeTempDir(parent);
    writeFileSync(join(work, DESTINATION), basename(target));
    // The bundle folder itself is made with mkdir, not mkdtemp: it keeps the usual permissions.
    const fresh = join(work, 'nuova');
    mkdirSync(fresh);
    for (const f of files) {
      const path = join(fresh, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeExclusive(path, f.data);
    }
    for (const name of kept) carry(join(target, name), join(fresh, name));
    if (!existsSync(target)) {
      renameSync(fresh, target);
    } else {
      const previous = join(work, PREVIOUS);
      renameSync(target, previous);
      try {
        renameSync(fresh, target);
      } catch (e) {
        renameSync(previous, target);
        throw e;
      }
    }
  } catch (e) {
    throw writeError(e, target, OUT_HINT);
  } finally {
    if (work) removeTempDir(work);
    if (!existsSync(target)) {
      // The folders this run created, deepest first: removed if they stayed empty.
      for (const folder of created) {
        try {
          rmdirSync(folder);
        } catch {
          // Not empty: someone else wrote there meanwhile.
        }
      }
    }
  }
  return kept.map((name) => (statSync(join(target, name)).isDirectory() ? `${name}/` : name));
}

/** Puts a second name of `from` (file, folder, symlink) at `to`: nothing is copied unless it must. */
function carry(from: string, to: string): void {
  const st = lstatSync(from);
  if (st.isDirectory()) {
    mkdirSync(to, { mode: st.mode & 0o7777 });
    for (const name of readdirSync(from)) carry(join(from, name), join(to, name));
  } else if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
  } else if (st.isFile()) {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    }
  } else {
    throw new PublishTargetError(`«${from}» non è né un file né una cartella e non può essere portato nella nuova pubblicazione: spostalo, poi riprova`);
  }
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
