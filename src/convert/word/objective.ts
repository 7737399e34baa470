/**
 * One objective's two-column table (label | value) read into the plan's objective: rows in any
 * order, labels recognised (labels.ts), a label merged down over several rows, a row merged across
 * both columns ("Fasi: …"), rows missing; deadlines parsed (termine.ts), weights by kind, people
 * recorded in the registry (people.ts). Rows the model has no field for go to `altri_campi`.
 */
import type { ImportNote } from '../imported.js';
import { DECIMALI } from '../../plan/schema.js';
import type { Cell, Line } from './read.js';
import { headerLabel, labelKey, recogniseLabel, type Field } from './labels.js';
import { parseTermine } from './termine.js';
import { splitNames, type People } from './people.js';

export type PesoTipo = 'risultato' | 'ccdi' | 'coefficiente';

export interface ReadObjective {
  data: Record<string, unknown>;
  numero?: number;
  comune: boolean;
  /** The weight row's label as written, and its kind. */
  pesoLabel?: { tipo: PesoTipo; label: string };
  /** The weight's kind, as read or chosen. */
  pesoTipo?: PesoTipo;
  /** YAML comments for parts of the objective, by key ("termine", "peso"). */
  comments: Record<string, string>;
  /** A plain "Peso" label read as `plainWeight`'s kind for whoever answers for the objective: the label as written. */
  plainWeight?: string;
  /** The objective's own "Responsabile" row, as a people handle. */
  responsabile?: string;
}

export interface ObjectiveContext {
  year: number;
  people: People;
  centro: number;
  /** The people handle of whoever answers for the objectives here (settore head or Segretario). */
  owner?: string;
  segretario: boolean;
  /** The kind a plain "Peso" has for an objective with a responsabile or the Segretario (decided from the document's text). */
  plainWeight?: PesoTipo;
  /** The table has an objective's rows but no header row: its first row is the header. */
  headerless?: boolean;
  /** The weight kind of the objective before this one in the same part, for a table without a weight row. */
  previousTipo?: PesoTipo;
  notes: ImportNote[];
}

const BLANK = /^(?:|-+|–|—|\/|n\.?\s?d\.?|non indicat[oa]|da definire|nessun[oa]?)$/i;

/** "30%", "30 %", "30,5%", "1,2": the number and the decimals written. */
export function parseNumber(s: string): { value: number; decimals: number } | undefined {
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(s.trim());
  if (!m) return undefined;
  const [int, frac = ''] = m[1]!.split(/[.,]/);
  return { value: Number(`${int}.${frac || '0'}`), decimals: frac.length };
}

const text = (lines: Line[]) => lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();

const TEXT_FIELDS = ['descrizione', 'target', 'stakeholder', 'contributor', 'baseline', 'fonte_dati', 'valore_pubblico', 'obiettivo_strategico', 'missione_programma', 'codice_dup', 'pnrr', 'tipo'] as const;

export function readObjective(rows: Cell[][], where: string, ctx: ObjectiveContext): ReadObjective {
  const data: Record<string, unknown> = {};
  const out: ReadObjective = { data, comune: false, comments: {} };
  const altri: { etichetta: string; valore: string }[] = [];
  let covering: { label: string; rowsLeft: number } | undefined;
  let pesoValue: string | undefined;
  let pesoWhere = where;
  let pesoTipo: PesoTipo | 'generico' | undefined;
  let pesoLabelText: string | undefined;
  const note = (row: number, severity: ImportNote['severity'], message: string) => ctx.notes.push({ where: `${where}, riga ${row}`, severity, message });

  for (const [r, cells] of rows.entries()) {
    const row = r + 1;
    const filled = cells.filter((c) => c.text);
    if (filled.length === 0) {
      if (covering) covering.rowsLeft--;
      continue;
    }
    let label: string;
    let value: Line[];
    if (covering && covering.rowsLeft > 0 && cells.length < 2) {
      covering.rowsLeft--;
      label = covering.label;
      value = cells.flatMap((c) => c.lines);
    } else if (cells.length === 1 || filled.length === 1 && cells[0]!.text === '' ) {
      covering = undefined;
      // One cell across the table: "Fasi: …", "Obiettivo n. 3 – Titolo", or a text without a label.
      const only = filled[0]!;
      const m = /^([^:]{2,80}?)\s*[:–-]\s+(.+)$/s.exec(only.text);
      const f = m ? recogniseLabel(m[1]!, r === 0) : undefined;
      if (m && f && f.field !== 'altro') {
        label = m[1]!;
        const rest = only.lines.map((l, i) => (i === 0 ? { text: m[2]!, md: m[2]! } : l));
        value = rest;
      } else if (r === 0 && !('titolo' in data)) {
        label = 'Obiettivo';
        value = only.lines;
      } else {
        note(row, 'avviso', `riga senza etichetta ${JSON.stringify(only.text.slice(0, 80))}: tenuta tra gli altri campi come «Altro»; sposta il testo dove va`);
        altri.push({ etichetta: 'Altro', valore: only.text });
        continue;
      }
    } else {
      label = cells[0]!.text;
      value = cells.slice(1).flatMap((c) => c.lines);
      covering = cells[0]!.rowspan > 1 ? { label, rowsLeft: cells[0]!.rowspan - 1 } : undefined;
      if (cells.length > 2 && cells.slice(2).some((c) => c.text)) note(row, 'info', `la riga «${label}» ha ${cells.length} colonne: i valori sono stati uniti`);
    }
    let f: Field = recogniseLabel(label, r === 0);
    const v = text(value);
    if (r === 0 && f.field === 'altro' && ctx.headerless) {
      // "Progetto A | Nuova illuminazione" heading a table with an objective's rows.
      const n = /(\d{1,5})\s*$/.exec(label.trim());
      f = { field: 'intestazione', comune: false, ...(n ? { numero: Number(n[1]) } : {}) };
      note(row, 'info', `la prima riga «${label.trim()}» è letta come intestazione dell'obiettivo («${v}»): la tabella ha le righe di un obiettivo`);
    }
    switch (f.field) {
      case 'intestazione': {
        if ('titolo' in data) {
          note(row, 'avviso', `seconda riga di intestazione «${label}» nella stessa tabella: tenuta tra gli altri campi`);
          if (v) altri.push({ etichetta: label, valore: v });
          break;
        }
        if (f.numero !== undefined) out.numero = f.numero;
        out.comune = f.comune;
        if (v) data.titolo = v;
        break;
      }
      case 'responsabile': {
        if (!v) break;
        const h = ctx.people.mention(v, `${where}, riga ${row}`, 'responsabili', ctx.centro, false);
        if (h) out.responsabile = h;
        else {
          note(row, 'avviso', `«${v}» non sembra un nome di persona: tenuto tra gli altri campi come «${label}»; controlla`);
          altri.push({ etichetta: label, valore: v });
        }
        break;
      }
      case 'fasi':
      case 'indicatori': {
        const items = value.map((l) => l.text).filter(Boolean);
        if (items.length) data[f.field] = [...((data[f.field] as string[] | undefined) ?? []), ...items];
        break;
      }
      case 'termine': {
        if (!v) break;
        const { termine, unsure } = parseTermine(v, ctx.year);
        data.termine = termine;
        if (unsure) {
          note(row, 'avviso', `termine «${v}» non riconosciuto: scritto come tutto l'anno ${ctx.year} con il testo originale come nota; controlla`);
          out.comments.termine = `Termine da controllare: nel documento «${v}».`;
        }
        break;
      }
      case 'peso': {
        pesoValue = v;
        pesoWhere = `${where}, riga ${row}`;
        pesoTipo = f.tipo;
        pesoLabelText = label.replace(/\s+/g, ' ').trim();
        if (f.tipo !== 'generico') out.pesoLabel = { tipo: f.tipo, label: pesoLabelText };
        break;
      }
      case 'personale': {
        const ids: string[] = [];
        const others: string[] = [];
        for (const n of splitNames(value.map((l) => l.text))) {
          const h = ctx.people.mention(n, `${where}, riga ${row}`, 'personale', ctx.centro, false);
          if (h) ids.push(h);
          else others.push(n);
        }
        if (others.length) {
          // "Tutto il personale del settore": kept, as written, in a row of its own.
          note(row, 'avviso', `«${others.join(', ')}» non sembra un elenco di persone: tenuto tra gli altri campi come «${label}»; controlla`);
          altri.push({ etichetta: label, valore: others.join(', ') });
        }
        if (ids.length) data.personale = [...((data.personale as string[] | undefined) ?? []), ...ids];
        break;
      }
      case 'rilevante_valutazione': {
        if (/^s[iì]\b/i.test(v)) data.rilevante_valutazione = true;
        else if (/^no\b/i.test(v)) data.rilevante_valutazione = false;
        else if (v) altri.push({ etichetta: label, valore: v });
        break;
      }
      case 'risorse': {
        if (!v) break;
        if (!f.part) data.risorse = v;
        else data.risorse = { ...(typeof data.risorse === 'object' ? (data.risorse as object) : {}), [f.part]: v };
        break;
      }
      case 'altro': {
        if (v) altri.push({ etichetta: label.replace(/\s+/g, ' ').trim(), valore: v });
        else note(row, 'info', `riga «${label}» vuota: tralasciata`);
        break;
      }
      default: {
        if (!v) break;
        const key = f.field as (typeof TEXT_FIELDS)[number];
        data[key] = data[key] ? `${data[key] as string} ${v}` : v;
      }
    }
  }
  if (altri.length) data.altri_campi = altri;

  const title = data.titolo as string | undefined;
  if (!title) {
    data.titolo = (data.descrizione as string | undefined)?.slice(0, 120) ?? 'Obiettivo senza titolo';
    ctx.notes.push({ where, severity: 'avviso', message: 'obiettivo senza titolo: usata la descrizione (o un segnaposto); scrivi il titolo' });
    out.comments.titolo = 'Titolo da scrivere: il documento non lo indica.';
  }
  if (!data.descrizione) {
    data.descrizione = data.titolo;
    ctx.notes.push({ where, severity: 'avviso', message: `«${String(data.titolo)}»: manca la descrizione; ripetuto il titolo, da completare` });
    out.comments.descrizione = 'Descrizione da completare: il documento non la indica (ripetuto il titolo).';
  }
  if (!data.termine) {
    data.termine = { anno: ctx.year };
    ctx.notes.push({ where, severity: 'avviso', message: `«${String(data.titolo)}»: manca il termine; scritto tutto l'anno ${ctx.year}, da controllare` });
    out.comments.termine = 'Termine da controllare: il documento non lo indica.';
  }
  // The weight, by the kind its label names; a plain "Peso" by context.
  let tipo: PesoTipo;
  const parsed = pesoValue !== undefined && !BLANK.test(pesoValue.trim()) ? parseNumber(pesoValue) : undefined;
  if (pesoTipo && pesoTipo !== 'generico') tipo = pesoTipo;
  else if (pesoTipo === 'generico' && parsed && !pesoValue!.includes('%') && parsed.value < 10) tipo = 'coefficiente';
  else if (pesoTipo === 'generico' && ctx.owner && ctx.plainWeight) {
    tipo = ctx.plainWeight;
    out.plainWeight = pesoLabelText ?? 'Peso';
  } else if (pesoValue === undefined && ctx.previousTipo) tipo = ctx.previousTipo;
  else {
    const staff = (data.personale as string[] | undefined) ?? [];
    tipo = ctx.segretario || staff.length === 0 ? 'risultato' : 'ccdi';
  }
  if (pesoTipo === 'generico') out.pesoLabel = { tipo, label: pesoLabelText ?? '' };
  out.pesoTipo = tipo;
  if (parsed) {
    const peso: Record<string | symbol, unknown> = { [tipo]: parsed.value };
    if (parsed.decimals) peso[DECIMALI] = { [tipo]: parsed.decimals };
    data.peso = peso;
  } else {
    data.peso = { [tipo]: null };
    if (pesoValue === undefined) {
      ctx.notes.push({ where, severity: 'avviso', message: `«${String(data.titolo)}»: manca la riga del peso; lasciato vuoto (${tipo}: ~), da decidere` });
      out.comments.peso = 'Peso non indicato nel documento.';
    } else if (!BLANK.test(pesoValue.trim())) {
      ctx.notes.push({ where: pesoWhere, severity: 'avviso', message: `peso «${pesoValue}» non è un numero: lasciato vuoto (${tipo}: ~), da decidere` });
      out.comments.peso = `Peso da decidere: nel documento «${pesoValue}».`;
    } else out.comments.peso = 'Peso non indicato nel documento.';
  }
  if (/tempi (medi )?di pagamento|tempestivit[aà] dei pagament|4[\s-]?bis/i.test(`${String(data.titolo)} ${labelKey(String(data.descrizione))}`)) data.tempi_pagamento = true;
  return out;
}

export { headerLabel };
