/**
 * `piao publish --verifica CARTELLA`: is a publication folder what piao wrote? Each revision's files
 * against the size and SHA-256 its manifest lists, each manifest against the one of the previous
 * revision it names (`precedente`: the chain), and `revisioni.json` against the folders. Told in
 * Italian, one line per revision and one per problem, so that whoever holds the folder (the
 * Responsabile della trasparenza, the Nucleo di Valutazione) knows what is intact and what is not.
 */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { readDestination, REVISIONS, sha256, type Revision } from './destination.js';

export interface Verification {
  ok: boolean;
  /** What is fine, revision by revision. */
  fine: string[];
  /** What is broken, each naming the file. */
  problems: string[];
  /** Remarks that do not break anything (a revision published without the previous one beside it). */
  notes: string[];
  revisions: number;
}

/** Checks one bundle folder's files against its manifest; pushes a problem for each file that differs. */
function checkFiles(dir: string, r: Revision, problems: string[]): number {
  let good = 0;
  const where = r.folder === '.' ? '' : `${r.folder}/`;
  for (const f of r.manifest.file ?? []) {
    const name = f?.nome;
    if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      problems.push(`${where}${MANIFEST_NAME}: una voce dell'elenco dei file non ha un nome valido`);
      continue;
    }
    const path = join(dir, name);
    let data: Buffer;
    try {
      // A link is never followed: a publication holds its own files, and nothing outside it is read.
      if (lstatSync(path).isSymbolicLink()) {
        problems.push(`${where}${name}: è un collegamento simbolico, non un file: una pubblicazione contiene i suoi file`);
        continue;
      }
      if (!statSync(path).isFile()) throw new Error('not a file');
      data = readFileSync(path);
    } catch {
      problems.push(`${where}${name}: manca (il manifest lo elenca)`);
      continue;
    }
    const hash = sha256(data);
    if (hash !== f.sha256) problems.push(`${where}${name}: il contenuto è cambiato dopo la pubblicazione (impronta SHA-256 ${hash.slice(0, 12)}…, il manifest dice ${String(f.sha256).slice(0, 12)}…)`);
    else if (f.byte !== undefined && f.byte !== data.length) problems.push(`${where}${name}: la dimensione è cambiata (${data.length} byte, il manifest dice ${f.byte})`);
    else good++;
  }
  return good;
}

const MANIFEST_NAME = 'manifest.json';

export function verifyPublication(dir: string): Verification {
  const v: Verification = { ok: false, fine: [], problems: [], notes: [], revisions: 0 };
  const dest = readDestination(dir);
  if (dest.kind === 'vecchia') {
    // The first layout: one bundle, no chain.
    const good = checkFiles(dir, dest.bundle, v.problems);
    v.revisions = 1;
    if (!v.problems.length) v.fine.push(`pubblicazione della revisione ${dest.bundle.revisione} (senza cartelle per revisione): ${good} file integri`);
    v.notes.push('la cartella ha la forma delle versioni precedenti di piao (una sola pubblicazione): la prossima piao publish la sposta in una cartella per revisione');
    v.ok = v.problems.length === 0;
    return v;
  }
  if (dest.kind === 'revisione') {
    // One revision's folder: its files; the chain is verified from the folder holding the revisions.
    const good = checkFiles(dir, { ...dest.bundle, folder: '.' }, v.problems);
    v.revisions = 1;
    if (!v.problems.length) v.fine.push(`revisione ${dest.bundle.revisione}: ${good} file integri`);
    v.notes.push(`è la cartella di una sola revisione: per verificare anche la catena dei manifest indica la cartella che contiene le revisioni («${dirname(dir)}»)`);
    v.ok = v.problems.length === 0;
    return v;
  }
  if (dest.kind !== 'storico' || dest.revisions.size === 0) {
    v.problems.push(`«${dir}» non contiene una pubblicazione di piao (nessuna cartella revisione-N con il suo manifest.json)`);
    return v;
  }
  const revisions = [...dest.revisions.values()].sort((a, b) => a.revisione - b.revisione);
  v.revisions = revisions.length;
  for (const r of revisions) {
    const before = v.problems.length;
    const rdir = join(dir, r.folder);
    if (lstatSync(rdir).isSymbolicLink()) {
      v.problems.push(`${r.folder}: è un collegamento simbolico, non una cartella: non lo seguo (una pubblicazione contiene le sue revisioni)`);
      continue;
    }
    if (r.manifest.piano?.revisione !== r.revisione) {
      v.problems.push(`${r.folder}/${MANIFEST_NAME}: dice revisione ${String(r.manifest.piano?.revisione)}, ma è nella cartella ${r.folder}`);
    }
    const good = checkFiles(rdir, r, v.problems);
    const link = r.manifest.precedente;
    let chain = '';
    if (link) {
      const target = posix.normalize(posix.join(r.folder, link.file));
      const expected = `revisione-${link.revisione}/${MANIFEST_NAME}`;
      if (target !== expected) {
        v.problems.push(`${r.folder}/${MANIFEST_NAME}: il collegamento alla revisione precedente punta a «${link.file}», non al manifest della revisione ${link.revisione}`);
      } else if (!existsSync(join(dir, expected))) {
        v.problems.push(`${expected}: manca (il manifest della revisione ${r.revisione} rimanda a questo come precedente)`);
      } else {
        const hash = sha256(readFileSync(join(dir, expected)));
        if (hash !== link.sha256) {
          v.problems.push(`${expected}: è cambiato dopo la pubblicazione della revisione ${r.revisione}, che vi rimanda (la catena dei manifest si interrompe qui; se la revisione ${link.revisione} è stata ripubblicata, ripubblica anche la ${r.revisione})`);
        } else chain = `, collegata alla revisione ${link.revisione}`;
      }
    } else if (revisions.some((p) => p.revisione < r.revisione)) {
      v.notes.push(`la revisione ${r.revisione} non rimanda a una revisione precedente: è stata pubblicata quando le precedenti non erano in questa cartella`);
    }
    // Files in a revision folder that its manifest does not list are the user's: not checked.
    if (v.problems.length === before) v.fine.push(`revisione ${r.revisione}: ${good} file integri${chain}`);
  }
  checkRevisionsList(dir, revisions, v);
  v.ok = v.problems.length === 0;
  return v;
}

/** `revisioni.json` lists the revisions present, each with its manifest's SHA-256. */
function checkRevisionsList(dir: string, revisions: Revision[], v: Verification): void {
  let list: { revisioni?: { revisione?: number; manifest?: { sha256?: string } }[] };
  try {
    list = JSON.parse(readFileSync(join(dir, REVISIONS), 'utf8'));
  } catch {
    v.problems.push(`${REVISIONS}: manca o non si legge (ripubblica l'ultima revisione per rifarlo)`);
    return;
  }
  const listed = new Map((list.revisioni ?? []).map((e) => [Number(e.revisione), e.manifest?.sha256]));
  const present = new Map(revisions.map((r) => [r.revisione, sha256(r.manifestBytes)]));
  const differ = [...new Set([...listed.keys(), ...present.keys()])].filter((n) => listed.get(n) !== present.get(n));
  if (differ.length) {
    v.problems.push(`${REVISIONS}: non corrisponde alle cartelle per ${differ.length === 1 ? 'la revisione' : 'le revisioni'} ${differ.join(', ')} (ripubblica l'ultima revisione per rifarlo)`);
  }
}
