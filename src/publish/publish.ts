/**
 * `piao publish`: the folder to upload to Amministrazione Trasparente > Performance, keeping the
 * plan's history: one folder per revision (`revisione-0/`, `revisione-1/`, …) beside each other,
 * with `index.html` (every revision, its deliberation, its files) and `revisioni.json` at the top.
 *
 * A revision's folder holds the section as PDF/A-2b, DOCX and an accessible HTML page (skip link,
 * table of contents), the objectives as open data (CSV and JSON, with the JSON Schema), the plan's
 * data as it was published (`piano.yaml`, with the coat of arms it names), what the Portale PIAO
 * asks for the upload (`portale-piao.json`, `.txt`: publish/portale.ts) and `manifest.json`
 * (revision, approving deliberation, motivazione, the tool's version, each file's SHA-256, and
 * `precedente`: the previous revision's manifest and its SHA-256, so the chain can be verified:
 * publish/verify.ts).
 *
 * Everything is rendered in memory first: invalid data writes nothing. Publishing revision N
 * replaces only `revisione-N/` (files the user added there are carried over, never deleted), leaves
 * the other revisions as they are (the same files, hard-linked) and rewrites the index: the whole
 * new folder is made in a private working folder next to the destination and renamed into place in
 * one step, the previous one restored if that fails. A folder of the first layout (one bundle, its
 * manifest at the top) is moved into `revisione-<its revision>/` in that same step. Same data ->
 * the same bytes, whatever the clock or time zone.
 */
import { constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError, type Diagnostic } from '../plan/diagnostics.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import { renderProspetto } from '../amend/write.js';
import { packageFile } from '../io/paths.js';
import { checkOutputFolder, makeFolder, writeExclusive } from '../io/output.js';
import { isOsError, writeError } from '../io/errors.js';
import { DESTINATION, makeTempDir, PREVIOUS, removeStaleTemps, removeTempDir, whileWriting } from '../io/temp.js';
import { prepare, renderTree } from '../build.js';
import type { Layout } from '../render/layouts.js';
import { writeDocument } from '../writers/index.js';
import { delDate } from '../render/format.js';
import { metaOf, subjectOf } from '../render/document-meta.js';
import { objectivesCsv, objectivesJson } from './opendata.js';
import { INDEX, MANIFEST, manifestNames, parseManifest, readDestination, REVISIONS, revisionFolder, revisionOfFolder, sha256, type Act, type Destination, type Precedente, type Revision } from './destination.js';
import { indexPage, revisionsJson, type PlanInfo } from './index-page.js';
import { portaleJson, portaleText } from './portale.js';

export interface PublishOptions {
  input: string;
  outDir: string;
  templatesDir?: string;
  modello?: Layout;
  /** Replace a revision already published with its act, even when its text changes (`--sostituisci`). */
  sostituisci?: boolean;
}

export interface BundleFile {
  /** Name inside the revision's folder. */
  name: string;
  data: Buffer;
  /** What the file is, in Italian (written in the manifest). */
  descrizione: string;
  /** Media type. */
  formato: string;
}

export interface PublishResult {
  /** The destination, as given. */
  dir: string;
  revisione: number;
  /** "revisione-N". */
  folder: string;
  /** What the user had added to the previous publication of this revision, carried into this one (folders end with "/"). */
  kept: string[];
  /** What this run wrote, named from the destination ("revisione-1/piano.pdf", "index.html"). */
  files: { name: string; bytes: number; sha256: string }[];
  /** The revisions the folder holds now, in order. */
  revisions: number[];
  /** For an amendment: the prospetto delle variazioni made, or why not (Italian). */
  prospetto?: string;
  /** The revision of a folder of the first layout (one bundle at the top) that was moved into its own folder. */
  migrated?: number;
  /** Later revisions whose manifest named this revision's previous manifest, which has changed: their link no longer verifies (Italian). */
  chain: string[];
  /** Warnings of the checks (as for `piao build`): reported, they do not stop the publication. */
  warnings: Diagnostic[];
}

/** The destination exists and is not a publication this tool wrote, or not of this plan: it is never replaced. */
export class PublishTargetError extends Error {}

export { MANIFEST };
const SCHEMA_FILE = packageFile('data', 'obiettivi.schema.json');
/** The plan's data as published, in each revision's folder. */
export const PLAN_COPY = 'piano.yaml';

export async function publish(opts: PublishOptions): Promise<PublishResult> {
  const target = resolve(opts.outDir);
  const dest = checkTarget(opts.outDir);
  const present = revisionsOf(dest);
  const rendered = await renderBundle(opts, (n) => precedenteOf(present, n), (n) => previousPlanOf(target, dest, present, n));
  const { files, revisione } = rendered;
  samePlan(opts.outDir, present, rendered.info);
  const folder = revisionFolder(revisione);
  if (dest.kind === 'storico' && dest.foreign.includes(folder)) {
    throw new PublishTargetError(`la cartella «${join(opts.outDir, folder)}» esiste e non è una pubblicazione di piao (non ha il suo manifest.json): spostala o rinominala, poi riprova`);
  }

  // The previous publication of this revision: its files piao wrote are replaced, the user's carried over.
  const old = present.get(revisione);
  if (old && !opts.sostituisci) approvedUnchanged(old, files, revisione, opts.outDir);
  const oldDir = old && (dest.kind === 'vecchia' ? target : join(target, folder));
  const kept = old && oldDir ? userEntries(oldDir, manifestNames(old.manifest), files) : [];

  const manifest = files.find((f) => f.name === MANIFEST)!;
  const fresh: Revision = { revisione, folder, manifest: parseManifest(manifest.data)!, manifestBytes: manifest.data, entries: [...files.map((f) => f.name), ...kept].sort() };
  const after = new Map(present);
  after.set(revisione, fresh);
  const all = [...after.values()].sort((a, b) => a.revisione - b.revisione);
  const top: BundleFile[] = [
    { name: INDEX, data: await indexPage(rendered.info, all, rendered.theme), formato: 'text/html', descrizione: 'Indice delle revisioni' },
    { name: REVISIONS, data: revisionsJson(rendered.info, all, toolVersion()), formato: 'application/json', descrizione: 'Elenco delle revisioni' },
  ];

  replaceFolder(opts.outDir, (into) => {
    if (dest.kind === 'vecchia') {
      // The first layout: the whole folder is that revision's bundle; unless this run replaces it, it moves as it is.
      const r = dest.bundle.revisione;
      if (r !== revisione) {
        mkdirSync(join(into, revisionFolder(r)));
        for (const name of readdirSync(target)) carry(join(target, name), join(into, revisionFolder(r), name));
      }
    } else if (dest.kind === 'storico') {
      for (const name of readdirSync(target)) {
        if (name === folder || name === INDEX || name === REVISIONS) continue;
        carry(join(target, name), join(into, name));
      }
    }
    const mine = join(into, folder);
    mkdirSync(mine);
    for (const f of files) writeExclusive(join(mine, f.name), f.data);
    for (const name of kept) carry(join(oldDir!, name), join(mine, name));
    for (const f of top) writeExclusive(join(into, f.name), f.data);
  });

  // A later revision that named the previous manifest of this one no longer verifies: said, not mended
  // (its documents were approved as they are; republishing it relinks it).
  const newHash = sha256(manifest.data);
  const chain = all
    .filter((r) => r.revisione > revisione && r.manifest.precedente?.revisione === revisione && r.manifest.precedente.sha256 !== newHash)
    .map((r) => `la revisione ${r.revisione} rimandava al manifest della revisione ${revisione} pubblicato prima, che ora è cambiato: la catena dei manifest non si verifica più dalla revisione ${r.revisione}. Per ricollegarla ripubblica la revisione ${r.revisione} dal file del suo piano con --out ${opts.outDir} (se non l'hai più, una copia è in ${join(opts.outDir, r.folder, PLAN_COPY)}: copiala fuori dalla cartella con il nome di prima${sectionBase(r) ? `, ${sectionBase(r)}.yaml` : ''}, perché i documenti prendono il nome dal file)`);

  return {
    dir: opts.outDir,
    revisione,
    folder,
    kept: kept.map((name) => (statSync(join(target, folder, name)).isDirectory() ? `${name}/` : name)),
    files: [...files.map((f) => ({ ...f, name: `${folder}/${f.name}` })), ...top].map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
    revisions: all.map((r) => r.revisione),
    ...(dest.kind === 'vecchia' && { migrated: dest.bundle.revisione }),
    chain,
    warnings: rendered.warnings,
    ...(rendered.prospetto && { prospetto: rendered.prospetto }),
  };
}

/** The revisions a destination holds, by number (a folder of the first layout: its one bundle, in the folder it will move to). */
function revisionsOf(dest: Destination): Map<number, Revision> {
  if (dest.kind === 'storico') return dest.revisions;
  if (dest.kind === 'vecchia') return new Map([[dest.bundle.revisione, { ...dest.bundle, folder: revisionFolder(dest.bundle.revisione) }]]);
  return new Map();
}

/** The link to the previous revision present (the highest below `n`): its manifest and that manifest's SHA-256. */
function precedenteOf(present: Map<number, Revision>, n: number): Precedente | null {
  const before = [...present.values()].filter((r) => r.revisione < n).sort((a, b) => b.revisione - a.revisione)[0];
  return before ? { revisione: before.revisione, file: `../${before.folder}/${MANIFEST}`, sha256: sha256(before.manifestBytes) } : null;
}

/**
 * A revision published with its act (approved: a number or a date) keeps the text the act approved: publishing
 * it again with another text is refused, as is done when a plan was changed without moving to the next revision
 * (the approved revision would silently become a text nobody approved). The same text may be published again.
 */
function approvedUnchanged(old: Revision, files: BundleFile[], revisione: number, dir: string): void {
  const atto = old.manifest.piano?.atto ?? (revisione === 0 ? old.manifest.piano?.approvazione : undefined);
  if (!atto) return;
  const sectionOf = (names: string[]) => names.find((n) => n.endsWith('.html') && !n.startsWith('variazioni-'));
  const before = old.manifest.file?.find((f) => f.nome === sectionOf((old.manifest.file ?? []).map((x) => x.nome ?? '')));
  const now = files.find((f) => f.name === sectionOf(files.map((x) => x.name)));
  if (!before?.sha256 || !now || before.sha256 === sha256(now.data)) return;
  const act = `${atto.organo}${atto.numero ? ` n. ${atto.numero}` : ''} ${delDate(atto.data)}`;
  throw new PublishTargetError(
    `la revisione ${revisione} è già pubblicata in «${join(dir, old.folder)}», approvata con deliberazione di ${act}, e il piano ha ora un testo diverso. ` +
      `Se è una nuova variazione, porta il piano alla revisione ${revisione + 1} (piano.revisione e una voce in piano.variazioni) e pubblica quella; ` +
      'se vuoi davvero sostituire il testo pubblicato della revisione approvata, aggiungi --sostituisci',
  );
}

/** The base name of a published revision's section documents ("casalmorano-rev1"), from its manifest. */
function sectionBase(r: Revision): string | undefined {
  const html = r.manifest.file?.find((f) => f.nome?.endsWith('.html') && !f.nome.startsWith('variazioni-'))?.nome;
  return html?.slice(0, -'.html'.length);
}

/** The previous revision's data as its publication kept it; `altered`: not what its manifest lists (then not used). */
interface PreviousPlan {
  revisione: number;
  file: string;
  altered?: true;
}

/** The data of the previous revision present (the highest below `n`), as its publication kept it: what the prospetto compares with. */
function previousPlanOf(target: string, dest: Destination, present: Map<number, Revision>, n: number): PreviousPlan | undefined {
  const before = [...present.values()].filter((r) => r.revisione < n).sort((a, b) => b.revisione - a.revisione)[0];
  if (!before) return undefined;
  const file = join(dest.kind === 'vecchia' ? target : join(target, before.folder), PLAN_COPY);
  // Only the data as published: a regular file (never a link to elsewhere) whose SHA-256 is its manifest's.
  const listed = before.manifest.file?.find((f) => f.nome === PLAN_COPY)?.sha256;
  try {
    if (!lstatSync(file).isFile() || !listed || sha256(readFileSync(file)) !== listed) return { revisione: before.revisione, file, altered: true };
  } catch {
    return undefined;
  }
  return { revisione: before.revisione, file };
}

/** Revisions of another plan (another ente, year or section) are never mixed with this one's. */
function samePlan(dir: string, present: Map<number, Revision>, info: PlanInfo): void {
  for (const r of present.values()) {
    const m = r.manifest;
    const other = (m.ente !== undefined && m.ente !== info.ente) || (m.piano?.anno !== undefined && m.piano.anno !== info.anno) || (m.piano?.sezione !== undefined && m.piano.sezione !== info.sezione);
    if (other) {
      throw new PublishTargetError(
        `la cartella «${dir}» contiene le revisioni della sottosezione ${m.piano?.sezione ?? '?'} del PIAO ${m.piano?.triennio ?? m.piano?.anno ?? '?'} (${m.ente ?? '?'}), non di questo piano (sottosezione ${info.sezione} del PIAO ${info.triennio}, ${info.ente}): ${OUT_HINT}`,
      );
    }
  }
}

/**
 * Every file of a revision's bundle, manifest last, in memory, with what the index needs. Throws
 * InputError on invalid data or templates, or when the checks of `piao check` find errors (as `piao
 * build` does). `precedente` gives the link to the previous revision's manifest, if any.
 */
export async function renderBundle(
  opts: Omit<PublishOptions, 'outDir'>,
  precedente: (revisione: number) => Precedente | null = () => null,
  previousPlan: (revisione: number) => PreviousPlan | undefined = () => undefined,
) {
  const { plan, warnings, templates, theme, view, images } = prepare(opts.input, opts.templatesDir, opts.modello);
  const base = basename(opts.input, extname(opts.input));
  const tree = renderTree(templates, 'documento', view, images, plan.documento.livello_titoli);
  const meta = metaOf(plan, view, tree, subjectOf(view));
  let pages: number | undefined;
  const pdf = await writeDocument('pdf', tree, theme, meta, { onPages: (n) => (pages = n) });
  const docx = await writeDocument('docx', tree, theme, meta, { pages });
  const html = await writeDocument('html', tree, theme, meta, { navigation: true });
  const section = `sottosezione ${view.piano.sezione} "${view.piano.titolo}" del PIAO ${view.piano.triennio}`;
  const revisione = plan.piano.revisione;
  const info: PlanInfo = { ente: view.ente.nome, anno: view.piano.anno, triennio: view.piano.triennio, sezione: view.piano.sezione, titolo: view.piano.titolo };
  const act = (a: typeof plan.piano.approvazione): Act | null => (a ? { organo: a.organo, numero: a.numero !== undefined ? String(a.numero) : null, data: a.data } : null);
  // This revision's own act and why it was made: the first approval for revision 0.
  const variazione = plan.piano.variazioni.find((v) => v.revisione === revisione);
  const atto = revisione === 0 ? act(plan.piano.approvazione) : act(variazione?.approvazione);
  const motivazione = revisione === 0 ? 'Approvazione del piano' : (variazione?.motivazione ?? 'non indicata');

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
  // An amendment's prospetto delle variazioni, against the previous revision published beside it (its data, as kept there).
  const prospetto = revisione > 0 ? await prospettoFiles(opts.input, previousPlan(revisione)) : undefined;
  if (prospetto?.files) files.push(...prospetto.files);

  // The plan's data as published: the source of the documents, and what the next revision is compared with.
  const taken = new Set([...files.map((f) => f.name), PLAN_COPY, MANIFEST, 'portale-piao.json', 'portale-piao.txt']);
  files.push({ name: PLAN_COPY, data: readFileSync(opts.input), formato: 'application/yaml', descrizione: 'I dati del piano (YAML) da cui sono fatti i documenti' });
  // With the coat of arms it names, where it can sit beside it under the same name.
  for (const [src, image] of [...images].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/^[^/\\]+$/.test(src) || src.startsWith('.') || taken.has(src)) continue;
    files.push({ name: src, data: image.data, formato: `image/${image.format}`, descrizione: 'Lo stemma che i dati del piano indicano' });
  }
  const portale = { ...info, revisione, atto, motivazione, documento: `${base}.pdf` };
  files.push({ name: 'portale-piao.json', data: portaleJson(portale), formato: 'application/json', descrizione: 'I dati per il caricamento sul Portale PIAO' });
  files.push({ name: 'portale-piao.txt', data: portaleText(portale), formato: 'text/plain', descrizione: 'I dati per il caricamento sul Portale PIAO, da leggere' });

  const manifest = {
    descrizione: `Pubblicazione in Amministrazione Trasparente della ${section}`,
    ente: view.ente.nome,
    piano: {
      anno: view.piano.anno,
      triennio: view.piano.triennio,
      sezione: view.piano.sezione,
      titolo: view.piano.titolo,
      revisione,
      approvazione: act(plan.piano.approvazione),
      atto,
      motivazione,
      data_documento: meta.date.toISOString().slice(0, 10),
    },
    generatore: { nome: 'piao', versione: toolVersion() },
    precedente: precedente(revisione),
    file: files.map((f) => ({ nome: f.name, descrizione: f.descrizione, formato: f.formato, byte: f.data.length, sha256: sha256(f.data) })),
  };
  files.push({ name: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), formato: 'application/json', descrizione: 'Questo elenco' });
  return { files, warnings, revisione, info, theme, ...(prospetto && { prospetto: prospetto.note }) };
}

const PROSPETTO_FORMATS: Record<string, { formato: string; come: string }> = {
  pdf: { formato: 'application/pdf', come: 'in PDF' },
  docx: { formato: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', come: 'in DOCX' },
  html: { formato: 'text/html', come: 'come pagina web' },
  csv: { formato: 'text/csv', come: 'in CSV, una riga per variazione' },
};

/**
 * The prospetto delle variazioni of this revision against the previous one in the folder; when there is none,
 * or its data no longer reads (written by another version of piao, or edited by hand), the publication goes on
 * without it and says why.
 */
async function prospettoFiles(input: string, previous: PreviousPlan | undefined): Promise<{ files?: BundleFile[]; note: string }> {
  if (!previous) return { note: 'nessuna revisione precedente nella cartella: il prospetto delle variazioni non è stato fatto (lo fa piao diff)' };
  if (previous.altered) {
    return { note: `i dati della revisione ${previous.revisione} in ${previous.file} non sono quelli pubblicati (il manifest ne ha un'altra impronta, o non è un file): il prospetto delle variazioni non è stato fatto (lo fa piao diff)` };
  }
  let before: LoadedPlan;
  try {
    // Its images are not read: the prospetto shows only the new plan's.
    before = loadPlan(previous.file, { images: false });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { note: `i dati della revisione ${previous.revisione} pubblicati in ${previous.file} non si leggono più (${e.diagnostics[0]?.message ?? 'non validi'}): il prospetto delle variazioni non è stato fatto (lo fa piao diff)` };
  }
  const { files } = await renderProspetto(before, loadPlan(input));
  return {
    note: `prospetto delle variazioni rispetto alla revisione ${previous.revisione}`,
    files: files.map((f) => {
      const kind = PROSPETTO_FORMATS[extname(f.name).slice(1)]!;
      return { name: f.name, data: f.data, formato: kind.formato, descrizione: `Il prospetto delle variazioni rispetto alla revisione ${previous.revisione}, ${kind.come}` };
    }),
  };
}

/** How to choose another destination, in the messages. */
const OUT_HINT = "indica con --out un'altra cartella";

/**
 * Refuses a destination that holds something other than a publication of piao: it must not exist,
 * be empty, or hold revisions written by piao (or a bundle of the first layout); and its folder
 * must be writable. Returns what it holds.
 */
export function checkTarget(dir: string): Destination {
  checkOutputFolder(dirname(resolve(dir)), OUT_HINT);
  // What a killed run left there goes first (a previous publication it had moved aside is put back).
  removeStaleTemps(dirname(resolve(dir)));
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if (isOsError(e) && e.code === 'ENOENT') return { kind: 'nuova' };
    throw writeError(e, dir, OUT_HINT);
  }
  if (!isDir) throw new PublishTargetError(`«${dir}» esiste e non è una cartella: ${OUT_HINT}`);
  let dest: Destination;
  try {
    dest = readDestination(dir);
  } catch (e) {
    throw writeError(e, dir, OUT_HINT);
  }
  if (dest.kind === 'revisione') {
    throw new PublishTargetError(
      `«${dir}» è la cartella di una revisione (la ${dest.bundle.revisione}): indica con --out la cartella che contiene le revisioni («${dirname(dir)}»)`,
    );
  }
  if (dest.kind === 'estranea') {
    throw new PublishTargetError(
      `la cartella «${dir}» contiene già altri file e non è una pubblicazione precedente di piao: indica una cartella nuova o vuota`,
    );
  }
  return dest;
}

/**
 * What the user added to a previous bundle in `dir` (entries not among `ours`), to be kept.
 * Refuses when one of them has the name of a file the new bundle holds: it would be replaced.
 */
function userEntries(dir: string, ours: Set<string>, files: BundleFile[]): string[] {
  if (!existsSync(dir)) return [];
  const kept = readdirSync(dir).filter((e) => !ours.has(e) && e !== INDEX && e !== REVISIONS && revisionOfFolder(e) === undefined).sort();
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
 * Makes the new content of `dir` with `fill` in a private working folder next to it (io/temp.ts),
 * then swaps it in: the previous folder is moved into the working folder and the new one renamed to
 * `dir`; if that fails, the previous one is put back. The working folder (and the previous folder)
 * is then removed. On any failure `dir` is as it was.
 */
export function replaceFolder(dir: string, fill: (fresh: string) => void): void {
  whileWriting(() => swapFolder(dir, fill));
}

function swapFolder(dir: string, fill: (fresh: string) => void): void {
  const target = resolve(dir);
  const parent = dirname(target);
  const created = makeFolder(parent, OUT_HINT);
  let work: string | undefined;
  try {
    work = makeTempDir(parent);
    writeFileSync(join(work, DESTINATION), basename(target));
    // The folder itself is made with mkdir, not mkdtemp: it keeps the usual permissions.
    const fresh = join(work, 'nuova');
    mkdirSync(fresh);
    fill(fresh);
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
    if (e instanceof PublishTargetError) throw e;
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

export { sha256 };

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
