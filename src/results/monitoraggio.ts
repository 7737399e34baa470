/**
 * Mid-year monitoring (`piao monitoraggio --al DATA`): each objective's and each phase's state at a
 * date, from the plan's dates and the results written so far (`consuntivo`), the objectives at risk
 * first (per settore), and each objective's phase timeline as a chart (render/chart.ts), with the
 * same facts in words beside it. States, by rule:
 *
 * - completata: the consuntivo says so by the date (`completata_il` on or before it; or
 *   `raggiungimento` 100 without a completion date, once the phase's end has passed); an objective: every
 *   phase completed, or (when its phases say nothing of their results) 100% given for it once its
 *   deadline has passed;
 * - in ritardo: its end (a phase's `fine`, else its objective's deadline; an objective's deadline from
 *   its `termine`) is before the date, and it is not completed;
 * - non iniziata: its start (a phase's `inizio`, else its objective's `termine.dal`; an objective's
 *   `termine.dal`, else its first phase's start) is after the date;
 * - in tempo: otherwise (started, or not yet due).
 *
 * An objective not completed is at risk when it is late or any of its phases is.
 */
import { isRealDate, type Fase, type Obiettivo, type Piano } from '../plan/schema.js';
import { formatDate, termineDate } from '../render/format.js';
import { objectivesWithSource, type PlanView } from '../render/view.js';
import { ganttChart, type Chart, type PhaseState } from '../render/chart.js';

export type State = PhaseState;

/** `--al` as written: AAAA-MM-GG or GG/MM/AAAA; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let iso: string | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  else {
    const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
    if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return iso && isRealDate(iso) ? iso : undefined;
}

/** "2024-06-30" → "30/06/2024". */
export function shortDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

type Detailed = Exclude<Fase, string>;

/**
 * A phase's state at `date`; `deadline` and `start`: its objective's, for a phase without an end or a
 * start of its own.
 */
export function phaseState(f: Fase, date: string, deadline?: string, start?: string): State {
  const d = typeof f === 'string' ? undefined : f;
  const end = d?.fine ?? deadline;
  // Completed by the date: its completion date says so; a percentage without one (a year-end figure) only once its end has passed.
  const c = d?.consuntivo;
  if (c?.completata_il !== undefined ? c.completata_il <= date : c?.raggiungimento === 100 && end !== undefined && end <= date) return 'completata';
  if (end !== undefined && end < date) return 'in ritardo';
  const begin = d?.inizio ?? start;
  if (begin !== undefined && begin > date) return 'non iniziata';
  return 'in tempo';
}

export interface ObjectiveState {
  stato: State;
  fasi: State[];
  scadenza?: string;
  inizio?: string;
  aRischio: boolean;
}

export function objectiveState(o: Obiettivo, date: string, approvazione?: string): ObjectiveState {
  const scadenza = termineDate(o.termine, approvazione);
  const fasi = o.fasi.map((f) => phaseState(f, date, scadenza, o.termine.dal));
  const starts = o.fasi.flatMap((f) => (typeof f !== 'string' && f.inizio ? [f.inizio] : [])).sort();
  const inizio = o.termine.dal ?? starts[0];
  // The objective's own result is the year's assessment: it tells the state at the date only once its deadline has passed.
  const c = o.consuntivo;
  const known = scadenza !== undefined && scadenza <= date;
  const phaseData = o.fasi.some((f) => typeof f !== 'string' && f.consuntivo !== undefined);
  const done = (fasi.length > 0 && fasi.every((s) => s === 'completata')) || (!phaseData && known && (c?.nucleo?.raggiungimento ?? c?.raggiungimento) === 100);
  const stato: State = done ? 'completata'
    : scadenza !== undefined && scadenza < date ? 'in ritardo'
    : inizio !== undefined && inizio > date ? 'non iniziata'
    : 'in tempo';
  return { stato, fasi, ...(scadenza && { scadenza }), ...(inizio && { inizio }), aRischio: stato !== 'completata' && (stato === 'in ritardo' || fasi.includes('in ritardo')) };
}

/** The objective's state as its line says it ("completato", "in ritardo"…). */
const OBJECTIVE_WORD: Record<State, string> = { completata: 'completato', 'in tempo': 'in tempo', 'in ritardo': 'in ritardo', 'non iniziata': 'non iniziato' };

export interface FaseMonitorata { n: number; descrizione: string; periodo: string; stato: State; nota?: string }

export interface ObiettivoMonitorato {
  etichetta: string;
  titolo: string;
  termine: string;
  stato: string;
  a_rischio: boolean;
  /** Why it is at risk, in words. */
  rischio?: string;
  fasi: FaseMonitorata[];
  /** The timeline: `src` names the chart for `<img>`, `alt` says what it shows. Absent without dated phases. */
  cronoprogramma?: { src: string; alt: string };
}

export interface MonitoraggioView {
  [key: string]: unknown;
  titolo: string;
  intestazione: string;
  data: string;
  data_breve: string;
  sintesi: { obiettivi: number; stati: { stato: string; numero: number }[]; a_rischio: number };
  a_rischio: { settore: string; obiettivi: ObiettivoMonitorato[] }[];
  parti: { settore: string; responsabile: string; obiettivi: ObiettivoMonitorato[] }[];
}

const SHORT = 30;
const shorten = (s: string) => (s.length <= SHORT ? s : `${s.slice(0, SHORT - 1).trimEnd()}…`);

function period(f: Fase): string {
  if (typeof f === 'string' || (!f.inizio && !f.fine)) return 'senza date';
  if (f.inizio && f.fine) return `dal ${shortDate(f.inizio)} al ${shortDate(f.fine)}`;
  return f.inizio ? `dal ${shortDate(f.inizio)}` : `entro il ${shortDate(f.fine!)}`;
}

function riskReason(s: ObjectiveState, date: string): string | undefined {
  if (!s.aRischio) return undefined;
  const late = s.fasi.flatMap((x, i) => (x === 'in ritardo' ? [String(i + 1)] : []));
  const parts = [
    s.stato === 'in ritardo' && s.scadenza ? `scadenza del ${shortDate(s.scadenza)} superata al ${shortDate(date)}` : '',
    late.length ? `${late.length === 1 ? 'fase' : 'fasi'} ${late.join(', ')} in ritardo` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** The monitoring document's view and the charts it names (for `renderTree`). */
export function monitoraggioView(plan: Piano, view: PlanView, date: string): { view: MonitoraggioView; charts: Map<string, Chart> } {
  const charts = new Map<string, Chart>();
  const approvazione = plan.piano.approvazione?.data;
  const ruoloSegretario = (view.segretario as { ruolo?: string } | undefined)?.ruolo ?? 'Segretario Comunale';
  const responsabili = new Map<string, string>();
  for (const s of view.settori) responsabili.set(s.nome, s.responsabile ?? '–');
  const all = objectivesWithSource(plan, view).map(({ o, source }, k) => {
    const raw = source.obiettivo;
    const st = objectiveState(raw, date, approvazione);
    const fasi: FaseMonitorata[] = raw.fasi.map((f, i) => ({
      n: i + 1,
      descrizione: typeof f === 'string' ? f : f.descrizione,
      periodo: period(f),
      stato: st.fasi[i]!,
      ...(typeof f !== 'string' && f.consuntivo?.completata_il && f.consuntivo.completata_il <= date && { nota: `il ${shortDate(f.consuntivo.completata_il)}` }),
    }));
    let cronoprogramma: ObiettivoMonitorato['cronoprogramma'];
    if (raw.fasi.some((f) => typeof f !== 'string' && f.inizio && f.fine)) {
      const src = `cronoprogramma-${k + 1}`;
      const counts = (['completata', 'in tempo', 'in ritardo', 'non iniziata'] as State[])
        .map((s) => [s, st.fasi.filter((x) => x === s).length] as const).filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${n === 1 ? s : s.replace(/a$/, 'e')}`);
      const alt = `Cronoprogramma delle fasi, ${o.etichetta} – ${o.titolo}: ${fasi.length} ${fasi.length === 1 ? 'fase' : 'fasi'} sui mesi del ${plan.piano.anno}; al ${shortDate(date)} ${counts.join(', ')}. Il dettaglio è nella tabella che segue.`;
      const rows = raw.fasi.map((f, i) => ({
        label: `${i + 1}. ${shorten(typeof f === 'string' ? f : f.descrizione)}`,
        ...(typeof f !== 'string' && f.inizio && f.fine && { inizio: f.inizio, fine: f.fine }),
        state: st.fasi[i]!,
      }));
      charts.set(src, ganttChart(rows, plan.piano.anno, date, shortDate(date), alt));
      cronoprogramma = { src, alt };
    }
    const m: ObiettivoMonitorato = {
      etichetta: o.etichetta, titolo: o.titolo, termine: o.termine, stato: OBJECTIVE_WORD[st.stato], a_rischio: st.aRischio,
      ...(st.aRischio && { rischio: riskReason(st, date) }),
      fasi, ...(cronoprogramma && { cronoprogramma }),
    };
    return { settore: o.settore ?? ruoloSegretario, m, st };
  });

  const bySettore = new Map<string, typeof all>();
  for (const x of all) bySettore.set(x.settore, [...(bySettore.get(x.settore) ?? []), x]);
  const { settori: _s, segretario: _g, carta_intestata: _c, ...root } = view as PlanView & { carta_intestata?: unknown };
  const stati: State[] = ['in ritardo', 'in tempo', 'non iniziata', 'completata'];
  return {
    charts,
    view: {
      ...root,
      titolo: `Monitoraggio degli obiettivi al ${shortDate(date)} – ${view.ente.nome}`,
      intestazione: `${view.ente.nome} – Monitoraggio intermedio degli obiettivi di performance al ${shortDate(date)}`,
      data: formatDate(date),
      data_breve: shortDate(date),
      sintesi: {
        obiettivi: all.length,
        stati: stati.map((s) => ({ stato: OBJECTIVE_WORD[s], numero: all.filter((x) => x.st.stato === s).length })),
        a_rischio: all.filter((x) => x.st.aRischio).length,
      },
      a_rischio: [...bySettore].map(([settore, xs]) => ({ settore, obiettivi: xs.filter((x) => x.st.aRischio).map((x) => x.m) })).filter((p) => p.obiettivi.length),
      parti: [...bySettore].map(([settore, xs]) => ({ settore, responsabile: responsabili.get(settore) ?? (view.segretario as { nome?: string } | undefined)?.nome ?? '–', obiettivi: xs.map((x) => x.m) })),
    },
  };
}
