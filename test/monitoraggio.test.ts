/**
 * `piao monitoraggio` from the user's side, on the example with dated phases and the results of the
 * first half of the year (test/fixtures/risultati/monitoraggio-2024.yaml) at 30 June 2024: the states
 * worked out by hand (a phase completed, late, on time, not started; an objective late, completed,
 * not started, on time but at risk), the objectives at risk listed first by settore, the phase timeline
 * drawn in every format (an SVG in the HTML, vector drawing in the PDF, DrawingML shapes in the DOCX)
 * with its text the same in all three, the same bytes from the same data, a wrong --al refused.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfText } from './helpers/extract.js';

const FIXTURE = join(ROOT, 'test/fixtures/risultati/monitoraggio-2024.yaml');
const NAME = 'monitoraggio-2024-monitoraggio-2024-06-30';
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `piao-monitoraggio-${name}-`));

describe('piao monitoraggio --al 2024-06-30', () => {
  let dir: string;
  let text: Record<'docx' | 'pdf' | 'html', string>;
  let html: string;
  let docx: Buffer;
  let pdf: Buffer;

  beforeAll(async () => {
    dir = tmp('doc');
    const r = await cli(['monitoraggio', FIXTURE, '--al', '2024-06-30', '--out', dir]);
    expect(r.err).not.toContain('errore');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Obiettivi a rischio al 30/06/2024: 3 su 23');
    html = readFileSync(join(dir, `${NAME}.html`), 'utf8');
    docx = readFileSync(join(dir, `${NAME}.docx`));
    pdf = readFileSync(join(dir, `${NAME}.pdf`));
    text = { docx: normalize(docxText(docx)), pdf: normalize((await pdfText(pdf)).text), html: normalize(htmlText(html)) };
  }, 120_000);

  it('writes the three formats named after the date', () => {
    expect(readdirSync(dir).sort()).toEqual([`${NAME}.docx`, `${NAME}.html`, `${NAME}.pdf`]);
  });

  it('gives each phase its state at the date, as worked out by hand, in every format', () => {
    for (const t of Object.values(text)) {
      // Integrazione ANSC: completed on 20/02; 1/03-31/05 not completed: late; 1/06-30/06: on time (its end is the date); from 1/07: not started.
      expect(t).toContain('1 Avvio della procedura di integrazione in ANSC dal 15/01/2024 al 29/02/2024 completata (il 20/02/2024)');
      expect(t).toContain('2 Correzione degli errori bloccanti e delle anomalie dal 01/03/2024 al 31/05/2024 in ritardo');
      expect(t).toContain('3 Integrazione completa dal 01/06/2024 al 30/06/2024 in tempo');
      expect(t).toContain('4 Richiesta del contributo dal 01/07/2024 al 30/09/2024 non iniziata');
      // A phase completed by its percentage, without a date (IMU's Emissione).
      expect(t).toContain('1 Emissione dal 01/02/2024 al 30/04/2024 completata');
      // Phases without dates take the objective's deadline (15/06, past): late.
      expect(t).toContain('1 Organizzazione delle attività scolastiche senza date in ritardo');
    }
  });

  it('gives each objective its state: late, completed, not started, on time (at risk for a late phase)', () => {
    for (const t of Object.values(text)) {
      expect(t).toContain('Termine: Entro il 15 giugno 2024. Stato al 30/06/2024: in ritardo – a rischio: scadenza del 15/06/2024 superata al 30/06/2024; fasi 1, 2, 3 in ritardo.');
      expect(t).toMatch(/Elaborazione e postalizzazione TARI 2024 Termine: Entro il 15 agosto 2024 \(32 giorni prima della scadenza della prima rata\)\. Stato al 30\/06\/2024: completato\./);
      // From 1/09: not started, nor are its phases without dates.
      expect(t).toContain('Progetto pensionati Termine: Dal 1º settembre 2024 al 31 dicembre 2024. Stato al 30/06/2024: non iniziato. N. Fase Periodo Stato al 30/06/2024 1 Organizzazione sala, attività senza date non iniziata');
      expect(t).toContain('Termine: Entro il 30 giugno 2024. Stato al 30/06/2024: in tempo – a rischio: fase 2 in ritardo.');
      expect(t).toMatch(/Accertamenti IMU relativi all'anno 2020 Termine: Entro il 31 dicembre 2024\. Stato al 30\/06\/2024: in tempo\./);
    }
  });

  it('lists the objectives at risk first, by settore, before the settori', () => {
    const t = text.pdf;
    const risk = t.slice(t.indexOf('Obiettivi a rischio'), t.indexOf('SEGRETARIO COMUNALE'));
    expect(risk).toMatch(/^Obiettivi a rischio Segretario Comunale Obiettivo n\. 1 – Redazione del PIAO[^;]+; scadenza del 30\/01\/2024 superata/);
    expect(risk).toContain('Settore Amministrativo Obiettivo n. 1 – Integrazione ANSC (Entro il 30 giugno 2024): in tempo; fase 2 in ritardo.');
    expect(risk).toContain('Settore Economico – Finanziario Obiettivo n. 2 – Predisposizione piano di studio a.s. 2024/2025 (Entro il 15 giugno 2024): in ritardo;');
    expect(risk.match(/Obiettivo n\./g)).toHaveLength(3);
    expect(t).toContain('in ritardo 2 in tempo 19 non iniziato 1 completato 1 Totale 23 A rischio 3');
  });

  it('draws the timeline in the HTML as an SVG with its text alternative, and the same words in every format', () => {
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    // ANSC, IMU, TARI: the objectives with dated phases.
    expect(svgs).toHaveLength(3);
    expect(svgs[0]).toContain('role="img"');
    expect(svgs[0]).toContain('aria-label="Cronoprogramma delle fasi, Obiettivo n. 1 – Integrazione ANSC: 4 fasi sui mesi del 2024; al 30/06/2024 1 completata, 1 in tempo, 1 in ritardo, 1 non iniziata.');
    // Bars coloured by state, the date line dashed.
    expect(html).toMatch(/<rect [^>]*fill="#C62828"\/>/);
    expect(html).toMatch(/<line [^>]*stroke-dasharray/);
    // No template markup: the SVG comes only from the view's chart (the subset has no <svg>).
    expect(readFileSync(join(ROOT, 'templates/default/monitoraggio.hbs'), 'utf8')).not.toContain('<svg');
    for (const t of Object.values(text)) {
      // Month names, the phases' labels (shortened: the table has them whole), the date line, the legend.
      expect(t).toContain('Stato al 30/06/2024: in tempo – a rischio: fase 2 in ritardo. gen feb mar apr mag giu lug ago set ott nov dic 1. Avvio della procedura di inte… 2. Correzione degli errori blocc… 3. Integrazione completa 4. Richiesta del contributo al 30/06/2024 completata in tempo in ritardo non iniziata data del monitoraggio N. Fase');
    }
  });

  it('draws the timeline in the PDF (filled bars in the colours of the states) and in the DOCX (a drawing with its description)', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const colours = new Set<string>();
    for (let i = 1; i <= doc.numPages; i++) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      ops.fnArray.forEach((fn: number, k: number) => {
        if (fn === pdfjs.OPS.setFillRGBColor) colours.add(`#${Array.from(ops.argsArray[k] as ArrayLike<number>).map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase());
      });
    }
    for (const c of ['#2E7D32', '#1565C0', '#C62828', '#9E9E9E']) expect(colours, c).toContain(c);

    const xml = docxXml(docx);
    expect(xml.match(/<wpg:wgp /g)).toHaveLength(3);
    expect(xml).toContain('descr="Cronoprogramma delle fasi, Obiettivo n. 1 – Integrazione ANSC: 4 fasi');
    expect(xml).toContain('<a:srgbClr val="C62828"/>');
    expect(xml).toContain('<a:prstDash val="dash"/>');
    // Every drawing has its own id.
    const ids = [...xml.matchAll(/<(?:wp:docPr|wps:cNvPr|pic:cNvPr) id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('piao monitoraggio: usage and the same bytes', () => {
  it('refuses a wrong --al with an Italian message and exit code 2, and asks for it when missing', async () => {
    for (const bad of ['30 giugno', '2024-02-30', '2024-6-30x']) {
      const r = await cli(['monitoraggio', FIXTURE, '--al', bad, '--out', tmp('bad')]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--al: «${bad}» non è una data valida; scrivila come AAAA-MM-GG (ad esempio 2024-06-30) o GG/MM/AAAA (30/06/2024)`);
    }
    const none = await cli(['monitoraggio', FIXTURE]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('indica la data del monitoraggio con --al');
    expect((await cli(['monitoraggio', '--help'])).out).toContain('piao monitoraggio <piano.yaml> --al DATA');
  });

  it('writes the same bytes from the same data, whatever the time zone; 30/06/2024 is the same date', async () => {
    const a = tmp('a');
    const b = tmp('b');
    expect((await cli(['monitoraggio', FIXTURE, '--al', '2024-06-30', '--out', a])).code).toBe(0);
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect((await cli(['monitoraggio', FIXTURE, '--al', '30/06/2024', '--out', b])).code).toBe(0);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(3);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  }, 120_000);
});

describe('charts in the document tree', () => {
  const rows = [
    { label: '1. Analisi', inizio: '2024-11-01', fine: '2025-02-28', state: 'in tempo' as const },
    { label: '2. Senza date', state: 'non iniziata' as const },
  ];

  it('come only from a view: <img src> names a chart handed to the parser, a template cannot write SVG', async () => {
    const { parseDocumentHtml } = await import('../src/render/tree.js');
    const { ganttChart } = await import('../src/render/chart.js');
    const chart = ganttChart(rows, 2024, '2024-12-15', '15/12/2024', 'Cronoprogramma di prova');
    const tree = parseDocumentHtml('<p>Prima</p><img src="cronoprogramma-1" alt="Cronoprogramma di prova">', new Map(), new Map([['cronoprogramma-1', chart]]));
    expect(tree.body[1]).toMatchObject({ type: 'chart', src: 'cronoprogramma-1', alt: 'Cronoprogramma di prova', chart });
    expect(() => parseDocumentHtml('<img src="cronoprogramma-1" alt="x">')).toThrow(/un modello mostra solo le immagini indicate nei dati/);
    expect(() => parseDocumentHtml('<svg><rect/></svg>')).toThrow(/elemento <svg> non ammesso/);
    expect(() => parseDocumentHtml('<img src="cronoprogramma-1">', new Map(), new Map([['cronoprogramma-1', chart]]))).toThrow(/senza testo alternativo/);
  });

  it('widen the months to the dated phases (into the next year), bar from start to end, no bar without dates, the date line where it falls', async () => {
    const { ganttChart } = await import('../src/render/chart.js');
    const chart = ganttChart(rows, 2024, '2024-12-15', '15/12/2024', 'x');
    const texts = chart.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    // January 2024 to February 2025: 14 months, the year shown where it changes.
    expect(texts.slice(0, 14)).toEqual(['gen 24', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic', 'gen 25', 'feb']);
    expect(texts).toContain('senza date – non iniziata');
    const bars = chart.shapes.filter((s) => s.kind === 'rect' && s.fill === '#1565C0' && s.h === 10);
    expect(bars).toHaveLength(1);
    const bar = bars[0] as { x: number; w: number };
    const month = (480 - 150 - 6) / 14;
    // 1 November 2024 is month 10 from January 2024; 28 February 2025 ends month 14.
    expect(bar.x).toBeCloseTo(150 + 10 * month, 6);
    expect(bar.x + bar.w).toBeCloseTo(150 + 14 * month, 6);
    const line = chart.shapes.find((s) => s.kind === 'line' && s.dash) as { x1: number };
    expect(line.x1).toBeCloseTo(150 + (11 + 15 / 31) * month, 6);
  });
});

describe('monitoring on a file that already holds the year\'s results', () => {
  it('counts as done only what was done by the date: a year-end 100% or a later completion is not', async () => {
    const { objectiveState } = await import('../src/results/monitoraggio.js');
    const { parsePlan } = await import('../src/plan/load.js');
    const text = readFileSync(join(import.meta.dirname, 'fixtures/risultati/casalmorano-consuntivo.yaml'), 'utf8');
    const plan = parsePlan(text, 'consuntivo.yaml');
    const all = plan.centri.flatMap((c) => c.servizi.flatMap((s) => s.gruppi.flatMap((g) => g.obiettivi)));
    const tari = all.find((o) => o.id === 'ass-tari')!; // 100% at year end, due 15 August
    expect(objectiveState(tari, '2024-03-31').stato).toBe('in tempo');
    expect(objectiveState(tari, '2024-12-31').stato).toBe('completata');
    const phase = { descrizione: 'Fase', fine: '2024-10-31', consuntivo: { completata_il: '2024-11-20' } };
    const o = { ...tari, fasi: [phase], consuntivo: undefined };
    const july = objectiveState(o, '2024-07-15');
    expect(july).toMatchObject({ stato: 'in tempo', fasi: ['in tempo'], aRischio: false });
  });
});

describe('the monitoring of another Comune\'s plan', () => {
  it('keeps each objective\'s title with its timeline and never leaves a blank page before a settore', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-monitoraggio-rocca-'));
    const r = await cli(['monitoraggio', join(ROOT, 'test/fixtures/risultati/roccafiorita-consuntivo.yaml'), '--al', '2025-07-15', '--out', out, '--format', 'pdf']);
    expect(r.code, r.err).toBe(0);
    const { pdfPageTexts } = await import('./helpers/extract.js');
    const pdf = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.pdf'))!));
    const pages = await pdfPageTexts(pdf, 34, 34);
    expect(pages.filter((t) => t.trim() === '')).toEqual([]);
    // A page never starts with a timeline whose title was left on the page before.
    expect(pages.filter((t) => /^\s*al 15\/07\/2025/.test(t))).toEqual([]);
  });
});
