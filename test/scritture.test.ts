/**
 * Every character reaches the reader: a plan with Greek, Cyrillic, arrows, mathematical symbols
 * and accents written as letter + combining accent, built into all three formats. The PDF draws
 * what the body font (Titillium Web) lacks from the theme's fallback family, so its text carries
 * every character, as DOCX and HTML do; text is in NFC everywhere; `check` points out, where they
 * are written, the characters no font has.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLE } from './helpers/cli.js';
import { docxText, firstDifference, htmlText, normalize, pdfText } from './helpers/extract.js';
import { loadTheme } from '../src/render/theme.js';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { BODY, FALLBACK, FontCoverage, fontRuns } from '../src/writers/pdf-text.js';
import { COMMON } from '../src/plan/checks/glifi.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/scritture');
const PLAN = join(FIXTURES, 'piano.yaml');

/** What the plan writes outside Titillium Web, each as it must be read back from every format. */
const NEEDLES = [
  'Comune di Prova → Ω', // ente (running header, and the body)
  'Settore Tecnico ≥ ≤ ≠ ±',
  'Servizio ambiente μ Ω € – — “ ” ‘ ’', // µ (micro sign) in the plan; "•" is a list bullet to the text extraction
  'Ђорђе Петровић',
  'Αθηνά Παπαδοπούλου',
  'Qualità dell\'aria: PM10 sotto 40 μg/m³ → obiettivo ∑ ≈ ∞', // "a" + U+0300 in the plan
  'Città più pulita: riduzione di CO₂ e NO₂ del 10 % (Δ ≥ 5 %), ½ dei punti ⇒ «verde» ✓; Привет мир; città scritta con accento scomposto; é qui',
  'Concentrazione media annua in μg/m³',
  'Indice α ↔ β ≤ γ',
  '≤ 40 μg/m³ entro il 31/12/2024',
];

/** The font dictionaries of a PDF: name, and whether the font program is embedded (pdffonts' "emb" column). */
function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type \/FontDescriptor([\s\S]*?)>>/g)].map(([, body]) => ({
    name: /\/FontName \/(\S+)/.exec(body!)![1]!,
    embedded: /\/FontFile[23]? /.test(body!),
  }));
}

describe('letters outside the body font, in every format', () => {
  let out: string;
  const texts = { docx: '', pdf: '', html: '' };
  let pdf: Buffer;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'piao-scritture-'));
    const r = await cli(['build', PLAN, '--out', out]);
    expect(r.code, r.err).toBe(0);
    pdf = readFileSync(join(out, 'piano.pdf'));
    // pdf.js reads the micro sign (U+00B5, which the PDF has: pdftotext shows it) as Greek mu, its compatibility form.
    const fold = (t: string) => normalize(t).replaceAll('µ', 'μ');
    texts.pdf = fold((await pdfText(pdf)).text);
    texts.docx = fold(docxText(readFileSync(join(out, 'piano.docx'))));
    texts.html = fold(htmlText(readFileSync(join(out, 'piano.html'), 'utf8')));
  });

  for (const format of ['pdf', 'docx', 'html'] as const) {
    it(`${format}: every character is there, accents composed (NFC)`, () => {
      expect(NEEDLES.filter((n) => !texts[format].includes(n))).toEqual([]);
      expect(texts[format]).not.toMatch(/\p{M}/u); // no combining accent left over
    });
  }

  it('the PDF carries the same text as the HTML page and the DOCX', () => {
    // Case aside: the PDF draws in capitals what the HTML shows in capitals by style (settore headings).
    expect(firstDifference(texts.pdf.toLowerCase(), texts.html.toLowerCase())).toBeUndefined();
    expect(firstDifference(texts.docx, texts.html)).toBeUndefined();
  });

  it('the PDF embeds the fallback family, subset, next to the body font', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.every((f) => f.embedded && /^[A-Z]{6}\+/.test(f.name))).toBe(true);
    expect(fonts.map((f) => f.name.slice(7)).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'TitilliumWeb-Bold', 'TitilliumWeb-Regular']);
  });

  it('check finds nothing to say about them: a font has every one', async () => {
    const r = await cli(['check', PLAN, '--json']);
    const codes = (JSON.parse(r.out) as { diagnostica: { code: string }[] }).diagnostica.map((d) => d.code);
    expect(codes).not.toContain('testo.glifo-mancante');
  });
});

describe('check: characters no font has', () => {
  it('warns about each emoji, Chinese or Korean character, at the field that holds it', async () => {
    const file = join(FIXTURES, 'non-coperti.yaml');
    const r = await cli(['check', file, '--json']);
    expect(r.code).toBe(0); // a warning: the documents are still written
    const found = (JSON.parse(r.out) as { diagnostica: { code: string; line: number; col: number; path: string; message: string }[] }).diagnostica
      .filter((d) => d.code === 'testo.glifo-mancante');
    expect(found.map((d) => [d.line, d.col, d.path])).toEqual([
      [11, 14, 'persone.rossi.cognome'],
      [32, 25, 'centri[0].servizi[0].gruppi[0].obiettivi[1].titolo'],
    ]);
    expect(found[0]!.message).toContain('«中» (U+4E2D, ideogramma cinese o giapponese)');
    expect(found[1]!.message).toContain('«🚀» (U+1F680, emoji), «한» (U+D55C, coreano)');
    // Hebrew, Greek, arrows and ✓ are in the fallback family: nothing to say about them.
    expect(found.map((d) => d.message).join()).not.toMatch(/[שαβγ→✓]/u);
  });

  it('the human report names the place, the character and its code point', async () => {
    const r = await cli(['check', join(FIXTURES, 'non-coperti.yaml')]);
    expect(r.out).toMatch(/non-coperti\.yaml:32:25 \[testo\.glifo-mancante\]/);
    expect(r.out).toContain('U+1F680');
  });
});

describe('which font draws each character', () => {
  const fonts = loadTheme(join(DEFAULT_TEMPLATES, 'tema.json')).fonts();
  const coverage = new FontCoverage(fonts.normal, fonts.fallback?.normal);

  it('text the body font has whole stays one plain string (the fast path)', () => {
    expect(fontRuns('Città più pulita – “verde” … 100 € ½ ≥ ≤ ≠ ±', coverage)).toBe('Città più pulita – “verde” … 100 € ½ ≥ ≤ ≠ ±');
  });

  it('other letters go to the fallback, in as few runs as possible', () => {
    expect(fontRuns('PM10 40 μg/m³ → ok', coverage)).toEqual([
      { text: 'PM10 40 ', fallback: false },
      { text: 'μ', fallback: true },
      { text: 'g/m³ ', fallback: false },
      { text: '→', fallback: true },
      { text: ' ok', fallback: false },
    ]);
  });

  it('a letter and its combining accent stay together when one font has both', () => {
    // "q" + U+0301 has no composed form: Titillium has "q" but not the accent; DejaVu has both.
    expect(fontRuns('aq\u0301b', coverage)).toEqual([
      { text: 'a', fallback: false },
      { text: 'q\u0301', fallback: true },
      { text: 'b', fallback: false },
    ]);
  });

  it('check needs no font for Latin-1 and common punctuation: the body font has them all', () => {
    const missing: string[] = [];
    for (let cp = 0x20; cp < 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (COMMON.test(ch) && !/\p{Cc}|\p{Cf}/u.test(ch) && coverage.fontOf(cp) !== BODY) missing.push(`U+${cp.toString(16)}`);
    }
    expect(missing).toEqual([]);
    expect(coverage.fontOf('中'.codePointAt(0)!)).not.toBe(FALLBACK);
  });

  it('the built-in example needs no fallback: its PDF embeds the body font only', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-scritture-seed-'));
    expect((await cli(['build', EXAMPLE, '-f', 'pdf', '--out', out])).code).toBe(0);
    expect(pdfFonts(readFileSync(join(out, 'casalmorano-2024.pdf'))).map((f) => f.name.slice(7)).sort()).toEqual(['TitilliumWeb-Bold', 'TitilliumWeb-Italic', 'TitilliumWeb-Regular']);
  });
});

describe('the fallback family in tema.json', () => {
  const defaultTheme = () => JSON.parse(readFileSync(join(DEFAULT_TEMPLATES, 'tema.json'), 'utf8')) as { carattere: Record<string, unknown> & { fileRiserva: Record<string, string> } };

  it('a theme that names none (written before it existed) still draws every letter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tema-'));
    const theme = defaultTheme();
    delete (theme.carattere as Record<string, unknown>).fileRiserva;
    writeFileSync(join(dir, 'tema.json'), JSON.stringify(theme, null, 2));
    const out = mkdtempSync(join(tmpdir(), 'piao-tema-out-'));
    const r = await cli(['build', PLAN, '-f', 'pdf', '--templates', dir, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const pdf = readFileSync(join(out, 'piano.pdf'));
    expect(pdfFonts(pdf).map((f) => f.name.slice(7))).toContain('DejaVuSans');
    expect((await pdfText(pdf)).text).toContain('Привет мир');
  });

  it('a file that is no usable font is refused at its place (WOFF2 is not read reliably)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-tema-'));
    const theme = defaultTheme();
    theme.carattere.fileRiserva.corsivo = 'npm:@fontsource/dejavu-sans/files/dejavu-sans-latin-400-italic.woff2';
    const json = JSON.stringify(theme, null, 2);
    writeFileSync(join(dir, 'tema.json'), json);
    const r = await cli(['build', PLAN, '-f', 'pdf', '--templates', dir, '--out', mkdtempSync(join(tmpdir(), 'piao-tema-out-'))]);
    expect(r.code).toBe(1);
    const line = json.split('\n').findIndex((l) => l.includes('.woff2')) + 1;
    expect(r.err).toMatch(new RegExp(`tema\\.json:${line}:\\d+`));
    expect(r.err).toContain('non è un file di carattere TrueType, OpenType o WOFF (.ttf, .otf, .woff)');
  });
});
