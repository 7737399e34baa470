/**
 * Publication keeps the history (issue 14), from the user's side: the example's revision 0 and then
 * its amendment (revision 1) published into one folder give two revision folders side by side, the
 * first left byte for byte as it was; the index page and revisioni.json list both with their acts;
 * revision 1's manifest names revision 0's with its SHA-256 and `piao publish --verifica` walks the
 * chain (and names the file when a byte changes); publishing again gives the same bytes; a revision
 * published again with other content is said to break the link of the later ones; a folder of the
 * first layout moves into its revision's folder; another plan's folder is refused.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/variazioni');
const REV0 = join(FIXTURES, 'casalmorano-rev0.yaml');
const REV1 = join(FIXTURES, 'casalmorano-rev1.yaml');
const OTHER = join(import.meta.dirname, 'fixtures/invalid/_valido.yaml');

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-storico-'));

/** Every file under `dir`, by its path from there. */
function readAll(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
  return new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), `${name} differs`).toBe(true);
}

async function publishOk(plan: string, dir: string, ...more: string[]) {
  const r = await cli(['publish', plan, '--out', dir, ...more]);
  expect(r.code, r.err).toBe(0);
  return r;
}

describe('revision 0 then revision 1 into one folder', () => {
  const dir = join(tmp(), 'pubblicazione');
  let rev0Before: Map<string, Buffer>;
  let all: Map<string, Buffer>;
  let second: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    await publishOk(REV0, dir);
    rev0Before = readAll(join(dir, 'revisione-0'));
    second = await publishOk(REV1, dir);
    all = readAll(dir);
  });

  it('holds both revision folders side by side, revision 0 byte for byte as it was', () => {
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'revisione-0', 'revisione-1', 'revisioni.json']);
    expectSame(rev0Before, readAll(join(dir, 'revisione-0')));
    expect(readdirSync(join(dir, 'revisione-1')).sort()).toEqual([
      'casalmorano-rev1.docx', 'casalmorano-rev1.html', 'casalmorano-rev1.pdf', 'manifest.json', 'obiettivi.csv', 'obiettivi.json', 'obiettivi.schema.json', 'piano.yaml', 'portale-piao.json', 'portale-piao.txt',
      'variazioni-rev1.csv', 'variazioni-rev1.docx', 'variazioni-rev1.html', 'variazioni-rev1.pdf',
    ]);
    expect(all.get('revisione-1/piano.yaml')!.equals(readFileSync(REV1))).toBe(true);
    expect(second.out).toContain('le altre revisioni (0) sono rimaste come erano');
  });

  it("revision 1's manifest names its act and links to revision 0's manifest with its SHA-256", () => {
    const m = JSON.parse(all.get('revisione-1/manifest.json')!.toString('utf8'));
    expect(m.piano).toMatchObject({ revisione: 1, atto: { organo: 'Giunta Comunale', numero: '45', data: '2024-06-20' }, approvazione: { numero: '12', data: '2024-01-30' }, data_documento: '2024-06-20' });
    expect(m.piano.motivazione).toMatch(/^Dal 1° gennaio 2024 il Reddito di cittadinanza/);
    expect(m.precedente).toEqual({ revisione: 0, file: '../revisione-0/manifest.json', sha256: sha(all.get('revisione-0/manifest.json')!) });
    expect(JSON.parse(all.get('revisione-0/manifest.json')!.toString('utf8')).precedente).toBeNull();
  });

  it('the index page lists both revisions, newest first, with their acts, motivazione and links to their files', () => {
    const html = all.get('index.html')!.toString('utf8');
    const text = normalize(htmlText(html));
    expect(text).toContain('È in vigore la revisione 1, approvata con deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
    expect(text).toContain(normalize("1 Giunta Comunale n. 45 20 giugno 2024 Dal 1° gennaio 2024 il Reddito di cittadinanza è sostituito dall'Assegno di inclusione"));
    expect(text).toContain('0 Giunta Comunale n. 12 30 gennaio 2024 Approvazione del piano');
    expect(text.indexOf('Revisione 1 (in vigore)')).toBeLessThan(text.lastIndexOf('Revisione 0'));
    expect(text).toContain('Approvata con deliberazione di Giunta Comunale n. 12 del 30 gennaio 2024.');
    for (const f of ['revisione-1/casalmorano-rev1.pdf', 'revisione-1/casalmorano-rev1.docx', 'revisione-1/casalmorano-rev1.html', 'revisione-0/casalmorano-rev0.pdf', 'revisione-0/manifest.json', 'revisione-1/portale-piao.txt']) {
      expect(html).toContain(`<a href="${f}">`);
    }
    // The same page as the section's: a standalone file that loads nothing.
    expect(html).toContain(`content="default-src 'none'`);
    expect(html).toContain('<a class="salta-al-testo" href="#piao_testo">');
  });

  it('revisioni.json lists both, with their acts and manifests', () => {
    const list = JSON.parse(all.get('revisioni.json')!.toString('utf8'));
    expect(list.in_vigore).toBe(1);
    expect(list.revisioni.map((r: { revisione: number; atto: { numero: string } }) => [r.revisione, r.atto.numero])).toEqual([[0, '12'], [1, '45']]);
    expect(list.revisioni[1].manifest).toEqual({ file: 'revisione-1/manifest.json', sha256: sha(all.get('revisione-1/manifest.json')!) });
    expect(list.revisioni[1].file).toContain('revisione-1/casalmorano-rev1.pdf');
  });

  it('each revision has what the Portale PIAO asks for its upload', () => {
    const p = JSON.parse(all.get('revisione-1/portale-piao.json')!.toString('utf8'));
    expect(p).toMatchObject({ versione: 1, tipo: 'variazione', atto: { tipo: 'deliberazione', organo: 'Giunta Comunale', numero: '45', data: '2024-06-20' }, data_approvazione: '2024-06-20', piao: { anno: 2024, triennio: '2024-2026' }, documento: 'casalmorano-rev1.pdf' });
    const t = all.get('revisione-1/portale-piao.txt')!.toString('utf8');
    expect(t).toContain('Versione: revisione 1 (variazione)');
    expect(t).toContain('Atto di approvazione: deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
    expect(t).toContain('Organo che approva: Giunta Comunale');
  });

  it('the published revision 1 is the testo coordinato, in DOCX, PDF and HTML, annexed to the last act', async () => {
    const texts = [
      normalize(docxText(all.get('revisione-1/casalmorano-rev1.docx')!)),
      normalize((await pdfText(all.get('revisione-1/casalmorano-rev1.pdf')!)).text),
      normalize(htmlText(all.get('revisione-1/casalmorano-rev1.html')!.toString('utf8'))),
    ];
    for (const t of texts) {
      expect(t).toContain('Allegato alla deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
      expect(t).toContain('Testo coordinato con le variazioni approvate con deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
      expect(t).toContain('Revisione Deliberazione Data Motivazione 0 Giunta Comunale n. 12 30 gennaio 2024 Approvazione del piano 1 Giunta Comunale n. 45 20 giugno 2024');
    }
  });

  it('--verifica: the chain verifies (exit 0)', async () => {
    const r = await cli(['publish', '--verifica', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('integra: revisione 0: 9 file integri\n');
    expect(r.out).toContain('integra: revisione 1: 13 file integri, collegata alla revisione 0\n');
    expect(r.out).toMatch(/è integra: 2 revisioni, .*la catena dei manifest verificata\.\n$/);
  });

  it("--verifica: a byte changed in revision 0's PDF fails (exit 1), naming the file", async () => {
    const copy = join(tmp(), 'copia');
    cpSync(dir, copy, { recursive: true });
    const pdf = join(copy, 'revisione-0', 'casalmorano-rev0.pdf');
    const bytes = readFileSync(pdf);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    writeFileSync(pdf, bytes);
    const r = await cli(['publish', '--verifica', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/revisione-0\/casalmorano-rev0\.pdf: il contenuto è cambiato dopo la pubblicazione/);
    expect(r.err).toMatch(/NON è integra: 1 problema\.\n$/);
    expect(r.out).toContain('integra: revisione 1');
  });

  it("--verifica: revision 0's manifest changed breaks the chain at revision 1", async () => {
    const copy = join(tmp(), 'copia');
    cpSync(dir, copy, { recursive: true });
    const manifest = join(copy, 'revisione-0', 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"Approvazione del piano"', '"Approvazione del piano (rivista)"'));
    const r = await cli(['publish', '--verifica', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/revisione-0\/manifest\.json: è cambiato dopo la pubblicazione della revisione 1, che vi rimanda/);
    expect(r.err).toMatch(/revisioni\.json: non corrisponde alle cartelle per la revisione 0/);
  });

  it('publishing both again gives the same bytes, the index and revisioni.json too', async () => {
    await publishOk(REV1, dir);
    expectSame(all, readAll(dir));
    await publishOk(REV0, dir);
    expectSame(all, readAll(dir));
  });

  it("revision 1 holds the prospetto delle variazioni against revision 0, as piao diff makes it, in its manifest and linked from the index", async () => {
    expect(second.out).toContain('prospetto delle variazioni rispetto alla revisione 0');
    const out = join(tmp(), 'diff');
    expect((await cli(['diff', join(dir, 'revisione-0', 'piano.yaml'), REV1, '--out', out])).code).toBe(0);
    for (const ext of ['csv', 'docx', 'html', 'pdf']) {
      expect(all.get(`revisione-1/variazioni-rev1.${ext}`)!.equals(readFileSync(join(out, `variazioni-rev1.${ext}`))), ext).toBe(true);
    }
    expect(all.get('revisione-1/variazioni-rev1.csv')!.toString('utf8')).toContain('dem-assegno-inclusione');
    const manifest = JSON.parse(all.get('revisione-1/manifest.json')!.toString('utf8')) as { file: { nome: string }[] };
    expect(manifest.file.map((f) => f.nome)).toEqual(expect.arrayContaining(['variazioni-rev1.pdf', 'variazioni-rev1.csv']));
    const html = all.get('index.html')!.toString('utf8');
    expect(html).toContain('<a href="revisione-1/variazioni-rev1.html">HTML</a>');
    expect(html).toContain('<a href="revisione-1/variazioni-rev1.pdf">PDF</a>');
    expect(normalize(htmlText(html))).toContain('Prospetto delle variazioni: HTML, PDF, DOCX, CSV');
    expect(readdirSync(join(dir, 'revisione-0')).filter((f) => f.startsWith('variazioni'))).toEqual([]);
  });
});

describe('the index of a single revision whose act is not known yet', () => {
  it('says it is in force and that its deliberation is not indicated yet, and nothing about earlier revisions', async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(join(import.meta.dirname, '../data/casalmorano-2024.yaml'), dir);
    const text = normalize(htmlText(readFileSync(join(dir, 'index.html'), 'utf8')));
    expect(text).toContain('È in vigore la revisione 0 (la deliberazione che la approva non è ancora indicata).');
    expect(text).toContain('0 non indicata – Approvazione del piano');
    expect(text).not.toContain('precedenti');
  });
});

describe('revision 1 published into a folder without revision 0', () => {
  it('is published, and the index says that revision 0 is not in that folder', async () => {
    const dir = join(tmp(), 'altrove');
    const r = await publishOk(REV1, dir);
    expect(r.out).toContain('nessuna revisione precedente nella cartella');
    const text = normalize(htmlText(readFileSync(join(dir, 'index.html'), 'utf8')));
    expect(text).toContain('La revisione 0 non è in questa cartella.');
  });
});

describe('publishing again a revision lower than one present', () => {
  it('with other content: revision 1 untouched, its broken link said; --verifica fails until revision 1 is published again', async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    await publishOk(REV1, dir);
    const rev1 = readAll(join(dir, 'revisione-1'));
    const changed = join(tmp(), 'casalmorano-rev0.yaml');
    writeFileSync(changed, readFileSync(REV0, 'utf8').replace('nel rispetto delle esigenze relative ad ognuno', 'nel rispetto delle esigenze di ciascuno'));
    // Revision 0 was published with its act: another text for it is refused, unless asked for.
    const before = readAll(dir);
    const refused = await cli(['publish', changed, '--out', dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('la revisione 0 è già pubblicata');
    expect(refused.err).toContain('approvata con deliberazione di Giunta Comunale n. 12 del 30 gennaio 2024, e il piano ha ora un testo diverso');
    expect(refused.err).toContain('porta il piano alla revisione 1');
    expectSame(before, readAll(dir));
    const r = await publishOk(changed, dir, '--sostituisci');
    expect(r.err).toContain('attenzione: la revisione 1 rimandava al manifest della revisione 0 pubblicato prima, che ora è cambiato');
    expect(r.err).toMatch(/ripubblica la revisione 1 dal file del suo piano con --out .* \(se non l'hai più, una copia è in .*revisione-1\/piano\.yaml: copiala fuori dalla cartella con il nome di prima, casalmorano-rev1\.yaml, perché i documenti prendono il nome dal file\)/);
    expectSame(rev1, readAll(join(dir, 'revisione-1')));
    const broken = await cli(['publish', '--verifica', dir]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/revisione-0\/manifest\.json: è cambiato dopo la pubblicazione della revisione 1/);
    await publishOk(REV1, dir);
    expect((await cli(['publish', '--verifica', dir])).code).toBe(0);
  });

  it('with the same content: nothing to say, the chain still verifies', async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    await publishOk(REV1, dir);
    const r = await publishOk(REV0, dir);
    expect(r.err).not.toContain('attenzione');
    expect((await cli(['publish', '--verifica', dir])).code).toBe(0);
  });
});

describe('a folder of the first layout (one bundle, its manifest at the top)', () => {
  it('moves, as it is, into its revision folder when the next revision is published', async () => {
    const parent = tmp();
    const dir = join(parent, 'pubblicazione');
    // A bundle as the first layout had it: revision 0's files at the top, with a file the user added.
    await publishOk(REV0, join(parent, 'nuova'));
    renameSync(join(parent, 'nuova', 'revisione-0'), dir);
    rmSync(join(parent, 'nuova'), { recursive: true });
    // Its manifest as the first layout wrote it: no link to a previous revision, no act or motivazione of its own.
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete m.precedente;
    delete m.piano.atto;
    delete m.piano.motivazione;
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    writeFileSync(join(dir, 'delibera-12.pdf'), '%PDF la delibera firmata');
    const before = readAll(dir);
    const old = await cli(['publish', '--verifica', dir]);
    expect(old.code, old.err).toBe(0);
    expect(old.out).toContain('nota: la cartella ha la forma delle versioni precedenti di piao');

    const r = await publishOk(REV1, dir);
    expect(r.out).toMatch(/la pubblicazione che era in .*pubblicazione \(revisione 0\) è stata spostata in .*revisione-0, com'è/);
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'revisione-0', 'revisione-1', 'revisioni.json']);
    expectSame(before, readAll(join(dir, 'revisione-0')));
    expect(readdirSync(parent)).toEqual(['pubblicazione']);
    const v = await cli(['publish', '--verifica', dir]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('integra: revisione 1: 13 file integri, collegata alla revisione 0');
    // The index names revision 0's act from the approval its manifest gives.
    expect(normalize(htmlText(readFileSync(join(dir, 'index.html'), 'utf8')))).toContain('0 Giunta Comunale n. 12 30 gennaio 2024 Approvazione del piano');
  });
});

describe('what publish refuses, and --verifica on the command line', () => {
  it("another plan's folder: exit 2, naming both, nothing touched", async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    const before = readAll(dir);
    const r = await cli(['publish', OTHER, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/contiene le revisioni della sottosezione 2\.2 del PIAO 2024-2026 \(Comune di Casalmorano\), non di questo piano \(.*Comune di Prova\)/);
    expectSame(before, readAll(dir));
  });

  it("--out naming one revision's folder: exit 2, saying which folder to name; --verifica checks its files", async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    const before = readAll(dir);
    const r = await cli(['publish', REV1, '--out', join(dir, 'revisione-0')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/revisione-0» è la cartella di una revisione \(la 0\): indica con --out la cartella che contiene le revisioni \(«.*pubblicazione»\)/);
    expectSame(before, readAll(dir));
    const v = await cli(['publish', '--verifica', join(dir, 'revisione-0')]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toContain('nota: è la cartella di una sola revisione');
  });

  it('a revision folder piao did not write: exit 2, untouched', async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    mkdirSync(join(dir, 'revisione-1'));
    writeFileSync(join(dir, 'revisione-1', 'mio.txt'), 'mio');
    const r = await cli(['publish', REV1, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/revisione-1» esiste e non è una pubblicazione di piao/);
    expect(readdirSync(join(dir, 'revisione-1'))).toEqual(['mio.txt']);
  });

  it('--verifica: a folder that holds no publication exits 1; a missing one, or a plan given too, exits 2', async () => {
    const empty = tmp();
    writeFileSync(join(empty, 'a.txt'), 'x');
    const none = await cli(['publish', '--verifica', empty]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('non contiene una pubblicazione di piao');
    expect((await cli(['publish', '--verifica', join(empty, 'manca')])).code).toBe(2);
    expect((await cli(['publish', REV0, '--verifica', empty])).code).toBe(2);
  });
});

describe('what publish and --verifica never follow or trust', () => {
  it('the previous revision\'s data changed after publication, or a link to elsewhere: no prospetto from it, said why', async () => {
    for (const tamper of ['edit', 'link'] as const) {
      const dir = join(tmp(), 'pubblicazione');
      await publishOk(REV0, dir);
      const copy = join(dir, 'revisione-0', 'piano.yaml');
      if (tamper === 'edit') writeFileSync(copy, readFileSync(copy, 'utf8').replace('Comune di Casalmorano', 'Comune di Altrove'));
      else {
        const elsewhere = join(tmp(), 'altro.yaml');
        writeFileSync(elsewhere, readFileSync(REV0));
        rmSync(copy);
        symlinkSync(elsewhere, copy);
      }
      const r = await publishOk(REV1, dir);
      expect(r.out, tamper).toContain('non sono quelli pubblicati');
      expect(readdirSync(join(dir, 'revisione-1')).filter((f) => f.startsWith('variazioni')), tamper).toEqual([]);
    }
  });

  it('--verifica does not follow a link, to a file or to a revision folder', async () => {
    const dir = join(tmp(), 'pubblicazione');
    await publishOk(REV0, dir);
    const pdf = join(dir, 'revisione-0', 'casalmorano-rev0.pdf');
    const elsewhere = join(tmp(), 'altro.pdf');
    writeFileSync(elsewhere, readFileSync(pdf));
    rmSync(pdf);
    symlinkSync(elsewhere, pdf);
    const r = await cli(['publish', '--verifica', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('casalmorano-rev0.pdf: è un collegamento simbolico, non un file');
  });
});
