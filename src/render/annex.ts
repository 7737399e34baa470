/**
 * The controls report of `piao build --report` (`<base>-controlli.*`): a working document for the
 * Segretario, separate from the section the Giunta approves. It says what to fix and where:
 * the art. 4-bis result per responsabile who pays invoices, weights per person against their
 * expected totals, the CCDI shares with their grand total, the warnings of the checks placed by
 * settore/servizio/objective, and the completeness of each objective against the nine questions
 * of the official guidance (per question, and per settore → servizio → objective).
 * A view for the `controlli.hbs` template: everything is computed here.
 */
import { QUESTIONS, RULES, otherWeight, paymentTimes, type Answer, type CheckResult, type CompletenessRow, type Placed } from '../plan/checks.js';
import type { Diagnostic } from '../plan/diagnostics.js';
import { formatPath, shortValue } from '../plan/diagnostics.js';
import { ruoloSegretario, type Piano } from '../plan/schema.js';
import { formatPercent, pesoTipo } from './format.js';
import type { PlanView } from './view.js';

const SHORT: Record<Answer, string> = { sì: 'sì', parziale: '½', no: '–' };

interface WeightRow { obiettivo: string; dove: string; peso: string }

export interface AnnexView {
  /** "Controlli sul piano – PIAO 2024-2026 – Comune di …": the document's title. */
  titolo: string;
  /** The running header: names the document as the controls report, not the section. */
  intestazione: string;
  ente: string;
  triennio: string;
  sezione: string;
  riepilogo: { voce: string; esito: string }[];
  tempi: {
    attivo: boolean;
    soglia: string;
    righe: { responsabile: string; centro: string; obiettivi: string; peso: string; esito: string }[];
  };
  risultato: {
    persone: { persona: string; ruolo: string; obiettivi: number; non_indicati: number; totale: string; atteso: string; esito: string }[];
    dettagli: { persona: string; ruolo: string; righe: WeightRow[]; totale: string; atteso: string }[];
  };
  ccdi: {
    persone: { persona: string; obiettivi: number; non_indicati: number; totale: string }[];
    totale: string;
    non_indicati: number;
    dettagli: { persona: string; righe: WeightRow[]; totale: string }[];
  };
  avvisi: {
    numero: number;
    /** One group per code, in order of first appearance; a hint the whole group shares is said once. */
    gruppi: { codice: string; regola: string; gravita: string; numero: number; quanti: string; suggerimento: string; righe: { dove: string; messaggio: string; valore: string; suggerimento: string }[] }[];
  };
  domande: { lettera: string; etichetta: string; testo: string; si: number; parziale: number; no: number }[];
  obiettivi: number;
  punteggio: string;
  settori: {
    settore: string;
    punteggio: string;
    servizi: { servizio: string; righe: { gruppo: string; etichetta: string; titolo: string; risposte: string[]; punteggio: string }[] }[];
  }[];
}

export function annexView(result: CheckResult, plan: Piano, view: PlanView): AnnexView {
  const soglia = plan.controlli.soglia_tempi_pagamento;
  const payers = paymentTimes(plan, result.obiettivi);
  const tempi = payers.map((t) => ({
    responsabile: t.responsabile ? result.nome(t.responsabile) : 'nessun responsabile',
    centro: t.centro.nome,
    obiettivi: t.obiettivi.length ? t.obiettivi.map((p) => `${p.etichetta} – ${p.o.titolo}${p.servizio ? ` (${p.servizio})` : ''}`).join('; ') : 'nessun obiettivo sui tempi di pagamento',
    peso: formatPercent(t.peso),
    // Weighted only on the CCDI or by a coefficient: no share of the indennità di risultato at all.
    esito: t.rispettato ? 'rispettato'
      : t.altri.length && !t.obiettivi.some((p) => pesoTipo(p.o.peso) === 'risultato') ? `non rispettato: pesa ${otherWeight(t.altri[0]!)}`
      : 'non rispettato',
  }));

  const peso = (v: number | null) => (v === null ? 'non indicato' : formatPercent(v));
  const blank = (ws: { peso: number | null }[]) => ws.filter((w) => w.peso === null).length;
  const rows = (ws: CheckResult['pesi']['ccdi'][number]['obiettivi']): WeightRow[] =>
    ws.map((o) => ({ obiettivo: `${o.etichetta} – ${o.titolo}`, dove: o.servizio ? `${o.settore} – ${o.servizio}` : o.settore, peso: peso(o.peso) }));
  const ruolo = (r: { segretario: boolean }) => (r.segretario ? ruoloSegretario(plan) : 'Responsabile');
  const atteso = (r: { atteso: number | null }) => (r.atteso === null ? 'non indicato' : formatPercent(r.atteso));
  const match = (r: { totale: number; atteso: number | null; obiettivi: readonly unknown[] }) =>
    r.obiettivi.length === 0 ? 'nessun obiettivo pesa sulla sua indennità di risultato'
      : r.atteso === null ? 'non controllato' : Math.abs(r.totale - r.atteso) < 1e-9 ? 'corrisponde' : 'non corrisponde';
  // A responsabile who pays invoices is expected here even with no weight on the indennità di risultato.
  const missing = [...new Set(payers.flatMap((t) => (t.responsabile && !result.pesi.risultato.some((r) => !r.segretario && r.id === t.responsabile) ? [t.responsabile] : [])))];
  const risultato: CheckResult['pesi']['risultato'] = [
    ...result.pesi.risultato,
    ...missing.map((id) => ({ persona: result.nome(id), id, segretario: false, obiettivi: [], totale: 0, atteso: plan.controlli.totale_risultato })),
  ];
  const ccdi = result.pesi.ccdi;
  const ccdiTotal = Math.round(ccdi.reduce((s, r) => s + r.totale, 0) * 1000) / 1000;
  const ccdiBlank = ccdi.reduce((s, r) => s + blank(r.obiettivi), 0);

  const warnings = result.diagnostics.filter((d) => d.severity !== 'errore');
  const places = placesOf(result.obiettivi);

  const rowsC = result.completezza.righe;
  const count = (k: (typeof QUESTIONS)[number]['key'], a: Answer) => rowsC.filter((r) => r.risposte[k] === a).length;
  const tempiOk = tempi.filter((t) => t.esito === 'rispettato').length;
  const controlled = risultato.filter((r) => r.atteso !== null || r.obiettivi.length === 0);
  const risultatoOk = controlled.filter((r) => match(r) === 'corrisponde').length;
  const subject = `PIAO ${view.piano.triennio} – ${view.ente.nome}`;

  return {
    titolo: `Controlli sul piano – ${subject}`,
    intestazione: `${view.ente.nome} – PIAO ${view.piano.triennio} – Controlli sul piano (non fa parte della sottosezione ${view.piano.sezione})`,
    ente: view.ente.nome,
    triennio: view.piano.triennio,
    sezione: `${view.piano.sezione} ${view.piano.titolo}`,
    riepilogo: [
      { voce: 'Obiettivi nel piano', esito: String(rowsC.length) },
      { voce: 'Completezza rispetto alle nove domande', esito: formatPercent(result.completezza.punteggio) },
      {
        voce: 'Tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)',
        esito: !plan.controlli.tempi_pagamento ? 'controllo disattivato nel piano'
          : tempi.length === 0 ? 'nessun centro paga fatture commerciali'
          : `rispettato per ${tempiOk} su ${tempi.length} ${tempi.length === 1 ? 'responsabile' : 'responsabili'}`,
      },
      {
        voce: 'Pesi sull\'indennità di risultato',
        esito: risultato.length === 0 ? 'nessun obiettivo pesa sull\'indennità di risultato'
          : controlled.length === 0 ? 'nessun totale atteso indicato: non controllati'
          : `totale corrispondente all'atteso per ${risultatoOk} su ${controlled.length} ${controlled.length === 1 ? 'persona' : 'persone'}`,
      },
      {
        voce: 'Quote CCDI',
        esito: ccdi.length === 0 ? 'nessun obiettivo pesa sulla somma CCDI'
          : `${ccdi.length} ${ccdi.length === 1 ? 'persona' : 'persone'}, quote delle persone in tutto ${formatPercent(ccdiTotal)} (un obiettivo conta per ognuna delle persone coinvolte)${ccdiBlank ? `, ${ccdiBlank} ${ccdiBlank === 1 ? 'peso non indicato' : 'pesi non indicati'}` : ''}`,
      },
      { voce: 'Avvisi dei controlli', esito: String(warnings.length) },
    ],
    tempi: { attivo: plan.controlli.tempi_pagamento, soglia: formatPercent(soglia), righe: tempi },
    risultato: {
      persone: risultato.map((r) => ({ persona: r.persona, ruolo: ruolo(r), obiettivi: r.obiettivi.length, non_indicati: blank(r.obiettivi), totale: formatPercent(r.totale), atteso: atteso(r), esito: match(r) })),
      dettagli: risultato.filter((r) => r.obiettivi.length > 0).map((r) => ({ persona: r.persona, ruolo: ruolo(r), righe: rows(r.obiettivi), totale: formatPercent(r.totale), atteso: atteso(r) })),
    },
    ccdi: {
      persone: ccdi.map((r) => ({ persona: r.persona, obiettivi: r.obiettivi.length, non_indicati: blank(r.obiettivi), totale: formatPercent(r.totale) })),
      totale: formatPercent(ccdiTotal),
      non_indicati: ccdiBlank,
      dettagli: ccdi.map((r) => ({ persona: r.persona, righe: rows(r.obiettivi), totale: formatPercent(r.totale) })),
    },
    avvisi: { numero: warnings.length, gruppi: warningGroups(warnings, (d) => placeOf(d, places, plan, result.nome)) },
    domande: QUESTIONS.map((q) => ({ lettera: q.key, etichetta: q.label, testo: q.text, si: count(q.key, 'sì'), parziale: count(q.key, 'parziale'), no: count(q.key, 'no') })),
    obiettivi: rowsC.length,
    punteggio: formatPercent(result.completezza.punteggio),
    settori: settori(result, rowsC),
  };
}

/**
 * Completeness rows by settore, then servizio (the Segretario's objectives have none). Where a
 * servizio has several groups, numbering restarts in each: the first row of each group names the
 * group (its title, else the people its objectives are assigned to).
 */
function settori(result: CheckResult, rows: readonly CompletenessRow[]): AnnexView['settori'] {
  const out: AnnexView['settori'] = [];
  let lastKey = '';
  result.obiettivi.forEach((p, i) => {
    const r = rows[i]!;
    let s = out.at(-1);
    if (s?.settore !== p.settore) {
      out.push((s = { settore: p.settore, punteggio: formatPercent(result.completezza.settori.find((x) => x.settore === p.settore)?.punteggio ?? 0), servizi: [] }));
    }
    // The servizio's place in the data ("centri[1].servizi[0]"): two servizi may share a name; a
    // settore's own objectives ("centri[1].obiettivi") are one block without a servizio.
    const key = p.segretario ? 'segretario' : formatPath(p.path.slice(0, p.servizio !== undefined ? 4 : 3));
    let v = s.servizi.at(-1);
    if (!v || key !== lastKey) s.servizi.push((v = { servizio: p.servizio ?? '', righe: [] }));
    lastKey = key;
    const groups = p.segretario || p.servizio === undefined ? [] : (p.centro?.servizi[p.path[3] as number]?.gruppi ?? []);
    const first = p.gruppo !== undefined && p.gruppo.obiettivi[0] === p.o;
    const gruppo = first && groups.length > 1 ? (p.gruppo!.titolo ?? assigned(p.gruppo!.obiettivi, p, result.nome, result.nomePersonale)) : '';
    v.righe.push({ gruppo, etichetta: p.etichetta, titolo: p.o.titolo, risposte: QUESTIONS.map((q) => SHORT[r.risposte[q.key]]), punteggio: formatPercent(r.punteggio) });
  });
  return out;
}

/**
 * Who a group's objectives are for: "Responsabile: Geom. Vanda Massari" when they all weigh on the
 * responsabile's indennità di risultato, else "Personale: Carla Moreni, …" (the staff assigned).
 */
function assigned(objectives: readonly Placed['o'][], p: Placed, name: (id: string) => string, staffName: (id: string) => string): string {
  const own = objectives.every((o) => pesoTipo(o.peso) === 'risultato');
  const ids = [...new Set(objectives.flatMap((o) => o.personale))];
  if (ids.length && !(own && p.responsabile)) return `Personale: ${ids.map(staffName).join(', ')}`;
  return p.responsabile ? `Responsabile: ${name(p.responsabile)}` : 'Senza responsabile';
}

/** Warnings by code (a code has one severity), each group named by its rule. */
function warningGroups(warnings: readonly Diagnostic[], where: (d: Diagnostic) => string): AnnexView['avvisi']['gruppi'] {
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of warnings) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  return [...byCode].map(([codice, ds]) => {
    const hints = new Set(ds.map((d) => d.hint ?? ''));
    const shared = hints.size === 1 ? [...hints][0]! : '';
    return {
      codice,
      regola: capitalize(RULES.find((r) => r.codes.some((c) => c.code === codice))?.name ?? codice),
      gravita: ds[0]!.severity === 'info' ? 'informazione' : 'avviso',
      numero: ds.length,
      quanti: ds[0]!.severity === 'info' ? `${ds.length} ${ds.length === 1 ? 'informazione' : 'informazioni'}` : `${ds.length} ${ds.length === 1 ? 'avviso' : 'avvisi'}`,
      suggerimento: sentence(shared),
      righe: ds.map((d) => ({
        dove: where(d), messaggio: capitalize(d.message), valore: d.value !== undefined ? shortValue(d.value) ?? '' : '', suggerimento: shared || !d.hint ? '' : sentence(d.hint),
      })),
    };
  });
}

/** Objectives by their path in the data ("centri[1].servizi[0].gruppi[0].obiettivi[2]"). */
export function placesOf(objectives: readonly Placed[]): Map<string, Placed> {
  return new Map(objectives.map((p) => [formatPath(p.path), p]));
}

const OBJECTIVE_PATH = /^(segretario\.obiettivi\[\d+\]|centri\[\d+\]\.servizi\[\d+\]\.gruppi\[\d+\]\.obiettivi\[\d+\])/;

/** Where a warning is, as a reader of the document finds it: settore – servizio – objective. */
export function placeOf(d: Diagnostic, places: Map<string, Placed>, plan: Piano, name: (id: string) => string): string {
  const o = OBJECTIVE_PATH.exec(d.path);
  const p = o ? places.get(o[1]!) : undefined;
  if (p) return [p.settore, p.servizio, `${p.etichetta} «${p.o.titolo}»`].filter(Boolean).join(' – ');
  const c = /^centri\[(\d+)\](?:\.servizi\[(\d+)\])?/.exec(d.path);
  const centro = c ? plan.centri[Number(c[1])] : undefined;
  if (centro) return [centro.nome, c![2] !== undefined ? centro.servizi[Number(c![2])]?.nome : undefined].filter(Boolean).join(' – ');
  if (d.path.startsWith('segretario')) return ruoloSegretario(plan);
  const person = /^persone\.([^.[]+)/.exec(d.path);
  if (person) return `Persona: ${name(person[1]!)}`;
  return PARTS[/^[a-z_]+/.exec(d.path)?.[0] ?? ''] ?? 'Piano';
}

/** The other parts of the plan, as a reader of the document calls them. */
const PARTS: Record<string, string> = {
  ente: 'Dati dell\'ente', piano: 'Dati del piano', introduzione: 'Introduzione', nota_centri: 'Nota sui centri di responsabilità',
  controlli: 'Impostazioni dei controlli', documento: 'Impostazioni del documento',
};

/** A hint as a sentence of its own: capital first, full stop last (unless it ends with its own mark). */
function sentence(s: string): string {
  return s && /[.?!…]$/.test(s) ? capitalize(s) : s && `${capitalize(s)}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
