/**
 * `piao nuovo-anno`: next year's plan from this year's, as the Segretario starts it — the same
 * file (comments, key order, formatting: only the values that change are edited, yaml-edit.ts)
 * with the years and dates moved, the results and the approval cleared, and every point that
 * needs a person's decision marked in the file ("# DA DECIDERE: …", above its line) and returned
 * with its place in the new file.
 *
 * What moves: `piano.anno`; each objective's deadline (`termine`: entro, dal/al, anno) and its
 * phases' `inizio`/`fine`, by the years between the two plans (29 February becomes the 28th in a
 * year without it); each indicator's `target` per year (t, t+1, t+2 → the old t+1 and t+2: the
 * new last year has no value until someone decides it (the documents show the years that have
 * one) rather than a value the tool made up; a single target is the year's and is kept).
 * What goes: every `consuntivo` (objectives, phases, indicators), `piano.approvazione`,
 * `piano.variazioni`, `piano.data_documento`; `piano.revisione` is 0 again.
 * What stays: structure, people, ids, recalls (`richiama`), weights, `valutazione` — its bands are
 * the SMVP's, which does not change with the year; its amounts are kept (they are needed again
 * and often the same) but marked, since each year's fund and allowances are decided anew.
 * What is marked: deadlines that were dates, phases with dates, objectives completed or not
 * assessable last year, targets moved, texts that name a past year, the people and the amounts
 * (to bring up to date), the 2025 training-objective rule of `piao check` (formazione.mancante).
 */
import { basename } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { runChecks } from '../plan/checks.js';
import { formatPath, type Diagnostic } from '../plan/diagnostics.js';
import { parseWithSchema, type LoadedPlan } from '../plan/load.js';
import { expandRecalls } from '../plan/recall.js';
import { Piano, type Obiettivo } from '../plan/schema.js';
import { objectivesOf, rawObjectivesOf, type DataPath } from '../plan/walk.js';
import { Lines } from '../plan/yaml-errors.js';
import { formatDate } from '../render/format.js';
import { objectiveAchievement, phaseAchievement } from '../results/achievement.js';
import { SourceEdits } from './yaml-edit.js';
import { DA_DECIDERE, markLines } from '../plan/checks/da-decidere.js';

export interface NextYear {
  /** The new plan file's text. */
  yaml: string;
  /** The points to decide, each placed in the new file (severity "avviso", codes `nuovo-anno.*`). */
  decisions: Diagnostic[];
}

/** What the comments in the file start with: a Segretario searches for it. */
export const MARK = DA_DECIDERE;

interface Mark {
  /** Where the note points: the value at this path of the data; the comment goes above the line of its key (or list item). */
  path: DataPath;
  /** Point at this text inside the value (a year in a title). */
  find?: string;
  code: string;
  message: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date moved by whole years; 29 February becomes the 28th in a year without it. */
export function shiftDate(iso: string, years: number): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const y = Number(m[1]) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = m[2] === '02' && m[3] === '29' && !leap ? '28' : m[3];
  return `${String(y).padStart(4, '0')}-${m[2]}-${day}`;
}

const dateIt = (iso: string) => formatDate(iso);

/**
 * The plan of `anno` from a valid plan (`loaded`, as loadPlan read it). `outName` names the new
 * file in the places of the decisions.
 */
export function nextYear(loaded: LoadedPlan, anno: number, outName: string): NextYear {
  const { plan } = loaded;
  const old = plan.piano.anno;
  const years = anno - old;
  const text = (loaded.source.charCodeAt(0) === 0xfeff ? loaded.source.slice(1) : loaded.source).replace(/\r\n?/g, '\n');
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const edits = new SourceEdits(text);
  const marks: Mark[] = [];
  const pastYears = Array.from({ length: years }, (_, i) => old + i);
  const pastYear = new RegExp(`(?<!\\d)(${pastYears.join('|')})(?!\\d)`);
  const removed: DataPath[] = [];
  const handled = new Set<string>();

  const remove = (path: DataPath) => {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
    if (!pair) return;
    edits.removePair(parent, pair);
    removed.push(path);
  };
  const scalar = (path: DataPath) => {
    const n = doc.getIn(path, true);
    return isScalar(n) ? n : undefined;
  };
  /** Moves the date at `path`; says where 29 February had to change. */
  const moveDate = (path: DataPath): { from: string; to: string } | undefined => {
    const n = scalar(path);
    if (!n || typeof n.value !== 'string' || !ISO.test(n.value)) return undefined;
    const to = shiftDate(n.value, years);
    edits.replaceInScalar(n, n.value, to);
    handled.add(formatPath(path));
    return { from: n.value, to };
  };
  const leapNote = (m: { from: string; to: string }) => (m.from.endsWith('-02-29') && !m.to.endsWith('-02-29') ? ` (il ${anno} non ha il 29 febbraio)` : '');

  // The plan's year, its revision and approval.
  edits.replaceInScalar(scalar(['piano', 'anno'])!, String(old), String(anno));
  handled.add('piano.anno');
  const rev = scalar(['piano', 'revisione']);
  if (rev && rev.value !== 0) edits.replace(rev.range![0], rev.range![1], '0');
  for (const key of ['approvazione', 'variazioni', 'data_documento']) remove(['piano', key]);

  // Each objective, as written (a recall stays a recall, with what it writes itself).
  const valid = new Map<string, Obiettivo>(objectivesOf(plan).map((p) => [formatPath(p.path), p.obiettivo]));
  for (const { path } of rawObjectivesOf(doc.toJS())) {
    const o = doc.getIn(path, true);
    if (!isMap(o)) continue;
    objective(o, path, valid.get(formatPath(path)));
  }

  function objective(o: YAMLMap, path: DataPath, v: Obiettivo | undefined): void {
    // Last year's result first: it decides whether the objective is still wanted.
    if (v) {
      const a = objectiveAchievement(v);
      const phases = v.fasi.filter((f) => typeof f !== 'string');
      const allPhasesDone = v.fasi.length > 0 && phases.length === v.fasi.length && v.fasi.every((f) => phaseAchievement(f) === 100);
      // The payment-times objective is required every year (art. 4-bis): never to be removed.
      const law = v.tempi_pagamento === true;
      const keep = `è obbligatorio ogni anno (art. 4-bis c.2 D.L. 13/2023): confermalo con i target del ${anno}`;
      if (a.come === 'non valutabile') {
        marks.push({ path, code: 'nuovo-anno.non-valutabile', message: `nel ${old} l'obiettivo non era valutabile («${oneLine(a.motivo ?? '')}»): ${law ? keep : 'riproporlo, cambiarlo o toglierlo?'}` });
      } else if (a.finale !== undefined ? a.finale >= 100 : allPhasesDone) {
        const how = a.finale !== undefined ? `raggiunto al 100% nel ${old}` : `completato nel ${old} (tutte le fasi concluse)`;
        marks.push({ path, code: 'nuovo-anno.completato', message: `obiettivo ${how}: ${law ? keep : `se è un'attività che si ripete confermalo per il ${anno}, altrimenti cambialo o toglilo`}` });
      }
    }
    remove([...path, 'consuntivo']);

    const termine = o.get('termine', true);
    if (isMap(termine)) {
      const t = [...path, 'termine'];
      const entro = moveDate([...t, 'entro']);
      if (entro) marks.push({ path: [...t, 'entro'], code: 'nuovo-anno.scadenza', message: `la scadenza era il ${dateIt(entro.from)}: spostata al ${dateIt(entro.to)}${leapNote(entro)}; confermala o correggila` });
      const dal = moveDate([...t, 'dal']);
      const al = moveDate([...t, 'al']);
      if (dal && al) {
        // A period longer than a year is often a project that goes on: then its dates stay as they were.
        const long = shiftDate(dal.from, 1) < al.from ? ` (dura più di un anno: se l'obiettivo prosegue, rimetti le date di prima)` : '';
        marks.push({ path: [...t, 'dal'], code: 'nuovo-anno.scadenza', message: `il periodo era dal ${dateIt(dal.from)} al ${dateIt(al.from)}: spostato dal ${dateIt(dal.to)} al ${dateIt(al.to)}${leapNote(dal) || leapNote(al)}; confermalo o correggilo${long}` });
      }
      const y = scalar([...t, 'anno']);
      if (y && typeof y.value === 'number') {
        edits.replaceInScalar(y, String(y.value), String(y.value + years));
        handled.add(formatPath([...t, 'anno']));
      }
    }

    const fasi = o.get('fasi', true);
    if (isSeq(fasi)) {
      const moved: { from: string; to: string }[] = [];
      fasi.items.forEach((f, i) => {
        if (!isMap(f)) return;
        const fp = [...path, 'fasi', i];
        for (const k of ['inizio', 'fine']) {
          const m = moveDate([...fp, k]);
          if (!m) continue;
          moved.push(m);
          if (leapNote(m)) marks.push({ path: [...fp, k], code: 'nuovo-anno.29-febbraio', message: `la data era il ${dateIt(m.from)}: il ${anno} non ha il 29 febbraio, ora è il ${dateIt(m.to)}; confermala` });
        }
        remove([...fp, 'consuntivo']);
      });
      if (moved.length > 0) marks.push({ path: [...path, 'fasi'], code: 'nuovo-anno.fasi', message: `le date delle fasi sono spostate ${years === 1 ? "all'anno dopo" : `di ${years} anni`} (la prima dal ${dateIt(moved[0]!.from)} al ${dateIt(moved[0]!.to)}): confermale o correggile` });
    }

    const indicatori = o.get('indicatori', true);
    if (isSeq(indicatori)) {
      indicatori.items.forEach((ind, i) => {
        if (!isMap(ind)) return;
        const ip = [...path, 'indicatori', i];
        remove([...ip, 'consuntivo']);
        const target = ind.get('target', true);
        if (isSeq(target) && target.items.length > 0) targets(target, [...ip, 'target']);
      });
    }
  }

  /** An indicator's targets per year, moved by the years between the plans. */
  function targets(seq: YAMLSeq, path: DataPath): void {
    const items = seq.items as Node[];
    const shown = (n: Node) => (isScalar(n) && typeof n.value === 'string' && ISO.test(n.value) ? dateIt(n.value) : text.slice(n.range![0], n.range![1]));
    const before = items.map(shown).join(' / ');
    const period = (from: number, count: number) => (count === 1 ? `del ${from}` : `${from}-${from + count - 1}`);
    items.forEach((_, k) => handled.add(formatPath([...path, k])));
    if (items.length > years && items.length > 1) {
      edits.removeFirstItems(seq, years);
      const kept = items.slice(years);
      const missing = Array.from({ length: items.length - kept.length }, (_, k) => anno + kept.length + k);
      marks.push({
        path, code: 'nuovo-anno.target',
        message: `i target ${period(old, items.length)} erano ${before}: ora ${kept.map(shown).join(' / ')} per ${period(anno, kept.length).replace(/^del /, 'il ')}; aggiungi quello ${missing.length === 1 ? `del ${missing[0]}` : `degli anni ${missing.join(', ')}`}`,
      });
      return;
    }
    // One target (the year's), or fewer than the years moved: the last one carries on, marked.
    const last = items.at(-1)!;
    if (items.length > 1) edits.removeFirstItems(seq, items.length - 1);
    const lastYear = old + items.length - 1;
    if (isScalar(last) && typeof last.value === 'string' && ISO.test(last.value)) {
      const to = shiftDate(last.value, anno - lastYear);
      edits.replaceInScalar(last, last.value, to);
      marks.push({ path, code: 'nuovo-anno.target', message: `il target ${period(lastYear, 1)} era il ${dateIt(last.value)}: spostato al ${dateIt(to)}${to.endsWith('-02-28') && last.value.endsWith('-02-29') ? ` (il ${anno} non ha il 29 febbraio)` : ''}; confermalo o correggilo` });
    } else {
      marks.push({ path, code: 'nuovo-anno.target', message: `il target ${period(lastYear, 1)} (${shown(last)}) resta quello del ${anno}: confermalo o cambialo` });
    }
  }

  // People and amounts: last year's, to bring up to date.
  if (isMap(doc.get('persone', true))) {
    marks.push({ path: ['persone'], code: 'nuovo-anno.persone', message: `le persone, i responsabili e il personale dei settori sono quelli del piano ${old}: aggiorna assunzioni, cessazioni, incarichi e assegnazioni` });
  }
  if (doc.getIn(['valutazione', 'importi'], true)) {
    marks.push({ path: ['valutazione', 'importi'], code: 'nuovo-anno.importi', message: `gli importi sono quelli del ${old}: aggiornali con quelli del ${anno} (indennità di risultato, fondo CCDI costituito per l'anno)` });
  }

  // The checks' rules that begin with a year (the training objective, from 2025), as the new plan will meet them.
  const ahead = runChecks({ ...loaded, plan: { ...plan, piano: { ...plan.piano, anno } } });
  for (const d of ahead.diagnostics) {
    if (d.code !== 'formazione.mancante') continue;
    marks.push({ path: parsePath(d.path), code: 'formazione.mancante', message: d.hint ? `${d.message}; ${d.hint}` : d.message });
  }

  // Texts that name a past year: titles, descriptions, phases, labels, notes…
  scanTexts(doc.contents as Node, []);
  function scanTexts(node: Node | null, path: DataPath): void {
    if (removed.some((r) => isPrefix(r, path))) return;
    if (isMap(node)) {
      for (const p of node.items) {
        const key = isScalar(p.key) ? String(p.key.value) : '';
        if (SKIP_KEYS.has(key)) continue;
        scanTexts(p.value as Node | null, [...path, key]);
      }
    } else if (isSeq(node)) {
      const key = path.at(-1);
      if (typeof key === 'string' && SKIP_LISTS.has(key)) return;
      node.items.forEach((n, i) => scanTexts(n as Node, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && !handled.has(formatPath(path))) {
      const m = pastYear.exec(node.value);
      if (!m) return;
      const src = text.slice(node.range![0], node.range![1]);
      const find = pastYear.exec(src)?.[0];
      marks.push({
        path, ...(find !== undefined && { find }), code: 'nuovo-anno.testo-anno',
        message: `il testo cita il ${m[1]} («${snippet(node.value, pastYear)}»): aggiornalo se parla dell'anno del piano`,
      });
    }
  }

  // An earlier run's marks and header (a file nuovo-anno wrote, not yet decided) speak of the dates
  // before this move: they go, and this run's marks take their place.
  for (const m of markLines(text)) edits.replace(m.start, m.end, '');
  for (const line of headerLines(text)) edits.replace(line.start, line.end, '');

  // The marks as comments above their lines, and a line at the top saying where the file comes from.
  const first = text.startsWith('# yaml-language-server:') ? text.indexOf('\n') + 1 : 0;
  edits.commentAbove(first, [
    `Piano ${anno} preparato con "piao nuovo-anno" da ${basename(loaded.file)} (piano ${old}): date spostate, risultati e approvazione tolti;`,
    `i punti da decidere sono segnati qui sotto con "${MARK}". Poi: piao check.`,
  ]);
  const byLine = new Map<number, string[]>();
  for (const m of marks) {
    const at = keyOffset(doc, m.path);
    if (at === undefined) continue;
    const line = edits.lineStart(at);
    byLine.set(line, [...(byLine.get(line) ?? []), `${MARK}: ${m.message}`]);
  }
  for (const [line, comments] of byLine) edits.commentAbove(line, comments);
  let out = edits.apply();
  // The new file must be a valid plan: anything else is a fault of this module, never written.
  parseWithSchema(out, outName, Piano, undefined, undefined, expandRecalls);
  const outDoc = parseDocument(out, { prettyErrors: false });
  const lines = new Lines(out);
  const decisions: Diagnostic[] = marks.flatMap((m) => {
    const n = outDoc.getIn(m.path, true) as Node | undefined;
    const within = n?.range && m.find ? Math.max(0, out.slice(n.range[0], n.range[1]).indexOf(m.find)) : 0;
    const at = n?.range ? n.range[0] + within : keyOffset(outDoc, m.path);
    if (at === undefined) return [];
    return [{ severity: 'avviso' as const, code: m.code, file: outName, ...lines.at(at), path: formatPath(m.path), message: m.message }];
  }).sort((a, b) => a.line - b.line || a.col - b.col);
  if (/\r\n/.test(loaded.source)) out = out.replace(/\n/g, '\r\n');
  return { yaml: out, decisions };
}

/** The two lines at the top of a file an earlier `nuovo-anno` wrote (see the header written above). */
function headerLines(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = Math.min(start + line.length + 1, text.length);
    if (line.trim() !== '' && !line.startsWith('#')) break;
    if (/^# Piano \d{4} preparato con "piao nuovo-anno"/.test(line) || /^# i punti da decidere sono segnati qui sotto/.test(line)) found.push({ start, end });
    start = end;
  }
  return found;
}

/** Keys whose values are identifiers or references, never texts to bring up to date. */
const SKIP_KEYS = new Set(['id', 'richiama', 'responsabile', 'persona', 'stemma', 'evento', 'numerazione', 'livelli']);
/** Lists of identifiers. */
const SKIP_LISTS = new Set(['personale', 'prerequisiti']);

function isPrefix(prefix: DataPath, path: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** "centri[0].responsabile" → ['centri', 0, 'responsabile']. */
function parsePath(s: string): DataPath {
  return [...s.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Where the line of a path's key (a map entry) or list item begins. */
function keyOffset(doc: Document, path: DataPath): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path.at(-1);
  if (isMap(parent)) {
    const pair = parent.items.find((p: Pair) => isScalar(p.key) && p.key.value === last);
    return (pair?.key as Node | undefined)?.range?.[0];
  }
  if (isSeq(parent) && typeof last === 'number') return (parent.items[last] as Node | undefined)?.range?.[0];
  return undefined;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

/** The words around the first match, on one line. */
function snippet(s: string, re: RegExp): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const m = re.exec(flat)!;
  const [index, length] = [m.index, m[0].length];
  const start = Math.max(0, flat.lastIndexOf(' ', Math.max(0, index - 40)) + 1);
  let end = flat.indexOf(' ', index + length + 30);
  if (end < 0) end = flat.length;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
