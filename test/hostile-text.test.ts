/**
 * Data is always text (issue 11): what a hostile or careless plan, or theme, holds either reaches
 * the files as text, or is refused with a located Italian message, and never reaches the
 * terminal as control sequences. Every case goes through the CLI, as a user would run it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliResult } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';

const VALID = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');
const TITLE_LINE = 'titolo: Manutenzione delle strade';
const tmp = mkdtempSync(join(tmpdir(), 'piao-hostile-'));
let n = 0;

/** Writes a plan (the minimal valid one, changed) and returns its path. */
function plan(text: string, name = `piano-${++n}.yaml`): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

/** The minimal valid plan with one line replaced (must exist once). */
function replaced(from: string, to: string): string {
  expect(VALID.split(from).length, `«${from}» appears once in _valido.yaml`).toBe(2);
  return VALID.replace(from, to);
}

/** "line:col" of the first character of `needle` (after `skip` characters of it) in `text`. */
function at(text: string, needle: string, skip = 0): string {
  const i = text.indexOf(needle);
  expect(i, `«${needle}» is in the text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, i + skip).split(/\r\n?|\n/);
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** `check` and `build` of a plan that must be refused: exit 1, the message at its place, nothing written. */
async function refused(file: string, where: string, code: string, message: RegExp): Promise<{ check: CliResult; build: CliResult }> {
  const check = await cli(['check', file]);
  expect(check.code).toBe(1);
  expect(check.err).toContain(`${file}:${where} [${code}]`);
  expect(check.err).toMatch(message);
  const out = join(tmp, `out-${++n}`);
  const build = await cli(['build', file, '--out', out]);
  expect(build.code).toBe(1);
  expect(build.err).toContain(`${file}:${where}: errore: `);
  expect(build.err).toContain(`[${code}]`);
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  return { check, build };
}

/** Characters that would act on a terminal rather than be shown. */
const TERMINAL_CONTROLS = /[\x00-\x08\x0B-\x1F\x7F-\x9F]/;

describe('characters no document can hold are refused where they are written', () => {
  const cases: [string, string, string, number, string][] = [
    // [what, YAML value, the text the place points at, characters of it skipped, code point]
    ['NUL written as "\\0"', '"Manut\\0enzione"', '\\0', 0, 'U+0000'],
    ['NUL written as "\\x00"', '"Manut\\x00enzione"', '\\x00', 0, 'U+0000'],
    ['ESC written as "\\e"', '"\\e[2J\\e[31mROSSO"', '\\e[2J', 0, 'U+001B'],
    ['BEL written as "\\a"', '"Manut\\aenzione"', '\\a', 0, 'U+0007'],
    ['U+FFFE', '"Manut\\uFFFEenzione"', '\\uFFFE', 0, 'U+FFFE'],
    ['U+FFFF in raw text', 'Manut\uFFFFenzione', '\uFFFF', 0, 'U+FFFF'],
    ['a lone high surrogate', '"Manut\\ud800enzione"', '\\ud800', 0, 'U+D800'],
    ['a reversed surrogate pair', '"Manut\\udc00\\ud800enzione"', '\\udc00', 0, 'U+DC00'],
    ['a raw SOH', 'Manut\x01enzione', '\x01', 0, 'U+0001'],
    ['a raw ESC sequence', 'Manut\x1b[31menzione', '\x1b', 0, 'U+001B'],
    ['a control character after an escaped backslash', '"C:\\\\x\\x1b"', '\\x1b', 0, 'U+001B'],
    ['DEL written as "\\x7f"', '"A\\x7fB"', '\\x7f', 0, 'U+007F'],
    ['a raw C1 CSI', 'A\u009b2JB', '\u009b', 0, 'U+009B'],
    ['NEL written as "\\N"', '"A\\NB"', '\\N', 0, 'U+0085'],
    // Bidi controls: a web page would show the text after them reversed, the PDF and Word not.
    ['a raw right-to-left override', 'A\u202eBCD\u202c', '\u202e', 0, 'U+202E'],
    ['a right-to-left isolate written as "\\u2067"', '"A\\u2067BCD"', '\\u2067', 0, 'U+2067'],
  ];
  for (const [what, value, needle, skip, cp] of cases) {
    it(`${what}: check and build exit 1 with ${cp} at its place, nothing written`, async () => {
      const text = replaced(TITLE_LINE, `titolo: ${value}`);
      const { check, build } = await refused(plan(text), at(text, needle, skip), 'testo.carattere-non-ammesso', new RegExp(`carattere non ammesso ${cp.replace('+', '\\+')}`));
      // The message is shown, the character is not sent to the terminal.
      expect(check.err).not.toMatch(TERMINAL_CONTROLS);
      expect(build.err).not.toMatch(TERMINAL_CONTROLS);
    });
  }

  it('a surrogate pair written as two escapes is one character, and accepted', async () => {
    const file = plan(replaced(TITLE_LINE, 'titolo: "Strade \\ud83d\\ude97 sicure"'));
    const r = await cli(['check', file]);
    expect(r.code, r.err).toBe(0);
  });

  it('a forbidden character in the theme is refused at its place in tema.json', async () => {
    const dir = templates((t) => ((t.colori as Record<string, string>).testo = '#1A1A1A\u0000'));
    const text = readFileSync(join(dir, 'tema.json'), 'utf8');
    const r = await cli(['build', plan(VALID), '--templates', dir, '--out', join(tmp, `out-${++n}`)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`tema.json:${at(text, '\\u0000')}: errore: carattere non ammesso U+0000`);
  });
});

describe('reading a plan', () => {
  it('refuses a device instead of reading it forever (check /dev/zero)', async () => {
    const r = await cli(['check', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('/dev/zero:1:1 [file.lettura]');
    expect(r.err).toMatch(/non è un file normale/);
  });

  it('refuses a link to a device the same way', async () => {
    const link = join(tmp, 'zero.yaml');
    symlinkSync('/dev/zero', link);
    const r = await cli(['build', link, '--out', join(tmp, `out-${++n}`)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${link}:1:1: errore: non è un file normale`);
  });

  it('reads a file whose lines end with CR only', async () => {
    const r = await cli(['check', plan(VALID.replace(/\n/g, '\r'))]);
    expect(r.code, r.err).toBe(0);
  });

  it('reads a file with mixed line ends (LF, CRLF, CR)', async () => {
    const lines = VALID.split('\n');
    const mixed = lines.map((l, i) => l + (i === lines.length - 1 ? '' : ['\n', '\r\n', '\r'][i % 3])).join('');
    const r = await cli(['check', plan(mixed)]);
    expect(r.code, r.err).toBe(0);
  });

  it('locates a problem in a CR-only file at its line, and quotes that line alone', async () => {
    const text = replaced('piano:\n  anno: 2024', 'piano:\n  anno: duemila').replace(/\n/g, '\r');
    const file = plan(text);
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:6:9 [schema.tipo]`);
    expect(r.err).toContain('    6 |   anno: duemila\n');
    expect(r.err).not.toContain('\r');
  });

  for (const [what, from, to, needle] of [
    ['a title', TITLE_LINE, 'titolo: "   "', '"   "'],
    ['the ente\'s name', 'nome: Comune di Prova', 'nome: "\\u00a0\\t"', '"\\u00a0'],
    ['a surname', 'cognome: Rossi', "cognome: ' '", "' '"],
  ] as const) {
    it(`refuses ${what} made only of spaces`, async () => {
      const text = replaced(from, to);
      await refused(plan(text), at(text, needle), 'schema.solo-spazi', /il testo non può essere fatto solo di spazi/);
    });
  }

  it('refuses a person whose id is "__proto__" (which objects would silently drop)', async () => {
    const text = replaced('persone:\n', 'persone:\n  __proto__:\n    nome: X\n    cognome: Y\n');
    await refused(plan(text), at(text, '__proto__'), 'schema.chiave-riservata', /«__proto__» è un nome riservato/);
  });

  it('refuses a person whose id is "constructor", and a reference to it', async () => {
    const text = replaced('persone:\n', 'persone:\n  constructor:\n    nome: X\n    cognome: Y\n').replace('personale: [bianchi]\n    servizi', 'personale: [bianchi, constructor]\n    servizi');
    const { check } = await refused(plan(text), at(text, 'constructor:'), 'schema.nome-riservato', /«constructor».*è un nome riservato/);
    expect(check.err).toContain(`:${at(text, 'constructor]')} [schema.nome-riservato]`);
  });

  it('refuses a !!binary value, naming the tag', async () => {
    const text = replaced(TITLE_LINE, 'titolo: !!binary aGVsbG8=');
    await refused(plan(text), at(text, '!!binary'), 'yaml.tag', /tag YAML «!!binary» non ammesso/);
  });

  it('refuses an unknown tag instead of ignoring it', async () => {
    const text = replaced(TITLE_LINE, 'titolo: !custom Manutenzione');
    await refused(plan(text), at(text, '!custom'), 'yaml.tag', /tag YAML «!custom» non ammesso/);
  });
});

describe('Markdown nested lists and quotations', () => {
  const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- Livello${i}`).join('\n');

  it('refuses more than 8 levels, at the text, naming its line, instead of dropping the rest of it', async () => {
    const text = replaced('piano:\n  anno: 2024\n', `piano:\n  anno: 2024\nintroduzione: |\n  Prima.\n\n${nested(9).replace(/^/gm, '  ')}\n\n  Dopo l'elenco.\n`);
    await refused(plan(text), at(text, 'introduzione: |', 14), 'testo.markdown-annidato', /più di 8 livelli \(alla riga 11 del testo\)/);
  });

  it('refuses quotations nested more than 8 deep', async () => {
    const text = replaced('piano:\n  anno: 2024\n', `piano:\n  anno: 2024\nintroduzione: "${'>'.repeat(30)} citazione\\n\\nFINE"\n`);
    await refused(plan(text), at(text, `"${'>'.repeat(30)}`), 'testo.markdown-annidato', /più di 8 livelli/);
  });

  it('renders 8 levels whole, with the text after them, in every format', async () => {
    const file = plan(replaced('piano:\n  anno: 2024\n', `piano:\n  anno: 2024\nintroduzione: |\n${nested(8).replace(/^/gm, '  ')}\n\n  TestoDopoElenco.\n`));
    const out = join(tmp, `out-${++n}`);
    const r = await cli(['build', file, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const base = file.replace(/^.*\/|\.yaml$/g, '');
    const texts = [
      normalize(htmlText(readFileSync(join(out, `${base}.html`), 'utf8'))),
      normalize(docxText(readFileSync(join(out, `${base}.docx`)))),
      normalize((await pdfText(readFileSync(join(out, `${base}.pdf`)))).text),
    ];
    for (const t of texts) {
      expect(t).toContain('Livello7');
      expect(t).toContain('TestoDopoElenco.');
    }
  });
});

/** A templates folder with the default tema.json changed by `change`. */
function templates(change: (theme: Record<string, any>) => void): string {
  const theme = JSON.parse(readFileSync(join(DEFAULT_TEMPLATES, 'tema.json'), 'utf8'));
  change(theme);
  const dir = join(tmp, `tpl-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'tema.json'), `${JSON.stringify(theme, null, 2)}\n`);
  return dir;
}

describe('tema.json: every value is checked, at its place', () => {
  const cases: [string, (t: Record<string, any>) => void, string | [string, number], RegExp][] = [
    // [what, change, where (a text of tema.json the message points at, and characters of it to skip), message]
    ['a font family that closes the style', (t) => (t.carattere.famiglia = 'Titillium"; } </style><script>alert(7)</script>'), '"Titillium\\"', /il nome di un carattere usa solo lettere, cifre, spazi e trattini/],
    ['fallback fonts that close the style', (t) => (t.carattere.riserva = 'Arial; } </style><img src=x onerror=alert(8)>'), '"Arial;', /i caratteri di riserva sono nomi separati da virgole/],
    ['a class name that closes the style', (t) => (t.classi['x"></style><script>alert(9)</script>'] = { grassetto: true }), '"x\\"', /il nome di una classe usa solo lettere minuscole/],
    ['a class colour that is not a colour', (t) => (t.classi.etichetta.sfondo = '#fff;}</style><script>alert(10)</script>'), '"#fff;', /un colore si scrive come #RRGGBB oppure con il nome/],
    ['a class colour name that is not among the colours', (t) => (t.classi.etichetta.sfondo = 'celeste'), '"celeste"', /il colore «celeste» non è tra i "colori" del tema/],
    ['a text size of 0', (t) => (t.carattere.dimensione = 0), ['"dimensione": 0', 14], /una dimensione del testo è di almeno 4 pt/],
    ['a heading size of 0', (t) => (t.titoli['2'].dimensione = 0), ['"dimensione": 0', 14], /una dimensione del testo è di almeno 4 pt/],
    ['margins wider than the page', (t) => (t.pagina.margini = { sopra: 20, destra: 150, sotto: 20, sinistra: 150 }), '{\n      "sopra"', /i margini sinistro e destro insieme \(300 mm\) lasciano al testo 0 mm dei 210 della pagina A4/],
    ['margins taller than the page', (t) => (t.pagina.margini = { sopra: 200, destra: 18, sotto: 200, sinistra: 18 }), '{\n      "sopra"', /i margini sopra e sotto insieme \(400 mm\) lasciano al testo 0 mm dei 297/],
    ['a font that is a folder', (t) => (t.carattere.file.normale = tmp), `"${tmp}"`, /è una cartella, non un file/],
    ['a font that is a device', (t) => (t.carattere.file.grassetto = '/dev/zero'), '"/dev/zero"', /non è un file normale/],
  ];
  for (const [what, change, needle, message] of cases) {
    it(`refuses ${what}: exit 1, tema.json:line:col, nothing written`, async () => {
      const dir = templates(change);
      const text = readFileSync(join(dir, 'tema.json'), 'utf8');
      const out = join(tmp, `out-${++n}`);
      const r = await cli(['build', plan(VALID), '--templates', dir, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${join(dir, 'tema.json')}:${typeof needle === 'string' ? at(text, needle) : at(text, ...needle)}: errore: `);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/errore imprevisto|Invalid value/);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }, 20_000);
  }

  it('refuses a tema.json that is a folder, at tema.json:1:1', async () => {
    const dir = join(tmp, `tpl-${++n}`);
    mkdirSync(join(dir, 'tema.json'), { recursive: true });
    const r = await cli(['build', plan(VALID), '--templates', dir, '--out', join(tmp, `out-${++n}`)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'tema.json')}:1:1: errore: è una cartella, non un file`);
  });
});

describe('the HTML page: data in the print header stays text', () => {
  const evil = '</style><script>alert(1)</script>"><img src=x onerror=alert(1)> \\ fine';
  let pages: { name: string; html: string }[];

  beforeAll(async () => {
    const text = replaced('nome: Comune di Prova', `nome: ${JSON.stringify(`Comune ${evil}`)}`)
      .replace('  anno: 2024\n', `  anno: 2024\n  titolo: ${JSON.stringify(`Performance ${evil}`)}\n  sezione: ${JSON.stringify(`2.2 ${evil}`)}\n`);
    const file = plan(text, 'iniezione.yaml');
    const out = join(tmp, `out-${++n}`);
    const built = await cli(['build', file, '--format', 'html', '--out', out]);
    expect(built.code, built.err).toBe(0);
    const pub = join(tmp, `pub-${++n}`);
    const published = await cli(['publish', file, '--out', pub]);
    expect(published.code, published.err).toBe(0);
    pages = [
      { name: 'build', html: readFileSync(join(out, 'iniezione.html'), 'utf8') },
      { name: 'publish', html: readFileSync(join(pub, 'revisione-0', 'iniezione.html'), 'utf8') },
    ];
  }, 60_000);

  it('has no script, and its style ends only where the page ends it', () => {
    for (const { name, html } of pages) {
      const dom = parseDocument(html);
      expect(DomUtils.findAll((e) => e.name === 'script' || e.name === 'img', dom.children), name).toEqual([]);
      const styles = DomUtils.findAll((e) => e.name === 'style', dom.children);
      expect(styles, name).toHaveLength(1);
      const css = DomUtils.textContent(styles[0] as Element);
      expect(css, name).not.toContain('<');
      expect(css, name).toContain('@bottom-center');
      // The header is one CSS string with the text escaped in it.
      expect(css, name).toMatch(/@top-center \{ content: "Comune \\3C \/style\\3E \\3C script\\3E [^"]*\\22 [^"]*\\5C  fine[^"]*"; font-size/);
    }
  });

  it('shows the texts as written on the page', () => {
    for (const { name, html } of pages) {
      expect(normalize(htmlText(html)), name).toContain(`Comune ${evil}`.replace(/\s+/g, ' '));
    }
  });
});

describe('the terminal shows control characters, never acts on them', () => {
  it('check refuses a title holding a right-to-left override, and prints the line with it spelt out', async () => {
    const r = await cli(['check', plan(replaced(TITLE_LINE, 'titolo: Strade \u202eenif'))]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/carattere non ammesso U\+202E/);
    expect(r.err).not.toContain('\u202e');
    expect(r.err).toContain('Strade \\u202eenif');
  });

  it('check quotes a line holding raw C1 controls (CSI) and DEL with them spelt out', async () => {
    const r = await cli(['check', plan(replaced(TITLE_LINE, 'titolo: A\u009b2J\u007fB'))]);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(TERMINAL_CONTROLS);
    expect(r.err).toContain('titolo: A\\u009b2J\\u007fB');
  });

  it('check quotes a line holding a raw ESC with it spelt out, the caret still under the mistake', async () => {
    const text = replaced(TITLE_LINE, 'titolo: A\x1b[2Jb') + 'chiave_ignota: 1\n'.replace('chiave_ignota', 'chiave\x1b]0;X\x07');
    const file = plan(text);
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(TERMINAL_CONTROLS);
    expect(r.err).toContain('titolo: A\\u001b[2Jb');
    expect(r.err).toContain('chiave sconosciuta «chiave\\u001b]0;X\\u0007»');
    const lines = r.err.split('\n');
    const quoted = lines.findIndex((l) => / \| .*titolo: A\\u001b/.test(l));
    expect(lines[quoted + 1]!.indexOf('^')).toBe(lines[quoted]!.indexOf('\\u001b'));
  });

  it('build prints its diagnostics with control characters spelt out', async () => {
    const r = await cli(['build', plan(VALID + 'chiave\x1b[2J: 1\n'), '--out', join(tmp, `out-${++n}`)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('chiave sconosciuta «chiave\\u001b[2J»');
    expect(r.err).not.toMatch(TERMINAL_CONTROLS);
  });
});

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('obiettivi.csv: a text never runs as a formula', () => {
  it('starts with an apostrophe every text cell that begins with = + - @ or a tab; the JSON keeps the text', async () => {
    const text = replaced(TITLE_LINE, 'titolo: "=HYPERLINK(\\"http://x.example\\";\\"clic\\")"')
      .replace('descrizione: Manutenzione ordinaria delle strade comunali', 'descrizione: "+1+cmd|\' /C calc\'!A0"')
      .replace('target: 100% delle segnalazioni evase entro 30 giorni', 'target: "-2+3"')
      .replace('    nome: Anna', '    nome: "@SUM(1+1)"')
      .replace('descrizione: Pagamento delle fatture commerciali entro 30 giorni', 'descrizione: "\\t=1+1"');
    const file = plan(text, 'formule.yaml');
    const pub = join(tmp, `pub-${++n}`);
    const r = await cli(['publish', file, '--out', pub]);
    expect(r.code, r.err).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(join(pub, 'revisione-0', 'obiettivi.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const col = (name: string) => header!.indexOf(name);
    const [first, second] = rows;
    expect(first![col('descrizione')]).toBe("'\t=1+1");
    expect(second![col('titolo')]).toBe('\'=HYPERLINK("http://x.example";"clic")');
    expect(second![col('descrizione')]).toBe("'+1+cmd|' /C calc'!A0");
    expect(second![col('target')]).toBe("'-2+3");
    expect(second![col('personale')]).toMatch(/^'@SUM\(1\+1\)/);
    // Numbers stay numbers; no other cell of the file begins like a formula.
    expect(second![col('peso')]).toBe('60');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const json = readFileSync(join(pub, 'revisione-0', 'obiettivi.json'), 'utf8');
    expect(json).toContain(JSON.stringify('=HYPERLINK("http://x.example";"clic")'));
    expect(json).toContain('"-2+3"');
  }, 60_000);
});
