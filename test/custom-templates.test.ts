/**
 * Templates drive all three formats: a custom folder that adds a row to the objective table and
 * renames a label changes the DOCX, the PDF and the HTML identically, with no code change.
 * Templates outside the HTML subset are refused with the template's file and line.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { InputError } from '../src/plan/diagnostics.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');

describe('a custom template folder', () => {
  const texts: Record<string, string> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-'));
    const original = readFileSync(join(DEFAULT_TEMPLATES, 'obiettivo.hbs'), 'utf8');
    expect(original).toContain('Descrizione sintetica del contenuto');
    const custom = original
      .replace('>Descrizione sintetica del contenuto<', '>Contenuto dell\'obiettivo<')
      .replace('</table>', '<tr><th scope="row" class="etichetta">Verifica del Nucleo</th><td>Da compilare a fine anno</td></tr>\n</table>');
    writeFileSync(join(dir, 'obiettivo.hbs'), custom);
    const out = mkdtempSync(join(tmpdir(), 'piao-tpl-out-'));
    await build({ input: EXAMPLE, outDir: out, templatesDir: dir });
    texts.docx = normalize(docxText(readFileSync(join(out, 'casalmorano-2024.docx'))));
    texts.pdf = normalize((await pdfText(readFileSync(join(out, 'casalmorano-2024.pdf')))).text);
    texts.html = normalize(htmlText(readFileSync(join(out, 'casalmorano-2024.html'), 'utf8')));
  });

  for (const format of ['docx', 'pdf', 'html']) {
    it(`${format}: has the renamed label and the added row in every objective table`, () => {
      const t = texts[format]!;
      expect(t).not.toContain('Descrizione sintetica del contenuto');
      expect(t.split("Contenuto dell'obiettivo").length - 1).toBe(23);
      expect(t.split('Verifica del Nucleo Da compilare a fine anno').length - 1).toBe(23);
    });
  }
});

describe('templates outside the HTML subset', () => {
  async function buildWithTemplate(name: string, source: string): Promise<InputError> {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-bad-'));
    writeFileSync(join(dir, name), source);
    try {
      await build({ input: EXAMPLE, outDir: mkdtempSync(join(tmpdir(), 'piao-o-')), templatesDir: dir });
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  }

  it('refuses a forbidden tag, naming the template file and line', async () => {
    const e = await buildWithTemplate('centri.hbs', '<p>Aree:</p>\n<table>\n<tr><td><iframe src="x.html"></iframe></td></tr>\n</table>\n');
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ line: 3, col: 9, code: 'modelli.html' });
    expect(e.diagnostics[0]!.file).toMatch(/centri\.hbs$/);
    expect(e.diagnostics[0]!.message).toContain('<iframe>');
  });

  it('refuses an image the data does not name, or one without alternative text, naming the template', async () => {
    const e = await buildWithTemplate('centri.hbs', '<p>Aree:</p>\n<div>\n<img src="/etc/passwd" alt="Stemma">\n<img src="x.png">\n</div>\n');
    expect(e.diagnostics.map((d) => d.code)).toEqual(['modelli.html', 'modelli.html', 'modelli.html']);
    for (const d of e.diagnostics) expect(d.file).toMatch(/centri\.hbs$/);
    expect(e.diagnostics[0]!.message).toContain('<img src="/etc/passwd">: un modello mostra solo le immagini indicate nei dati del piano');
    expect(e.diagnostics.map((d) => d.message).join('\n')).toContain('<img> senza testo alternativo');
  });

  it('refuses a forbidden attribute', async () => {
    const e = await buildWithTemplate('servizio.hbs', '<h3 style="color:red">{{nome}}</h3>\n');
    expect(e.diagnostics[0]).toMatchObject({ line: 1, col: 1 });
    expect(e.diagnostics[0]!.message).toContain('attributo "style"');
  });

  it('reports a field that does not exist in the view, with the template file', async () => {
    const e = await buildWithTemplate('servizio.hbs', '<h3>{{nome}}</h3>\n<p>{{nomee}}</p>\n');
    expect(e.diagnostics[0]!.file).toMatch(/servizio\.hbs$/);
    expect(e.diagnostics[0]!.line).toBe(2);
    expect(e.diagnostics[0]!.message).toContain('"nomee"');
  });

  it('refuses markup that reaches the generated HTML through a triple-stash, naming the template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-raw-'));
    const original = readFileSync(join(DEFAULT_TEMPLATES, 'obiettivo.hbs'), 'utf8');
    writeFileSync(join(dir, 'obiettivo.hbs'), original.replace('<td>{{descrizione}}</td>', '<td>{{{descrizione}}}</td>'));
    const plan = join(dir, 'piano.yaml');
    writeFileSync(plan, readFileSync(EXAMPLE, 'utf8').replace('descrizione: Integrazione atti di stato civile nel nuovo ANSC', 'descrizione: "<img src=x onerror=alert(1)>"'));
    let error: InputError | undefined;
    try {
      await build({ input: plan, outDir: mkdtempSync(join(tmpdir(), 'piao-o-')), templatesDir: dir });
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    // The template that wrote it, at its {{{…}}}, and the objective whose data it came from.
    const d = error!.diagnostics[0]!;
    expect(d.file).toBe(join(dir, 'obiettivo.hbs'));
    expect(d.line).toBe(original.split('\n').findIndex((l) => l.includes('<td>{{descrizione}}</td>')) + 1);
    expect(d.message).toContain('<img>');
    const lines = readFileSync(plan, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('<img src=x'));
    const start = lines.slice(0, at).map((l) => /^\s*- titolo:/.test(l)).lastIndexOf(true);
    expect(d.message).toContain(`(${plan}:${start + 1}:${lines[start]!.indexOf('titolo') + 1})`);
    expect(d.path).toMatch(/^centri\[\d+\]\.servizi\[\d+\]\.gruppi\[\d+\]\.obiettivi\[\d+\]$/);
  });
});

describe('a theme whose font files are wrong', () => {
  it('reports every missing or non-font file at its place in tema.json, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tema-'));
    const theme = JSON.parse(readFileSync(join(DEFAULT_TEMPLATES, 'tema.json'), 'utf8'));
    theme.carattere.file.normale = 'manca.ttf';
    theme.carattere.file.corsivo = 'non-un-carattere.ttf';
    writeFileSync(join(dir, 'non-un-carattere.ttf'), 'testo, non un carattere\n');
    writeFileSync(join(dir, 'tema.json'), JSON.stringify(theme, null, 2));
    const lineOf = (key: string) => JSON.stringify(theme, null, 2).split('\n').findIndex((l) => l.includes(`"${key}"`)) + 1;
    const out = join(mkdtempSync(join(tmpdir(), 'piao-o-')), 'nuova');
    const e = await build({ input: EXAMPLE, outDir: out, templatesDir: dir, formats: ['docx'] }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    const d = (e as InputError).diagnostics;
    expect(d.map((x) => [x.code, x.line, x.path])).toEqual([
      ['tema.carattere', lineOf('normale'), 'carattere.file.normale'],
      ['tema.carattere', lineOf('corsivo'), 'carattere.file.corsivo'],
    ]);
    expect(d[0]!.message).toContain('carattere non trovato: «manca.ttf»');
    expect(d[1]!.message).toContain('non è un file di carattere TrueType o OpenType');
    expect(d[0]!.file).toMatch(/tema\.json$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a partial tema.json', () => {
  const withTheme = async (json: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tema-'));
    writeFileSync(join(dir, 'tema.json'), json);
    const out = mkdtempSync(join(tmpdir(), 'piao-tema-out-'));
    try {
      await build({ input: EXAMPLE, outDir: out, templatesDir: dir, formats: ['html'] });
      return { html: readFileSync(join(out, 'casalmorano-2024.html'), 'utf8') };
    } catch (e) {
      if (e instanceof InputError) return { error: e };
      throw e;
    }
  };

  it('holds only the keys it changes, merged over the default', async () => {
    const r = await withTheme('{\n  "colori": { "titoli": "#800000" }\n}\n');
    expect(r.error?.diagnostics).toBeUndefined();
    expect(r.html).toContain('#800000');
    expect(r.html).toContain('Titillium Web'); // the rest is the default's
  });

  it('still refuses a misspelt key or a wrong value, at its line', async () => {
    const r = await withTheme('{\n  "colorri": { "titoli": "#800000" },\n  "colori": {\n    "testo": "rosso"\n  }\n}\n');
    const d = r.error!.diagnostics.map((x) => `${x.line}:${x.code}`);
    expect(d).toContain('2:schema.chiave-sconosciuta');
    expect(d.some((x) => x.startsWith('4:'))).toBe(true);
  });
});

describe('template files that are not files', () => {
  it('a pipe or a folder named like a template is an error at its name, read as the plan is (no hang)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdirSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-fifo-'));
    execFileSync('mkfifo', [join(dir, 'obiettivo.hbs')]);
    mkdirSync(join(dir, 'centri.hbs'));
    let error: InputError | undefined;
    try {
      await build({ input: EXAMPLE, outDir: mkdtempSync(join(tmpdir(), 'piao-o-')), templatesDir: dir, formats: ['html'] });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      error = e;
    }
    expect(error?.diagnostics.map((d) => `${d.file.split(/[/\\]/).pop()}: ${d.message}`).sort()).toEqual([
      'centri.hbs: è una cartella, non un file',
      'obiettivo.hbs: non è un file normale (è un dispositivo, una pipe o un socket)',
    ]);
  }, 20_000);
});

describe('documents of --split', () => {
  it('give a partial at @root what the section gives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-split-'));
    const original = readFileSync(join(DEFAULT_TEMPLATES, 'obiettivo.hbs'), 'utf8');
    writeFileSync(join(dir, 'obiettivo.hbs'), original.replace('<td class="titolo-obiettivo">{{titolo}}</td>', '<td class="titolo-obiettivo">{{titolo}} ({{@root.settori.length}} settori)</td>'));
    const out = mkdtempSync(join(tmpdir(), 'piao-o-'));
    await build({ input: EXAMPLE, outDir: out, templatesDir: dir, formats: ['html'], split: true });
    expect(readFileSync(join(out, 'schede/casalmorano-2024-scheda-massari.html'), 'utf8')).toContain('(3 settori)');
    expect(readFileSync(join(out, 'settori/casalmorano-2024-tecnico.html'), 'utf8')).toContain('(3 settori)');
  });

  it("a template's error there names the document and its template", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tpl-split-'));
    const original = readFileSync(join(DEFAULT_TEMPLATES, 'scheda.hbs'), 'utf8');
    writeFileSync(join(dir, 'scheda.hbs'), original.replace('<main>', '<main>\n<p>{{campo_che_non_esiste}}</p>'));
    let error: InputError | undefined;
    try {
      await build({ input: EXAMPLE, outDir: mkdtempSync(join(tmpdir(), 'piao-o-')), templatesDir: dir, formats: ['html'], split: true });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      error = e;
    }
    expect(error?.diagnostics[0]?.message).toMatch(/\(nella scheda obiettivi casalmorano-2024-scheda-\w+, modello scheda\.hbs\)/);
  });
});

describe('a column added to a table whose class has widths in the theme', () => {
  it('is told: the widths no longer match, until tema.json gives one for each column', async () => {
    const { cli } = await import('./helpers/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'piao-widths-'));
    const fasi = readFileSync(join(import.meta.dirname, '../templates/fasi/obiettivo.hbs'), 'utf8');
    const added = fasi.replace('>Output</th>', '>Output</th><th scope="col" class="intestazione-colonna">Stato</th>').replace(/(\{\{#each fasi\}\}<tr>[\s\S]*?)(<\/tr>)/, '$1<td>–</td>$2');
    expect(added).not.toBe(fasi);
    writeFileSync(join(dir, 'obiettivo.hbs'), added);
    const plan = join(import.meta.dirname, 'fixtures/enti/grande-comune.yaml');
    const r = await cli(['build', plan, '--out', join(dir, 'out'), '--modello', 'fasi', '--templates', dir, '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('le tabelle «fasi» hanno 7 colonne, ma il tema (tabella.colonne.fasi) indica 6 larghezze');
    writeFileSync(join(dir, 'tema.json'), JSON.stringify({ tabella: { colonne: { fasi: [7, 28, 8, 13, 13, 15, 16] } } }));
    const again = await cli(['build', plan, '--out', join(dir, 'out'), '--modello', 'fasi', '--templates', dir, '--format', 'html']);
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toContain('tabella.colonne');
  });
});
