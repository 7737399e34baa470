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
import { parseTermine, type Termine } from './termine.js';
import { splitNames, type People } from './people.js';

export type PesoTipo = 'risultato' | 'ccdi' | 'coefficiente';

export interface ReadObjective {
  data: Record<string, unknown>;
  numero?: number;
  /** The header as written when its number also names the settore ("Obiettivo 1.1", "OB. 3/1"). */
  scritto?: string;
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

/** A value's lines as one text; the rows of a table inside the cell apart by "; " (a document shows a value on one line). */
const text = (lines: Line[]) =>
  lines
    .map((l, k) => (k === 0 ? '' : l.row && lines[k - 1]!.row ? '; ' : ' ') + l.text.replace(/\s+/g, ' ').trim())
    .join('')
    .trim();

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57).trimEnd()}…` : s);

type Note = (row: number, severity: ImportNote['severity'], message: string) => void;

/**
 * The deadline: one row read as it is; several ("Termine intermedio", "Termine finale"), the one
 * named final, else the latest date, and the others kept in `altri_campi`, said in a note.
 */
function readTermini(rows: { label: string; value: string; row: number }[], data: Record<string, unknown>, altri: { etichetta: string; valore: string; row: number }[], out: ReadObjective, ctx: ObjectiveContext, note: Note): void {
  if (rows.length === 0) return;
  const read = rows.map((r) => ({ ...r, ...parseTermine(r.value, ctx.year) }));
  const end = (t: Termine) => t.entro ?? t.al ?? (t.anno !== undefined && !t.nota ? `${t.anno}-12-31` : '');
  const finale = read.find((r) => /final|conclusiv|complessiv/i.test(r.label));
  const main = finale ?? [...read].sort((a, b) => (end(b.termine) > end(a.termine) ? 1 : end(b.termine) < end(a.termine) ? -1 : 0))[0]!;
  data.termine = main.termine;
  if (main.unsure) {
    note(main.row, 'avviso', `termine «${main.value}» non riconosciuto${main.why ? ` (${main.why})` : ''}: scritto come tutto l'anno ${ctx.year} con il testo originale come nota; controlla`);
    out.comments.termine = `Termine da controllare: nel documento «${main.value}»${main.why ? ` (${main.why})` : ''}.`;
  }
  for (const r of read) {
    if (r === main) continue;
    altri.push({ etichetta: r.label, valore: r.value, row: r.row });
    note(r.row, 'avviso', `più righe del termine: «${r.label}» («${short(r.value)}») è tenuta tra gli altri campi, il termine dell'obiettivo è quello della riga ${main.row}, «${main.label}» («${short(main.value)}»)${r.why ? `; attenzione: ${r.why}` : ''}; controlla`);
    out.comments.termine = [out.comments.termine, `Nel documento anche «${r.label}: ${r.value}», tra gli altri campi.`].filter(Boolean).join('\n');
  }
}

/**
 * The target: one row as written; "Target 2025", "Target 2026", "Target 2027" for the plan's years
 * with one indicator become that indicator's targets per year; other repeated rows are joined,
 * each with its label.
 */
function readTargets(rows: { label: string; value: string; row: number }[], data: Record<string, unknown>, note: Note, out: ReadObjective, year: number): void {
  if (rows.length === 0) return;
  if (rows.length === 1) {
    data.target = rows[0]!.value;
    return;
  }
  const years = rows.map((r) => Number(/\b(20\d\d)\b/.exec(r.label)?.[1]));
  const indicatori = data.indicatori as unknown[] | undefined;
  if (rows.length <= 3 && years.every((y, k) => y === year + k) && indicatori?.length === 1 && typeof indicatori[0] === 'string') {
    data.indicatori = [{ nome: indicatori[0], target: rows.map((r) => r.value) }];
    note(rows[0]!.row, 'info', `righe ${rows.map((r) => `«${r.label}»`).join(', ')}: scritte come target per anno dell'indicatore «${short(indicatori[0])}»`);
    return;
  }
  data.target = rows.map((r) => `${r.label}: ${r.value}`).join('; ');
  for (const r of rows.slice(1)) note(r.row, 'avviso', `riga «${r.label}» ripetuta: i target sono stati uniti con le loro etichette («${short(String(data.target))}»); se sono i target per anno di un indicatore, scrivili nel suo "target"; controlla`);
  out.comments.target = 'Più righe del target unite con le loro etichette: controlla.';
}

const TEXT_FIELDS = ['descrizione', 'target', 'stakeholder', 'contributor', 'baseline', 'fonte_dati', 'valore_pubblico', 'obiettivo_strategico', 'missione_programma', 'codice_dup', 'pnrr', 'tipo'] as const;

export function readObjective(rows: Cell[][], where: string, ctx: ObjectiveContext): ReadObjective {
  const data: Record<string, unknown> = {};
  const out: ReadObjective = { data, comune: false, comments: {} };
  const altri: { etichetta: string; valore: string; row: number }[] = [];
  let covering: { label: string; rowsLeft: number } | undefined;
  let pesoValue: string | undefined;
  let pesoWhere = where;
  let pesoTipo: PesoTipo | 'generico' | undefined;
  let pesoLabelText: string | undefined;
  let pesoRow = 0;
  const note = (row: number, severity: ImportNote['severity'], message: string) => ctx.notes.push({ where: `${where}, riga ${row}`, severity, message });
  /** The first label and value of each field, to tell a repeated row. */
  const seen = new Map<string, { label: string; value: string }>();
  /** YAML comments on fields whose repeated rows were kept aside or joined. */
  const aside: Record<string, string> = {};
  /** The first label of a text field whose rows were joined with their labels. */
  const labelsOf: Record<string, string> = {};
  const termini: { label: string; value: string; row: number }[] = [];
  const targets: { label: string; value: string; row: number }[] = [];

  for (const [r, cells] of rows.entries()) {
    const row = r + 1;
    const filled = cells.filter((c) => c.text);
    if (filled.length === 0) {
      if (covering) covering.rowsLeft--;
      continue;
    }
    let label: string;
    let value: Line[];
    // A row under a label merged down over several rows continues that label's value: not a repetition.
    let continued = false;
    if (covering && covering.rowsLeft > 0 && cells.length < 2) {
      continued = true;
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
        altri.push({ etichetta: 'Altro', valore: only.text, row });
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
    const cleanLabel = label.replace(/\s+/g, ' ').trim();
    // A field with one value named again by another row of the same table: the first reading stays, the value is kept beside it.
    const key = f.field === 'risorse' ? `risorse:${f.part ?? ''}` : f.field;
    const first = continued ? undefined : seen.get(key);
    if (!continued && v && !seen.has(key)) seen.set(key, { label: cleanLabel, value: v });
    const keepAside = (what: string) => {
      altri.push({ etichetta: cleanLabel, valore: v, row });
      note(row, 'avviso', `riga «${cleanLabel}» ripetuta (già alla riga «${first!.label}»: «${short(first!.value)}»): ${what}; «${short(v)}» tenuto tra gli altri campi, controlla`);
      aside[f.field] = [aside[f.field], `«${cleanLabel}» ripetuta: «${short(v)}» è tra gli altri campi.`].filter(Boolean).join(' ');
    };
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
          if (v) altri.push({ etichetta: label, valore: v, row });
          break;
        }
        if (f.numero !== undefined) out.numero = f.numero;
        if (f.scritto) out.scritto = label.replace(/\s+/g, ' ').trim();
        out.comune = f.comune;
        if (v) data.titolo = v;
        break;
      }
      case 'responsabile': {
        if (!v) break;
        if (first) {
          keepAside('il responsabile dell\'obiettivo è uno solo, quello della prima riga');
          break;
        }
        const h = ctx.people.mention(v, `${where}, riga ${row}`, 'responsabili', ctx.centro, false);
        if (h) out.responsabile = h;
        else {
          note(row, 'avviso', `«${v}» non sembra un nome di persona: tenuto tra gli altri campi come «${label}»; controlla`);
          altri.push({ etichetta: label, valore: v, row });
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
        if (continued && termini.length) termini[termini.length - 1]!.value += ` ${v}`;
        else termini.push({ label: cleanLabel, value: v, row });
        break;
      }
      case 'peso': {
        if (pesoValue !== undefined && !continued) {
          if (!v) break;
          if (BLANK.test(pesoValue.trim())) {
            note(row, 'info', `riga «${cleanLabel}»: il peso della riga precedente è vuoto, usato questo`);
          } else {
            altri.push({ etichetta: cleanLabel, valore: v, row });
            note(row, 'avviso', `seconda riga del peso «${cleanLabel}» («${short(v)}»): il modello ha un solo peso per obiettivo, resta quello della riga ${pesoRow}, «${pesoLabelText}» («${pesoValue}»); questo è tenuto tra gli altri campi, controlla`);
            aside.peso = [aside.peso, `«${cleanLabel}» (${short(v)}) è tra gli altri campi: un solo peso per obiettivo.`].filter(Boolean).join(' ');
            break;
          }
        }
        pesoValue = v;
        pesoRow = row;
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
          altri.push({ etichetta: label, valore: others.join(', '), row });
        }
        if (ids.length) data.personale = [...((data.personale as string[] | undefined) ?? []), ...ids];
        break;
      }
      case 'rilevante_valutazione': {
        if (first && v) keepAside('vale la prima riga');
        else if (/^s[iì](?![\p{L}])/iu.test(v)) data.rilevante_valutazione = true;
        else if (/^no(?![\p{L}])/iu.test(v)) data.rilevante_valutazione = false;
        else if (v) altri.push({ etichetta: label, valore: v, row });
        break;
      }
      case 'risorse': {
        if (!v) break;
        const had = data.risorse;
        if ((!f.part && typeof had === 'object') || (f.part && typeof had === 'string')) {
          altri.push({ etichetta: cleanLabel, valore: v, row });
          note(row, 'avviso', `riga «${cleanLabel}»: le risorse sono già scritte ${typeof had === 'string' ? 'in un testo solo' : 'per tipo (umane, strumentali, finanziarie)'}; «${short(v)}» tenuto tra gli altri campi, controlla`);
          break;
        }
        const joined = (prev: unknown) => (typeof prev === 'string' && prev ? `${prev}; ${v}` : v);
        if (first) note(row, 'avviso', `riga «${cleanLabel}» ripetuta: i valori sono stati uniti («${short(v)}» dopo «${short(first.value)}»), controlla`);
        if (!f.part) data.risorse = joined(had);
        else data.risorse = { ...((had as object | undefined) ?? {}), [f.part]: joined((had as Record<string, unknown> | undefined)?.[f.part]) };
        break;
      }
      case 'altro': {
        if (v) altri.push({ etichetta: label.replace(/\s+/g, ' ').trim(), valore: v, row });
        else note(row, 'info', `riga «${label}» vuota: tralasciata`);
        break;
      }
      default: {
        if (!v) break;
        let field = f.field as (typeof TEXT_FIELDS)[number];
        // "Collegamento DUP: Missione 01 Programma 03 – Obiettivo strategico 1.3" is no code: the DUP's objective, as written.
        if (field === 'codice_dup' && !/^codice/i.test(cleanLabel) && !/^[A-Za-z]{0,4}\.?\s*\d+(?:\s*[./]\s*\d+)*$/.test(v.trim())) {
          field = /^missione\s+\d+\s*[-–,]?\s*programma\s+\d+$/i.test(v.trim()) ? 'missione_programma' : 'obiettivo_strategico';
        }
        if (field === 'target') {
          if (continued && targets.length) targets[targets.length - 1]!.value += ` ${v}`;
          else targets.push({ label: cleanLabel, value: v, row });
          break;
        }
        if (first && data[field]) {
          // "Descrizione" twice: the texts joined, each with its label when the labels differ.
          const firstLabel = labelsOf[field] ?? first.label;
          data[field] = firstLabel === cleanLabel ? `${data[field] as string}; ${v}` : `${labelsOf[field] ? '' : `${firstLabel}: `}${data[field] as string}; ${cleanLabel}: ${v}`;
          labelsOf[field] = firstLabel;
          note(row, 'avviso', `riga «${cleanLabel}» ripetuta: il testo è stato unito a quello della riga «${first.label}», controlla`);
          aside[field] = [aside[field], `Unite più righe «${first.label}».`].filter(Boolean).join(' ');
          break;
        }
        data[field] = data[field] ? `${data[field] as string} ${v}` : v;
      }
    }
  }
  readTermini(termini, data, altri, out, ctx, note);
  readTargets(targets, data, note, out, ctx.year);
  for (const [k, c] of Object.entries(aside)) out.comments[k] = [out.comments[k], c].filter(Boolean).join('\n');
  // In the table's order.
  if (altri.length) data.altri_campi = altri.sort((a, b) => a.row - b.row).map(({ etichetta, valore }) => ({ etichetta, valore }));

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
