/**
 * The letterhead of the section's first page, from the user's side: a plan naming its coat of arms
 * (`ente.stemma`) built by the CLI gives a DOCX with the image part and its drawing, a PDF with an
 * image XObject and an HTML page with the image inline (alt text), each with the Comune, the province
 * and the "Allegato alla deliberazione … n. … del …" line, filled from the approval or left blank.
 * A missing or unusable image is an Italian error at its line of the plan, and nothing is written.
 * Also the web page of `piao build`: a visible header naming the Comune and the plan, and the
 * same skip link and table of contents as the published page.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfText } from './helpers/extract.js';

const VALID = join(import.meta.dirname, 'fixtures/invalid/_valido.yaml');
const STEMMA_PNG = join(import.meta.dirname, 'fixtures/stemma/stemma.png');
const STEMMA_JPG = join(import.meta.dirname, 'fixtures/stemma/stemma.jpg');

/** The valid small plan, with lines added under `ente:` (line 4 is "  provincia: Cremona") and at its end. */
function planText(ente: string[], end: string[] = []): string {
  const lines = readFileSync(VALID, 'utf8').split('\n');
  const at = lines.indexOf('  provincia: Cremona') + 1;
  lines.splice(at, 0, ...ente);
  return `${lines.join('\n')}\n${end.join('\n')}\n`;
}

/** A folder with the plan (piano.yaml) and the files given, by name. */
function folder(plan: string, files: Record<string, string | Buffer> = {}): { dir: string; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), 'piao-stemma-'));
  writeFileSync(join(dir, 'piano.yaml'), plan);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    if (typeof data === 'string') copyFileSync(data, join(dir, name));
    else writeFileSync(join(dir, name), data);
  }
  return { dir, plan: join(dir, 'piano.yaml') };
}

interface Built {
  code: number;
  err: string;
  docx: Buffer;
  pdf: Buffer;
  html: string;
  texts: { docx: string; pdf: string; html: string };
}

async function build(plan: string, files: Record<string, string | Buffer> = {}): Promise<Built> {
  const f = folder(plan, files);
  const out = join(f.dir, 'out');
  const r = await cli(['build', f.plan, '--out', out]);
  expect(r.err + r.out).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  if (r.code !== 0) return { code: r.code, err: r.err, docx: Buffer.alloc(0), pdf: Buffer.alloc(0), html: '', texts: { docx: '', pdf: '', html: '' } };
  const docx = readFileSync(join(out, 'piano.docx'));
  const pdf = readFileSync(join(out, 'piano.pdf'));
  const html = readFileSync(join(out, 'piano.html'), 'utf8');
  return { code: r.code, err: r.err, docx, pdf, html, texts: { docx: normalize(docxText(docx)), pdf: normalize((await pdfText(pdf)).text), html: normalize(htmlText(html)) } };
}

/**
 * The image XObjects of a PDF (pdfkit writes object dictionaries uncompressed): width, height, filter,
 * and `mask` for the soft mask (the transparency) of another image.
 */
function pdfImages(pdf: Buffer): { width: number; height: number; filter: string; mask?: true }[] {
  const objects = [...pdf.toString('latin1').matchAll(/(\d+) 0 obj\s*<<((?:(?!>>\s*stream|endobj)[\s\S])*)>>\s*stream/g)]
    .filter(([, , d]) => /\/Subtype \/Image\b/.test(d!))
    .map(([, n, d]) => ({ n: n!, d: d! }));
  const masks = new Set(objects.flatMap(({ d }) => [.../\/SMask (\d+) 0 R/.exec(d)?.slice(1) ?? []]));
  return objects.map(({ n, d }) => ({
    width: Number(/\/Width (\d+)/.exec(d)?.[1]),
    height: Number(/\/Height (\d+)/.exec(d)?.[1]),
    filter: /\/Filter \/(\w+)/.exec(d)?.[1] ?? '',
    ...(masks.has(n) && { mask: true as const }),
  }));
}

const FORMATS = ['docx', 'pdf', 'html'] as const;
const BLANK_LINE = 'Allegato alla deliberazione di Giunta Comunale n. ____ del ________';

describe('a plan with a coat of arms (PNG)', async () => {
  const b = await build(planText(['  stemma: stemma.png']), { 'stemma.png': STEMMA_PNG });

  it('builds', () => expect(b.code, b.err).toBe(0));

  it('DOCX: the image part, its relationship and a drawing with the alternative text, before the title', () => {
    const files = unzipSync(b.docx);
    expect(Buffer.from(files['word/media/piao-immagine-1.png']!).equals(readFileSync(STEMMA_PNG))).toBe(true);
    const rels = docxXml(b.docx, 'word/_rels/document.xml.rels');
    expect(rels).toContain('<Relationship Id="rIdPiaoImmagine1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/piao-immagine-1.png"/>');
    const doc = docxXml(b.docx);
    expect(doc).toMatch(/<w:drawing><wp:inline [^>]*><wp:extent cx="720000" cy="900000"\/>/);
    expect(doc).toContain('<a:blip r:embed="rIdPiaoImmagine1"/>');
    expect(doc).toContain('descr="Stemma del Comune di Prova"');
    expect(doc.indexOf('<w:drawing>')).toBeLessThan(doc.indexOf('Heading'));
  });

  it('PDF: an image XObject of the coat of arms\' size', () => {
    // The colours, and the transparency as their soft mask.
    const images = pdfImages(b.pdf);
    expect(images).toHaveLength(2);
    expect(images).toEqual(expect.arrayContaining([{ width: 120, height: 150, filter: 'FlateDecode' }, { width: 120, height: 150, filter: 'FlateDecode', mask: true }]));
  });

  it('HTML: the image inline as a data: URI (the page stays one file), with its alt text', () => {
    const img = /<img class="stemma" src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="Stemma del Comune di Prova" width="120" height="150">/.exec(b.html);
    expect(img).not.toBeNull();
    expect(Buffer.from(img![1]!, 'base64').equals(readFileSync(STEMMA_PNG))).toBe(true);
    expect(b.html).toContain("img-src data:");
  });

  for (const format of FORMATS) {
    it(`${format}: the Comune, its province and the annex line with blanks (no approval in the plan), before the title`, () => {
      const t = b.texts[format];
      expect(t).toContain(`Comune di Prova Provincia di Cremona ${BLANK_LINE} 2.2 Performance`);
    });
  }

  it('same data, same bytes', async () => {
    const again = await build(planText(['  stemma: stemma.png']), { 'stemma.png': STEMMA_PNG });
    expect(again.code).toBe(0);
    expect(again.docx.equals(b.docx)).toBe(true);
    expect(again.pdf.equals(b.pdf)).toBe(true);
    expect(again.html).toBe(b.html);
  });
});

describe('the annex line, filled from the approval', () => {
  it('with number and date, in every format', async () => {
    const b = await build(planText(['  stemma: stemma.png']).replace('  anno: 2024\n', '  anno: 2024\n  approvazione: { numero: 12, data: 2024-03-15 }\n'), { 'stemma.png': STEMMA_PNG });
    expect(b.code, b.err).toBe(0);
    for (const format of FORMATS) expect(b.texts[format], format).toContain('Allegato alla deliberazione di Giunta Comunale n. 12 del 15 marzo 2024');
  });

  it('with the date and organ but no number yet: the number left blank', async () => {
    const b = await build(planText(['  stemma: stemma.png']).replace('  anno: 2024\n', '  anno: 2024\n  approvazione: { organo: Giunta Municipale, data: 2024-03-01 }\n'), { 'stemma.png': STEMMA_PNG });
    expect(b.code, b.err).toBe(0);
    for (const format of FORMATS) expect(b.texts[format], format).toContain('Allegato alla deliberazione di Giunta Municipale n. ____ del 1º marzo 2024');
  });
});

describe('the letterhead switch and other images', () => {
  it('a JPEG coat of arms, in a folder beside the plan, is embedded as it is (DCTDecode in the PDF)', async () => {
    const b = await build(planText(['  stemma: immagini/stemma.jpg']), { 'immagini/stemma.jpg': STEMMA_JPG });
    expect(b.code, b.err).toBe(0);
    expect(Buffer.from(unzipSync(b.docx)['word/media/piao-immagine-1.jpeg']!).equals(readFileSync(STEMMA_JPG))).toBe(true);
    expect(pdfImages(b.pdf)).toEqual([{ width: 120, height: 150, filter: 'DCTDecode' }]);
    expect(b.html).toMatch(/<img class="stemma" src="data:image\/jpeg;base64,[^"]+" alt="Stemma del Comune di Prova"/);
  });

  it('documento.intestazione: false leaves the letterhead out, coat of arms and all', async () => {
    const b = await build(planText(['  stemma: stemma.png'], ['documento:', '  intestazione: false']), { 'stemma.png': STEMMA_PNG });
    expect(b.code, b.err).toBe(0);
    expect(Object.keys(unzipSync(b.docx)).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    expect(pdfImages(b.pdf)).toEqual([]);
    expect(b.html).not.toContain('<img');
    for (const format of FORMATS) expect(b.texts[format]).not.toContain('Allegato alla deliberazione');
  });

  it('documento.intestazione: true without a coat of arms: the letterhead\'s lines alone', async () => {
    const b = await build(planText([], ['documento:', '  intestazione: true']));
    expect(b.code, b.err).toBe(0);
    expect(pdfImages(b.pdf)).toEqual([]);
    for (const format of FORMATS) expect(b.texts[format], format).toMatch(new RegExp(`^Comune di Prova Provincia di Cremona ${BLANK_LINE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 2\\.2 Performance`));
  });

  it('no coat of arms and no switch: no letterhead (as before)', async () => {
    const b = await build(planText([]));
    expect(b.code, b.err).toBe(0);
    for (const format of FORMATS) expect(b.texts[format]).toMatch(/^2\.2 Performance/);
  });
});

describe('a coat of arms that cannot be used', () => {
  /** Builds (and checks) a plan whose stemma is `file`; the error messages. */
  async function refused(files: Record<string, string | Buffer>, name = 'stemma.png'): Promise<string> {
    const f = folder(planText([`  stemma: ${name}`]), files);
    const out = join(f.dir, 'out');
    const r = await cli(['build', f.plan, '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.err).not.toMatch(/at .*\.(ts|js):\d+/);
    const check = await cli(['check', f.plan]);
    expect(check.code).toBe(1);
    // The place of the value in the plan: line 5, after "  stemma: ".
    expect(r.err).toContain(`${f.plan}:5:11: errore: lo stemma «${name}»: `);
    return r.err;
  }

  it('missing: says where it was looked for', async () => {
    const err = await refused({});
    expect(err).toMatch(/il file non esiste \(cercato in .*stemma\.png\)/);
    expect(err).toContain('indica un file PNG o JPEG');
  });

  it('not an image', async () => {
    expect(await refused({ 'stemma.png': Buffer.from('non sono un\'immagine\n') })).toContain("il file non è un'immagine PNG o JPEG");
  });

  it('another kind of image, named', async () => {
    expect(await refused({ 'stemma.gif': Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') }, 'stemma.gif')).toContain('(è un GIF: salvalo come PNG)');
  });

  it('a truncated PNG', async () => {
    const png = readFileSync(STEMMA_PNG);
    expect(await refused({ 'stemma.png': png.subarray(0, png.length - 200) })).toContain('il file PNG è danneggiato');
  });

  it('a truncated JPEG, and one of 12 bits per colour', async () => {
    const jpg = readFileSync(join(import.meta.dirname, 'fixtures/stemma/stemma.jpg'));
    expect(await refused({ 'stemma.jpg': jpg.subarray(0, Math.floor(jpg.length * 0.6)) }, 'stemma.jpg')).toContain("il file JPEG è danneggiato (l'immagine è troncata)");
    const twelve = Buffer.from(jpg);
    const sof = [0xc0, 0xc2].map((m) => twelve.indexOf(Buffer.from([0xff, m]))).find((i) => i > 0)!;
    twelve[sof + 4] = 12;
    expect(await refused({ 'stemma.jpg': twelve }, 'stemma.jpg')).toContain('usa 12 bit per colore');
  });

  it('a PNG whose pixel data is garbled', async () => {
    const png = Buffer.from(readFileSync(STEMMA_PNG));
    const idat = png.indexOf('IDAT', 0, 'latin1');
    png.fill(0x55, idat + 8, idat + 60);
    expect(await refused({ 'stemma.png': png })).toContain('il file PNG è danneggiato (i dati dei pixel non si leggono)');
  });

  it('larger than 5 MB', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    readFileSync(STEMMA_PNG).copy(big);
    expect(await refused({ 'stemma.png': big })).toContain('il file è troppo grande (5 MB; al massimo 5 MB)');
  });

  it('a folder', async () => {
    const f = folder(planText(['  stemma: .']));
    const r = await cli(['build', f.plan, '--out', join(f.dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f.plan}:5:11: errore: lo stemma «.»: è una cartella, non un file`);
  });

  it('is reported with the plan\'s other problems, all at once', async () => {
    const f = folder(planText(['  stemma: manca.png']).replace('personale: [bianchi]', 'personale: [bianco]'));
    const r = await cli(['build', f.plan, '--out', join(f.dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('lo stemma «manca.png»: il file non esiste');
    expect(r.err).toContain('«bianco» non è nel registro delle persone');
  });
});

describe('the web page of piao build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-pagina-'));
  const built = await cli(['build', EXAMPLE, '--out', join(dir, 'build')]);
  const published = await cli(['publish', EXAMPLE, '--out', join(dir, 'publish')]);
  const page = readFileSync(join(dir, 'build/casalmorano-2024.html'), 'utf8');

  it('names the Comune and the plan in a visible header, after the skip link and before the text', () => {
    expect(built.code, built.err).toBe(0);
    expect(page).toContain('<body>\n<a class="salta-al-testo" href="#piao_testo">Salta l\'indice e vai al testo</a>\n<header class="testata">\n<p class="testata-ente">Comune di Casalmorano</p>\n<p class="testata-titolo">PIAO 2024-2026 – Sottosezione 2.2 Performance</p>\n</header>\n<main>');
    // Hidden only when printed, where the running header says the same.
    expect(page).toMatch(/@media print \{[^}]*\}[^@]*\.testata \{ display: none; \}|\.salta-al-testo, \.indice, \.testata \{ display: none; \}/);
  });

  it('has the table of contents of the published page: it is the published page', () => {
    expect(published.code, published.err).toBe(0);
    expect(page).toContain('<nav class="indice" aria-labelledby="piao_indice">');
    expect(page).toBe(readFileSync(join(dir, 'publish/revisione-0/casalmorano-2024.html'), 'utf8'));
  });

  it('wraps words whole, hyphenated in Italian, never broken anywhere; wide tables scroll in their own box', () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="it">/);
    expect(page).not.toContain('overflow-wrap: anywhere');
    expect(page).not.toContain('word-break');
    expect(page).toMatch(/th, td \{[^}]*overflow-wrap: break-word; hyphens: auto;/);
    expect(page).toContain('<div class="tabella-scorrevole" role="region" tabindex="0" aria-label="Tabella: Centro di Responsabilità, Responsabile, N., Denominazione">');
  });
});
