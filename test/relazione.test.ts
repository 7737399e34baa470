/**
 * `piao relazione` from the user's side, on the example with its results
 * (test/fixtures/risultati/casalmorano-consuntivo.yaml): the Relazione's section, the Nucleo's pack
 * with the payout and the open data carry the hand-worked numbers of test/results.test.ts, the same
 * in DOCX, PDF and HTML; a missed prerequisite shows as an exclusion; the same data gives the same
 * bytes; a plan without results is refused with a clear message.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLE, ROOT } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const FIXTURE = join(ROOT, 'test/fixtures/risultati/casalmorano-consuntivo.yaml');
const FORMATS = ['docx', 'pdf', 'html'] as const;
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `piao-relazione-${name}-`));

/** The normalised text of each format of `<dir>/<name>.*`. */
async function texts(dir: string, name: string): Promise<Record<(typeof FORMATS)[number], string>> {
  const file = (ext: string) => readFileSync(join(dir, `${name}.${ext}`));
  return {
    docx: normalize(docxText(file('docx'))),
    pdf: normalize((await pdfText(file('pdf'))).text),
    html: normalize(htmlText(file('html').toString('utf8'))),
  };
}

/**
 * The example with, for Coti Zelati, a prerequisite objective measured by weighted phases (70 / 20 /
 * 10 reached 100 / 100 / 0: 90%, so missed), and a variation approved during the year.
 */
function variant(): string {
  const dir = tmp('variante');
  const text = readFileSync(FIXTURE, 'utf8')
    .replace('  revisione: 0\n', [
      '  revisione: 1',
      '  variazioni:',
      '    - revisione: 1',
      '      approvazione: { organo: Giunta Comunale, numero: 58, data: "2024-07-15" }',
      '      motivazione: Termine dell\'integrazione ANSC spostato al 30 settembre per il ritardo del fornitore.',
      '',
    ].join('\n'))
    .replace('              - id: fin-peg\n', [
      '              - id: fin-codice-comportamento',
      '                titolo: Rispetto del codice di comportamento',
      '                prerequisito: true',
      '                descrizione: Nessuna violazione del codice di comportamento nel settore',
      '                fasi:',
      '                  - { descrizione: Formazione sul codice, peso: 70, consuntivo: { raggiungimento: 100 } }',
      '                  - { descrizione: Verifica degli incarichi esterni, peso: 20, consuntivo: { raggiungimento: 100 } }',
      '                  - { descrizione: Relazione al RPCT, peso: 10, consuntivo: { raggiungimento: 0 } }',
      '                termine: { anno: 2024 }',
      '                consuntivo:',
      '                  scostamento: La relazione al RPCT non è stata consegnata.',
      '              - id: fin-peg',
      '',
    ].join('\n'));
  expect(text).toContain('fin-codice-comportamento');
  expect(text).toContain('numero: 58');
  const file = join(dir, 'variante.yaml');
  writeFileSync(file, text);
  return file;
}

describe('piao relazione on the example with its results', () => {
  const out = tmp('out');
  let run: Awaited<ReturnType<typeof cli>>;
  let relazione: Awaited<ReturnType<typeof texts>>;
  let valutazione: Awaited<ReturnType<typeof texts>>;

  beforeAll(async () => {
    run = await cli(['relazione', FIXTURE, '--out', out]);
    expect(run.code, run.err).toBe(0);
    relazione = await texts(out, 'casalmorano-consuntivo-relazione');
    valutazione = await texts(out, 'casalmorano-consuntivo-valutazione');
  }, 120_000);

  it('writes the Relazione, the Nucleo\'s pack in three formats each, and the CSV, and reports the warnings like build', () => {
    const names = ['relazione', 'valutazione'].flatMap((d) => FORMATS.map((f) => `casalmorano-consuntivo-${d}.${f}`));
    expect(readdirSync(out).sort()).toEqual([...names, 'casalmorano-consuntivo-risultati.csv'].sort());
    expect(run.out).toContain('7 file scritti.');
    expect(run.err).toContain('i documenti sono stati scritti comunque');
    expect(run.err).toContain('Per i dettagli: piao check');
  });

  it('gives each responsabile\'s scheda di valutazione the hand-worked score, band, 4-bis gate, share and amount, in every format', () => {
    for (const f of FORMATS) {
      const t = valutazione[f];
      const scheda = (name: string) => t.slice(t.indexOf(`Scheda di valutazione – ${name}`), t.indexOf('Il Nucleo di Valutazione', t.indexOf(`Scheda di valutazione – ${name}`)));
      const coti = scheda('Dott. Gianmario Coti Zelati');
      expect(coti, f).toContain('Totale 100% 88,00 Punteggio (contributi ÷ pesi × 100) 88,00 su 100');
      expect(coti, f).toContain('raggiunto: la quota del 30,00% del premio legata ai tempi di pagamento è pagata');
      expect(coti, f).toContain('Punteggio sugli altri obiettivi (determina la fascia) 82,86 su 100');
      expect(coti, f).toContain('Fascia del sistema di valutazione da 80 a 100: premio al 100%');
      expect(coti, f).toContain('Quota del premio pagata 100,00% Indennità di risultato € 4.000,00 Importo da liquidare € 4.000,00');
      const massari = scheda('Geom. Vanda Massari');
      expect(massari, f).toContain('(art. 4-bis) 30% 0,00% 0,00 Obiettivo n. 2 – Perseguimento obiettivi PEG 60% 80,00% 48,00');
      expect(massari, f).toContain('Punteggio (contributi ÷ pesi × 100) 58,00 su 100');
      expect(massari, f).toContain('non raggiunto: la quota del 30,00% del premio legata ai tempi di pagamento non è pagata');
      expect(massari, f).toContain('Quota del premio pagata 70,00% Indennità di risultato € 3.500,00 Importo da liquidare € 2.450,00');
      const segretario = scheda('Dott.ssa Sonia Pagani');
      expect(segretario, f).toContain('Totale 10% 9,00 Punteggio (contributi ÷ pesi × 100) 90,00 su 100');
      expect(segretario, f).toContain('Importo da liquidare € 2.000,00');
      // Signature lines: the Nucleo, the Sindaco, the responsabile for acknowledgement.
      expect(t.slice(t.indexOf('Scheda di valutazione – Geom. Vanda Massari')), f).toMatch(/Validato Visto Per presa visione Il Nucleo di Valutazione Il Sindaco Il Responsabile Geom\. Vanda Massari/);
    }
  });

  it('gives the staff office the payout per responsabile and per employee (each CCDI share of the fund)', () => {
    for (const f of FORMATS) {
      const t = valutazione[f];
      expect(t, f).toContain('Dott. Gianmario Coti Zelati Responsabile 88,00 100,00% € 4.000,00 € 4.000,00');
      expect(t, f).toContain('Geom. Vanda Massari Responsabile 58,00 70,00% € 3.500,00 € 2.450,00 quota del 30,00% legata ai tempi di pagamento non pagata');
      expect(t, f).toContain('Totale € 9.500,00 € 8.450,00');
      for (const row of [
        'Moreni Carla 10% 10,00% € 1.000,00', 'Milanese Fabiola Ester 34% 32,00% € 3.200,00', 'Stefanoni Manuela 29% 27,00% € 2.700,00',
        'Stelluti Antonietta 13% 13,00% € 1.300,00', 'Falavigna Emilio 13% 12,00% € 1.200,00', 'Totale 99% 94,00% € 9.400,00',
      ]) expect(t, f).toContain(row);
    }
  });

  it('has the aggregated "Dati relativi ai premi": people per band and per share paid, totals, no names', () => {
    for (const f of FORMATS) {
      const t = valutazione[f];
      const premi = t.slice(t.indexOf('Dati relativi ai premi Per la sezione'));
      expect(premi, f).toContain('da 0 a meno di 60 0% 0 da 60 a meno di 80 75% 0 da 80 a 100 100% 3');
      expect(premi, f).toContain('quota del premio pagata Persone 100,00% 2 70,00% 1');
      expect(premi, f).toContain('Retribuzione e indennità di risultato distribuite € 8.450,00');
      expect(premi, f).toContain('Somma del CCDI distribuita € 9.400,00');
      for (const name of ['Massari', 'Coti Zelati', 'Pagani', 'Milanese']) expect(premi, f).not.toContain(name);
    }
  });

  it('has the validation checklist and the entity\'s percentage beside the Nucleo\'s', () => {
    for (const f of FORMATS) {
      const t = valutazione[f];
      expect(t, f).toContain('Ogni obiettivo ha il suo risultato, o il motivo per cui non è valutabile sì');
      expect(t, f).toContain('Le evidenze (atti, documenti) sono indicate per ogni obiettivo valutato no: 5 obiettivi (vedi sotto)');
      expect(t, f).toContain('Obiettivo n. 2 – Controllo, gestione e manutenzione automezzi comunali 100,00% 80,00% 80,00% Manca il registro delle manutenzioni di due automezzi su dieci.');
    }
  });

  it('shows in the Relazione the summary, each settore\'s prospetto row and the cards with their result rows, in every format', () => {
    for (const f of FORMATS) {
      const t = relazione[f];
      expect(t, f).toContain('Obiettivi del piano: 23. Grado medio di raggiungimento dell\'ente: 89,13%.');
      expect(t, f).toContain('Raggiunti per intero 16 69,57% Raggiunti in parte 6 26,09% Non raggiunti 1 4,35%');
      expect(t, f).toContain('Settore Tecnico e Tecnico Manutentivo 5 5 72,00%');
      // The prospetto's row of the objective measured by weighted phases (40/30/20/10 reached 100/100/50/0).
      expect(t, f).toContain('2 Obiettivo n. 2 – Perseguimento obiettivi PEG Tutto l\'anno 2024 Grado di raggiungimento degli obiettivi concordati in sede di definizione del Peg Efficienza della PA fasi realizzate per intero: 2 su 4 80,00% La gestione delle spese');
      // Its card: the phases reached, the percentage and how it was computed.
      expect(t, f).toContain('Realizzazione delle entrate (peso 20%): realizzata al 50,00%');
      expect(t, f).toContain('Grado di raggiungimento 80,00% – calcolato dalle fasi, secondo il loro peso');
      // The indicator measured against its target; the override with its reason; the Nucleo's percentage.
      expect(t, f).toContain('Indicatore di tempestività dei pagamenti (ITP) inferiore a zero: target 0 giorni, valore misurato 12,4 giorni (rilevato il 31 gennaio 2025); raggiungimento 0,00%');
      expect(t, f).toContain('Grado di raggiungimento 75,00% – indicato a mano: L\'assunzione è avvenuta il 15 maggio');
      expect(t, f).toContain('Raggiungimento indicato dall\'ente 100,00%, indicato a mano Valutazione del Nucleo di Valutazione 80,00%. Manca il registro');
      expect(t, f).toContain('Nel corso dell\'anno il piano non è stato variato');
    }
  });

  it('writes the open data of results: one row per objective, RFC 4180, UTF-8 with BOM, the documents\' numbers', () => {
    const csv = readFileSync(join(out, 'casalmorano-consuntivo-risultati.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFcodice,settore,servizio,numero,titolo,target,raggiungimento,raggiungimento_ente,raggiungimento_nucleo,come,esito,scostamento\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(24);
    expect(lines).toContain('tec-peg,Settore Tecnico e Tecnico Manutentivo,"Servizio lavori pubblici, manutentivo di beni comunali e SUAP",2,Perseguimento obiettivi PEG,Efficienza della PA,80,80,,fasi,raggiunto in parte,La gestione delle spese si è fermata al 50% per il rinvio dei lavori della scuola al 2025; la fase finale non è stata avviata.');
    expect(lines.find((l) => l.startsWith('tec-automezzi,'))).toContain(',80,100,80,manuale,raggiunto in parte,');
  });
});

describe('piao relazione with a missed prerequisite and a variation', () => {
  let relazione: Awaited<ReturnType<typeof texts>>;
  let valutazione: Awaited<ReturnType<typeof texts>>;

  beforeAll(async () => {
    const out = tmp('variante-out');
    const r = await cli(['relazione', variant(), '--out', out]);
    expect(r.code, r.err).toBe(0);
    relazione = await texts(out, 'variante-relazione');
    valutazione = await texts(out, 'variante-valutazione');
  }, 120_000);

  it('computes the weighted phases as Comuni do (70 / 20 / 10 reached 100 / 100 / 0: 90%) and excludes the bonus', () => {
    for (const f of FORMATS) {
      expect(relazione[f], f).toContain('Rispetto del codice di comportamento Tutto l\'anno 2024 – tutte le fasi realizzate fasi realizzate per intero: 2 su 3 90,00% La relazione al RPCT');
      const t = valutazione[f];
      const coti = t.slice(t.indexOf('Scheda di valutazione – Dott. Gianmario Coti Zelati'));
      expect(coti, f).toContain('Rispetto del codice di comportamento (prerequisito) senza peso 90,00% non raggiunto: esclude il premio');
      expect(coti, f).toContain('Esclusione dal premio obiettivo prerequisito non raggiunto: «Rispetto del codice di comportamento» Quota del premio pagata 0,00% Indennità di risultato € 4.000,00 Importo da liquidare € 0,00');
      expect(t, f).toContain('Persone escluse dal premio per un obiettivo prerequisito non raggiunto 1');
      expect(t, f).toContain('quota del premio pagata Persone 100,00% 1 70,00% 1 0,00% 1');
    }
  });

  it('lists the variations approved during the year', () => {
    for (const f of FORMATS) {
      expect(relazione[f], f).toContain('Revisione 1, approvata con deliberazione di Giunta Comunale n. 58 del 15 luglio 2024: Termine dell\'integrazione ANSC spostato al 30 settembre');
    }
  });
});

describe('piao relazione before every result is entered', () => {
  it('says «risultato non ancora indicato» for the payment-times objective, and neither pays nor denies its share', async () => {
    const text = readFileSync(FIXTURE, 'utf8')
      .replace('                    consuntivo: { valore: 12.4, data: "2025-01-31" }\n', '')
      .replace('                consuntivo:\n                  scostamento: ITP annuale di 12,4 giorni per i ritardi nella liquidazione delle fatture dei lavori del cimitero.\n', '');
    expect(text).not.toContain('ITP annuale di 12,4');
    const dir = tmp('parziale');
    writeFileSync(join(dir, 'parziale.yaml'), text);
    const r = await cli(['relazione', join(dir, 'parziale.yaml'), '--out', dir]);
    expect(r.code, r.err).toBe(0);
    for (const [f, t] of Object.entries(await texts(dir, 'parziale-valutazione'))) {
      const massari = t.slice(t.indexOf('Scheda di valutazione – Geom. Vanda Massari'), t.indexOf('Il Nucleo di Valutazione', t.indexOf('Scheda di valutazione – Geom. Vanda Massari')));
      expect(massari, f).toContain('Obiettivo sui tempi di pagamento (art. 4-bis D.L. 13/2023) risultato non ancora indicato: la quota del 30,00% del premio legata ai tempi di pagamento si decide quando il risultato è indicato');
      expect(massari, f).toContain('Quota del premio pagata non ancora calcolabile: manca il risultato di 1 obiettivo');
      expect(massari, f).not.toContain('non è pagata');
      expect(massari, f).not.toContain('Importo da liquidare');
      expect(t, f).toContain('Geom. Vanda Massari Responsabile 82,86 – € 3.500,00 – risultato non ancora indicato per 1 obiettivo');
      expect(t, f).not.toContain('legata ai tempi di pagamento non pagata');
    }
  }, 120_000);
});

describe('piao relazione: what it refuses, and the same bytes from the same data', () => {
  it('refuses a plan without results, saying to add consuntivo, and writes nothing', async () => {
    const out = join(tmp('senza'), 'out');
    const r = await cli(['relazione', EXAMPLE, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('casalmorano-2024.yaml:1:1: errore: il piano non ha ancora risultati');
    expect(r.err).toContain('"consuntivo"');
    expect(r.err).toContain('nessun file è stato scritto');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('stops on an invalid plan with every problem at its place', async () => {
    const dir = tmp('errato');
    const file = join(dir, 'errato.yaml');
    writeFileSync(file, readFileSync(FIXTURE, 'utf8').replace('raggiungimento: 60', 'raggiungimento: 160').replace('valore: -3.2', 'valore: -3.2, colore: rosso'));
    const r = await cli(['relazione', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/errato\.yaml:\d+:\d+: errore: il raggiungimento va da 0 a 100/);
    expect(r.err).toMatch(/errato\.yaml:\d+:\d+: errore: .*colore/);
    expect(r.err).toContain('trovati 2 problemi');
  });

  it('has Italian help and says wrong usage with exit code 2', async () => {
    const help = await cli(['relazione', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('piao relazione <piano.yaml> [--out CARTELLA] [--format docx,pdf,html]');
    expect((await cli(['--help'])).out).toMatch(/relazione +dai risultati dell'anno/);
    expect((await cli(['relazione'])).code).toBe(2);
    expect((await cli(['relazione', FIXTURE, '--format', 'odt'])).code).toBe(2);
  });

  it('writes the same bytes from the same data, whatever the time zone; --format writes only those formats and the CSV', async () => {
    const a = tmp('a');
    const b = tmp('b');
    expect((await cli(['relazione', FIXTURE, '--out', a, '--format', 'pdf,docx'])).code).toBe(0);
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect((await cli(['relazione', FIXTURE, '--out', b, '--format', 'pdf,docx'])).code).toBe(0);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const files = readdirSync(a).sort();
    expect(files).toEqual(['casalmorano-consuntivo-relazione.docx', 'casalmorano-consuntivo-relazione.pdf', 'casalmorano-consuntivo-risultati.csv', 'casalmorano-consuntivo-valutazione.docx', 'casalmorano-consuntivo-valutazione.pdf']);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  }, 120_000);
});
