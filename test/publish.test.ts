/**
 * `piao publish`: the folder for Amministrazione Trasparente. What a revision's folder holds (PDF/A, DOCX,
 * the accessible HTML page, open data in CSV and JSON with its schema, the plan's data, the Portale PIAO
 * metadata, the manifest), the shape of the
 * open data, the manifest's hashes, and that a failed publish never leaves a partial bundle nor
 * touches the previous one. (Byte-identical output across processes, time zones and clocks, by
 * the built CLI: test/cli/publish.test.ts. The history, with the revisions side by side: test/publish-history.test.ts.
 * The checks with LibreOffice, Chromium, qpdf and the Nu HTML Checker are in test/interop/.)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/plan/diagnostics.js';
import { PublishTargetError, publish, renderBundle, replaceFolder } from '../src/publish/publish.js';
import { cli } from './helpers/cli.js';
import { htmlText, normalize } from './helpers/extract.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'data/casalmorano-2024.yaml');
const FILES = ['casalmorano-2024.docx', 'casalmorano-2024.html', 'casalmorano-2024.pdf', 'manifest.json', 'obiettivi.csv', 'obiettivi.json', 'obiettivi.schema.json', 'piano.yaml', 'portale-piao.json', 'portale-piao.txt'];
const COLUMNS = ['ente', 'anno', 'settore', 'servizio', 'responsabile', 'numero', 'titolo', 'descrizione', 'fasi', 'indicatori', 'target', 'termine', 'termine_data', 'tipo_peso', 'peso', 'personale', 'codice', 'tipo_obiettivo', 'prerequisito', 'valore_pubblico', 'obiettivo_strategico', 'missione_programma', 'codice_dup', 'pnrr', 'altri_campi', 'richiama'];

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function readAll(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

/** The parent's entries other than the bundle itself: temporary or moved-aside folders left behind. */
function leftovers(parent: string, keep: string[]): string[] {
  return readdirSync(parent).filter((f) => !keep.includes(f));
}

/**
 * A strict RFC 4180 reader: records end with CRLF; a field with a line break, a comma or a quote
 * is quoted; quotes are doubled. Throws on anything else (a bare LF between records, a stray quote).
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') throw new Error(`stray quote at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`record not ended by CRLF at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
    }
    records.push(record);
  }
  return records;
}

describe('the published bundle', () => {
  let dir: string;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    const out = join(tmp('piao-pub-'), 'pubblicazione');
    await publish({ input: EXAMPLE, outDir: out });
    dir = join(out, 'revisione-0');
    files = readAll(dir);
  });

  it("holds the section in three formats, the open data with its schema, the plan's data, the Portale PIAO metadata and the manifest", () => {
    expect([...files.keys()]).toEqual(FILES);
    expect(files.get('piano.yaml')!.equals(readFileSync(EXAMPLE))).toBe(true);
    expect(files.get('casalmorano-2024.pdf')!.subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(files.get('casalmorano-2024.pdf')!.toString('latin1')).toMatch(/<pdfaid:part>2<\/pdfaid:part>[^]*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(files.get('casalmorano-2024.docx')!.subarray(0, 2).toString()).toBe('PK');
    expect(files.get('obiettivi.schema.json')!.equals(readFileSync(join(ROOT, 'data/obiettivi.schema.json')))).toBe(true);
  });

  it('has an HTML page with a skip link, a table of contents and named objective tables', () => {
    const html = files.get('casalmorano-2024.html')!.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="it">/);
    expect(html).toMatch(/<body>\n<a class="salta-al-testo" href="#piao_testo">[^<]+<\/a>\n<header class="testata">\n<p class="testata-ente">Comune di Casalmorano<\/p>\n<p class="testata-titolo">PIAO 2024-2026 – Sottosezione 2\.2 Performance<\/p>\n<\/header>\n<main>\n<div class="carta-intestata">\n[^]*?<\/div>\n<h1 id="2-2-performance">2\.2 Performance<\/h1>\n<nav class="indice" aria-labelledby="piao_indice">/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<div id="piao_testo">');
    // Every link of the table of contents leads to a heading of the page.
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
    expect(links).toContain('settore-tecnico-e-tecnico-manutentivo');
    expect(links).toContain('segretario-comunale');
    for (const id of links) expect(html).toMatch(new RegExp(`<h[1-4] id="${id}"`));
    const captions = [...html.matchAll(/<caption class="visivamente-nascosto">([^<]+)<\/caption>/g)].map((m) => m[1]);
    expect(captions).toHaveLength(23);
    expect(captions[0]).toBe('Obiettivo n. 1 – Redazione del PIAO (Piano Integrato di Attività e Organizzazione)');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/(src|href)="(?!#)/);
    // The page carries the same text as the one of `piao build`, plus the table of contents.
    expect(normalize(htmlText(html))).toContain(normalize('Tale ambito programmatico va predisposto secondo le logiche di performance management'));
  });

  it('writes obiettivi.csv as RFC 4180 UTF-8 with a BOM: one row per objective, one item per line in list cells', () => {
    const bytes = files.get('obiettivi.csv')!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8').slice(1));
    expect(records[0]).toEqual(COLUMNS);
    const rows = records.slice(1).map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])) as Record<string, string>);
    expect(rows).toHaveLength(23);
    for (const r of records) expect(r).toHaveLength(COLUMNS.length);

    const first = rows[0]!;
    expect(first).toMatchObject({
      ente: 'Comune di Casalmorano', anno: '2024', settore: 'Segretario Comunale', servizio: '', responsabile: 'Dott.ssa Sonia Pagani', numero: '1',
      titolo: 'Redazione del PIAO (Piano Integrato di Attività e Organizzazione)', termine: 'Entro il 30 gennaio 2024', termine_data: '2024-01-30', tipo_peso: 'risultato', peso: '4',
    });
    expect(first.fasi!.split('\n')).toEqual(['Predisposizione bozza di PIAO secondo le indicazioni dell\'Amministrazione', 'Predisposizione deliberazione di approvazione', 'Pubblicazione', 'Eventuali modifiche successive necessarie']);
    // A deadline relative to an event has no date; "Tutto l'anno" ends on 31 December.
    expect(rows[1]).toMatchObject({ termine: "Entro 90 giorni dall'approvazione del PIAO", termine_data: '' });
    expect(rows.find((r) => r.termine === "Tutto l'anno 2024")!.termine_data).toBe('2024-12-31');
    // Weights: numbers as digits, blank when the plan leaves them blank; people one per line.
    expect(rows.filter((r) => r.tipo_peso === 'ccdi' && r.peso === '')).toHaveLength(2);
    // The Segretario's 10% and the two settore heads' 100% each (the Settore Amministrativo's objectives weigh on the CCDI).
    expect(rows.filter((r) => r.tipo_peso === 'risultato').reduce((n, r) => n + Number(r.peso), 0)).toBe(10 + 2 * 100);
    expect(rows.some((r) => r.personale!.includes('\n'))).toBe(true);
    expect(rows.map((r) => r.numero)).toContain('');
    expect(rows.every((r) => r.termine_data === '' || /^\d{4}-\d{2}-\d{2}$/.test(r.termine_data!))).toBe(true);
  });

  it('writes obiettivi.json, valid against data/obiettivi.schema.json, with the same objectives as the CSV', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = JSON.parse(files.get('obiettivi.schema.json')!.toString('utf8'));
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const data = JSON.parse(files.get('obiettivi.json')!.toString('utf8'));
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    expect(data.piano).toEqual({ anno: 2024, triennio: '2024-2026', sezione: '2.2', titolo: 'Performance', revisione: 0, approvazione: null });
    expect(data.ente.denominazione).toBe('Comune di Casalmorano');
    expect(data.ente.settori.map((s: { codice: string }) => s.codice)).toEqual(['amministrativo', 'economico_finanziario', 'tecnico']);
    type O = { codice: string; denominazione: string; tipo: string; peso: { tipo: string } };
    const all: O[] = [...data.ente.segretario.obiettivi, ...data.ente.settori.flatMap((s: { servizi: { obiettivi: O[] }[] }) => s.servizi.flatMap((sv) => sv.obiettivi))];
    const csv = parseCsv(files.get('obiettivi.csv')!.toString('utf8').slice(1)).slice(1);
    expect(all.map((o) => o.denominazione)).toEqual(csv.map((r) => r[6]));
    expect(new Set(all.map((o) => o.codice)).size).toBe(all.length);
    expect(all[0]!.codice).toBe('segretario.1');
    expect(all.every((o) => (o.peso.tipo === 'risultato') === (o.tipo === 'individuale'))).toBe(true);

    // The schema is strict: an unknown field is refused.
    data.ente.settori[0].servizi[0].obiettivi[0].titolo = 'x';
    expect(validate(data)).toBe(false);
  });

  it('lists every other file in manifest.json with its size and SHA-256, and the tool version', () => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.file.map((f: { nome: string }) => f.nome).sort()).toEqual(FILES.filter((f) => f !== 'manifest.json'));
    for (const f of manifest.file as { nome: string; byte: number; sha256: string }[]) {
      expect(f.byte).toBe(files.get(f.nome)!.length);
      expect(f.sha256).toBe(createHash('sha256').update(files.get(f.nome)!).digest('hex'));
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.generatore).toEqual({ nome: 'piao', versione: pkg.version });
    expect(manifest.piano).toMatchObject({ anno: 2024, revisione: 0, approvazione: null, atto: null, motivazione: 'Approvazione del piano', data_documento: '2024-01-01' });
    // The first revision published in this folder: no previous one to link to.
    expect(manifest.precedente).toBeNull();
  });

  it('writes what the Portale PIAO asks for the upload, for a program and to read', () => {
    const portale = JSON.parse(files.get('portale-piao.json')!.toString('utf8'));
    expect(portale).toMatchObject({ ente: 'Comune di Casalmorano', piao: { anno: 2024, triennio: '2024-2026' }, sezione: { numero: '2.2', titolo: 'Performance' }, versione: 0, tipo: 'approvazione', atto: null, data_approvazione: null, documento: 'casalmorano-2024.pdf' });
    const text = files.get('portale-piao.txt')!.toString('utf8');
    expect(text).toContain('Versione: revisione 0 (prima approvazione)');
    expect(text).toContain('Atto di approvazione: deliberazione non ancora adottata');
    expect(text).toContain('File da caricare: casalmorano-2024.pdf (PDF/A-2b)');
  });
});

describe('the manifest of an approved revision', () => {
  it('names the revision and the delibera that approved it', async () => {
    const dir = tmp('piao-pub-rev-');
    const file = join(dir, 'piano.yaml');
    const source = readFileSync(EXAMPLE, 'utf8').replace('  revisione: 0\n', '  revisione: 2\n  approvazione: { organo: Giunta Comunale, numero: 45, data: "2024-07-15" }\n');
    expect(source).toContain('numero: 45');
    writeFileSync(file, source);
    const bundle = (await renderBundle({ input: file })).files;
    const manifest = JSON.parse(bundle.find((f) => f.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.piano).toMatchObject({ revisione: 2, approvazione: { organo: 'Giunta Comunale', numero: '45', data: '2024-07-15' }, data_documento: '2024-07-15' });
    const data = JSON.parse(bundle.find((f) => f.name === 'obiettivi.json')!.data.toString('utf8'));
    expect(data.piano.approvazione).toEqual({ organo: 'Giunta Comunale', numero: '45', data: '2024-07-15' });
  });
});

describe('publishing is all or nothing', () => {
  /** A previous bundle: a manifest written by piao and the two files it lists. */
  function previousBundle(): { parent: string; dir: string; before: Map<string, Buffer> } {
    const parent = tmp('piao-pub-atom-');
    const dir = join(parent, 'pubblicazione');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ generatore: { nome: 'piao', versione: '0.0.1' }, file: [{ nome: 'casalmorano-2024.pdf' }, { nome: 'vecchio.txt' }] }));
    writeFileSync(join(dir, 'casalmorano-2024.pdf'), '%PDF-1.7 la versione precedente');
    writeFileSync(join(dir, 'vecchio.txt'), 'da una pubblicazione precedente');
    return { parent, dir, before: readAll(dir) };
  }

  function expectIntact(p: { parent: string; dir: string; before: Map<string, Buffer> }, others: string[] = []): void {
    const now = readAll(p.dir);
    expect([...now.keys()]).toEqual([...p.before.keys()]);
    for (const [name, bytes] of p.before) expect(now.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    expect(leftovers(p.parent, ['pubblicazione', ...others])).toEqual([]);
  }

  it('invalid data: exit 1, the previous bundle untouched, no temporary folder left', async () => {
    const p = previousBundle();
    const bad = join(p.parent, 'piano.yaml');
    writeFileSync(bad, readFileSync(EXAMPLE, 'utf8').replace('{ entro: "2024-06-30" }', '{ entro: "2024-02-31" }'));
    await expect(publish({ input: bad, outDir: p.dir })).rejects.toBeInstanceOf(InputError);
    const { code, err } = await cli(['publish', bad, '--out', p.dir]);
    expect(code).toBe(1);
    expect(err).toMatch(/piano\.yaml:\d+:\d+: errore: questa data non esiste nel calendario/);
    expect(err).toContain('nessun file è stato scritto');
    expectIntact(p, ['piano.yaml']);
  });

  it('errors of the checks stop it too, as they stop piao build', async () => {
    const p = previousBundle();
    const strict = join(p.parent, 'piano.yaml');
    writeFileSync(strict, `${readFileSync(EXAMPLE, 'utf8')}\ncontrolli:\n  livelli:\n    target.non-misurabile: errore\n`);
    const { code, err } = await cli(['publish', strict, '--out', p.dir]);
    expect(code).toBe(1);
    expect(err).toContain('[target.non-misurabile]');
    expectIntact(p, ['piano.yaml']);
  });

  it('invalid data and no previous bundle: nothing is created', async () => {
    const parent = tmp('piao-pub-none-');
    const bad = join(parent, 'piano.yaml');
    writeFileSync(bad, 'ente: { nome: x }\n');
    expect((await cli(['publish', bad, '--out', join(parent, 'out', 'pubblicazione')])).code).toBe(1);
    expect(readdirSync(parent)).toEqual(['piano.yaml']);
  });

  it('a failure while writing: the previous bundle untouched, the partial one removed', () => {
    const p = previousBundle();
    // A file and a folder with the same name: the third write fails half-way through the new folder.
    expect(() =>
      replaceFolder(p.dir, (fresh) => {
        for (const name of ['a.pdf', 'x', 'x/y', 'manifest.json']) writeFileSync(join(fresh, name), name);
      }),
    ).toThrow();
    expectIntact(p);
  });

  it('never replaces a folder that is not a bundle: exit 2, the folder untouched', async () => {
    const parent = tmp('piao-pub-foreign-');
    const dir = join(parent, 'documenti');
    mkdirSync(dir);
    writeFileSync(join(dir, 'importante.txt'), 'non cancellare');
    await expect(publish({ input: EXAMPLE, outDir: dir })).rejects.toBeInstanceOf(PublishTargetError);
    const { code, err } = await cli(['publish', EXAMPLE, '--out', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/^piao publish: la cartella «.*documenti» contiene già altri file/);
    expect(readdirSync(dir)).toEqual(['importante.txt']);
    expect(leftovers(parent, ['documenti'])).toEqual([]);
  });

  it('piao publish replaces a previous bundle of the first layout (revision 0) with its revision folder, and lists what it wrote', async () => {
    const p = previousBundle();
    const { code, out } = await cli(['publish', EXAMPLE, '-o', p.dir]);
    expect(code).toBe(0);
    expect(readdirSync(p.dir).sort()).toEqual(['index.html', 'revisione-0', 'revisioni.json']);
    // The files the old manifest listed were piao's: replaced by the new revision 0.
    expect(readdirSync(join(p.dir, 'revisione-0')).sort()).toEqual(FILES);
    expect(leftovers(p.parent, ['pubblicazione'])).toEqual([]);
    expect(out).toContain('revisione-0/obiettivi.csv');
    expect(out).toMatch(/è stata spostata in .*revisione-0/);
    expect(out).toMatch(/pubblicazione pronta in .*: revisione 0 in revisione-0 \(10 file\); indice in .*index\.html\.\n$/);
  });
});

describe('piao publish on the command line', () => {
  it('has --help; wrong usage exits 2', async () => {
    const help = await cli(['publish', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Uso:\n {2}piao publish <piano\.yaml>/);
    expect((await cli(['publish'])).code).toBe(2);
    expect((await cli(['publish', 'a.yaml', 'b.yaml'])).code).toBe(2);
    expect((await cli(['publish', EXAMPLE, '--format', 'pdf'])).code).toBe(2);
  });
});
