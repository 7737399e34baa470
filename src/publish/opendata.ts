/**
 * Open data of the plan's objectives, for Amministrazione Trasparente:
 * - `obiettivi.csv`: one row per objective (RFC 4180, CRLF between records, UTF-8 with a BOM so
 *   that Excel and LibreOffice Calc detect the encoding; list cells hold one item per line; texts
 *   that a spreadsheet would run as formulas start with an apostrophe);
 * - `obiettivi.json`: the same, nested ente → settori → servizi → obiettivi (field names after the
 *   Portale PIAO model). Its types are those of the zod schemas in ./opendata-schema.ts, from which
 *   `data/obiettivi.schema.json` is generated: the two cannot drift apart.
 * Values come from the view (numbering, names, deadlines as shown in the document) and, where the
 * view keeps only formatted text, from the validated plan (phase dates, indicator targets, weights).
 */
import { stringify } from 'csv-stringify/sync';
import { recalledFrom, type Fase, type Indicatore, type Obiettivo, type Piano } from '../plan/schema.js';
import { objectivesWithSource, type FaseView, type ObiettivoView, type PlanView } from '../render/view.js';
// Types only: the zod schemas that describe obiettivi.json are loaded by `npm run schema` and the tests.
import type { FaseJson, IndicatoreJson, ObiettivoJson, OpenDataJson } from './opendata-schema.js';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'ente', 'anno', 'settore', 'servizio', 'responsabile', 'numero', 'titolo', 'descrizione', 'fasi', 'indicatori',
  'target', 'termine', 'termine_data', 'tipo_peso', 'peso', 'personale',
  'codice', 'tipo_obiettivo', 'prerequisito', 'valore_pubblico', 'obiettivo_strategico', 'missione_programma', 'codice_dup', 'pnrr', 'altri_campi',
  'richiama',
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

export type { FaseJson, IndicatoreJson, ObiettivoJson, OpenDataJson } from './opendata-schema.js';

/** One objective as shown (view) and as written (plan), with its code, responsabile and place. */
interface Entry {
  o: ObiettivoView;
  raw: Obiettivo;
  codice: string;
  responsabile: string | null;
  /** The settore's id and the servizio's index in it (none for the Segretario's objectives). */
  settore?: string;
  servizio?: number;
}

/**
 * Pairs every objective of the view with its source in the plan: both walks give them in
 * document order. Its code is the objective's `id` in the data, or its place:
 * "settore.servizio.gruppo.posizione" ("settore.posizione" for a settore's own objectives, "segretario.posizione"
 * for the Segretario's). Ids have no
 * dots, so the two kinds never collide.
 */
function entries(plan: Piano, view: PlanView): Entry[] {
  return objectivesWithSource(plan, view).map(({ o, source: { obiettivo: raw, indice, group } }) => {
    if (group.segretario) return { o, raw, codice: raw.id ?? `segretario.${indice + 1}`, responsabile: view.segretario?.nome ?? null };
    const settore = group.centro!.id;
    if (!group.servizio) return { o, raw, codice: raw.id ?? `${settore}.${indice + 1}`, responsabile: o.responsabile ?? null, settore };
    const [, , , si, , gi] = group.path as ['centri', number, 'servizi', number, 'gruppi', number];
    return { o, raw, codice: raw.id ?? `${settore}.${si + 1}.${gi + 1}.${indice + 1}`, responsabile: o.responsabile ?? null, settore, servizio: si };
  });
}

/** Each objective's code in the open data (its `id`, else its place), in document order: `piao relazione`'s CSV uses the same. */
export function objectiveCodes(plan: Piano, view: PlanView): string[] {
  return entries(plan, view).map((e) => e.codice);
}

/** One line per item: an item's own line breaks become spaces. */
function lines(items: string[]): string {
  return items.map((s) => s.replace(/\s*\r?\n\s*/g, ' ')).join('\n');
}

function faseText(f: FaseView): string {
  return `${f.descrizione}${f.periodo ? ` (${f.periodo})` : ''}${f.peso ? ` – peso ${f.peso}` : ''}${f.output ? ` – output: ${f.output}` : ''}`;
}

function row(view: PlanView, e: Entry): CsvRow {
  const { o } = e;
  const tipo = o.peso?.tipo ?? '';
  return {
    ente: view.ente.nome,
    anno: view.piano.anno,
    settore: o.settore ?? '',
    servizio: o.servizio ?? '',
    responsabile: e.responsabile ?? '',
    numero: o.numero ?? '',
    titolo: o.titolo,
    descrizione: o.descrizione,
    fasi: lines(o.fasi.map(faseText)),
    indicatori: lines(o.indicatori.map((i) => i.nome)),
    target: o.target ?? '',
    termine: o.termine,
    termine_data: o.termine_data ?? '',
    tipo_peso: tipo,
    peso: o.peso?.numero ?? '',
    personale: lines(o.personale_elenco),
    codice: e.codice,
    tipo_obiettivo: o.tipo ?? '',
    prerequisito: o.prerequisito ? 'sì' : '',
    valore_pubblico: o.valore_pubblico ?? '',
    obiettivo_strategico: o.obiettivo_strategico ?? '',
    missione_programma: o.missione_programma ?? '',
    codice_dup: o.codice_dup ?? '',
    pnrr: o.pnrr ?? '',
    // One line per row: "Etichetta: valore".
    altri_campi: lines(o.altri_campi.map((r) => `${r.etichetta}: ${r.valore}`)),
    richiama: recalledFrom(e.raw) ?? '',
  };
}

/**
 * A text cell a spreadsheet would run as a formula when the file is opened (a text starting with
 * "=", "+", "-", "@", a tab or a line break: "CSV injection", OWASP) gets a leading apostrophe, so
 * Excel and Calc show it as text. Number cells are numbers and stay as they are; obiettivi.json
 * keeps every text as written.
 */
export function neutralizeFormula(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r\n]/.test(cell) ? `'${cell}` : cell;
}

/** The rows of `obiettivi.csv`, in document order, with formula-like texts neutralized. */
export function csvRows(plan: Piano, view: PlanView): CsvRow[] {
  return entries(plan, view).map((e) => {
    const r = row(view, e);
    for (const k of CSV_COLUMNS) r[k] = neutralizeFormula(r[k]);
    return r;
  });
}

/** `obiettivi.csv`: RFC 4180 (CRLF between records, quotes where needed), UTF-8 with a BOM. */
export function objectivesCsv(plan: Piano, view: PlanView): Buffer {
  const text = stringify(csvRows(plan, view), {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    eof: true,
    // A line break inside a cell must be quoted too (csv-stringify only looks for the record delimiter).
    quoted_match: /[\r\n]/,
  });
  return Buffer.from(text, 'utf8');
}

function fase(f: Fase): FaseJson {
  if (typeof f === 'string') return { descrizione: f, peso: null, inizio: null, fine: null, output: null };
  return { descrizione: f.descrizione, peso: f.peso ?? null, inizio: f.inizio ?? null, fine: f.fine ?? null, output: f.output ?? null };
}

function indicatore(i: Indicatore, anno: number): IndicatoreJson {
  if (typeof i === 'string') {
    return { nome: i, tipo: null, dimensione: null, formula: null, unita_misura: null, polarita: null, baseline: null, target: [], fonte_dati: null, peso: null };
  }
  return {
    nome: i.nome,
    tipo: i.tipo ?? null,
    dimensione: i.dimensione ?? null,
    formula: i.formula ?? null,
    unita_misura: i.unita ?? null,
    polarita: i.polarita ?? null,
    baseline: i.baseline ?? null,
    target: (i.target ?? []).map((valore, k) => ({ anno: anno + k, valore })),
    fonte_dati: i.fonte ?? null,
    peso: i.peso ?? null,
  };
}

function objective(view: PlanView, e: Entry): ObiettivoJson {
  const { o, raw } = e;
  const tipoPeso = o.peso?.tipo;
  return {
    codice: e.codice,
    // Weighted on the responsabile's result allowance: individual; on the CCDI fund for organisational performance: organisational.
    tipo: tipoPeso === 'risultato' ? 'individuale' : tipoPeso === 'ccdi' ? 'organizzativa' : null,
    numero: o.numero ?? null,
    etichetta: o.etichetta,
    denominazione: o.titolo,
    descrizione: o.descrizione,
    responsabile: e.responsabile,
    fasi: raw.fasi.map(fase),
    indicatori: raw.indicatori.map((i) => indicatore(i, view.piano.anno)),
    target: o.target ?? null,
    termine: { testo: o.termine, data: o.termine_data ?? null },
    peso: o.peso ? { tipo: o.peso.tipo, valore: o.peso.numero } : null,
    personale: o.personale_elenco,
    stakeholder: o.stakeholder ?? null,
    contributor: o.contributor ?? null,
    baseline: o.baseline ?? null,
    fonte_dati: o.fonte_dati ?? null,
    valore_pubblico: o.valore_pubblico ?? null,
    codice_dup: o.codice_dup ?? null,
    missione_programma: o.missione_programma ?? null,
    obiettivo_strategico: o.obiettivo_strategico ?? null,
    pnrr: o.pnrr ?? null,
    tipo_obiettivo: o.tipo ?? null,
    rilevante_valutazione: raw.rilevante_valutazione ?? null,
    risorse: o.risorse ?? null,
    risorse_umane: o.risorse_umane ?? null,
    risorse_strumentali: o.risorse_strumentali ?? null,
    risorse_finanziarie: o.risorse_finanziarie ?? null,
    altri_campi: o.altri_campi,
    tempi_pagamento: o.tempi_pagamento,
    prerequisito: o.prerequisito,
    prerequisiti: raw.prerequisiti ?? [],
    richiama: recalledFrom(raw) ?? null,
  };
}

/** The content of `obiettivi.json`. */
export function openDataJson(plan: Piano, view: PlanView): OpenDataJson {
  const all = entries(plan, view);
  const segretario = all.filter((e) => e.settore === undefined);
  const inServizio = (settore: string, servizio: number) => all.filter((e) => e.settore === settore && e.servizio === servizio);
  const approvazione = plan.piano.approvazione;
  return {
    piano: {
      anno: view.piano.anno,
      triennio: view.piano.triennio,
      sezione: view.piano.sezione,
      titolo: view.piano.titolo,
      revisione: view.piano.revisione,
      approvazione: approvazione ? { organo: approvazione.organo, numero: approvazione.numero !== undefined ? String(approvazione.numero) : null, data: approvazione.data } : null,
    },
    ente: {
      denominazione: view.ente.nome,
      denominazione_breve: view.ente.breve,
      provincia: view.ente.provincia ?? null,
      sigla_provincia: view.ente.sigla_provincia ?? null,
      segretario:
        view.segretario && plan.segretario
          ? {
              responsabile: view.segretario.nome,
              indennita_totale: plan.segretario.indennita_totale,
              quota_attivita: plan.segretario.quota_attivita ?? null,
              obiettivi: segretario.map((e) => objective(view, e)),
            }
          : null,
      settori: view.settori.map((s) => ({
        codice: s.id,
        numero: s.numero,
        denominazione: s.nome,
        responsabile: s.responsabile ?? null,
        personale: s.personale,
        obiettivi: all.filter((e) => e.settore === s.id && e.servizio === undefined).map((e) => objective(view, e)),
        servizi: s.servizi.map((sv, i) => ({ denominazione: sv.nome, funzioni: sv.funzioni, obiettivi: inServizio(s.id, i).map((e) => objective(view, e)) })),
      })),
    },
  };
}

/** `obiettivi.json`: two-space indentation, a final newline. */
export function objectivesJson(plan: Piano, view: PlanView): Buffer {
  return Buffer.from(`${JSON.stringify(openDataJson(plan, view), null, 2)}\n`, 'utf8');
}
