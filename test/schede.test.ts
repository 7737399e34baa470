/**
 * The schede obiettivi, as the Comune signs them: a responsabile's scheda (--split) has his or her
 * own objectives (indennità di risultato), the staff's (CCDI, with each employee's total) and the
 * coefficient-weighted ones in parts of their own, each with its total, blank weights said as such;
 * it ends with the approving act ("n. ____ del ________" when unknown), place and date, the
 * responsabile's signature with role and name, and the countersignature of whoever assigns the
 * objectives, kept on one page. With --schede-personale, one scheda per employee with exactly his
 * or her CCDI objectives, signed by the employee and by their responsabili.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfPageTexts, pdfText } from './helpers/extract.js';

const objective = (titolo: string, peso: string, personale: string[] = [], extra = '') => `
              - titolo: ${titolo}
                descrizione: Descrizione di ${titolo.toLowerCase()}
                indicatori: [Indicatore di ${titolo.toLowerCase()}]
                target: Target di ${titolo.toLowerCase()}
                termine: { anno: 2024 }${peso ? `
                peso: ${peso}` : ''}
                personale: [${personale.join(', ')}]${extra}`;

/** A small plan: a settore with its responsabile's objectives, staff objectives (one without weight) and a coefficient-weighted one; a Segretario with a staff objective. */
function plan(opts: { approvazione?: string; documento?: string; extra?: string[] } = {}): string {
  return `ente:
  nome: Comune di Roccafranca
  denominazione_breve: Roccafranca
  provincia: Brescia
piano:
  anno: 2024
${opts.approvazione ?? ''}
persone:
  rossi: { titolo: Geom., nome: Mario, cognome: Rossi }
  verdi: { titolo: Dott.ssa, nome: Laura, cognome: Verdi }
  bianchi: { nome: Anna, cognome: Bianchi, qualifica: Istruttore tecnico }
  neri: { nome: Luca, cognome: Neri }
  gialli: { nome: Paolo, cognome: Gialli }
centri:
  - id: tecnico
    nome: Settore Tecnico
    responsabile: rossi
    paga_fatture: true
    personale: [bianchi, neri, gialli]
    servizi:
      - nome: Servizio lavori pubblici
        gruppi:
          - obiettivi:${objective('Tempi di pagamento', '{ risultato: 40 }', ['bianchi'], '\n                tempi_pagamento: true')}${objective('Manutenzione delle strade', '{ risultato: 60 }', ['rossi'])}${objective('Pulizia dei parchi', '{ ccdi: 10 }', ['bianchi', 'neri'])}${objective('Custodia del cimitero', '{ ccdi: ~ }', ['neri'])}${objective('Riordino archivio tecnico', '{ coefficiente: 1.2 }', ['bianchi'])}${objective('Sicurezza del cantiere', '', ['bianchi'], '\n                prerequisito: true')}${(opts.extra ?? []).map((t) => objective(t, '{ ccdi: 1 }', ['neri'])).join('')}
segretario:
  persona: verdi
  funzioni: Funzioni del Segretario.
  indennita_totale: 10
  obiettivi:
    - titolo: Trasparenza
      descrizione: Aggiornamento della sezione Amministrazione trasparente
      indicatori: [Sezione aggiornata]
      target: Sezione aggiornata
      termine: { anno: 2024 }
      peso: { risultato: 10 }
    - titolo: Protocollo informatico
      descrizione: Protocollo informatico per tutti gli uffici
      indicatori: [Documenti protocollati]
      target: Tutti i documenti
      termine: { anno: 2024 }
      peso: { ccdi: 5 }
      personale: [neri]
${opts.documento ?? ''}
`;
}

type Texts = Record<'docx' | 'pdf' | 'html', string>;

async function build(yaml: string, args: string[]): Promise<{ out: string; code: number; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-schede-'));
  const file = join(dir, 'roccafranca.yaml');
  writeFileSync(file, yaml);
  const out = join(dir, 'out');
  const r = await cli(['build', file, '--out', out, ...args]);
  // A run lets go of its signal handlers on a later turn of the event loop: let it, as between two real runs.
  await new Promise((done) => setTimeout(done, 1));
  return { out, code: r.code, err: r.err };
}

async function texts(base: string): Promise<Texts> {
  return {
    docx: normalize(docxText(readFileSync(`${base}.docx`))),
    pdf: normalize((await pdfText(readFileSync(`${base}.pdf`))).text),
    html: normalize(htmlText(readFileSync(`${base}.html`, 'utf8'))),
  };
}

/** The parts of a text between the given headings, in order (a heading missing or out of order fails). */
function parts(text: string, headings: string[]): string[] {
  const at = headings.map((h) => text.indexOf(h));
  expect(at.every((i) => i >= 0), `headings ${JSON.stringify(headings)} in ${text.slice(0, 300)}`).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  return at.map((i, k) => text.slice(i, at[k + 1] ?? text.length));
}

const OWN = 'Obiettivi individuali (indennità di risultato)';
const STAFF = 'Obiettivi assegnati al personale (performance organizzativa, somma CCDI 2024)';
const COEFF = 'Obiettivi pesati con coefficiente';
const PREREQ = 'Obiettivi prerequisiti (senza peso)';
const SIGN = 'Obiettivi assegnati con il PIAO 2024-2026 del Comune di Roccafranca';

describe("a responsabile's scheda (--split)", () => {
  let r: Awaited<ReturnType<typeof build>>, rossi: Texts, verdi: Texts;
  beforeAll(async () => {
    r = await build(plan(), ['--split']);
    rossi = await texts(join(r.out, 'schede', 'roccafranca-scheda-rossi'));
    verdi = await texts(join(r.out, 'schede', 'roccafranca-scheda-verdi'));
  });

  it('is written, and no employee scheda without --schede-personale', () => {
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(r.out, 'schede')).sort()).toEqual(['roccafranca-scheda-rossi.docx', 'roccafranca-scheda-rossi.html', 'roccafranca-scheda-rossi.pdf', 'roccafranca-scheda-verdi.docx', 'roccafranca-scheda-verdi.html', 'roccafranca-scheda-verdi.pdf']);
    expect(existsSync(join(r.out, 'schede', 'personale'))).toBe(false);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: own, staff and coefficient objectives in parts of their own, each with its total`, () => {
      const [own, staff, coeff, prereq] = parts(rossi[format], [OWN, STAFF, COEFF, PREREQ, SIGN]);
      expect(own).toContain("Totale dell'indennità di risultato attribuita con questi obiettivi: 100%.");
      expect(own).toContain('Tempi di pagamento');
      expect(own).toContain('Manutenzione delle strade');
      expect(own).not.toContain('Pulizia dei parchi');
      // The blank weight is said, and counted apart; each employee's total over these objectives.
      expect(staff).toContain('Totale della somma destinata alla performance organizzativa da CCDI 2024 attribuita con questi obiettivi: 10% (peso non indicato per 1 obiettivo).');
      expect(staff).toContain('Dipendente Obiettivi % somma destinata alla performance organizzativa da CCDI 2024 (totale per dipendente) Anna Bianchi 1 10% Luca Neri 2 10% (peso non indicato per 1 obiettivo)');
      expect(staff).toContain('Pulizia dei parchi');
      expect(staff).toContain('Custodia del cimitero');
      expect(staff).not.toContain('Manutenzione delle strade');
      expect(staff).not.toContain('Riordino archivio tecnico');
      expect(coeff).toContain('Somma dei coefficienti di peso di questi obiettivi: 1,2.');
      expect(coeff).toContain('Riordino archivio tecnico');
      // An objective without a weight (a prerequisite) has a part of its own, with nothing to add up.
      expect(prereq).toContain('Sicurezza del cantiere');
      expect(prereq).not.toContain('Totale');
      expect(coeff).not.toContain('Sicurezza del cantiere');
    });

    it(`${format}: the signature block: act with blanks, place and date, name and role, the Sindaco's countersignature`, () => {
      const sign = rossi[format].slice(rossi[format].indexOf(SIGN));
      expect(sign).toBe(
        'Obiettivi assegnati con il PIAO 2024-2026 del Comune di Roccafranca, approvato con deliberazione di Giunta Comunale n. ____ del ________. '
        + 'Roccafranca, lì ______________________ '
        + 'Per presa visione e accettazione __________________________________________ Il Responsabile del Settore Tecnico Geom. Mario Rossi '
        + "Per l'assegnazione degli obiettivi __________________________________________ Il Sindaco",
      );
    });

    it(`${format}: the Segretario's scheda: her own objectives and the staff's, signed with her role and by the Sindaco`, () => {
      const [own, staff] = parts(verdi[format], [OWN, 'Obiettivi assegnati al personale', SIGN]);
      expect(own).toContain("Totale dell'indennità di risultato attribuita con questi obiettivi: 10%.");
      expect(own).toContain('Trasparenza');
      expect(staff).toContain('Protocollo informatico');
      expect(staff).toContain('Luca Neri 1 5%');
      expect(verdi[format]).toContain('Il Segretario Comunale Dott.ssa Laura Verdi');
      expect(verdi[format]).toMatch(/Per l'assegnazione degli obiettivi _+ Il Sindaco$/);
    });
  }
});

describe('the approving act and who assigns the objectives, from the plan', () => {
  let r: Awaited<ReturnType<typeof build>>, rossi: Texts, verdi: Texts;
  beforeAll(async () => {
    r = await build(plan({
      approvazione: '  approvazione: { numero: 12, data: "2024-01-30" }',
      documento: 'documento:\n  firma_assegnazione: Il Segretario Comunale',
    }), ['--split']);
    rossi = await texts(join(r.out, 'schede', 'roccafranca-scheda-rossi'));
    verdi = await texts(join(r.out, 'schede', 'roccafranca-scheda-verdi'));
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: the delibera filled in; the responsabile countersigned as the plan says, the Segretario still by the Sindaco`, () => {
      expect(r.code, r.err).toBe(0);
      expect(rossi[format]).toContain('approvato con deliberazione di Giunta Comunale n. 12 del 30 gennaio 2024.');
      expect(rossi[format]).toMatch(/Per l'assegnazione degli obiettivi _+ Il Segretario Comunale$/);
      expect(verdi[format]).toContain('n. 12 del 30 gennaio 2024.');
      expect(verdi[format]).toMatch(/Per l'assegnazione degli obiettivi _+ Il Sindaco$/);
    });
  }

  it('a delibera known by its date only leaves the number blank', async () => {
    const dated = await build(plan({ approvazione: '  approvazione: { data: "2024-02-05" }' }), ['--split', '--format', 'html']);
    const html = normalize(htmlText(readFileSync(join(dated.out, 'schede', 'roccafranca-scheda-rossi.html'), 'utf8')));
    expect(html).toContain('approvato con deliberazione di Giunta Comunale n. ____ del 5 febbraio 2024.');
  });
});

describe('employee schede (--schede-personale)', () => {
  let r: Awaited<ReturnType<typeof build>>, dir: string, bianchi: Texts, neri: Texts;
  beforeAll(async () => {
    r = await build(plan(), ['--schede-personale']);
    dir = join(r.out, 'schede', 'personale');
    bianchi = await texts(join(dir, 'roccafranca-scheda-bianchi'));
    neri = await texts(join(dir, 'roccafranca-scheda-neri'));
  });

  it('one per employee in the staff of a CCDI or coefficient objective, and nothing else', () => {
    expect(r.code, r.err).toBe(0);
    // Rossi is in the staff of his own objective (weighted on his indennità), Gialli in none: no scheda.
    expect(readdirSync(dir).sort()).toEqual(['bianchi', 'neri'].flatMap((p) => ['docx', 'html', 'pdf'].map((f) => `roccafranca-scheda-${p}.${f}`)));
    // Without --split, no responsabile's scheda and no settore document.
    expect(readdirSync(join(r.out, 'schede'))).toEqual(['personale']);
    expect(existsSync(join(r.out, 'settori'))).toBe(false);
  });

  it('holds exactly the employee\'s objectives', () => {
    const html = readFileSync(join(dir, 'roccafranca-scheda-bianchi.html'), 'utf8');
    expect(html.match(/<table class="obiettivo">/g)).toHaveLength(3);
    expect(readFileSync(join(dir, 'roccafranca-scheda-neri.html'), 'utf8').match(/<table class="obiettivo">/g)).toHaveLength(3);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: the employee's objectives with their totals, signed by the employee and by each responsabile`, () => {
      const b = bianchi[format];
      expect(b).toContain('Scheda obiettivi 2024 – Anna Bianchi');
      expect(b).toContain('Dipendente Anna Bianchi Profilo Istruttore tecnico Settore Settore Tecnico');
      const [ccdi, coeff, prereq] = parts(b, ['Obiettivi di performance organizzativa (somma CCDI 2024)', COEFF, PREREQ, SIGN]);
      expect(ccdi).toContain('attribuita con questi obiettivi: 10%.');
      expect(ccdi).toContain('Pulizia dei parchi');
      expect(coeff).toContain('Riordino archivio tecnico');
      expect(prereq).toContain('Sicurezza del cantiere');
      // Objectives weighted on the responsabile's indennità are not the employee's, even with her in their staff.
      expect(b).not.toContain('Tempi di pagamento');
      expect(b).toMatch(/Per presa visione e accettazione _+ Istruttore tecnico Anna Bianchi Per l'assegnazione degli obiettivi _+ Il Responsabile del Settore Tecnico Geom\. Mario Rossi$/);

      const n = neri[format];
      expect(n).toContain('attribuita con questi obiettivi: 15% (peso non indicato per 1 obiettivo).');
      for (const t of ['Pulizia dei parchi', 'Custodia del cimitero', 'Protocollo informatico']) expect(n).toContain(t);
      expect(n).not.toContain('Riordino archivio tecnico');
      expect(n).not.toContain('Sicurezza del cantiere');
      expect(n).toMatch(/Per presa visione e accettazione _+ Luca Neri /);
      expect(n).toContain('Il Segretario Comunale Dott.ssa Laura Verdi');
      expect(n).toContain('Il Responsabile del Settore Tecnico Geom. Mario Rossi');
    });
  }
});

describe('the signature block stays on one page', () => {
  it('PDF: whatever the length of the objectives before it', async () => {
    // More and more objectives push the block down the page, until it would straddle two.
    for (let n = 0; n < 7; n++) {
      const r = await build(plan({ extra: Array.from({ length: n }, (_, i) => `Obiettivo aggiuntivo ${i + 1}`) }), ['--split', '--schede-personale', '--format', 'pdf']);
      expect(r.code, r.err).toBe(0);
      for (const file of [join(r.out, 'schede', 'roccafranca-scheda-rossi.pdf'), join(r.out, 'schede', 'personale', 'roccafranca-scheda-neri.pdf')]) {
        const pages = (await pdfPageTexts(readFileSync(file), 34, 34)).map(normalize);
        const first = pages.findIndex((p) => p.includes(SIGN.slice(0, 40)));
        expect(first, `${n} more: ${file}`).toBeGreaterThanOrEqual(0);
        expect(pages.map((p) => /Il Sindaco|Geom\. Mario Rossi$/.test(p)).lastIndexOf(true), `${n} more: ${file}`).toBe(first);
        expect(pages[first]).toContain('lì ___');
      }
    }
  });

  it('DOCX: every paragraph of the block keeps with the next', async () => {
    const r = await build(plan(), ['--split', '--format', 'docx']);
    const xml = docxXml(readFileSync(join(r.out, 'schede', 'roccafranca-scheda-rossi.docx')));
    const block = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('Obiettivi assegnati con il PIAO')), xml.indexOf('</w:body>'));
    const paragraphs = block.split('<w:p>').slice(1).filter((p) => p.includes('<w:t'));
    expect(paragraphs.length).toBe(9);
    for (const p of paragraphs) expect(p).toContain('<w:keepNext/>');
  });
});

describe('the scheda of a dirigente', () => {
  it('calls the head of a settore "Dirigente" when his qualifica says so, in the role and the signature', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-dirigente-'));
    const base = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');
    writeFileSync(join(dir, 'piano.yaml'), base.replace('    nome: Mario\n', '    nome: Mario\n    qualifica: Dirigente\n'));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', dir, '--split', '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    const text = htmlText(readFileSync(join(dir, 'schede', 'piano-scheda-rossi.html'), 'utf8'));
    expect(text).toContain('Dirigente del Settore Tecnico');
    expect(text).toContain('Il Dirigente del Settore Tecnico');
    expect(text).not.toContain('Responsabile del Settore Tecnico');
    expect(text).toMatch(/Profilo\s+Dirigente/);
  });
});
