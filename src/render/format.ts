/**
 * Italian formatting of computed values: dates, numbers, weights, deadlines, names.
 * Written by hand rather than with Intl so that the output never depends on the ICU data
 * or locale of the machine (same data -> same bytes).
 */
import { EVENTS, writtenDecimals, type Peso, type Person, type Termine } from '../plan/schema.js';

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/** "2024-01-30" -> "30 gennaio 2024" (the 1st of a month is "1º"). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1º' : d} ${MONTHS[m - 1]} ${y}`;
}

/** A date after "del": "del 30 gennaio 2024", but "dell'8 marzo 2024" and "dell'11 febbraio 2025" (a vowel sound). */
export function delDate(iso: string): string {
  const d = Number(iso.slice(8, 10));
  return `${d === 8 || d === 11 ? "dell'" : 'del '}${formatDate(iso)}`;
}

/** ["a", "b", "c"] -> "a, b e c". */
export function joinItalian(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`;
}

/**
 * 32.5 -> "32,5"; 10 -> "10". At most two decimals, comma as decimal separator. With `written`,
 * the decimals the number was written with in the plan (see `writtenDecimals`): exactly those,
 * so that 1.0 stays "1,0" and 30.50 "30,50".
 */
export function formatNumber(n: number, written?: number): string {
  // A number too large or too small for digits (1e21) is shown as JavaScript writes it, with the decimal comma.
  if (!Number.isFinite(n) || /e/i.test(String(n))) return String(n).replace('.', ',');
  const exact = written !== undefined;
  const rounded = exact ? n : Math.round(n * 100) / 100;
  const [int, dec = ''] = String(Math.abs(rounded)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  // The shortest form of a number read from "30.50" has at most the digits written: pad it.
  const digits = exact ? dec.padEnd(written, '0') : dec;
  return (rounded < 0 ? '-' : '') + grouped + (digits ? `,${digits}` : '');
}

export function formatPercent(n: number, written?: number): string {
  return `${formatNumber(n, written)}%`;
}

export type PesoTipo = 'risultato' | 'ccdi' | 'coefficiente';

/** The kind of an objective's weight; none for a prerequisite written without one. */
export function pesoTipo(p: Peso): PesoTipo;
export function pesoTipo(p: Peso | undefined): PesoTipo | undefined;
export function pesoTipo(p: Peso | undefined): PesoTipo | undefined {
  if (p === undefined) return undefined;
  return 'risultato' in p ? 'risultato' : 'ccdi' in p ? 'ccdi' : 'coefficiente';
}

export function pesoValore(p: Peso): number | null {
  return p[pesoTipo(p)] ?? null;
}

/** The weight as shown in the table: "30%", "1,2", "1,0" (as written), or "" when left blank. */
export function formatPeso(p: Peso): string {
  const v = pesoValore(p);
  if (v === null) return '';
  const tipo = pesoTipo(p);
  const written = writtenDecimals(p, tipo);
  return tipo === 'coefficiente' ? formatNumber(v, written) : formatPercent(v, written);
}

/** A deadline in consistent Italian: "Entro il 30 gennaio 2024", "Tutto l'anno 2024", … */
export function formatTermine(t: Termine): string {
  let s: string;
  if (t.entro !== undefined) s = `Entro il ${formatDate(t.entro)}`;
  else if (t.anno !== undefined) s = `Tutto l'anno ${t.anno}`;
  else if (t.dal !== undefined && t.al !== undefined) s = `Dal ${formatDate(t.dal)} al ${formatDate(t.al)}`;
  else if (t.evento !== undefined) {
    const n = t.giorni ?? t.mesi ?? 0;
    const unit = t.giorni !== undefined ? (n === 1 ? 'giorno' : 'giorni') : n === 1 ? 'mese' : 'mesi';
    s = `Entro ${n} ${unit} ${EVENTS[t.evento]}`;
  } else s = '';
  // A note with brackets of its own ("Semestrale (30/06 e 31/12)") is set off with a dash, not wrapped in more brackets.
  if (!t.nota) return s;
  return /[()]/.test(t.nota) ? `${s} – ${t.nota}` : `${s} (${t.nota})`;
}

/**
 * The date by which a deadline falls, as ISO, where it has one (for open data and checks); a time
 * after the PIAO's approval counts from `approvazione` when the plan knows it (90 days after
 * 2025-01-28: 2025-04-28).
 */
export function termineDate(t: Termine, approvazione?: string): string | undefined {
  if (t.entro !== undefined) return t.entro;
  if (t.al !== undefined) return t.al;
  if (t.anno !== undefined) return `${t.anno}-12-31`;
  if (t.evento === 'approvazione_piao' && approvazione) {
    const [y, m, d] = approvazione.split('-').map(Number) as [number, number, number];
    const date = t.giorni !== undefined ? new Date(Date.UTC(y, m - 1, d + t.giorni)) : addMonths(y, m - 1, d, t.mesi ?? 0);
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

/** `months` after a date, on the same day or the month's last (31 January + 1 month: 28/29 February). */
function addMonths(y: number, m0: number, d: number, months: number): Date {
  const last = new Date(Date.UTC(y, m0 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m0 + months, Math.min(d, last)));
}

export type NameOrder = 'nome_cognome' | 'cognome_nome';

/**
 * A person's name as a heading or a table writes it: "Dott.ssa Sonia Pagani", or surname first
 * ("Dott. Coti Zelati Gianmario") where the plan writes names that way; every person spelled one way.
 */
export function formatName(p: Person, order: NameOrder = 'nome_cognome'): string {
  return [p.titolo, ...inOrder(p, order)].filter(Boolean).join(' ');
}

function inOrder(p: Person, order: NameOrder): string[] {
  return order === 'cognome_nome' ? [p.cognome, p.nome] : [p.nome, p.cognome];
}

/** The orders of names a plan (or a settore) writes: responsabili's, and staff's. */
export interface NameOrders {
  responsabili: NameOrder;
  personale: NameOrder;
}

/** Names from the people registry in the given orders; an id the registry lacks stays as it is. */
export function registryNames(persone: Readonly<Record<string, Person>>, order: NameOrders): { name: (id: string) => string; staffName: (id: string) => string } {
  const named = (id: string, o: NameOrder) => {
    const p = persone[id];
    return p ? formatName(p, o) : id;
  };
  return { name: (id) => named(id, order.responsabili), staffName: (id) => named(id, order.personale) };
}

/** Masculine titles (they have a feminine form: "Dott.ssa", "Prof.ssa", "Sig.ra", which end in "-ssa"/"-ra"). */
const MASCULINE_TITLES = new Set(['dott.', 'prof.', 'sig.']);

/**
 * The title as a sentence writes it, with its article: "la dott.ssa", "il dott.". The person's own
 * `titolo_nel_testo` wins; a title that does not tell the gender ("Geom.", "Ing.", "Avv.") is kept as
 * written, without article ("Geom. Vanda Massari"): a plan may write "la geom." in `titolo_nel_testo`.
 */
export function runningTitle(p: Person): string | undefined {
  if (p.titolo_nel_testo !== undefined) return p.titolo_nel_testo || undefined;
  if (!p.titolo) return undefined;
  const t = p.titolo.toLowerCase();
  if (/(ssa|\.ra)$/.test(t)) return `la ${t}`;
  if (MASCULINE_TITLES.has(t)) return `il ${t}`;
  return p.titolo;
}

/** A person's name inside a sentence: "la dott.ssa Sonia Pagani"; `sentenceStart` capitalises it ("La dott.ssa…"). */
export function runningName(p: Person, order: NameOrder = 'nome_cognome', sentenceStart = false): string {
  const s = [runningTitle(p), ...inOrder(p, order)].filter(Boolean).join(' ');
  return sentenceStart ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** The objective's label in its table: "Obiettivo n. 1"; a shared one "Obiettivo comune", or "Obiettivo comune n. 1" with its own number. */
export function objectiveLabel(numero: number | undefined, comune = false): string {
  if (numero === undefined) return 'Obiettivo comune';
  return comune ? `Obiettivo comune n. ${numero}` : `Obiettivo n. ${numero}`;
}
