/**
 * `piao diff VECCHIO NUOVO` from the user's side: the prospetto delle variazioni of the example's
 * amendment (test/fixtures/variazioni: rev. 0 → rev. 1) lists every change and nothing else, as data
 * and in each of its files (DOCX, PDF, HTML, CSV); a plan against itself has no change; objectives
 * renumbered and moved are recognised by their ids; without ids a reworded title is matched and
 * its uncertainty said; the same data gives the same bytes.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffPlans, type PlanDiff } from '../src/amend/diff.js';
import { changeRows, prospettoView } from '../src/amend/prospetto.js';
import { loadPlan } from '../src/plan/load.js';
import { cli, ROOT } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfText } from './helpers/extract.js';

const REV0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
const REV1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');

const diffOf = (a: string, b: string) => diffPlans(loadPlan(a), loadPlan(b));
/** Each change as [kind, objective id, fields changed]. */
const summary = (d: PlanDiff) => d.modifiche.map((c) => [c.tipo, (c.dopo ?? c.prima)!.placed.o.id, c.campi.map((f) => f.campo)]);

/** A plan changed by `edit`, written to a folder of its own; `edit` receives the parsed YAML. */
function variant(dir: string, name: string, edit: (plan: any) => void = () => {}): string {
  const data = parse(readFileSync(REV0, 'utf8'));
  edit(data);
  const file = join(dir, name);
  writeFileSync(file, stringify(data));
  return file;
}

describe('the example\'s amendment, rev. 0 → rev. 1', () => {
  const d = diffOf(REV0, REV1);

  it('finds every change and nothing else', () => {
    expect(summary(d)).toEqual([
      ['modificato', 'seg-piao', ['peso']],
      ['modificato', 'seg-pti', ['peso']],
      ['modificato', 'dem-ansc', ['termine']],
      ['modificato', 'dem-bolgetta', ['descrizione']],
      ['eliminato', 'dem-reddito-cittadinanza', []],
      ['aggiunto', 'dem-assegno-inclusione', []],
      ['modificato', 'fin-peg', ['peso']],
      ['modificato', 'fin-pa-digitale', ['peso']],
    ]);
    expect(d.modifiche.every((c) => !c.spostato && !c.abbinamento?.uncertain)).toBe(true);
  });

  it('says what changed inside a text, word by word, as the documents print it', () => {
    const termine = d.modifiche[2]!.campi[0]!;
    expect([termine.prima, termine.dopo]).toEqual(['Entro il 30 giugno 2024', 'Entro il 30 settembre 2024']);
    expect(termine.prima_parti.filter((p) => p.mark)).toEqual([{ text: 'giugno', mark: 'del' }]);
    expect(termine.dopo_parti.filter((p) => p.mark)).toEqual([{ text: 'settembre', mark: 'ins' }]);
    const descrizione = d.modifiche[3]!.campi[0]!;
    expect(descrizione.prima_parti.filter((p) => p.mark)).toEqual([]);
    expect(descrizione.dopo_parti.filter((p) => p.mark)).toEqual([{ text: 'e delle scuole del territorio', mark: 'ins' }]);
    // Each side's parts read back as its text.
    expect(descrizione.dopo_parti.map((p) => p.text).join('')).toBe(descrizione.dopo);
    expect(d.modifiche[6]!.campi[0]).toMatchObject({ prima: "60% dell'indennità di risultato", dopo: "50% dell'indennità di risultato" });
  });

  it('gives the weights of each person whose weights changed, with the totals', () => {
    expect(d.pesi.map((w) => [w.tipo, w.persona, w.totale_prima, w.totale_dopo, w.righe.filter((r) => r.prima !== r.dopo).map((r) => [r.prima, r.dopo])])).toEqual([
      ['risultato', 'Dott.ssa Sonia Pagani', 10, 10, [[4, 3], [2, 3]]],
      ['risultato', 'Dott. Gianmario Coti Zelati', 100, 100, [[60, 50], [10, 20]]],
      // Her share moves from the objective removed to the one added.
      ['ccdi', 'Milanese Fabiola Ester', 34, 34, [[undefined, 8], [8, undefined]]],
    ]);
  });

  it('gives the amendment\'s data and one sentence per settore for the delibera', () => {
    expect(d.variazione).toMatchObject({ revisione: 1, approvazione: { numero: 45, data: '2024-06-20' } });
    const v = prospettoView(d);
    expect(v.titolo).toBe('Prospetto delle variazioni – PIAO 2024-2026, sottosezione 2.2 Performance – revisione 1');
    expect(v.allegato).toBe('Allegato alla deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
    expect(v.sintesi).toEqual([
      { settore: 'Segretario Comunale', frase: 'modificato il peso di 2 obiettivi.' },
      { settore: 'Settore Amministrativo', frase: 'modificato il termine di 1 obiettivo, modificata la descrizione di 1 obiettivo, eliminato 1 obiettivo, aggiunto 1 obiettivo.' },
      { settore: 'Settore Economico – Finanziario', frase: 'modificato il peso di 2 obiettivi.' },
    ]);
    expect(v.controlli.esito).toBe('Nessun errore. 24 avvisi, tutti già presenti nella revisione 0.');
  });
});

describe('piao diff on the example\'s amendment: the files', () => {
  const out = mkdtempSync(join(tmpdir(), 'piao-diff-'));
  let run: { code: number; out: string; err: string };
  let texts: Record<'docx' | 'pdf' | 'html', string>;

  beforeAll(async () => {
    run = await cli(['diff', REV0, REV1, '--out', out]);
    const file = (ext: string) => readFileSync(join(out, `variazioni-rev1.${ext}`));
    texts = {
      docx: normalize(docxText(file('docx'))),
      pdf: normalize((await pdfText(file('pdf'))).text),
      html: normalize(htmlText(file('html').toString('utf8'))),
    };
  }, 120_000);

  it('writes the prospetto in four files and sums it up on the terminal', () => {
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['variazioni-rev1.csv', 'variazioni-rev1.docx', 'variazioni-rev1.html', 'variazioni-rev1.pdf']);
    expect(run.out).toContain('Confronto tra casalmorano-rev0.yaml (revisione 0) e casalmorano-rev1.yaml (revisione 1)');
    expect(run.out).toMatch(/obiettivi aggiunti: +1\n +obiettivi eliminati: +1\n +obiettivi modificati: +6\n +persone con pesi cambiati: +3/);
    expect(run.out).toContain('variazioni-rev1.pdf');
  });

  it.each(['docx', 'pdf', 'html'] as const)('%s: title, delibera, motivazione, every change, weights and checks', (format) => {
    const t = texts[format];
    for (const s of [
      'Prospetto delle variazioni – PIAO 2024-2026, sottosezione 2.2 Performance – revisione 1',
      'Allegato alla deliberazione di Giunta Comunale n. 45 del 20 giugno 2024',
      "Dal 1° gennaio 2024 il Reddito di cittadinanza è sostituito dall'Assegno di inclusione",
      'Settore Amministrativo: modificato il termine di 1 obiettivo, modificata la descrizione di 1 obiettivo, eliminato 1 obiettivo, aggiunto 1 obiettivo.',
      'Obiettivo n. 1 – Integrazione ANSC – Modificato',
      'Termine Entro il 30 giugno 2024 Entro il 30 settembre 2024',
      'a favore di tutti gli uffici comunali e delle scuole del territorio, nel rispetto',
      "Reddito di cittadinanza: Prosecuzione dell'attività di verifica inerente la posizione anagrafica dei richiedenti – Eliminato",
      'Assegno di inclusione: verifica della posizione anagrafica dei richiedenti – Aggiunto',
      '100% delle richieste evase entro 30 giorni',
      'Obiettivo n. 2 – Perseguimento obiettivi PEG – Modificato',
      'Dott. Gianmario Coti Zelati – Responsabile, indennità di risultato',
      'Totale (atteso 100%: corrisponde) 100% 100%',
      'Tempi di pagamento (art. 4-bis c.2 D.L. 13/2023) rispettato per 2 su 2 responsabili',
    ]) expect(t, s).toContain(s);
    // Nothing else: an objective nobody changed, in a settore whose weights did not change, is not there.
    expect(t).not.toContain('Gestione autonoma del sito istituzionale');
    expect(t).not.toContain('Pullmino');
    expect(t).not.toContain('Nessuna variazione');
  });

  it('marks the words removed and inserted in each format', () => {
    const html = readFileSync(join(out, 'variazioni-rev1.html'), 'utf8');
    expect(html).toContain('Entro il 30 <del>giugno</del> 2024');
    expect(html).toContain('Entro il 30 <ins>settembre</ins> 2024');
    const xml = docxXml(readFileSync(join(out, 'variazioni-rev1.docx')));
    expect(xml).toMatch(/<w:rPr><w:strike\/><w:color w:val="B00020"\/><w:shd [^>]*w:fill="FBE9EB"\/><\/w:rPr><w:t xml:space="preserve">giugno<\/w:t>/);
    expect(xml).toMatch(/<w:rPr><w:color w:val="1F5FA8"\/><w:u w:val="single"\/><w:shd [^>]*w:fill="E6F0FA"\/><\/w:rPr><w:t xml:space="preserve">settembre<\/w:t>/);
  });

  it('writes the CSV: one row per change, UTF-8 with BOM, RFC 4180', () => {
    const csv = readFileSync(join(out, 'variazioni-rev1.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFtipo,settore,servizio,obiettivo_id,obiettivo,campo,prima,dopo,abbinamento\r\n')).toBe(true);
    const rows = changeRows(diffOf(REV0, REV1));
    expect(rows.map((r) => [r.tipo, r.obiettivo_id, r.campo])).toEqual([
      ['modificato', 'seg-piao', 'Peso'],
      ['modificato', 'seg-pti', 'Peso'],
      ['modificato', 'dem-ansc', 'Termine'],
      ['modificato', 'dem-bolgetta', 'Descrizione sintetica del contenuto'],
      ['eliminato', 'dem-reddito-cittadinanza', ''],
      ['aggiunto', 'dem-assegno-inclusione', ''],
      ['modificato', 'fin-peg', 'Peso'],
      ['modificato', 'fin-pa-digitale', 'Peso'],
    ]);
    // Header, eight records, and the end of the last one.
    expect(csv.split('\r\n')).toHaveLength(10);
    expect(csv).toContain('modificato,Settore Amministrativo,Servizio Demografico,dem-ansc,Obiettivo n. 1 – Integrazione ANSC,Termine,Entro il 30 giugno 2024,Entro il 30 settembre 2024,identificativo\r\n');
    expect(csv).toContain('"La gestione della posta è effettuata mediante il sistema ""bolgetta""');
  });

  it('writes the same bytes for the same data', async () => {
    const again = mkdtempSync(join(tmpdir(), 'piao-diff-bis-'));
    expect((await cli(['diff', REV0, REV1, '--out', again])).code).toBe(0);
    for (const f of readdirSync(out)) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  }, 120_000);
});

describe('a plan against itself', () => {
  it('has no change, and the prospetto and the terminal say so', async () => {
    const d = diffOf(REV1, REV1);
    expect(d.modifiche).toEqual([]);
    expect(d.pesi).toEqual([]);
    const out = mkdtempSync(join(tmpdir(), 'piao-diff-same-'));
    const r = await cli(['diff', REV1, REV1, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Nessuna variazione tra casalmorano-rev1.yaml e casalmorano-rev1.yaml');
    const html = normalize(htmlText(readFileSync(join(out, 'variazioni-rev1.html'), 'utf8')));
    expect(html).toContain('Nessuna variazione tra la revisione 1 (casalmorano-rev1.yaml) e la revisione 1 (casalmorano-rev1.yaml)');
    expect(html).not.toContain('Variazioni degli obiettivi');
    expect(readFileSync(join(out, 'variazioni-rev1.csv'), 'utf8')).toBe('\uFEFFtipo,settore,servizio,obiettivo_id,obiettivo,campo,prima,dopo,abbinamento\r\n');
  });
});

describe('objectives renumbered and moved, with ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-diff-moved-'));
  const before = variant(dir, 'prima.yaml');
  // Every group in another order (the first objective last: every numbered one gets another number),
  // the Segretario's too; one objective to another servizio, one to another settore.
  const after = variant(dir, 'dopo.yaml', (p) => {
    const rotate = (xs: unknown[]) => xs.push(xs.shift());
    for (const c of p.centri) for (const s of c.servizi ?? []) for (const g of s.gruppi ?? []) rotate(g.obiettivi);
    rotate(p.segretario.obiettivi);
    const amm = p.centri[0];
    const fin = p.centri[1];
    const comune = amm.servizi[1].gruppi.pop(); // the Demografico's own group: its one objective (amm-pa-digitale)
    amm.servizi[0].gruppi[0].obiettivi.push(...comune.obiettivi);
    const pensionati = fin.servizi[1].gruppi[1].obiettivi.splice(fin.servizi[1].gruppi[1].obiettivi.findIndex((o: any) => o.id === 'ass-pensionati'), 1);
    amm.servizi[1].gruppi[0].obiettivi.unshift(...pensionati);
  });

  it('pairs every objective with itself, and says which ones moved where', () => {
    const d = diffOf(before, after);
    const all = d.dopo.checks.obiettivi.length;
    expect(all).toBe(23);
    expect(d.modifiche.filter((c) => c.tipo !== 'modificato')).toEqual([]);
    expect(d.modifiche.every((c) => c.prima!.placed.o.id === c.dopo!.placed.o.id && c.abbinamento?.how === 'id')).toBe(true);
    const moved = d.modifiche.filter((c) => c.spostato).map((c) => [c.dopo!.placed.o.id, c.spostato!.da, c.spostato!.a]);
    expect(moved).toEqual([
      ['amm-pa-digitale', 'Settore Amministrativo – Servizio Demografico', 'Settore Amministrativo – Servizio Segreteria e Affari Generali'],
      ['ass-pensionati', 'Settore Economico – Finanziario – Servizio assistenziale, culturale e scolastico', 'Settore Amministrativo – Servizio Demografico'],
    ]);
    // Only their numbers (and, moved, the responsabile) changed: no text of any objective.
    const fields = new Set(d.modifiche.flatMap((c) => c.campi.map((f) => f.campo)));
    expect([...fields].sort()).toEqual(['numero', 'responsabile']);
    const v = prospettoView(d);
    expect(v.sintesi.find((s) => s.settore === 'Settore Economico – Finanziario')?.frase).toContain('trasferito 1 obiettivo a Settore Amministrativo – Servizio Demografico');
    expect(v.sintesi.find((s) => s.settore === 'Settore Amministrativo')?.frase).toContain('trasferito 1 obiettivo da Settore Economico – Finanziario – Servizio assistenziale, culturale e scolastico');
  });
});

describe('objectives without ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-diff-noid-'));
  const strip = (p: any) => {
    for (const c of p.centri) for (const s of c.servizi ?? []) for (const g of s.gruppi ?? []) for (const o of g.obiettivi) delete o.id;
    for (const o of p.segretario.obiettivi) delete o.id;
  };
  const before = variant(dir, 'prima.yaml', strip);
  const after = variant(dir, 'dopo.yaml', (p) => {
    strip(p);
    const o = p.centri[0].servizi[1].gruppi[0].obiettivi[1];
    expect(o.titolo).toBe('Gestione posta mediante bolgetta per gli uffici comunali');
    o.titolo = 'Servizio bolgetta: consegna della posta agli uffici';
  });

  it('match a reworded title in the same servizio, and the prospetto says the match is uncertain', async () => {
    const d = diffOf(before, after);
    expect(summary(d)).toEqual([['modificato', undefined, ['titolo']]]);
    const c = d.modifiche[0]!;
    expect(c.abbinamento).toMatchObject({ how: 'titolo', uncertain: true });
    expect(c.abbinamento!.score).toBeGreaterThan(0.4);
    expect(c.abbinamento!.score).toBeLessThan(0.8);
    const out = mkdtempSync(join(tmpdir(), 'piao-diff-noid-out-'));
    const r = await cli(['diff', before, after, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('1 abbinamento incerto');
    const html = normalize(htmlText(readFileSync(join(out, 'variazioni-rev0.html'), 'utf8')));
    expect(html).toContain("Abbinamento incerto: l'obiettivo «Gestione posta mediante bolgetta per gli uffici comunali» (Settore Amministrativo – Servizio Demografico) della revisione precedente è stato riconosciuto in questo");
    expect(readFileSync(join(out, 'variazioni-rev0.csv'), 'utf8')).toMatch(/,titolo incerto \(somiglianza 66%\)\r\n$/);
  }, 60_000);

  it('match the same titles surely, whatever their order', () => {
    const shuffled = variant(dir, 'ordine.yaml', (p) => {
      strip(p);
      p.centri[1].servizi[1].gruppi[0].obiettivi.reverse();
    });
    const d = diffOf(before, shuffled);
    expect(d.modifiche.every((c) => c.tipo === 'modificato' && c.abbinamento?.uncertain === false && c.campi.every((f) => f.campo === 'numero'))).toBe(true);
    expect(d.modifiche.length).toBeGreaterThan(0);
  });
});

describe('a settore without servizi, and the checks on the new version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-diff-own-'));
  // The Settore Tecnico's responsabile's objectives as the settore's own (no servizio).
  const own = (p: any) => {
    const tec = p.centri[2];
    tec.obiettivi = tec.servizi[1].gruppi.shift().obiettivi;
  };
  const before = variant(dir, 'prima.yaml', own);
  const after = variant(dir, 'dopo.yaml', (p) => {
    own(p);
    const tec = p.centri[2];
    const peg = tec.obiettivi.find((o: any) => o.id === 'tec-peg');
    peg.termine = { entro: '2024-10-31' };
    peg.peso = { risultato: 40 };
    tec.obiettivi.push(tec.servizi[1].gruppi[0].obiettivi.shift());
  });

  it('compares a settore\'s own objectives, says what moved into it, and reports the weights no longer summing to 100', async () => {
    const d = diffOf(before, after);
    const peg = d.modifiche.find((c) => c.dopo?.placed.o.id === 'tec-peg')!;
    expect(peg.campi.map((f) => [f.campo, f.prima, f.dopo])).toEqual([
      ['termine', "Tutto l'anno 2024", 'Entro il 31 ottobre 2024'],
      ['peso', "60% dell'indennità di risultato", "40% dell'indennità di risultato"],
    ]);
    expect(peg.dopo!.dove).toBe('Settore Tecnico e Tecnico Manutentivo');
    const moved = d.modifiche.find((c) => c.spostato)!;
    expect([moved.dopo!.placed.o.id, moved.spostato]).toEqual(['tec-pullmino', {
      da: 'Settore Tecnico e Tecnico Manutentivo – Servizio lavori pubblici, manutentivo di beni comunali e SUAP', a: 'Settore Tecnico e Tecnico Manutentivo',
    }]);
    expect(d.pesi.map((w) => [w.persona, w.totale_prima, w.totale_dopo, w.atteso])).toEqual([['Geom. Vanda Massari', 100, 80, 100]]);
    const errors = d.controlli.filter((f) => f.diagnostic.severity === 'errore');
    expect(errors.map((f) => [f.diagnostic.code, f.nuovo])).toEqual([['pesi.somma-risultato', true]]);

    const out = mkdtempSync(join(tmpdir(), 'piao-diff-own-out-'));
    const r = await cli(['diff', before, after, '--out', out]);
    // It could compare: exit 0, even though the new version has an error to fix before the Giunta approves it.
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('La nuova versione ha 1 errore');
    const html = normalize(htmlText(readFileSync(join(out, 'variazioni-rev0.html'), 'utf8')));
    expect(html).toContain('Totale (atteso 100%: non corrisponde) 100% 80%');
    expect(html).toContain("1 errore da correggere prima dell'approvazione.");
    expect(html).toMatch(/Settore Tecnico e Tecnico Manutentivo Errore: .* sì/);
  }, 60_000);
});

describe('piao diff on plans that are not two versions of one plan', () => {
  const rev0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
  const rev1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');

  it('refuses two entities, other years, or the versions in the wrong order: exit 1 at the new plan\'s line, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-diff-not-'));
    const other = await cli(['diff', rev0, join(ROOT, 'test/fixtures/enti/piccolo-comune.yaml'), '--out', out]);
    expect(other.code).toBe(1);
    expect(other.err).toContain('[diff.altro-ente]');
    const year = join(out, 'anno.yaml');
    writeFileSync(year, readFileSync(rev1, 'utf8').replace('  anno: 2024\n', '  anno: 2025\n'));
    const years = await cli(['diff', rev0, year, '--out', out]);
    expect(years.code).toBe(1);
    expect(years.err).toContain('[diff.altro-piano]');
    const reversed = await cli(['diff', rev1, rev0, '--out', out]);
    expect(reversed.code).toBe(1);
    expect(reversed.err).toMatch(/casalmorano-rev0\.yaml:\d+:\d+: errore: questo piano è la revisione 0, quello indicato come precedente/);
    expect(readdirSync(out)).toEqual(['anno.yaml']);
  });

  it('says when the new version has changes but the same revision number', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-diff-same-'));
    const same = join(out, 'stessa.yaml');
    writeFileSync(same, readFileSync(rev1, 'utf8').replace('peso: { risultato: 50 }', 'peso: { risultato: 55 }'));
    const r = await cli(['diff', rev1, same, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('la revisione del nuovo piano (1) non è successiva a quella del vecchio (1)');
  });
});

describe('a servizio renamed', () => {
  it('is said once in its settore\'s sentence, and its objectives are not moved', async () => {
    const rev0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'piao-diff-rename-'));
    const renamed = join(dir, 'rev1.yaml');
    writeFileSync(renamed, readFileSync(rev0, 'utf8').replace('  revisione: 0\n', '  revisione: 1\n').replace('- nome: Servizio Demografico', '- nome: Servizi Demografici e Stato Civile'));
    const d = diffPlans(loadPlan(rev0), loadPlan(renamed));
    expect(d.servizi_rinominati).toEqual([{ centro: 'amministrativo', settore: 'Settore Amministrativo', prima: 'Servizio Demografico', dopo: 'Servizi Demografici e Stato Civile' }]);
    expect(d.modifiche.filter((c) => c.spostato)).toEqual([]);
    expect(prospettoView(d).sintesi).toEqual([{ settore: 'Settore Amministrativo', frase: 'rinominato il servizio «Servizio Demografico» in «Servizi Demografici e Stato Civile».' }]);
  });
});

describe('what piao diff warns of', () => {
  const rev0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
  const rev1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');

  it('an id changed (the same objective removed and added), and the first approval\'s act changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-diff-warn-'));
    const changed = join(dir, 'rev1.yaml');
    writeFileSync(changed, readFileSync(rev1, 'utf8').replace('- id: dem-bolgetta', '- id: dem-bolgeta').replace('numero: 12, data: "2024-01-30"', 'numero: 45, data: "2024-06-20"'));
    const r = await cli(['diff', rev0, changed, '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('risulta eliminato (id «dem-bolgetta») e aggiunto (id «dem-bolgeta»)');
    expect(r.out).toContain('la deliberazione della prima approvazione (piano.approvazione) è cambiata');
    const plain = await cli(['diff', rev0, rev1, '--out', dir]);
    expect(plain.out).not.toContain('Attenzione');
  });
});

describe('the hostile trial of the amendments', () => {
  const rev0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
  const rev1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');

  it('differences no document shows (Unicode NFD, double spaces) are no change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-diff-nfd-'));
    const nfd = join(dir, 'nfd.yaml');
    writeFileSync(nfd, readFileSync(rev0, 'utf8').normalize('NFD').replace('Il sito è costantemente', 'Il sito  è costantemente'));
    const d = diffPlans(loadPlan(rev0), loadPlan(nfd));
    expect(d.modifiche).toEqual([]);
  });

  it('the prospetto names the act of the new plan\'s own revision, whatever the order of piano.variazioni', () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-diff-order-'));
    const rev2 = join(dir, 'rev2.yaml');
    writeFileSync(rev2, readFileSync(rev1, 'utf8').replace('  revisione: 1\n', '  revisione: 2\n').replace('  variazioni:\n', '  variazioni:\n    - revisione: 2\n      approvazione: { numero: 60, data: "2024-09-10" }\n      motivazione: Seconda variazione.\n'));
    const d = diffPlans(loadPlan(rev1), loadPlan(rev2));
    expect(d.variazione?.approvazione?.numero).toBe(60);
    expect(prospettoView(d).allegato).toContain('n. 60 del 10 settembre 2024');
  });

  it('no command but publish writes into a publication; --confronta wants the DOCX and two versions of one plan', async () => {
    const pub = mkdtempSync(join(tmpdir(), 'piao-diff-pub-'));
    expect((await cli(['publish', rev0, '--out', pub])).code).toBe(0);
    const before = readdirSync(join(pub, 'revisione-0')).sort();
    const r = await cli(['diff', rev0, rev1, '--out', join(pub, 'revisione-0')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('è una cartella pubblicata da piao publish');
    expect(readdirSync(join(pub, 'revisione-0')).sort()).toEqual(before);
    expect((await cli(['build', rev1, '--out', pub])).code).toBe(2);
    const out = mkdtempSync(join(tmpdir(), 'piao-confronta-'));
    const nodocx = await cli(['build', rev1, '--confronta', rev0, '--format', 'pdf', '--out', out]);
    expect(nodocx.code).toBe(2);
    expect(nodocx.err).toContain('aggiungi docx in --format');
    const other = await cli(['build', join(ROOT, 'test/fixtures/enti/piccolo-comune.yaml'), '--confronta', rev0, '--out', out]);
    expect(other.code).toBe(1);
    expect(other.err).toContain('[diff.altro-ente]');
    expect(readdirSync(out)).toEqual([]);
  });
});
