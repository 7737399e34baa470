/**
 * The *prospetto delle variazioni*, the annex to the delibera that amends the plan: the view for
 * `variazioni.hbs` and the CSV, both from the data of diff.ts. The view computes every sentence and
 * every piece of marked-up text (words removed `<del>`, inserted `<ins>`), so the template only places
 * them: the title with the revision, the delibera's line, the motivazione, one sentence per settore
 * for the delibera's text, the details grouped by settore, the weights per person, the checks.
 */
import { currentVariazione } from '../plan/schema.js';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { annexView, placeOf, placesOf } from '../render/annex.js';
import { delDate, formatNumber, formatPercent } from '../render/format.js';
import { actWords } from '../render/history.js';
import { neutralizeFormula } from '../publish/opendata.js';
import { countChanges, isEmpty, type FieldChange, type ObjectiveChange, type PlanDiff, type Segment, type Side, type WeightChange } from './diff.js';

export interface ProspettoView {
  /** The document's title: "Prospetto delle variazioni – PIAO 2024-2026, sottosezione 2.2 Performance – revisione 1". */
  titolo: string;
  /** The running header of each page. */
  intestazione: string;
  ente: string;
  provincia?: string;
  stemma?: { src: string; alt: string };
  /** "Allegato alla deliberazione di Giunta Comunale n. 45 del 20 giugno 2024" (blanks while not adopted). */
  allegato: string;
  /** What is compared with what: "Revisione 1 rispetto alla revisione 0, approvata con …". */
  confronto: string;
  /** The names of the files compared. */
  file_prima: string;
  file_dopo: string;
  motivazione?: string;
  /** No change at all: the sentence that says so. */
  nessuna_variazione?: string;
  riepilogo: { voce: string; esito: string }[];
  /** One sentence per settore (the Segretario first), for the delibera's text. */
  sintesi: { settore: string; frase: string }[];
  settori: {
    nome: string;
    /** Objectives whose only change is their number, in one table. */
    rinumerati: { titolo: string; servizio: string; prima: string; dopo: string }[];
    obiettivi: {
      /** "Obiettivo n. 3 – Assegno di inclusione: …". */
      titolo: string;
      /** "Aggiunto", "Eliminato", "Modificato", "Modificato e spostato". */
      esito: string;
      servizio?: string;
      /** Moved: from where to where. */
      spostato?: string;
      /** Matched by similarity and not surely the same objective. */
      incerto?: string;
      /** A changed objective: each field before and after, as HTML with the words changed marked. */
      campi: { etichetta: string; prima: string; dopo: string }[];
      /** An added or removed objective: its fields as printed (HTML). */
      scheda: { etichetta: string; valore: string }[];
      aggiunto: boolean;
      eliminato: boolean;
    }[];
  }[];
  pesi: {
    /** "Dott. Gianmario Coti Zelati – Responsabile, indennità di risultato". */
    titolo: string;
    righe: { obiettivo: string; dove: string; prima: string; dopo: string; cambiato: boolean }[];
    totale_prima: string;
    totale_dopo: string;
    /** "atteso 100%: corrisponde", or empty. */
    esito: string;
  }[];
  ccdi_totale?: string;
  controlli: {
    /** Art. 4-bis, weights against their expected totals, CCDI shares: as the controls report (`--report`) says them. */
    riepilogo: { voce: string; esito: string }[];
    /** "Nessun errore. 24 avvisi, tutti già presenti nella revisione 0." */
    esito: string;
    righe: { dove: string; gravita: string; messaggio: string; nuovo: string }[];
    /** Warnings already in the old version, not listed one by one. */
    gia_presenti: string;
  };
}

const MARK_OPEN = { del: '<del>', ins: '<ins>' } as const;
const MARK_CLOSE = { del: '</del>', ins: '</ins>' } as const;

export function prospettoView(d: PlanDiff): ProspettoView {
  const plan = d.dopo.plan;
  const view = d.dopo.view;
  const rev = plan.piano.revisione;
  const revPrima = d.prima.plan.piano.revisione;
  const v = d.variazione;
  const act = v?.approvazione;
  const allegato = `Allegato alla deliberazione ${actWords(act?.organo ?? 'Giunta Comunale', act)}`;
  const previous = currentVariazione(d.prima.plan)?.approvazione ?? (revPrima === 0 ? d.prima.plan.piano.approvazione : undefined);
  const subject = `PIAO ${view.piano.triennio}, sottosezione ${view.piano.sezione} ${view.piano.titolo}`;
  const c = countChanges(d);
  const empty = isEmpty(d);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const { nome, provincia, stemma } = plan.ente;

  return {
    titolo: `Prospetto delle variazioni – ${subject} – revisione ${rev}`,
    intestazione: `${view.ente.nome} – PIAO ${view.piano.triennio} – Prospetto delle variazioni, revisione ${rev}`,
    ente: nome,
    ...(provincia !== undefined && { provincia: /^(provincia|città metropolitana|libero consorzio|regione)\b/i.test(provincia.trim()) ? provincia.trim() : `Provincia di ${provincia.trim()}` }),
    ...(stemma !== undefined && { stemma: { src: stemma, alt: /^comune\b/i.test(nome) ? `Stemma del ${nome}` : `Stemma: ${nome}` } }),
    allegato,
    confronto: `Revisione ${rev} del piano rispetto alla revisione ${revPrima}${previous ? `, approvata con deliberazione di ${previous.organo}${previous.numero !== undefined ? ` n. ${previous.numero}` : ''} ${delDate(previous.data)}` : ''}.`,
    file_prima: basename(d.prima.file),
    file_dopo: basename(d.dopo.file),
    ...(v && { motivazione: v.motivazione }),
    ...(empty && { nessuna_variazione: `Nessuna variazione tra la revisione ${revPrima} (${basename(d.prima.file)}) e la revisione ${rev} (${basename(d.dopo.file)}): gli obiettivi e i pesi sono gli stessi.` }),
    riepilogo: [
      { voce: 'Obiettivi aggiunti', esito: String(c.aggiunti) },
      { voce: 'Obiettivi eliminati', esito: String(c.eliminati) },
      { voce: 'Obiettivi modificati', esito: c.spostati ? `${c.modificati} (di cui ${n(c.spostati, 'spostato', 'spostati')} in un altro settore o servizio)` : String(c.modificati) },
      { voce: 'Persone con pesi cambiati', esito: String(c.pesi) },
      ...(c.incerti ? [{ voce: 'Abbinamenti incerti da verificare', esito: String(c.incerti) }] : []),
      { voce: 'Obiettivi nella nuova versione', esito: String(d.dopo.checks.obiettivi.length) },
    ],
    sintesi: summaries(d),
    settori: details(d),
    pesi: d.pesi.map(weightView),
    ...(d.ccdi_totale && d.pesi.some((w) => w.tipo === 'ccdi') && {
      ccdi_totale: `Totale delle quote CCDI: ${formatPercent(d.ccdi_totale.prima)} prima, ${formatPercent(d.ccdi_totale.dopo)} dopo la variazione.`,
    }),
    controlli: checksView(d, revPrima),
  };
}

/** A value as HTML: its text escaped, the words changed marked, line breaks kept; "—" for none. */
function html(parts: Segment[]): string {
  if (!parts.some((p) => p.text.trim())) return '—';
  return parts.map((p) => {
    const text = escapeHtml(p.text).replace(/\n/g, '<br>');
    return p.mark ? `${MARK_OPEN[p.mark]}${text}${MARK_CLOSE[p.mark]}` : text;
  }).join('');
}

function plainHtml(text: string): string {
  return html([{ text }]);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The settore a change belongs to: the new version's, a removed objective's old one. */
function settoreOf(c: ObjectiveChange): { key: string; nome: string; side: Side } {
  const s = (c.dopo ?? c.prima)!;
  return { key: s.placed.segretario ? 'segretario' : `c:${s.placed.centro?.id ?? s.placed.settore}`, nome: s.placed.settore, side: s };
}

/** Settori in the order of the new version (the Segretario first), then those only the old one had. */
function bySettore(d: PlanDiff): { nome: string; changes: ObjectiveChange[] }[] {
  const order = [
    ...(d.dopo.plan.segretario ? ['segretario'] : []),
    ...d.dopo.plan.centri.map((c) => `c:${c.id}`),
  ];
  const groups = new Map<string, { nome: string; changes: ObjectiveChange[] }>();
  for (const c of d.modifiche) {
    const s = settoreOf(c);
    if (!groups.has(s.key)) groups.set(s.key, { nome: s.nome, changes: [] });
    groups.get(s.key)!.changes.push(c);
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([, g]) => g);
}

/** What a change of a field is called in the delibera's sentence. */
const PHRASES: Record<string, string> = {
  numero: 'cambiato il numero', titolo: 'modificato il titolo', responsabile: 'cambiato il responsabile', tipo: 'modificato il tipo',
  descrizione: 'modificata la descrizione', fasi: 'modificate le fasi', indicatori: 'modificati gli indicatori', target: 'modificato il target',
  termine: 'modificato il termine', peso: 'modificato il peso', personale: 'modificato il personale coinvolto',
  prerequisiti: 'modificati gli obiettivi prerequisiti', risorse: 'modificate le risorse',
};

/** "Settore Amministrativo: modificato il termine di 1 obiettivo, eliminato 1 obiettivo, aggiunto 1 obiettivo." */
function summaries(d: PlanDiff): ProspettoView['sintesi'] {
  const n = (k: number) => `${k} ${k === 1 ? 'obiettivo' : 'obiettivi'}`;
  const agree = (k: number, one: string, many: string) => (k === 1 ? one : many);
  const groups = bySettore(d);
  // A move to another settore is said in both: "trasferito … a …" where it was.
  const away = new Map<string, ObjectiveChange[]>();
  for (const c of d.modifiche) {
    if (!c.spostato || !c.prima || !c.dopo) continue;
    const from = c.prima.placed.settore;
    if (from === c.dopo.placed.settore) continue;
    away.set(from, [...(away.get(from) ?? []), c]);
  }
  const names = new Set(groups.map((g) => g.nome));
  const extra = [...new Set([...away.keys(), ...d.servizi_rinominati.map((r) => r.settore)])].filter((k) => !names.has(k));
  const out: ProspettoView['sintesi'] = [];
  for (const g of [...groups, ...extra.map((nome) => ({ nome, changes: [] as ObjectiveChange[] }))]) {
    const parts: string[] = d.servizi_rinominati.filter((r) => r.settore === g.nome).map((r) => `rinominato il servizio «${r.prima}» in «${r.dopo}»`);
    const fields = new Map<string, number>();
    for (const c of g.changes) for (const f of c.campi) fields.set(f.campo, (fields.get(f.campo) ?? 0) + 1);
    for (const [campo, k] of fields) {
      const label = d.modifiche.flatMap((c) => c.campi).find((f) => f.campo === campo)!.etichetta;
      parts.push(`${PHRASES[campo] ?? `modificato il campo «${label}»`} di ${n(k)}`);
    }
    const moved = g.changes.filter((c) => c.spostato);
    const byOrigin = new Map<string, number>();
    for (const c of moved) byOrigin.set(c.spostato!.da, (byOrigin.get(c.spostato!.da) ?? 0) + 1);
    for (const [da, k] of byOrigin) parts.push(`${agree(k, 'trasferito', 'trasferiti')} ${n(k)} da ${da}`);
    const gone = new Map<string, number>();
    for (const c of away.get(g.nome) ?? []) gone.set(c.spostato!.a, (gone.get(c.spostato!.a) ?? 0) + 1);
    for (const [a, k] of gone) parts.push(`${agree(k, 'trasferito', 'trasferiti')} ${n(k)} a ${a}`);
    const removed = g.changes.filter((c) => c.tipo === 'eliminato').length;
    if (removed) parts.push(`${agree(removed, 'eliminato', 'eliminati')} ${n(removed)}`);
    const added = g.changes.filter((c) => c.tipo === 'aggiunto').length;
    if (added) parts.push(`${agree(added, 'aggiunto', 'aggiunti')} ${n(added)}`);
    if (parts.length) out.push({ settore: g.nome, frase: `${parts.join(', ')}.` });
  }
  return out;
}

/** The fields of an added or removed objective, as its card prints them (the non-empty ones). */
function card(s: Side): { etichetta: string; valore: string }[] {
  const v = s.view;
  const rows: [string, string | undefined][] = [
    ['Responsabile', s.responsabile],
    ['Descrizione sintetica del contenuto', v.descrizione],
    ['Fasi', v.fasi.map((f) => `• ${f.descrizione}${f.periodo ? ` (${f.periodo})` : ''}${f.peso ? ` – peso ${f.peso}` : ''}`).join('\n')],
    ['Indicatori di risultato', v.indicatori.map((i) => `• ${i.nome}${i.target ? ` – target ${i.target}` : ''}`).join('\n')],
    ['Target (valore atteso)', v.target],
    ['Termine', v.termine],
    ['Peso', v.peso ? `${v.peso.valore} (${v.peso.etichetta})` : undefined],
    ['Personale coinvolto', v.personale],
  ];
  return rows.filter(([, x]) => x).map(([etichetta, x]) => ({ etichetta, valore: plainHtml(x!) }));
}

/** Only its number changed (another objective added or removed before it, or the order changed): one row of a table. */
function onlyRenumbered(c: ObjectiveChange): boolean {
  return c.tipo === 'modificato' && !c.spostato && c.campi.every((f) => f.campo === 'numero');
}

/** "Obiettivo n. 2" -> "n. 2", "Obiettivo comune" -> "comune": the column says it is the objective's. */
function shortLabel(label: string): string {
  return label.replace(/^Obiettivo /, '');
}

function details(d: PlanDiff): ProspettoView['settori'] {
  return bySettore(d).map((g) => ({
    nome: g.nome,
    rinumerati: g.changes.filter(onlyRenumbered).map((c) => ({
      titolo: c.dopo!.view.titolo, servizio: c.dopo!.placed.servizio ?? '', prima: shortLabel(c.campi[0]!.prima), dopo: shortLabel(c.campi[0]!.dopo),
    })),
    obiettivi: g.changes.filter((c) => !onlyRenumbered(c)).map((c) => {
      const s = (c.dopo ?? c.prima)!;
      const esito = c.tipo === 'aggiunto' ? 'Aggiunto' : c.tipo === 'eliminato' ? 'Eliminato' : c.spostato ? (c.campi.length ? 'Modificato e spostato' : 'Spostato') : 'Modificato';
      const a = c.abbinamento;
      return {
        titolo: `${s.view.etichetta} – ${s.view.titolo}`,
        esito,
        ...(s.placed.servizio && { servizio: s.placed.servizio }),
        ...(c.spostato && { spostato: `Spostato da ${c.spostato.da} a ${c.spostato.a}.` }),
        ...(a?.uncertain && c.prima && {
          incerto: `Abbinamento incerto: l'obiettivo «${c.prima.view.titolo}» (${c.prima.dove}) della revisione precedente è stato riconosciuto in questo per ${a.score === 1 ? 'lo stesso titolo' : `la somiglianza del titolo e della descrizione (${formatNumber(Math.round(a.score * 100))}%)`}, senza un identificativo comune: verificare che si tratti dello stesso obiettivo.`,
        }),
        campi: c.campi.map((f: FieldChange) => ({ etichetta: f.etichetta, prima: html(f.prima_parti), dopo: html(f.dopo_parti) })),
        scheda: c.tipo === 'modificato' ? [] : card(s),
        aggiunto: c.tipo === 'aggiunto',
        eliminato: c.tipo === 'eliminato',
      };
    }),
  }));
}

function weightView(w: WeightChange): ProspettoView['pesi'][number] {
  const fmt = (x: number | null | undefined) => (x === undefined ? '—' : x === null ? 'non indicato' : w.tipo === 'coefficiente' ? formatNumber(x) : formatPercent(x));
  const kind = { risultato: 'indennità di risultato', ccdi: 'quote della somma CCDI', coefficiente: 'coefficienti di peso' }[w.tipo];
  const atteso = w.atteso === undefined || w.atteso === null ? '' : `atteso ${formatPercent(w.atteso)}: ${w.totale_dopo !== undefined && Math.abs(w.totale_dopo - w.atteso) < 1e-9 ? 'corrisponde' : 'non corrisponde'}`;
  return {
    titolo: `${w.persona} – ${w.ruolo ? `${w.ruolo}, ` : ''}${kind}`,
    righe: w.righe.map((r) => ({ obiettivo: r.obiettivo, dove: r.dove, prima: fmt(r.prima), dopo: fmt(r.dopo), cambiato: r.prima !== r.dopo })),
    totale_prima: fmt(w.totale_prima),
    totale_dopo: fmt(w.totale_dopo),
    esito: atteso,
  };
}

function checksView(d: PlanDiff, revPrima: number): ProspettoView['controlli'] {
  const places = placesOf(d.dopo.checks.obiettivi);
  const errors = d.controlli.filter((f) => f.diagnostic.severity === 'errore');
  const warnings = d.controlli.filter((f) => f.diagnostic.severity !== 'errore');
  const fresh = warnings.filter((f) => f.nuovo);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const old = warnings.length - fresh.length;
  // The rules the Giunta is answerable for, as the controls report sums them up: art. 4-bis, weights, CCDI shares.
  const annex = annexView(d.dopo.checks, d.dopo.plan, d.dopo.view);
  const riepilogo = annex.riepilogo.filter((r) => /^(Tempi di pagamento|Pesi|Quote CCDI)/.test(r.voce));
  const esito = [
    errors.length ? `${n(errors.length, 'errore', 'errori')} da correggere prima dell'approvazione.` : 'Nessun errore.',
    warnings.length === 0 ? 'Nessun avviso.'
      : fresh.length === 0 ? `${warnings.length === 1 ? 'Un avviso, già presente' : `${warnings.length} avvisi, tutti già presenti`} nella revisione ${revPrima}.`
      : `${n(warnings.length, 'avviso', 'avvisi')}, di cui ${fresh.length === 1 ? '1 nuovo' : `${fresh.length} nuovi`} rispetto alla revisione ${revPrima}.`,
  ].join(' ');
  return {
    riepilogo,
    esito,
    righe: [...errors, ...fresh].map((f) => ({
      dove: placeOf(f.diagnostic, places, d.dopo.plan, d.dopo.checks.nome),
      gravita: f.diagnostic.severity === 'errore' ? 'Errore' : 'Avviso',
      messaggio: capitalize(f.diagnostic.message),
      nuovo: f.nuovo ? 'sì' : 'no',
    })),
    gia_presenti: old && fresh.length + errors.length ? `${old === 1 ? 'Un altro avviso era già presente' : `Altri ${old} avvisi erano già presenti`} nella revisione ${revPrima}.` : '',
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The CSV's columns, in order. */
export const CSV_COLUMNS = ['tipo', 'settore', 'servizio', 'obiettivo_id', 'obiettivo', 'campo', 'prima', 'dopo', 'abbinamento'] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** One row per change: an objective added or removed, a field changed, a move. */
export function changeRows(d: PlanDiff): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const c of d.modifiche) {
    const s = (c.dopo ?? c.prima)!;
    const a = c.abbinamento;
    const base = {
      settore: s.placed.settore, servizio: s.placed.servizio ?? '', obiettivo_id: s.placed.o.id ?? '', obiettivo: `${s.view.etichetta} – ${s.view.titolo}`,
      abbinamento: !a ? '' : a.how === 'id' ? 'identificativo' : `titolo${a.uncertain ? ' incerto' : ''} (somiglianza ${Math.round(a.score * 100)}%)`,
    };
    if (c.tipo === 'aggiunto') rows.push({ ...base, tipo: 'aggiunto', campo: '', prima: '', dopo: s.view.titolo });
    else if (c.tipo === 'eliminato') rows.push({ ...base, tipo: 'eliminato', campo: '', prima: s.view.titolo, dopo: '' });
    else {
      if (c.spostato) rows.push({ ...base, tipo: 'spostato', campo: 'collocazione', prima: c.spostato.da, dopo: c.spostato.a });
      for (const f of c.campi) rows.push({ ...base, tipo: 'modificato', campo: f.etichetta, prima: f.prima, dopo: f.dopo });
    }
  }
  return rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((k) => [k, String(neutralizeFormula(r[k]))])) as CsvRow);
}

/** The CSV: RFC 4180 (CRLF between records, quotes where needed), UTF-8 with a BOM, as obiettivi.csv. */
export function changesCsv(d: PlanDiff): Buffer {
  const text = stringify(changeRows(d), {
    header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows', eof: true, quoted_match: /[\r\n]/,
  });
  return Buffer.from(text, 'utf8');
}
