/**
 * The view of the Relazione sulla performance's section (`relazione.hbs`, `piao relazione`) and its
 * open data (`<base>-risultati.csv`): the plan's own view (plan/view.ts: the same objective cards,
 * numbers and names) with each objective's result added (`risultato`, shown by
 * `obiettivo-risultato.hbs` inside the card), a summary of results, one "prospetto del grado di
 * raggiungimento" per settore (as Nuclei di Valutazione draw it), and the variations approved
 * during the year. Achievement comes from results/achievement.ts; this module only words and
 * formats it (two decimals everywhere: results/format.ts).
 */
import { stringify } from 'csv-stringify/sync';
import { isRealDate, type Indicatore, type Obiettivo, type Piano } from '../plan/schema.js';
import { measuredByPhases } from '../plan/measure.js';
import { delDate, formatDate, formatNumber, formatPercent } from '../render/format.js';
import { objectivesWithSource, type ObiettivoView, type PlanView } from '../render/view.js';
import { neutralizeFormula, objectiveCodes } from '../publish/opendata.js';
import { indicatorAchievement, objectiveAchievement, phaseAchievement, targetOf, type ObjectiveAchievement } from './achievement.js';
import { pct2, round2 } from './format.js';

/** An objective's result as its card and the prospetto show it. */
export interface RisultatoView {
  /** What counts (the Nucleo's, else the entity's): "80,00%"; "non valutabile", "non indicato". */
  percentuale: string;
  /** raggiunto, raggiunto in parte, non raggiunto, non valutabile, senza risultato. */
  esito: string;
  /** The entity's own percentage and how it was found: "100,00%, calcolato dalle fasi, secondo il loro peso". */
  ente?: string;
  /** How it was measured, in words ("calcolato dagli indicatori", "indicato a mano: …"). */
  come: string;
  /** The Nucleo di Valutazione's percentage and notes, where given. */
  nucleo?: { percentuale?: string; note?: string };
  indicatori: { nome: string; target: string; valore: string; raggiungimento: string; nota?: string }[];
  fasi: { descrizione: string; peso?: string; esito: string; nota?: string }[];
  scostamento?: string;
  evidenze: string[];
  /** Why it is not assessable. */
  non_valutabile?: string;
}

export type ObiettivoRelazioneView = ObiettivoView & { risultato: RisultatoView };

export interface ProspettoRow {
  n: number;
  etichetta: string;
  titolo: string;
  termine: string;
  indicatori: string;
  target: string;
  risultato: string;
  percentuale: string;
  note: string;
}

export interface ParteRelazione {
  /** The settore's heading ("Settore Tecnico e Tecnico Manutentivo"), or the Segretario's role. */
  titolo: string;
  responsabile: string;
  /** Mean achievement of its objectives that have one ("87,50%"), or "–". */
  media: string;
  prospetto: ProspettoRow[];
  /** Its objectives' cards, by servizio and group (a title only where one starts). */
  blocchi: { servizio?: string; gruppo?: string; obiettivi: ObiettivoRelazioneView[] }[];
}

export interface RelazioneView extends Omit<PlanView, 'settori' | 'segretario'> {
  titolo: string;
  intestazione: string;
  sintesi: {
    obiettivi: number;
    esiti: { esito: string; numero: number; quota: string }[];
    settori: { settore: string; obiettivi: number; valutati: number; media: string }[];
    media: string;
  };
  variazioni: { revisione: number; atto: string; motivazione: string }[];
  parti: ParteRelazione[];
}

const ESITI = ['raggiunto', 'raggiunto in parte', 'non raggiunto', 'non valutabile', 'senza risultato'] as const;
const ESITI_SINTESI: Record<(typeof ESITI)[number], string> = {
  raggiunto: 'Raggiunti per intero', 'raggiunto in parte': 'Raggiunti in parte', 'non raggiunto': 'Non raggiunti',
  'non valutabile': 'Non valutabili', 'senza risultato': 'Senza risultato',
};

/** The objective's outcome in one word group. */
export function esitoOf(a: ObjectiveAchievement): (typeof ESITI)[number] {
  if (a.come === 'non valutabile') return 'non valutabile';
  if (a.finale === undefined) return 'senza risultato';
  return a.finale >= 100 ? 'raggiunto' : a.finale > 0 ? 'raggiunto in parte' : 'non raggiunto';
}

/** How the entity's percentage was found, in words. */
export function comeOf(o: Obiettivo, a: ObjectiveAchievement): string {
  switch (a.come) {
    case 'fasi':
      return measuredByPhases(o) ? 'calcolato dalle fasi, secondo il loro peso' : 'calcolato dalle fasi (media semplice)';
    case 'indicatori': {
      const measured = o.indicatori.filter((i) => typeof i !== 'string');
      return measured.every((i) => i.peso !== undefined) && measured.length > 1 ? 'calcolato dagli indicatori, secondo il loro peso' : 'calcolato dagli indicatori';
    }
    case 'manuale':
      return o.consuntivo?.motivazione ? `indicato a mano: ${o.consuntivo.motivazione}` : 'indicato a mano';
    case 'non valutabile':
      return `non valutabile: ${a.motivo ?? ''}`;
    default:
      return 'risultato non indicato';
  }
}

/** A value as written in the plan, as the documents show it: numbers Italian style, dates dd/mm/yyyy, yes/no. */
function valueText(v: string | number | boolean, unita?: string): string {
  if (typeof v === 'boolean') return v ? 'sì' : 'no';
  if (typeof v === 'number') return `${formatNumber(v)}${unita ? ` ${unita}` : ''}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  return v;
}

function indicatorRows(o: Obiettivo): RisultatoView['indicatori'] {
  return o.indicatori.flatMap((ind: Indicatore) => {
    if (typeof ind === 'string' || !ind.consuntivo) return [];
    const c = ind.consuntivo;
    const t = targetOf(ind);
    const a = indicatorAchievement(ind, o.tempi_pagamento === true);
    return [{
      nome: ind.nome,
      target: t === undefined ? 'non indicato' : valueText(t, ind.unita),
      valore: `${valueText(c.valore, ind.unita)}${c.data ? ` (rilevato il ${formatDate(c.data)})` : ''}`,
      raggiungimento: a === undefined ? 'non calcolabile' : `${pct2(a)}${c.raggiungimento !== undefined ? ' (indicato a mano)' : ''}`,
      ...(c.nota && { nota: c.nota }),
    }];
  });
}

function phaseRows(o: Obiettivo): RisultatoView['fasi'] {
  return o.fasi.flatMap((f) => {
    if (typeof f === 'string' || !f.consuntivo) return [];
    const c = f.consuntivo;
    const a = phaseAchievement(f);
    const done = c.completata_il ? `completata ${onDate(c.completata_il)}${f.fine ? (c.completata_il <= f.fine ? ' (in tempo)' : ` (oltre la fine prevista, ${formatDate(f.fine)})`) : ''}` : '';
    const esito = [a !== undefined ? `realizzata al ${pct2(a)}` : '', done].filter(Boolean).join(', ');
    return [{ descrizione: f.descrizione, ...(f.peso !== undefined && { peso: formatPercent(f.peso) }), esito, ...(c.nota && { nota: c.nota }) }];
  });
}

/** "il 15 maggio 2024", "l'8 marzo 2024". */
function onDate(iso: string): string {
  const d = Number(iso.slice(8, 10));
  return `${d === 8 || d === 11 ? "l'" : 'il '}${formatDate(iso)}`;
}

export function risultatoView(o: Obiettivo, a: ObjectiveAchievement = objectiveAchievement(o)): RisultatoView {
  const c = o.consuntivo;
  const esito = esitoOf(a);
  const nucleo = c?.nucleo;
  return {
    percentuale: a.finale !== undefined ? pct2(a.finale) : esito === 'non valutabile' ? 'non valutabile' : 'non indicato',
    esito,
    ...(a.ente !== undefined && { ente: `${pct2(a.ente)}, ${comeOf(o, a)}` }),
    come: comeOf(o, a),
    ...(nucleo && (nucleo.raggiungimento !== undefined || nucleo.note) && {
      nucleo: { ...(nucleo.raggiungimento !== undefined && { percentuale: pct2(nucleo.raggiungimento) }), ...(nucleo.note && { note: nucleo.note }) },
    }),
    indicatori: indicatorRows(o),
    fasi: phaseRows(o),
    ...(c?.scostamento && { scostamento: c.scostamento }),
    evidenze: c?.evidenze ?? [],
    ...(a.motivo !== undefined && { non_valutabile: a.motivo }),
  };
}

/** The prospetto's "Risultato" cell: the measured values, else the phases reached, else the outcome. */
function resultCell(r: RisultatoView): string {
  if (r.indicatori.length) return r.indicatori.map((i) => (r.indicatori.length > 1 ? `${i.nome}: ${i.valore}` : i.valore)).join('; ');
  if (r.fasi.length) {
    const full = r.fasi.filter((f) => f.esito.startsWith('realizzata al 100,00%')).length;
    return `fasi realizzate per intero: ${full} su ${r.fasi.length}`;
  }
  return r.esito;
}

function targetCell(o: ObiettivoView, raw: Obiettivo): string {
  if (o.target) return o.target;
  const targets = raw.indicatori.filter((i) => typeof i !== 'string' && targetOf(i) !== undefined) as Exclude<Indicatore, string>[];
  if (targets.length) return targets.map((i) => valueText(targetOf(i)!, i.unita)).join('; ');
  return measuredByPhases(raw) ? 'tutte le fasi realizzate' : 'non indicato';
}

function notesCell(r: RisultatoView): string {
  const parts = [
    r.non_valutabile ? `Non valutabile: ${r.non_valutabile}` : '',
    r.scostamento ?? '',
    r.nucleo ? `Nucleo di Valutazione${r.nucleo.percentuale ? `: ${r.nucleo.percentuale}` : ''}${r.nucleo.note ? `. ${r.nucleo.note}` : ''}` : '',
  ];
  return parts.filter(Boolean).join(' – ') || '–';
}

function mean(values: number[]): number | undefined {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** Each objective of the view with its source and achievement, in document order. */
function paired(plan: Piano, view: PlanView) {
  return objectivesWithSource(plan, view).map(({ o, source }) => ({ o, raw: source.obiettivo, a: objectiveAchievement(source.obiettivo) }));
}

export function relazioneView(plan: Piano, view: PlanView): RelazioneView {
  const pairs = paired(plan, view);
  const byView = new Map(pairs.map((p) => [p.o, p]));
  const rawOf = new Map<ObiettivoRelazioneView, Obiettivo>();
  const card = (o: ObiettivoView): ObiettivoRelazioneView => {
    const p = byView.get(o)!;
    const c = { ...o, risultato: risultatoView(p.raw, p.a) };
    rawOf.set(c, p.raw);
    return c;
  };

  const part = (titolo: string, responsabile: string, groups: { servizio?: string; gruppo?: string; obiettivi: ObiettivoView[] }[]): ParteRelazione => {
    const achieved = groups.flatMap((g) => g.obiettivi).map((o) => byView.get(o)!.a).filter((a) => a.come !== 'non valutabile' && a.finale !== undefined);
    const m = mean(achieved.map((a) => a.finale!));
    const blocchi = groups.map((g) => ({ ...g, obiettivi: g.obiettivi.map(card) }));
    return {
      titolo, responsabile, media: m === undefined ? '–' : pct2(m),
      prospetto: blocchi.flatMap((b) => b.obiettivi).map((o, i) => ({
        n: i + 1, etichetta: o.etichetta, titolo: o.titolo, termine: o.termine,
        indicatori: o.indicatori.map((x) => x.nome).join('; ') || '–',
        target: targetCell(o, rawOf.get(o)!), risultato: resultCell(o.risultato), percentuale: o.risultato.percentuale, note: notesCell(o.risultato),
      })),
      blocchi,
    };
  };

  const parti: ParteRelazione[] = [];
  if (view.segretario?.obiettivi.length) {
    parti.push(part(view.segretario.ruolo, view.segretario.nome, [{ obiettivi: view.segretario.obiettivi }]));
  }
  for (const s of view.settori) {
    const groups = [
      { obiettivi: s.obiettivi },
      ...s.servizi.flatMap((sv) => sv.gruppi.map((g, k) => ({ ...(k === 0 && { servizio: sv.nome }), ...(g.titolo && { gruppo: g.titolo }), obiettivi: g.obiettivi }))),
    ];
    if (groups.every((g) => g.obiettivi.length === 0)) continue;
    // A servizio without objectives has no block: its heading moves to its first group that has some.
    parti.push(part(s.intestazione, s.responsabile ?? '–', groups.filter((g) => g.obiettivi.length)));
  }

  const counted = pairs.filter((p) => p.a.come !== 'non valutabile' && p.a.finale !== undefined);
  const overall = mean(counted.map((p) => p.a.finale!));
  const bySettore = new Map<string, typeof pairs>();
  for (const p of pairs) {
    const key = p.o.settore ?? '';
    bySettore.set(key, [...(bySettore.get(key) ?? []), p]);
  }
  // The plan's root data (ente, piano…) for partials; not the letterhead of the plan's own approving act.
  const { settori: _s, segretario: _g, carta_intestata: _c, ...root } = view as PlanView & { carta_intestata?: unknown };
  const approvazione = (a: { organo: string; numero?: string | number; data: string } | undefined) =>
    a ? `approvata con deliberazione di ${a.organo}${a.numero !== undefined ? ` n. ${a.numero}` : ''} ${delDate(a.data)}` : 'deliberazione non ancora indicata';
  return {
    ...root,
    titolo: `Relazione sulla performance ${view.piano.anno} – ${view.ente.nome}`,
    intestazione: `${view.ente.nome} – Relazione sulla performance ${view.piano.anno} – Risultati degli obiettivi del PIAO ${view.piano.triennio}`,
    sintesi: {
      obiettivi: pairs.length,
      esiti: ESITI.map((e) => {
        const n = pairs.filter((p) => esitoOf(p.a) === e).length;
        return { esito: ESITI_SINTESI[e], numero: n, quota: pct2(pairs.length ? (n / pairs.length) * 100 : 0) };
      }).filter((e, i) => e.numero > 0 || i < 3),
      settori: [...bySettore].map(([settore, ps]) => {
        const valued = ps.filter((p) => p.a.come !== 'non valutabile' && p.a.finale !== undefined);
        const m = mean(valued.map((p) => p.a.finale!));
        return { settore, obiettivi: ps.length, valutati: valued.length, media: m === undefined ? '–' : pct2(m) };
      }),
      media: overall === undefined ? '–' : pct2(overall),
    },
    variazioni: plan.piano.variazioni.map((v) => ({
      revisione: v.revisione,
      atto: approvazione(v.approvazione && { ...v.approvazione, ...(v.approvazione.numero !== undefined && { numero: String(v.approvazione.numero) }) }),
      motivazione: v.motivazione,
    })),
    parti,
  };
}

/** The columns of `<base>-risultati.csv`. */
export const RISULTATI_COLUMNS = ['codice', 'settore', 'servizio', 'numero', 'titolo', 'target', 'raggiungimento', 'raggiungimento_ente', 'raggiungimento_nucleo', 'come', 'esito', 'scostamento'] as const;

/** `<base>-risultati.csv`: one row per objective, RFC 4180 (CRLF), UTF-8 with a BOM, as obiettivi.csv. */
export function risultatiCsv(plan: Piano, view: PlanView): Buffer {
  const codes = objectiveCodes(plan, view);
  const rows = paired(plan, view).map(({ o, raw, a }, k) => {
    const r: Record<(typeof RISULTATI_COLUMNS)[number], string | number> = {
      codice: codes[k]!,
      settore: o.settore ?? '',
      servizio: o.servizio ?? '',
      numero: o.numero ?? '',
      titolo: o.titolo,
      target: targetCell(o, raw),
      // The same two decimals as the documents; empty when there is no percentage.
      raggiungimento: a.finale !== undefined ? round2(a.finale) : '',
      raggiungimento_ente: a.ente !== undefined ? round2(a.ente) : '',
      raggiungimento_nucleo: a.nucleo !== undefined ? round2(a.nucleo) : '',
      come: a.come,
      esito: esitoOf(a),
      scostamento: raw.consuntivo?.non_valutabile ?? raw.consuntivo?.scostamento ?? '',
    };
    for (const key of RISULTATI_COLUMNS) r[key] = neutralizeFormula(r[key]);
    return r;
  });
  const text = stringify(rows, { header: true, columns: [...RISULTATI_COLUMNS], bom: true, record_delimiter: 'windows', eof: true, quoted_match: /[\r\n]/ });
  return Buffer.from(text, 'utf8');
}
