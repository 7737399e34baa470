/**
 * `piao build --report` from the user's side: the controls report is a document of its own
 * (`<base>-controlli.docx/.pdf/.html`), never part of the section the Giunta approves, and it says
 * what to fix and where (settore, servizio, objective), in each of the three formats.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLE } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfPageTexts, pdfText } from './helpers/extract.js';

const FORMATS = ['docx', 'pdf', 'html'] as const;
type Texts = Record<(typeof FORMATS)[number], string>;

/** The normalised text of each format of a document (`<dir>/<name>.*`). */
async function texts(dir: string, name: string): Promise<Texts> {
  const file = (ext: string) => readFileSync(join(dir, `${name}.${ext}`));
  return {
    docx: normalize(docxText(file('docx'))),
    pdf: normalize((await pdfText(file('pdf'))).text),
    html: normalize(htmlText(file('html').toString('utf8'))),
  };
}

describe('piao build --report on the built-in example', () => {
  const withReport = mkdtempSync(join(tmpdir(), 'piao-controlli-'));
  const without = mkdtempSync(join(tmpdir(), 'piao-controlli-senza-'));
  let out = '';
  let report: Texts;

  beforeAll(async () => {
    const r = await cli(['build', EXAMPLE, '--out', withReport, '--report']);
    expect(r.code, r.err).toBe(0);
    out = r.out;
    expect((await cli(['build', EXAMPLE, '--out', without])).code).toBe(0);
    report = await texts(withReport, 'casalmorano-2024-controlli');
  }, 120_000);

  it('writes the controls report as files of its own and leaves the section byte for byte as without --report', async () => {
    const section = FORMATS.map((f) => `casalmorano-2024.${f}`);
    const controls = FORMATS.map((f) => `casalmorano-2024-controlli.${f}`);
    expect(readdirSync(without).sort()).toEqual(section.sort());
    expect(readdirSync(withReport).sort()).toEqual([...section, ...controls].sort());
    for (const f of controls) expect(out).toContain(`${f} (`);
    expect(out).toContain('6 documenti generati.');
    for (const f of section) expect(readFileSync(join(withReport, f)).equals(readFileSync(join(without, f))), f).toBe(true);
    // Nothing of the report is in the section.
    for (const [format, t] of Object.entries(await texts(withReport, 'casalmorano-2024'))) {
      for (const s of ['Controlli sul piano', 'Completezza del piano', 'Allegato – Completezza', 'Quote della somma destinata']) expect(t, `${format}: ${s}`).not.toContain(s);
    }
  });

  it('has its own title and a running header naming it as the controls report, in each format', async () => {
    const header = 'Comune di Casalmorano – PIAO 2024-2026 – Controlli sul piano (non fa parte della sottosezione 2.2)';
    const title = 'Controlli sul piano – PIAO 2024-2026 – Comune di Casalmorano';
    const html = readFileSync(join(withReport, 'casalmorano-2024-controlli.html'), 'utf8');
    expect(html).toContain(`<title>${title}</title>`);
    expect(normalize(html.replace(/<[^>]+>/g, ' '))).toContain(header);
    const docx = readFileSync(join(withReport, 'casalmorano-2024-controlli.docx'));
    expect(docxXml(docx, 'docProps/core.xml')).toContain(`<dc:title>${title}</dc:title>`);
    expect(normalize(docxXml(docx, 'word/header1.xml').replace(/<[^>]+>/g, ''))).toContain(header);
    const pages = await pdfPageTexts(readFileSync(join(withReport, 'casalmorano-2024-controlli.pdf')), 0, 0);
    for (const p of pages) expect(normalize(p)).toContain(header);
    for (const t of Object.values(report)) expect(t.startsWith('Controlli sul piano – PIAO 2024-2026 Comune di Casalmorano.')).toBe(true);
  });

  it('names the settore, servizio and group of each completeness row, and counts the answers to each question', () => {
    for (const [format, t] of Object.entries(report)) {
      const has = (s: string) => expect(t, format).toContain(s);
      has('Settore Economico – Finanziario – completezza 44% Servizio contabile, tributario, gestione economica del personale Obiettivo a b c d e f g h i % Obiettivo n. 1 – Rispetto dei tempi di pagamento');
      // Numbering restarts in each group of a servizio: each group says whose objectives follow.
      has('Servizio assistenziale, culturale e scolastico Obiettivo a b c d e f g h i % Personale: Stefanoni Manuela Obiettivo n. 1 – Accertamenti IMU relativi all\'anno 2020');
      has('Personale: Stelluti Antonietta Obiettivo n. 1 – Progetto pensionati sì sì – – sì ½ – ½ – 44%');
      has('Servizio Demografico Obiettivo a b c d e f g h i % Personale: Milanese Fabiola Ester Obiettivo n. 1 – Integrazione ANSC');
      has('Obiettivo comune Obiettivo comune – Realizzazione obiettivi PA digitale 2026');
      has('Servizio lavori pubblici, manutentivo di beni comunali e SUAP Obiettivo a b c d e f g h i % Responsabile: Geom. Vanda Massari Obiettivo n. 1 – Rispetto dei tempi di pagamento');
      has('Personale: Falavigna Emilio Obiettivo n. 1 – Estensione giro pullmino a seguito di convenzione.');
      // Per question: how many objectives answer yes, partly, no.
      has('Domanda Sì In parte No a) obiettivo: Cosa prevediamo di fare (obiettivo)? 23 0 0');
      has('c) stakeholder: A chi è rivolto? 0 0 23');
      has('f) indicatore e formula: Come misuriamo il raggiungimento? 0 23 0');
      has('Completezza del piano: 44% su 23 obiettivi.');
    }
  });

  it('shows the art. 4-bis result per responsabile who pays invoices, weights against their expected totals and the CCDI total', () => {
    for (const [format, t] of Object.entries(report)) {
      const has = (s: string) => expect(t, format).toContain(s);
      has('Riepilogo Obiettivi nel piano 23 Completezza rispetto alle nove domande 44% Tempi di pagamento (art. 4-bis c.2 D.L. 13/2023) rispettato per 2 su 2 responsabili');
      has('Responsabile Centro di responsabilità Obiettivo sui tempi di pagamento Peso Soglia Esito Dott. Gianmario Coti Zelati Settore Economico – Finanziario Obiettivo n. 1 – Rispetto dei tempi di pagamento');
      has('(Servizio contabile, tributario, gestione economica del personale) 30% 30% rispettato Geom. Vanda Massari Settore Tecnico e Tecnico Manutentivo');
      has('Dott.ssa Sonia Pagani Segretario Comunale 3 0 10% 10% corrisponde Dott. Gianmario Coti Zelati Responsabile 3 0 100% 100% corrisponde');
      expect(t.split('Totale (atteso 100%) 100%').length - 1, format).toBe(2);
      has('Totale (atteso 10%) 10%');
      has('Obiettivo n. 2 – Perseguimento obiettivi PEG Settore Economico – Finanziario – Servizio contabile, tributario, gestione economica del personale 60%');
      has('Quote CCDI 5 persone, quote delle persone in tutto 99% (un obiettivo conta per ognuna delle persone coinvolte), 2 pesi non indicati');
      has('Persona Obiettivi Pesi non indicati Totale Moreni Carla 3 2 10% Milanese Fabiola Ester 4 0 34% Stefanoni Manuela 4 0 29% Stelluti Antonietta 2 0 13% Falavigna Emilio 2 0 13% Totale delle quote delle persone 2 99%');
      has('Obiettivo n. 1 – Gestione autonoma del sito istituzionale del Comune Settore Amministrativo – Servizio Segreteria e Affari Generali non indicato');
    }
  });

  it('lists the warnings of the checks by rule, each at its settore, servizio and objective, without paths of the data file', () => {
    for (const [format, t] of Object.entries(report)) {
      const has = (s: string) => expect(t, format).toContain(s);
      has('Avvisi dei controlli 25');
      has('Avvisi dei controlli (25) Ogni obiettivo ha un target misurabile – 23 avvisi Codice target.non-misurabile, gravità avviso. Suggerimento: Ad esempio "100% delle richieste evase entro 30 giorni"');
      has('Dove Avviso Settore Amministrativo – Servizio Segreteria e Affari Generali – Obiettivo n. 1 «Gestione autonoma del sito istituzionale del Comune» Target non misurabile: indica un valore atteso');
      has('«Formazione» (Settore Amministrativo, Servizio Segreteria e Affari Generali, Obiettivo n. 2) Valore nel piano: «Miglioramento del servizio»');
      has('Ogni obiettivo ha un peso (tranne i prerequisiti) – 2 avvisi Codice pesi.vuoto, gravità avviso. Suggerimento: Indica il peso');
      has('Settore Amministrativo – Servizio Segreteria e Affari Generali – Obiettivo n. 2 «Formazione» Il peso dell\'obiettivo «Formazione» (Settore Amministrativo, Servizio Segreteria e Affari Generali, Obiettivo n. 2) non è indicato');
      has('Segretario Comunale – Obiettivo n. 1 «Redazione del PIAO (Piano Integrato di Attività e Organizzazione)» Target non misurabile');
      for (const s of ['casalmorano-2024.yaml', 'centri[', 'obiettivi[']) expect(t, `${format}: ${s}`).not.toContain(s);
    }
  });
});

const BASE = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');

/** Builds `plan` with --report (it must succeed) and returns the controls report's text in each format. */
async function reportTexts(plan: string, prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'piano.yaml'), plan);
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--report']);
  expect(r.code, r.err).toBe(0);
  return texts(join(dir, 'out'), 'piano-controlli');
}

describe('piao build --report on a plan that breaks art. 4-bis and the weights, made warnings in controlli.livelli', () => {
  it('says «non rispettato» and «non corrisponde», and places the warnings', async () => {
    const plan = `${BASE.replace('peso: { risultato: 40 }', 'peso: { risultato: 20 }')}controlli:\n  livelli: { tempi-pagamento.peso: avviso, pesi.somma-risultato: avviso }\n`;
    for (const [format, t] of Object.entries(await reportTexts(plan, 'piao-controlli-4bis-'))) {
      const has = (s: string) => expect(t, format).toContain(s);
      has('Tempi di pagamento (art. 4-bis c.2 D.L. 13/2023) rispettato per 0 su 1 responsabile');
      has('Pesi sull\'indennità di risultato totale corrispondente all\'atteso per 0 su 1 persona');
      has('Mario Rossi Settore Tecnico Obiettivo n. 1 – Rispetto dei tempi di pagamento (Servizio lavori pubblici) 20% 30% non rispettato');
      has('Mario Rossi Responsabile 2 0 80% 100% non corrisponde');
      has('Obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023) – 1 avviso Codice tempi-pagamento.peso, gravità avviso.');
      has('Settore Tecnico – Servizio lavori pubblici – Obiettivo n. 1 «Rispetto dei tempi di pagamento» L\'obiettivo sui tempi di pagamento di Mario Rossi pesa 20%');
      has('I pesi sull\'indennità di risultato di ogni responsabile sommano al totale atteso – 1 avviso');
    }
  });

  it('writes nothing, section included, when a file of the report cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-controlli-atomic-'));
    writeFileSync(join(dir, 'piano.yaml'), BASE);
    mkdirSync(join(dir, 'out', 'piano-controlli.pdf'), { recursive: true });
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--report']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('piano-controlli.pdf');
    for (const f of ['piano.docx', 'piano.pdf', 'piano.html', 'piano-controlli.docx', 'piano-controlli.html']) expect(existsSync(join(dir, 'out', f)), f).toBe(false);
  });
});

describe('piao build --report on a plan whose objectives weigh on the CCDI, not on the indennità di risultato', () => {
  it('does not call art. 4-bis «rispettato», and lists the responsabile who pays invoices among the result weights', async () => {
    const plan = `${BASE.replace('peso: { risultato: 40 }', 'peso: { ccdi: 40 }').replace('peso: { risultato: 60 }', 'peso: { ccdi: 60 }')}controlli:\n  livelli: { tempi-pagamento.tipo-peso: avviso }\n`;
    for (const [format, t] of Object.entries(await reportTexts(plan, 'piao-controlli-ccdi-'))) {
      const has = (s: string) => expect(t, format).toContain(s);
      has('Tempi di pagamento (art. 4-bis c.2 D.L. 13/2023) rispettato per 0 su 1 responsabile');
      has('Rispetto dei tempi di pagamento (Servizio lavori pubblici) 0% 30% non rispettato: pesa sulla somma CCDI');
      expect(t, format).not.toContain('Mario Rossi – Responsabile Obiettivo Settore e servizio Peso Totale');
      has('Pesi sull\'indennità di risultato totale corrispondente all\'atteso per 0 su 1 persona');
      has('Mario Rossi Responsabile 0 0 0% 100% nessun obiettivo pesa sulla sua indennità di risultato');
      has('L\'obiettivo sui tempi di pagamento di Mario Rossi pesa sulla somma CCDI, non sulla sua indennità di risultato');
      expect(t, format).not.toContain('rispettato per 1');
    }
  });
});

describe('the art. 4-bis table of the report for a settore without servizi', () => {
  it('names its payment-times objective without a servizio (no "undefined")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-controlli-settore-'));
    const base = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');
    // The settore's objectives directly under it, no servizi.
    const plan = base.replace(/    servizi:\n      - nome: Servizio lavori pubblici\n        gruppi:\n          - obiettivi:\n/, '    obiettivi:\n').replace(/\n {14}/g, '\n      ');
    expect(plan).not.toContain('servizi:');
    writeFileSync(join(dir, 'piano.yaml'), plan);
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', dir, '--report', '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    const text = htmlText(readFileSync(join(dir, 'piano-controlli.html'), 'utf8'));
    expect(text).toContain('Obiettivo n. 1 – Rispetto dei tempi di pagamento');
    expect(text).not.toContain('undefined');
  });
});
