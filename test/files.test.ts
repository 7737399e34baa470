/**
 * Files from the user's side (issue 11, point 10; hostile report items 7, 9, 13): a failed build
 * replaces nothing and leaves nothing; temporary files are never written through a planted
 * symlink; what a killed run left is removed by the next one; publish keeps the files a user
 * added to a previous publication; every OS error is an Italian message naming the path; Node's
 * own messages about wrong options are Italian too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE } from './helpers/cli.js';
import { fileError } from '../src/io/errors.js';

const VALID = join(import.meta.dirname, 'fixtures/invalid/_valido.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-files-'));

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

/** A copy of the valid plan with another title: its documents differ from the first build's. */
function changedPlan(dir: string, name = '_valido.yaml'): string {
  const file = join(dir, name);
  const text = readFileSync(VALID, 'utf8');
  const changed = text.replace(/titolo: (.*)/, 'titolo: $1 (rivisto)');
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
  return file;
}

describe('build writes all or nothing', () => {
  it('one target is a folder: exit 2 naming it, the other documents not replaced, nothing left behind', async () => {
    const out = tmp();
    expect((await cli(['build', VALID, '--out', out])).code).toBe(0);
    const html = join(out, '_valido.html');
    const before = new Map(['_valido.docx', '_valido.pdf'].map((f) => [f, readFileSync(join(out, f))]));
    // The page's name is now taken by a folder.
    rmSync(html);
    mkdirSync(html);
    const plan = changedPlan(tmp());
    const r = await cli(['build', plan, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/impossibile scrivere «.*_valido\.html»: è una cartella, non un file \(EISDIR\)/);
    expect(r.err).not.toContain('errore imprevisto');
    expect(readdirSync(out).sort()).toEqual(['_valido.docx', '_valido.html', '_valido.pdf']);
    for (const f of ['_valido.docx', '_valido.pdf']) expect(readFileSync(join(out, f)).equals(before.get(f)!), `${f} was replaced`).toBe(true);
  });

  it('never writes through a symlink planted at a predictable temporary name', async () => {
    const out = tmp();
    const victim = join(tmp(), 'vittima.txt');
    writeFileSync(victim, 'da non toccare');
    for (const f of ['_valido.docx', '_valido.pdf', '_valido.html']) symlinkSync(victim, join(out, `.${f}.tmp-${process.pid}`));
    expect((await cli(['build', VALID, '--out', out])).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('da non toccare');
    expect(readFileSync(join(out, '_valido.html'), 'utf8')).toContain('<html');
  });

  it('removes the working folders a killed run left, only those of processes that are gone', async () => {
    const out = tmp();
    const dead = join(out, `.piao-tmp-${deadPid()}-aB3xYz`);
    mkdirSync(dead);
    writeFileSync(join(dead, '0'), 'mezzo documento');
    const living = join(out, `.piao-tmp-${process.ppid}-Qw12Er`);
    mkdirSync(living);
    const mine = join(out, '.piao-tmp-appunti');
    writeFileSync(mine, 'un file dell’utente con un nome simile');
    expect((await cli(['build', VALID, '--out', out])).code).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(living)).toBe(true);
    expect(readFileSync(mine, 'utf8')).toContain('utente');
    expect(readdirSync(out).sort()).toEqual(['.piao-tmp-appunti', `.piao-tmp-${process.ppid}-Qw12Er`, '_valido.docx', '_valido.html', '_valido.pdf'].sort());
  });

  it('a killed run is cleaned up by the next one even when that one stops on invalid data', async () => {
    const out = tmp();
    const dead = join(out, `.piao-tmp-${deadPid()}-zzzzzz`);
    mkdirSync(dead);
    const bad = join(tmp(), 'x.yaml');
    writeFileSync(bad, 'ente: [\n');
    expect((await cli(['build', bad, '--out', out])).code).toBe(1);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('a wrong --out or --templates is a clear Italian message, exit 2', () => {
  it('--out is a file', async () => {
    const dir = tmp();
    const file = join(dir, 'un-file');
    writeFileSync(file, 'x');
    const r = await cli(['build', VALID, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/«.*un-file» esiste ma non è una cartella: indica con --out un'altra cartella/);
    expect(r.err).not.toMatch(/imprevisto|EEXIST|segnalalo/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--out is a device (/dev/full)', async () => {
    const r = await cli(['build', VALID, '--out', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('«/dev/full» esiste ma non è una cartella');
  });

  it('--out goes through a file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), 'x');
    for (const cmd of ['build', 'publish']) {
      const r = await cli([cmd, VALID, '--out', join(dir, 'f', 'sotto')]);
      expect(r.code, cmd).toBe(2);
      expect(r.err, cmd).toMatch(/«.*f» esiste ma non è una cartella|una parte del percorso è un file/);
      expect(r.err, cmd).not.toContain('imprevisto');
    }
  });

  it('a name too long for the system', async () => {
    const r = await cli(['build', VALID, '--out', join(tmp(), 'a'.repeat(300))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/impossibile scrivere «.*a{300}»: il nome è troppo lungo per il sistema \(ENAMETOOLONG\)/);
  });

  it('a place the system does not allow', async () => {
    const r = await cli(['build', VALID, '--out', '/proc/piao-prova']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/impossibile scrivere «\/proc\/piao-prova»: /);
    expect(r.err).not.toContain('imprevisto');
  });

  it('--templates is a file', async () => {
    const file = join(tmp(), 'modelli.txt');
    writeFileSync(file, 'x');
    for (const cmd of ['build', 'publish']) {
      const r = await cli([cmd, VALID, '--templates', file, '--out', join(tmp(), 'o')]);
      expect(r.code, cmd).toBe(2);
      expect(r.err, cmd).toMatch(/«.*modelli\.txt» non è una cartella: indica con --templates la cartella dei modelli/);
    }
  });

  it('the messages for a full disk and no permission say what to do', () => {
    expect(fileError('ENOSPC', 'out/piano.pdf', 'scrivere').message).toBe('impossibile scrivere «out/piano.pdf»: spazio esaurito sul disco (ENOSPC). Libera spazio sul disco e riprova.');
    expect(fileError('ENOSPC', 'x', 'scrivere').exitCode).toBe(1);
    const denied = fileError('EACCES', 'out', 'scrivere in', "indica con --out un'altra cartella");
    expect(denied.message).toBe("impossibile scrivere in «out»: permesso negato (non hai i diritti di accesso) (EACCES). Indica con --out un'altra cartella.");
    expect(denied.exitCode).toBe(2);
    expect(fileError('EROFS', 'out', 'scrivere').message).toContain('sola lettura');
  });
});

describe("Node's messages about options are Italian", () => {
  it('a value given to an option that takes none, a missing value, a value starting with a dash', async () => {
    const split = await cli(['build', VALID, '--split=yes']);
    expect(split.code).toBe(2);
    expect(split.err).toMatch(/^piao build: l'opzione --split non accetta un valore: scrivi solo --split\n/);
    const missing = await cli(['build', VALID, '--out']);
    expect(missing.err).toMatch(/^piao build: l'opzione --out richiede un valore\n/);
    const dash = await cli(['publish', VALID, '-o', '-x']);
    expect(dash.code).toBe(2);
    expect(dash.err).toMatch(/^piao publish: il valore dell'opzione --out inizia con un trattino: scrivilo attaccato, come --out=VALORE\n/);
    const json = await cli(['check', VALID, '--json=1']);
    expect(json.err).toMatch(/^piao check: l'opzione --json non accetta un valore/);
    for (const r of [split, missing, dash, json]) expect(r.err).not.toMatch(/Option|argument|does not/);
  });
});

describe('publish never deletes what it did not write', () => {
  it("keeps the files the user added to a previous publication, and says so", async () => {
    const parent = tmp();
    const dir = join(parent, 'pubblicazione');
    expect((await cli(['publish', VALID, '--out', dir])).code).toBe(0);
    // In the revision's folder, and at the top beside the revisions.
    const rev = join(dir, 'revisione-0');
    writeFileSync(join(rev, 'LEGGIMI.txt'), 'note per il responsabile della trasparenza');
    mkdirSync(join(rev, 'allegati'));
    writeFileSync(join(rev, 'allegati', 'delibera.pdf'), '%PDF delibera di approvazione');
    writeFileSync(join(dir, 'NOTE.txt'), 'note generali');
    const oldHtml = readFileSync(join(rev, '_valido.html'), 'utf8');

    const r = await cli(['publish', changedPlan(tmp()), '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('conservati i file che avevi aggiunto alla pubblicazione precedente (piao non li scrive e non li cancella): LEGGIMI.txt, allegati/');
    expect(readFileSync(join(rev, 'LEGGIMI.txt'), 'utf8')).toBe('note per il responsabile della trasparenza');
    expect(readFileSync(join(rev, 'allegati', 'delibera.pdf'), 'utf8')).toBe('%PDF delibera di approvazione');
    expect(readFileSync(join(dir, 'NOTE.txt'), 'utf8')).toBe('note generali');
    expect(readFileSync(join(rev, '_valido.html'), 'utf8')).not.toBe(oldHtml);
    // The manifest lists what piao wrote, not the user's files.
    const manifest = JSON.parse(readFileSync(join(rev, 'manifest.json'), 'utf8')) as { file: { nome: string }[] };
    expect(manifest.file.map((f) => f.nome)).not.toContain('LEGGIMI.txt');
    expect(readdirSync(parent)).toEqual(['pubblicazione']);

    // And again: still there.
    expect((await cli(['publish', VALID, '--out', dir])).code).toBe(0);
    expect(readFileSync(join(rev, 'allegati', 'delibera.pdf'), 'utf8')).toBe('%PDF delibera di approvazione');
    expect(readFileSync(join(dir, 'NOTE.txt'), 'utf8')).toBe('note generali');
  });

  it('refuses (exit 2, naming it) when a file the user added has the name of one piao writes', async () => {
    const parent = tmp();
    const dir = join(parent, 'pubblicazione');
    expect((await cli(['publish', VALID, '--out', dir])).code).toBe(0);
    // A plan with another name: its documents get names the previous manifest does not list.
    const other = changedPlan(tmp(), 'piano-2025.yaml');
    writeFileSync(join(dir, 'revisione-0', 'piano-2025.pdf'), 'il PDF firmato, messo qui a mano');
    const r = await cli(['publish', other, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/contiene «piano-2025\.pdf», che piao non ha scritto e che la nuova pubblicazione sostituirebbe: spostalo o rinominalo/);
    expect(readFileSync(join(dir, 'revisione-0', 'piano-2025.pdf'), 'utf8')).toBe('il PDF firmato, messo qui a mano');
    expect(readdirSync(parent)).toEqual(['pubblicazione']);
  });

  it('a previous publication a killed run had moved aside is put back by the next run', async () => {
    const parent = tmp();
    const dir = join(parent, 'pubblicazione');
    expect((await cli(['publish', VALID, '--out', dir])).code).toBe(0);
    const before = readFileSync(join(dir, 'revisione-0', 'manifest.json'), 'utf8');
    // As a run killed between moving the previous folder aside and renaming the new one leaves it.
    const work = join(parent, `.piao-tmp-${deadPid()}-Kk9Lm0`);
    mkdirSync(work);
    writeFileSync(join(work, 'destinazione'), 'pubblicazione');
    renameSync(dir, join(work, 'precedente'));
    mkdirSync(join(work, 'nuova'));
    const bad = join(tmp(), 'x.yaml');
    writeFileSync(bad, 'ente: [\n');
    expect((await cli(['publish', bad, '--out', dir])).code).toBe(1);
    expect(readdirSync(parent)).toEqual(['pubblicazione']);
    expect(readFileSync(join(dir, 'revisione-0', 'manifest.json'), 'utf8')).toBe(before);
  });

  it('publishing into a folder of files that are not a publication is still refused', async () => {
    const dir = join(tmp(), 'documenti');
    mkdirSync(dir);
    writeFileSync(join(dir, 'importante.txt'), 'x');
    const r = await cli(['publish', EXAMPLE, '--out', dir]);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['importante.txt']);
  });
});

describe('a plan named like a document it makes', () => {
  it('is never overwritten by that document: exit 2, the plan as it was, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-input-'));
    const plan = join(dir, 'piano.html');
    const text = readFileSync(join(import.meta.dirname, '../data/casalmorano-2024.yaml'));
    writeFileSync(plan, text);
    const r = await cli(['build', plan, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('è un file che questo comando ha letto');
    expect(readFileSync(plan).equals(text)).toBe(true);
    expect(readdirSync(dir)).toEqual(['piano.html']);
  });
});
