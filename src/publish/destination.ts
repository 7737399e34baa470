/**
 * What a publication folder holds (issue 14: publication keeps the history). One folder per revision
 * (`revisione-0/`, `revisione-1/`, …), each a bundle with its `manifest.json`, beside the index page
 * and `revisioni.json`. Read here, for `publish` (which revisions are there, the previous one's
 * manifest for the chain) and for `--verifica`. A folder of the first layout (one bundle, its
 * manifest at the top) is recognised too: `publish` moves it into its revision's folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export const MANIFEST = 'manifest.json';
export const INDEX = 'index.html';
export const REVISIONS = 'revisioni.json';
const REVISION_DIR = /^revisione-(0|[1-9]\d*)$/;

export function revisionFolder(n: number): string {
  return `revisione-${n}`;
}

/** The revision a folder name stands for, or undefined. */
export function revisionOfFolder(name: string): number | undefined {
  const m = REVISION_DIR.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** The parts of a manifest the history reads (written by `renderBundle`; older ones lack `atto`, `motivazione`, `precedente`). */
export interface Manifest {
  ente?: string;
  piano?: {
    anno?: number;
    triennio?: string;
    sezione?: string;
    titolo?: string;
    revisione?: number;
    approvazione?: Act | null;
    atto?: Act | null;
    motivazione?: string | null;
    data_documento?: string;
  };
  generatore?: { nome?: string; versione?: string };
  precedente?: Precedente | null;
  file?: { nome?: string; descrizione?: string; formato?: string; byte?: number; sha256?: string }[];
}

export interface Act {
  organo: string;
  numero: string | null;
  data: string;
}

/** The link of a revision's manifest to the previous revision's. */
export interface Precedente {
  revisione: number;
  file: string;
  sha256: string;
}

/** One revision found in the folder. */
export interface Revision {
  revisione: number;
  folder: string;
  manifest: Manifest;
  manifestBytes: Buffer;
  /** The entries of its folder (for the change report's files, `variazioni-rev<N>.*`). */
  entries: string[];
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A manifest written by piao, parsed; undefined if the bytes are not one. */
export function parseManifest(bytes: Buffer): Manifest | undefined {
  try {
    const m = JSON.parse(bytes.toString('utf8')) as Manifest;
    return m && typeof m === 'object' && m.generatore?.nome === 'piao' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `dir` is a publication of piao, or one of its revision folders (a piao manifest, or the list
 * of revisions): other commands must not write there, or they would replace published files.
 */
export function isPublication(dir: string): boolean {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
  };
  const manifest = read(MANIFEST);
  return (manifest !== undefined && parseManifest(manifest) !== undefined) || read(REVISIONS) !== undefined;
}

/** The names a manifest lists (itself included): what piao wrote in that folder. */
export function manifestNames(m: Manifest): Set<string> {
  const names = (Array.isArray(m.file) ? m.file : []).map((f) => f?.nome).filter((n): n is string => typeof n === 'string' && !n.includes('/'));
  return new Set([MANIFEST, ...names]);
}

/** The revision a manifest names (0 when it names none). */
export function manifestRevision(m: Manifest): number {
  const r = m.piano?.revisione;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 0;
}

function readBundle(dir: string, revisione: number, folder: string): Revision | undefined {
  let bytes: Buffer;
  try {
    if (!statSync(dir).isDirectory()) return undefined;
    bytes = readFileSync(join(dir, MANIFEST));
  } catch {
    return undefined;
  }
  const manifest = parseManifest(bytes);
  if (!manifest) return undefined;
  return { revisione, folder, manifest, manifestBytes: bytes, entries: readdirSync(dir).sort() };
}

export type Destination =
  /** Absent or empty. */
  | { kind: 'nuova' }
  /** Folders of revisions (and the index); `foreign`: top-level entries piao did not write. */
  | { kind: 'storico'; revisions: Map<number, Revision>; foreign: string[] }
  /** The first layout: one bundle, its manifest at the top (a manifest without `precedente`). */
  | { kind: 'vecchia'; bundle: Revision }
  /** One revision's folder of a publication with revisions (its manifest has `precedente`): not a destination. */
  | { kind: 'revisione'; bundle: Revision }
  /** Something else: never written into. */
  | { kind: 'estranea' };

/** What `dir` (an existing folder, or a missing one) holds. */
export function readDestination(dir: string): Destination {
  if (!existsSync(dir)) return { kind: 'nuova' };
  const entries = readdirSync(dir).sort();
  if (entries.length === 0) return { kind: 'nuova' };
  if (entries.includes(MANIFEST)) {
    const bundle = readBundle(dir, 0, '.');
    if (!bundle) return { kind: 'estranea' };
    const found = { ...bundle, revisione: manifestRevision(bundle.manifest) };
    return 'precedente' in bundle.manifest ? { kind: 'revisione', bundle: found } : { kind: 'vecchia', bundle: found };
  }
  const revisions = new Map<number, Revision>();
  const foreign: string[] = [];
  for (const name of entries) {
    const n = revisionOfFolder(name);
    const r = n === undefined ? undefined : readBundle(join(dir, name), n, name);
    if (r) revisions.set(n!, r);
    else if (name !== INDEX && name !== REVISIONS) foreign.push(name);
  }
  const ours = revisions.size > 0 || isOurRevisionsList(join(dir, REVISIONS));
  return ours ? { kind: 'storico', revisions, foreign } : { kind: 'estranea' };
}

function isOurRevisionsList(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { generatore?: { nome?: unknown } }).generatore?.nome === 'piao';
  } catch {
    return false;
  }
}

/** The files of the change report (`piao diff`) a revision's folder holds: `variazioni-rev<N>.{html,pdf,docx,csv}`, in that order. */
export function changeReportFiles(r: { revisione: number; entries: string[] }): string[] {
  return ['html', 'pdf', 'docx', 'csv'].map((ext) => `variazioni-rev${r.revisione}.${ext}`).filter((name) => r.entries.includes(name));
}
