/**
 * `piao import piano.xlsx`: a workbook written by `piao export` and filled in by the staff, back
 * into the plan file. The sheets are read into plan data (objectives placed by settore, servizio
 * and gruppo, in the rows' order; phases and indicators tied by the row code; people; settori).
 * With the plan file the workbook carries (its hidden sheet), the data is applied onto that file
 * (yaml-apply.ts: comments and formatting of what did not change are kept; unchanged → the same
 * bytes); without it (a workbook made by hand), the plan is written anew (planToYaml). A results
 * workbook (`--consuntivo`) updates only the `consuntivo` fields. Every unreadable cell is
 * reported at once with its sheet and cell; then the plan is validated and its problems are
 * reported at the cells they came from.
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readRegularFile } from '../io/files.js';
import { type Diagnostic, InputError } from '../plan/diagnostics.js';
import { MAX_BYTES, parsePlan, readText } from '../plan/load.js';
import { UsageError } from '../cli/command.js';
import { asArray, asObject, rawObjectivesOf, type RawObject } from '../plan/walk.js';
import { DECIMALI } from '../plan/schema.js';
import { refusedByCheck, type Imported, type ImportNote } from './imported.js';
import { convertWithLibreOffice } from './libreoffice.js';
import { planToYaml, readPlanData } from './plan-yaml.js';
import { applyData, type Origins } from './yaml-apply.js';
import {
  FORMAT, OBIETTIVI_COLUMNS, PERSONE_COLUMNS, PLAIN_KEYS, RISULTATI_COLUMNS, RISULTATI_VOCI_COLUMNS, SEGRETARIO, SETTORI_COLUMNS, SHEETS, UNITA, VOCI,
  VOCI_COLUMNS, WEIGHT_KINDS, parseDate,
} from './xlsx-layout.js';
import { Problems, readSheet, type SheetRow } from './xlsx-sheet.js';
import type { Column } from './xlsx-layout.js';

type Path = (string | number)[];

const LIST_KEYS = new Set(OBIETTIVI_COLUMNS.filter((c) => c.kind === 'ids').map((c) => c.key));

/** What the hidden sheet carries: the plan file and each row code's objective. */
interface Carried {
  kind: 'piano' | 'consuntivo';
  source?: string;
  paths: Map<string, string>;
}

export interface ImportOptions {
  /**
   * A results workbook: the plan file to write the results into, instead of the copy the workbook
   * carries (so that the workbooks of several responsabili go into one plan, one after the other).
   */
  piano?: string;
}

/** The largest workbook read (a plan's workbook is well under 1 MB). */
const MAX_WORKBOOK_BYTES = 100 * 1024 * 1024;
/** The most its parts may take unpacked (a zip of 1 MB may hold 1 GB of spaces). */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export async function importWorkbook(file: string, options: ImportOptions = {}): Promise<Imported> {
  // The plan given with --piano is read and checked first, with the limits of every plan file.
  let piano: string | undefined;
  if (options.piano !== undefined) {
    piano = readText(options.piano);
    parsePlan(piano, options.piano);
  }
  const wb = await loadWorkbook(file);
  const carried = readCarried(wb, file);
  const problems = new Problems(file);
  if (piano !== undefined) {
    if (carried.kind !== 'consuntivo') throw new UsageError('--piano si usa con un foglio dei risultati scritto da "piao export --consuntivo"');
    // Without its hidden sheet, the results sheet is refused at its cell (below), with or without --piano.
    if (carried.source !== undefined) carried.source = rebase(carried, piano, options.piano!);
  }
  const notes: ImportNote[] = [];
  const cells = new Map<string, string>();
  const oldData: RawObject = carried.source !== undefined ? readPlanData(carried.source) : {};
  const anno = asObject(oldData.piano).anno;
  if (typeof anno === 'number') problems.anno = anno;
  const origins: Origins = new WeakMap();
  const newData = carried.kind === 'consuntivo'
    ? readResults(wb, carried, oldData, problems, cells, notes)
    : readPlan(wb, carried, oldData, problems, cells, origins, notes);
  if (problems.broken) throw new InputError(problems.list);
  // Every problem at once: the cells that could not be read, and the plan's own problems at their cells.
  const found = [...problems.list];
  let yaml: string | undefined;
  try {
    yaml = carried.source !== undefined ? applyData(carried.source, oldData, newData, origins) : planToYaml(newData);
    const taken = new Set(found.map((d) => d.cell));
    found.push(...validate(yaml, file, cells, carried.source === undefined ? notes : undefined).filter((d) => !d.cell || !taken.has(d.cell)));
  } catch (e) {
    // With cells unread the plan may not come together: those cells are what to fix first.
    if (found.length === 0) throw e;
  }
  if (found.length > 0) throw new InputError(found);
  // What `piao check` would refuse in the plan as written (weights that do not add up, tempi di pagamento on ccdi…): said now, at its cell.
  for (const d of refusedByCheck(yaml!, file)) {
    // The weight's kind is what that rule is about: its own cell.
    const at = atCell(d.code === 'tempi-pagamento.tipo-peso' ? { ...d, path: d.path.replace(/\.peso$/, '.peso_tipo') } : d, file, cells);
    notes.push({ where: at.cell ?? `piano scritto, ${d.path || 'inizio'}`, severity: 'avviso', message: `«piao check» lo rifiuterà: ${d.message}${d.hint ? ` (${d.hint})` : ''}; correggilo nel foglio e importalo di nuovo, o nel file scritto` });
  }
  if (carried.source === undefined) {
    notes.unshift({ where: file, severity: 'avviso', message: 'il foglio di calcolo non porta con sé il file del piano (non è stato scritto da "piao export"): il piano è scritto da capo con ciò che è nei fogli; completa nel file YAML le parti che i fogli non hanno (ente, piano, introduzione, Segretario)' });
  }
  return { yaml: yaml!, notes, ...(carried.kind === 'consuntivo' && { risultati: true as const }) };
}

/**
 * The plan file given with --piano (already checked), against the copy the workbook carries: each
 * row code must name the same objective in both (same place, same title), else the plan changed
 * since the workbook was written and the results could land on the wrong objective.
 */
function rebase(carried: Carried, text: string, file: string): string {
  const mine = readPlanData(carried.source!);
  const theirs = readPlanData(text);
  const changed = [...carried.paths].filter(([, path]) => {
    const a = asObject(at(mine, parsePath(path)));
    const b = asObject(at(theirs, parsePath(path)));
    return a.titolo !== b.titolo || a.richiama !== b.richiama;
  });
  if (changed.length > 0) {
    throw new InputError([{
      severity: 'errore', code: 'xlsx.piano-cambiato', file, line: 1, col: 1, path: changed[0]![1],
      message: `il piano non ha più gli obiettivi del foglio dei risultati nello stesso posto (riga ${changed.map(([rif]) => rif).slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}): esporta di nuovo il foglio dei risultati da questo piano`,
    }]);
  }
  return text;
}

/** What a file that is not a workbook piao can read is, said to the person who chose it. */
function notAWorkbook(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 8);
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'è un PDF, non un foglio di calcolo: importa il foglio .xlsx scritto da "piao export"';
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'è un file nel vecchio formato di Office (.xls o .doc): aprilo con Excel o LibreOffice e salvalo come .xlsx';
  if (head.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') return 'non è un foglio di calcolo .xlsx (non è un file compresso nel formato di Office): salvalo da Excel o LibreOffice nel formato .xlsx';
  let names: string[] = [];
  let size = 0;
  try {
    // Only the zip's directory is read here: names and the sizes once unpacked.
    unzipSync(bytes, { filter: (f) => (names.push(f.name), (size += f.originalSize), false) });
  } catch {
    return 'non è un foglio di calcolo .xlsx leggibile (il file compresso è danneggiato): salvalo di nuovo da Excel o LibreOffice nel formato .xlsx';
  }
  names = names.map((n) => n.toLowerCase());
  if (names.includes('word/document.xml')) return 'è un documento Word (.docx) con il nome di un foglio di calcolo: rinominalo .docx e importa quello';
  if (names.includes('content.xml')) return 'è un file di LibreOffice (.ods o .odt) con il nome .xlsx: rinominalo con la sua estensione';
  if (!names.includes('xl/workbook.xml')) return 'non è un foglio di calcolo .xlsx (il file compresso non contiene un foglio di Excel)';
  if (size > MAX_UNPACKED_BYTES) return `il foglio di calcolo, decompresso, è troppo grande (${Math.round(size / 1024 / 1024)} MB; al massimo ${MAX_UNPACKED_BYTES / 1024 / 1024} MB): il foglio di un piano ne occupa pochi`;
  return undefined;
}

async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const fail = (message: string): never => {
    throw new InputError([{ severity: 'errore', code: 'xlsx.file', file, line: 0, col: 0, path: '', message }]);
  };
  const read = readRegularFile(file, MAX_WORKBOOK_BYTES);
  if (read.problem) fail(read.problem.message);
  let bytes = read.data!;
  // A workbook saved by LibreOffice in its own format: converted to .xlsx by LibreOffice itself.
  if (extname(file).toLowerCase() === '.ods') bytes = convertWithLibreOffice(file, 'xlsx');
  const what = notAWorkbook(bytes);
  if (what) fail(what);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    fail('non è un foglio di calcolo .xlsx leggibile (salvalo da Excel o LibreOffice nel formato .xlsx)');
  }
  if (!wb.getWorksheet(SHEETS.obiettivi) && !wb.getWorksheet(SHEETS.risultati)) {
    const sheets = wb.worksheets.filter((w) => w.state === 'visible').map((w) => `"${w.name}"`).slice(0, 5).join(', ');
    fail(`il foglio di calcolo non ha il foglio "${SHEETS.obiettivi}" (né "${SHEETS.risultati}")${sheets ? `, ha ${sheets}` : ''}: è un foglio scritto da "piao export"? Se hai rinominato il foglio, rimettigli il nome "${SHEETS.obiettivi}"`);
  }
  return wb;
}

/**
 * The hidden sheet's plan file and row codes, checked as a plan file is (size, aliases, schema)
 * and against each other (each code's path an objective of that plan): a sheet changed by hand
 * or by a program is refused as damaged, never half-used.
 */
function readCarried(wb: ExcelJS.Workbook, file: string): Carried {
  const ws = wb.getWorksheet(SHEETS.sorgente);
  const carried: Carried = { kind: wb.getWorksheet(SHEETS.obiettivi) ? 'piano' : 'consuntivo', paths: new Map() };
  if (!ws) return carried;
  const damaged = (row = 1): never => {
    throw new InputError([{
      severity: 'errore', code: 'xlsx.foglio-nascosto', file, cell: `${SHEETS.sorgente}!A${row}`, line: 0, col: 0, path: '',
      message: `il foglio nascosto "${SHEETS.sorgente}" (la copia del piano che il foglio di calcolo porta con sé) è danneggiato: esporta di nuovo il foglio con "piao export" e riporta lì ciò che è stato scritto`,
    }]);
  };
  const chunks: string[] = [];
  const codes: [string, string, number][] = [];
  let format: string | undefined;
  ws.eachRow((row, n) => {
    const [k, a, b] = [1, 2, 3].map((i) => {
      const v = row.getCell(i).value;
      return typeof v === 'string' ? v : v === null || v === undefined ? '' : damaged(n);
    });
    if (k === 'formato') format = a;
    else if (k === 'tipo') carried.kind = a === 'piano' || a === 'consuntivo' ? a : damaged(n);
    else if (k === 'yaml') chunks.push(a!);
    else if (k === 'riga') codes.push([a!, b!, n]);
    else damaged(n);
  });
  const b64 = chunks.join('');
  if (format !== FORMAT || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length > (MAX_BYTES * 4) / 3 + 4) damaged();
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b64, 'base64'));
    parsePlan(source, `${file} (piano nel foglio nascosto)`);
  } catch {
    return damaged();
  }
  const objectives = new Set(rawObjectivesOf(readPlanData(source)).map((p) => formatPath(p.path)));
  const paths = new Set<string>();
  for (const [rif, path, n] of codes) {
    if (!rif || carried.paths.has(rif) || !objectives.has(path) || paths.has(path)) damaged(n);
    carried.paths.set(rif, path);
    paths.add(path);
  }
  carried.source = source;
  return carried;
}

/* ---------- the plan workbook ---------- */

/** Sets or removes a key; `list`: an empty cell is an empty list, kept only where the plan wrote one. */
const set = (o: RawObject, key: string, value: unknown, list = false) => {
  if (list && value === undefined) value = [];
  if (value === undefined || (Array.isArray(value) && value.length === 0 && !(list && Object.hasOwn(o, key)))) delete o[key];
  else o[key] = value;
};

function parsePath(path: string): Path {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown> | undefined)?.[k], root);
}

/** A shallow copy keeping the decimals the numbers were written with. */
function copy(o: RawObject): RawObject {
  const c: RawObject = { ...o };
  const d = (o as { [DECIMALI]?: unknown })[DECIMALI];
  if (d) (c as { [DECIMALI]?: unknown })[DECIMALI] = d;
  return c;
}

function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The columns a sheet must have. A workbook written by `piao export` keeps every column: one
 * deleted or with its header retyped would otherwise empty that field in every row. A workbook
 * made by hand needs only these; what it leaves out is not in the plan.
 */
const HAND_MADE_REQUIRED: Record<string, string[]> = {
  [SHEETS.obiettivi]: ['settore', 'titolo'],
  [SHEETS.voci]: ['rif', 'voce', 'testo'],
  [SHEETS.persone]: ['id', 'nome', 'cognome'],
  [SHEETS.settori]: ['unita', 'nome'],
};

function readPlan(wb: ExcelJS.Workbook, carried: Carried, old: RawObject, problems: Problems, cells: Map<string, string>, origins: Origins, notes: ImportNote[]): RawObject {
  const data = copy(old);
  const fromExport = carried.source !== undefined;
  // Each sheet by its name: in a workbook written by piao export, a sheet deleted or renamed is an error, not "everything removed".
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws && fromExport) problems.shape(`${name}!A1`, `manca il foglio "${name}" (tolto o rinominato): rimettilo con il suo nome, altrimenti ciò che contiene andrebbe perso`, 'xlsx.foglio');
    return ws;
  };
  const read = (ws: ExcelJS.Worksheet, columns: Column[]) => readSheet(ws, columns, problems, fromExport ? columns.map((c) => c.key) : HAND_MADE_REQUIRED[ws.name] ?? []);
  const placeCells: { obj: object; set: (path: string) => void }[] = [];

  // Persone
  const ws = sheet(SHEETS.persone);
  if (ws) {
    const oldPeople = asObject(old.persone);
    const persone = new Map<string, RawObject>();
    for (const row of read(ws, PERSONE_COLUMNS)) {
      const id = row.text('id');
      if (!id) {
        problems.add(row.at('id'), 'manca l\'identificativo della persona (ad esempio il cognome, in minuscolo)');
        continue;
      }
      if (persone.has(id)) {
        problems.add(row.at('id'), `l'identificativo "${id}" è già usato in un'altra riga`);
        continue;
      }
      const known = Object.hasOwn(oldPeople, id);
      if (!known && fromExport) notes.push({ where: row.at('id'), severity: 'info', message: `persona nuova nel registro: ${id}` });
      const p = copy(known ? asObject(oldPeople[id]) : {});
      for (const col of PERSONE_COLUMNS) if (col.key !== 'id') set(p, col.key, row.get(col.key));
      persone.set(id, p);
      cells.set(`persone.${id}`, row.at('id'));
      for (const col of PERSONE_COLUMNS) if (col.key !== 'id') cells.set(`persone.${id}.${col.key}`, row.at(col.key));
    }
    data.persone = Object.fromEntries(persone);
  }

  // Settori e servizi
  const oldCentri = asArray(old.centri).map(asObject);
  let centri: RawObject[] = oldCentri.map((c, i) => {
    const n = copy(c);
    origins.set(n, `centri[${i}]`);
    if ('servizi' in c) n.servizi = asArray(c.servizi).map((s, j) => {
      const m = copy(asObject(s));
      origins.set(m, `centri[${i}].servizi[${j}]`);
      return m;
    });
    return n;
  });
  const ss = sheet(SHEETS.settori);
  if (ss) {
    centri = [];
    let current: RawObject | undefined;
    let currentOld: RawObject | undefined;
    for (const row of read(ss, SETTORI_COLUMNS)) {
      const unita = row.get('unita');
      if (unita === UNITA.settore) {
        const id = row.text('id');
        if (!id) problems.add(row.at('id'), 'manca l\'identificativo del settore (lettere minuscole, ad esempio "tecnico")');
        const oi = oldCentri.findIndex((c) => c.id === id);
        currentOld = oi >= 0 ? oldCentri[oi] : undefined;
        current = copy(currentOld ?? {});
        if (oi >= 0) origins.set(current, `centri[${oi}]`);
        set(current, 'id', id || undefined);
        set(current, 'nome', row.get('nome'));
        current.responsabile = row.get('responsabile') ?? null;
        set(current, 'personale', row.get('personale'), true);
        set(current, 'paga_fatture', row.get('paga_fatture'));
        set(current, 'intestazione', row.get('intestazione'));
        current.servizi = [];
        const path = `centri[${centri.length}]`;
        for (const k of ['id', 'nome', 'responsabile', 'personale', 'paga_fatture', 'intestazione']) cells.set(`${path}.${k}`, row.at(k));
        cells.set(path, row.at('nome'));
        centri.push(current);
      } else if (unita === UNITA.servizio) {
        if (!current) {
          problems.add(row.at('unita'), 'un servizio va scritto sotto la riga del suo settore');
          continue;
        }
        const oldServizi = asArray(currentOld?.servizi).map(asObject);
        const name = row.get('nome');
        const oi = oldServizi.findIndex((s) => s.nome === name);
        const s = copy(oi >= 0 ? oldServizi[oi]! : {});
        if (oi >= 0) origins.set(s, `centri[${oldCentri.indexOf(currentOld!)}].servizi[${oi}]`);
        set(s, 'nome', name);
        set(s, 'funzioni', row.get('funzioni'), true);
        const list = current.servizi as RawObject[];
        cells.set(`centri[${centri.length - 1}].servizi[${list.length}]`, row.at('nome'));
        cells.set(`centri[${centri.length - 1}].servizi[${list.length}].funzioni`, row.at('funzioni'));
        list.push(s);
      } else if (unita === undefined && !row.text('unita')) {
        problems.add(row.at('unita'), `indica "${UNITA.settore}" oppure "${UNITA.servizio}"`);
      }
    }
  }

  // Fasi e indicatori, by the row code of their objective
  const items = new Map<string, SheetRow[]>();
  const wv = sheet(SHEETS.voci);
  if (wv) for (const row of read(wv, VOCI_COLUMNS)) {
    const rif = row.text('rif');
    if (!rif) {
      problems.add(row.at('rif'), 'manca il codice "Riga" dell\'obiettivo a cui appartiene questa riga');
      continue;
    }
    items.set(rif, [...(items.get(rif) ?? []), row]);
  }

  // Obiettivi, placed in their lists in the rows' order
  type Target = { key: string; list: RawObject[]; titolo?: string; titoloCell?: string };
  const targets = new Map<string, Target>();
  const target = (key: string) => targets.get(key) ?? targets.set(key, { key, list: [] }).get(key)!;
  const used = new Set<string>();
  const seenRif = new Set<string>();
  const codeless: SheetRow[] = [];
  const wo = sheet(SHEETS.obiettivi)!;
  for (const row of read(wo, OBIETTIVI_COLUMNS)) {
    const rif = row.text('rif');
    if (!rif) codeless.push(row);
    if (rif && seenRif.has(rif)) problems.add(row.at('rif'), `il codice "${rif}" è già in un'altra riga: per un obiettivo nuovo lascia vuota la cella o scrivi un codice nuovo`);
    if (rif) seenRif.add(rif);
    const from = rif ? carried.paths.get(rif) : undefined;
    const base = from !== undefined && !used.has(from) ? asObject(at(old, parsePath(from))) : {};
    if (from !== undefined) used.add(from);
    const o = copy(base);
    if (from !== undefined && Object.keys(base).length > 0) origins.set(o, from);

    // where it goes
    const settore = row.text('settore');
    let key: string | undefined;
    if (!settore) problems.add(row.at('settore'), `manca il settore (o "${SEGRETARIO}")`);
    else if (settore.toLowerCase() === SEGRETARIO.toLowerCase()) {
      // A workbook made by hand: the Segretario's other fields are completed in the YAML file.
      if (!data.segretario && carried.source === undefined) data.segretario = {};
      if (!data.segretario) problems.add(row.at('settore'), 'il piano non ha un Segretario: scegli un settore');
      else key = 'segretario';
    } else {
      const ci = centri.findIndex((c) => String(c.nome ?? '').trim().toLowerCase() === settore.toLowerCase() || c.id === settore);
      if (ci < 0) problems.add(row.at('settore'), `settore sconosciuto: "${settore}" (i settori sono nel foglio "${SHEETS.settori}")`);
      else {
        const servizio = row.text('servizio');
        if (!servizio) key = `c${ci}`;
        else {
          const si = asArray(centri[ci]!.servizi).findIndex((s) => String(asObject(s).nome ?? '').trim().toLowerCase() === servizio.toLowerCase());
          if (si < 0) problems.add(row.at('servizio'), `il settore "${settore}" non ha il servizio "${servizio}" (i servizi sono nel foglio "${SHEETS.settori}")`);
          else {
            const g = row.get('gruppo');
            const n = typeof g === 'number' ? g : 1;
            if (n < 1) problems.add(row.at('gruppo'), 'il gruppo è un numero da 1 in su');
            key = `c${ci}s${si}g${String(n).padStart(4, '0')}`;
          }
        }
      }
    }

    // its fields
    for (const k of PLAIN_KEYS) set(o, k, row.get(k), LIST_KEYS.has(k));
    const termine = row.get('termine') as RawObject | undefined;
    const nota = row.get('termine_nota');
    if (termine) {
      const t = { ...termine, ...(nota !== undefined && { nota }) };
      set(o, 'termine', sameShape(base.termine, t) ? base.termine : t);
    } else {
      if (nota !== undefined) problems.add(row.at('termine_nota'), 'la nota al termine ha bisogno del termine');
      delete o.termine;
    }
    const tipo = row.get('peso_tipo') as string | undefined;
    const valore = row.get('peso_valore');
    if (tipo) {
      const p = { [tipo]: valore ?? null };
      o.peso = sameShape(base.peso, p) ? base.peso : p;
    } else if (row.text('peso_tipo')) {
      // An unreadable kind (its error recorded): the weight stands as it was, so that the only error is at that cell.
      o.peso = base.peso ?? { [WEIGHT_KINDS[0]!]: valore ?? null };
    } else {
      if (valore !== undefined) problems.add(row.at('peso_tipo'), `manca il tipo di peso: ${WEIGHT_KINDS.join(', ')}`);
      delete o.peso;
    }
    const risorse = row.get('risorse');
    const parts = { umane: row.get('risorse_umane'), strumentali: row.get('risorse_strumentali'), finanziarie: row.get('risorse_finanziarie') };
    const partsSet = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
    if (risorse !== undefined) o.risorse = risorse;
    else if (Object.keys(partsSet).length > 0) o.risorse = sameShape(base.risorse, partsSet) ? base.risorse : partsSet;
    else delete o.risorse;
    const rowItems = rif ? items.get(rif) ?? [] : [];
    if (rif) items.delete(rif);
    const itemCells = readItems(o, base, rowItems, problems);

    if (key === undefined) continue;
    const t = target(key);
    const titolo = row.get('titolo_gruppo');
    if (titolo !== undefined && t.titolo === undefined) [t.titolo, t.titoloCell] = [titolo as string, row.at('titolo_gruppo')];
    t.list.push(o);
    placeCells.push({
      obj: o,
      set: (path) => {
        cells.set(path, row.at('titolo'));
        for (const col of OBIETTIVI_COLUMNS) cells.set(`${path}.${col.key}`, row.at(col.key));
        cells.set(`${path}.peso`, row.at('peso_valore'));
        cells.set(`${path}.risorse.umane`, row.at('risorse_umane'));
        cells.set(`${path}.risorse.strumentali`, row.at('risorse_strumentali'));
        cells.set(`${path}.risorse.finanziarie`, row.at('risorse_finanziarie'));
        for (const [list, refs] of Object.entries(itemCells)) refs.forEach((r, i) => {
          cells.set(`${path}.${list}[${i}]`, r.at('testo'));
          for (const col of VOCI_COLUMNS) cells.set(`${path}.${list}[${i}].${col.key === 'testo' ? (list === 'fasi' ? 'descrizione' : list === 'indicatori' ? 'nome' : 'etichetta') : col.key}`, r.at(col.key));
          cells.set(`${path}.${list}[${i}].target`, r.at('target_1'));
        });
      },
    });
  }
  // A row without its code is a new objective. One with the title of an objective whose row is gone
  // is that objective with its code cleared (rows pasted back without it): as a new one it would
  // lose its phases, its results and all the sheets do not show. The code must be put back.
  const gone = new Map<string, string>();
  for (const [rif, path] of carried.paths) {
    const titolo = asObject(at(old, parsePath(path))).titolo;
    if (!used.has(path) && typeof titolo === 'string') gone.set(titolo.trim().toLowerCase(), rif);
  }
  for (const row of codeless) {
    const rif = gone.get(row.text('titolo').toLowerCase());
    if (rif !== undefined) problems.add(row.at('rif'), `manca il codice della riga: il titolo è quello dell'obiettivo "${rif}", la cui riga non c'è più; rimetti "${rif}" nella colonna "Riga" (per un obiettivo nuovo con lo stesso titolo scrivi un codice nuovo, ad esempio N1)`, 'xlsx.riga');
  }
  for (const [rif, rows] of items) {
    // The phases of an objective whose row was deleted go with it; but with rows left without a code, its code may have been cleared.
    if (carried.paths.has(rif) && codeless.length > 0) problems.add(rows[0]!.at('rif'), `nessuna riga del foglio "${SHEETS.obiettivi}" ha il codice "${rif}", e ci sono righe senza codice (${codeless.slice(0, 3).map((r) => r.at('rif')).join(', ')}${codeless.length > 3 ? ', …' : ''}): rimetti il codice "${rif}" nella riga del suo obiettivo; se l'obiettivo è stato tolto, togli anche le sue righe da questo foglio`, 'xlsx.riga');
    else if (carried.paths.has(rif)) notes.push({ where: rows[0]!.at('rif'), severity: 'info', message: `l'obiettivo della riga ${rif} è stato tolto dal foglio "${SHEETS.obiettivi}": tolte anche le sue fasi e i suoi indicatori` });
    else problems.add(rows[0]!.at('rif'), `nessun obiettivo ha il codice "${rif}" nella colonna "Riga" del foglio "${SHEETS.obiettivi}"`);
  }

  // Assemble the lists
  if (data.segretario) {
    const seg = copy(asObject(data.segretario));
    set(seg, 'obiettivi', targets.get('segretario')?.list ?? [], true);
    data.segretario = seg;
  }
  centri.forEach((c, ci) => {
    set(c, 'obiettivi', targets.get(`c${ci}`)?.list ?? [], true);
    const oldC = origins.get(c) !== undefined ? asObject(at(old, parsePath(origins.get(c)!))) : {};
    asArray(c.servizi).forEach((s0, si) => {
      const s = s0 as RawObject;
      const oldS = origins.get(s) !== undefined ? asObject(at(old, parsePath(origins.get(s)!))) : {};
      const oldGroups = asArray(oldS.gruppi).map(asObject);
      const keys = [...targets.keys()].filter((k) => k.startsWith(`c${ci}s${si}g`)).sort();
      const groups = keys.map((k) => {
        const n = Number(k.slice(k.indexOf('g') + 1));
        const t = targets.get(k)!;
        const base = oldGroups[n - 1];
        const g = copy(base ?? {});
        if (base && origins.get(s) !== undefined) origins.set(g, `${origins.get(s)}.gruppi[${n - 1}]`);
        set(g, 'titolo', t.titolo);
        g.obiettivi = t.list;
        return { g, t };
      });
      set(s, 'gruppi', groups.map((x) => x.g), true);
      groups.forEach((x, gi) => x.t.titoloCell && cells.set(`centri[${ci}].servizi[${si}].gruppi[${gi}].titolo`, x.t.titoloCell));
    });
    if (asArray(c.servizi).length === 0 && !('servizi' in oldC)) delete c.servizi;
  });
  if (ss || centri.length > 0 || 'centri' in old) data.centri = centri;
  const byObj = new Map(placeCells.map((p) => [p.obj, p.set]));
  for (const p of rawObjectivesOf(data)) byObj.get(p.obiettivo)?.(formatPath(p.path));
  return data;
}

/** Two objects of the same keys and values (the old one is then kept, with its decimals). */
function sameShape(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An objective's phases, indicators and other rows from its rows of "Fasi e indicatori". */
function readItems(o: RawObject, base: RawObject, rows: SheetRow[], problems: Problems): Record<string, SheetRow[]> {
  const lists: Record<string, unknown[]> = { fasi: [], indicatori: [], altri_campi: [] };
  const refs: Record<string, SheetRow[]> = { fasi: [], indicatori: [], altri_campi: [] };
  for (const row of rows) {
    const voce = row.get('voce');
    const testo = row.get('testo') as string | undefined;
    if (voce === undefined) {
      if (!row.text('voce')) problems.add(row.at('voce'), `indica "${VOCI.fase}", "${VOCI.indicatore}" oppure "${VOCI.campo}"`);
      continue;
    }
    const list = voce === VOCI.fase ? 'fasi' : voce === VOCI.indicatore ? 'indicatori' : 'altri_campi';
    const k = lists[list]!.length;
    const old = asArray(base[list])[k];
    refs[list]!.push(row);
    if (testo === undefined) problems.add(row.at('testo'), voce === VOCI.campo ? 'manca l\'etichetta' : `manca ${voce === VOCI.fase ? 'la descrizione della fase' : 'il nome dell\'indicatore'}`);
    if (list === 'altri_campi') {
      lists[list]!.push(sameOr(old, { etichetta: testo, valore: row.get('valore') }));
      continue;
    }
    const keys = list === 'fasi' ? ['peso', 'inizio', 'fine', 'output'] : ['tipo', 'dimensione', 'formula', 'unita', 'polarita', 'baseline', 'fonte', 'peso'];
    const detail: RawObject = {};
    for (const key of keys) if (row.get(key) !== undefined) detail[key] = row.get(key);
    if (list === 'indicatori') {
      const target = [row.get('target_1'), row.get('target_2'), row.get('target_3')];
      while (target.length && target.at(-1) === undefined) target.pop();
      if (target.length) detail.target = target.map((t) => t ?? '');
    }
    const name = list === 'fasi' ? 'descrizione' : 'nome';
    if (old !== null && typeof old === 'object') {
      const x = copy(old as RawObject);
      x[name] = testo;
      for (const key of [...keys, ...(list === 'indicatori' ? ['target'] : [])]) set(x, key, detail[key]);
      lists[list]!.push(sameOr(old, x));
    } else if (Object.keys(detail).length > 0) lists[list]!.push({ [name]: testo, ...detail });
    else lists[list]!.push(testo);
  }
  for (const list of ['fasi', 'indicatori', 'altri_campi']) set(o, list, lists[list], true);
  return refs;
}

function sameOr<T>(old: unknown, neu: T): T {
  return sameShape(old, neu) ? (old as T) : neu;
}

/* ---------- the results workbook ---------- */

function readResults(wb: ExcelJS.Workbook, carried: Carried, old: RawObject, problems: Problems, cells: Map<string, string>, notes: ImportNote[]): RawObject {
  if (carried.source === undefined) {
    problems.add(`${SHEETS.risultati}!A1`, 'il foglio dei risultati non porta con sé il piano (il foglio nascosto "piao" manca): scrivilo con "piao export piano.yaml --consuntivo"', 'xlsx.senza-piano');
    return old;
  }
  const data = deepCopy(old) as RawObject;
  const objective = (row: SheetRow): { o: RawObject; path: string } | undefined => {
    const rif = row.text('rif');
    const path = carried.paths.get(rif);
    const o = path !== undefined ? at(data, parsePath(path)) : undefined;
    if (path === undefined || o === null || typeof o !== 'object') {
      problems.add(row.at('rif'), `codice di riga sconosciuto: "${rif}" (non va cambiato)`);
      return undefined;
    }
    return { o: o as RawObject, path };
  };
  // Both sheets, with every column: one missing would silently leave results out.
  const sheet = (name: string, columns: Column[]) => {
    const ws = wb.getWorksheet(name);
    if (!ws) problems.shape(`${name}!A1`, `manca il foglio "${name}" (tolto o rinominato): rimettilo con il suo nome`, 'xlsx.foglio');
    return ws ? readSheet(ws, columns, problems, columns.map((c) => c.key)) : [];
  };
  const rows = sheet(SHEETS.risultati, RISULTATI_COLUMNS);
  const itemRows = sheet(SHEETS.risultatiVoci, RISULTATI_VOCI_COLUMNS);
  if (problems.broken) return old;
  // A row copied with its code: which of the two holds the results?
  const seen = new Map<string, string>();
  const once = (row: SheetRow, key: string, what: string): boolean => {
    const first = seen.get(key);
    if (first !== undefined) problems.add(row.at('rif'), `${what} è già in un'altra riga (${first}): ogni obiettivo, fase e indicatore ha una riga sola`, 'xlsx.riga');
    else seen.set(key, row.at('rif'));
    return first === undefined;
  };
  for (const row of rows) {
    const hit = objective(row);
    if (!hit || !once(row, `o ${hit.path}`, `il codice "${row.text('rif')}"`)) continue;
    const c = copy(asObject(hit.o.consuntivo));
    for (const key of ['raggiungimento', 'motivazione', 'scostamento', 'evidenze', 'non_valutabile']) {
      // A blank cell is "not reported here" (another office's row of the same sheet): what the plan has stays.
      const v = row.get(key);
      if (v !== undefined) set(c, key, v);
      cells.set(`${hit.path}.consuntivo.${key}`, row.at(key));
    }
    cells.set(`${hit.path}.consuntivo`, row.at('raggiungimento'));
    if (c.raggiungimento !== undefined && c.non_valutabile !== undefined) {
      const kept = row.get('raggiungimento') === undefined ? ' (il raggiungimento è già nel piano: per toglierlo modifica il file YAML)' : row.get('non_valutabile') === undefined ? ' (il motivo è già nel piano: per toglierlo modifica il file YAML)' : '';
      for (const key of ['raggiungimento', 'non_valutabile']) problems.add(row.at(key), `indica il raggiungimento oppure il motivo per cui l'obiettivo non è valutabile, non entrambi${kept}`, 'xlsx.non-valutabile');
    }
    if (Object.keys(c).length > 0) hit.o.consuntivo = sameOr(hit.o.consuntivo, c);
    else delete hit.o.consuntivo;
  }
  for (const row of itemRows) {
    const hit = objective(row);
    if (!hit) continue;
    const isPhase = row.text('voce') === VOCI.fase;
    const list = isPhase ? 'fasi' : 'indicatori';
    const written = row.get('n');
    const items = asArray(hit.o[list]);
    const name = (x: unknown) => String(typeof x === 'string' ? x : asObject(x)[isPhase ? 'descrizione' : 'nome'] ?? '').trim();
    const testo = row.text('testo');
    // The row's number and text against the plan's item: with --piano, the plan may have changed since the export.
    let n = typeof written === 'number' && written >= 1 && written <= items.length && name(items[written - 1]) === testo ? written : undefined;
    if (n === undefined && testo) {
      const same = items.flatMap((x, i) => (name(x) === testo ? [i + 1] : []));
      if (same.length === 1) n = same[0];
    }
    if (n === undefined) {
      if (!row.text('n')) problems.add(row.at('n'), `manca il numero ${isPhase ? 'della fase' : 'dell\'indicatore'} (non va cambiato)`);
      else problems.add(row.at('testo'), `${isPhase ? 'la fase' : 'l\'indicatore'} "${testo.length > 60 ? `${testo.slice(0, 57)}…` : testo}" non è ${written !== undefined && typeof written === 'number' && written >= 1 && written <= items.length ? `più la n. ${written}` : 'più'} dell'obiettivo "${row.text('rif')}" nel piano${items.length ? ` (ha ${items.slice(0, 5).map((x) => `"${name(x)}"`).join(', ')}${items.length > 5 ? ', …' : ''})` : ''}: il piano è cambiato dopo che il foglio dei risultati è stato scritto; esporta di nuovo il foglio da questo piano ("piao export piano.yaml --consuntivo") e riporta lì i risultati`, 'xlsx.piano-cambiato');
      continue;
    }
    const keys = isPhase ? ['raggiungimento', 'completata_il', 'nota'] : ['valore', 'data', 'raggiungimento', 'nota'];
    for (const key of isPhase ? ['valore', 'data'] : ['completata_il']) {
      if (row.text(key)) problems.add(row.at(key), isPhase ? 'il valore misurato e la data della rilevazione sono per gli indicatori: per una fase scrivi il raggiungimento o la data di completamento' : 'la data di completamento è per le fasi: per un indicatore scrivi il valore misurato e la data della rilevazione');
    }
    if (!once(row, `${list} ${hit.path} ${n}`, `${isPhase ? 'la fase' : 'l\'indicatore'} n. ${n} dell'obiettivo "${row.text('rif')}"`)) continue;
    const item = items[n - 1];
    const x = item !== null && typeof item === 'object' ? copy(item as RawObject) : { [isPhase ? 'descrizione' : 'nome']: item };
    const c = copy(asObject(x.consuntivo));
    const path = `${hit.path}.${list}[${n - 1}].consuntivo`;
    for (const key of keys) {
      let v = row.get(key);
      // A value typed as text: "sì"/"no" for a yes/no indicator, "12,4" for a number, "31/01/2025" for a date.
      if (key === 'valore' && typeof v === 'string') {
        const t = v.trim();
        v = /^s[iì]$/i.test(t) ? true : /^no$/i.test(t) ? false : /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : parseDate(t) ?? v;
      }
      if (v !== undefined) set(c, key, v);
      cells.set(`${path}.${key}`, row.at(key));
    }
    cells.set(path, row.at(isPhase ? 'raggiungimento' : 'valore'));
    // A measured value with nothing to compare it with counts for nothing: the percentage is what counts.
    if (!isPhase && c.valore !== undefined && c.raggiungimento === undefined) {
      const target = asArray(x.target)[0];
      if (target === undefined) notes.push({ where: row.at('valore'), severity: 'avviso', message: 'questo indicatore non ha un target numerico: indica il Raggiungimento %' });
    }
    if (Object.keys(c).length > 0) x.consuntivo = sameOr(x.consuntivo, c);
    else delete x.consuntivo;
    items[n - 1] = typeof item === 'string' && !x.consuntivo ? item : sameOr(item, x);
  }
  return data;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v === null || typeof v !== 'object') return v;
  const c = copy(v as RawObject);
  for (const k of Object.keys(c)) c[k] = deepCopy(c[k]);
  return c;
}

/* ---------- validation, at the cells ---------- */

/** The plan's problems, each at the cell its value came from (the nearest one known). */
function validate(yaml: string, file: string, cells: Map<string, string>, handMade?: ImportNote[]): Diagnostic[] {
  try {
    parsePlan(yaml, file);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    let found = e.diagnostics.map((d) => atCell(d, file, cells));
    if (handMade) {
      // A workbook made by hand has no ente, piano…: what no cell holds is for the YAML file, after.
      for (const d of found.filter((x) => !x.cell)) handMade.push({ where: d.path || file, severity: 'avviso', message: `da completare nel file YAML: ${d.message}` });
      found = found.filter((x) => x.cell);
    }
    // One error per cell: a name typed instead of an id is not in the registry *and* not an id's form; the first says it all.
    const seen = new Set<string>();
    return found.filter((d) => !d.cell || (!seen.has(d.cell) && Boolean(seen.add(d.cell))));
  }
}

function atCell(d: Diagnostic, file: string, cells: Map<string, string>): Diagnostic {
  let path = d.path;
  for (;;) {
    const cell = cells.get(path);
    // The data path means nothing to whoever fills the workbook: the cell says where.
    if (cell) return { ...d, file, cell, line: 0, col: 0, path: '', ...(d.hint && { hint: d.hint.replace('in "persone"', `nel foglio "${SHEETS.persone}"`) }) };
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) break;
    path = path.slice(0, cut);
  }
  // A part of the plan the sheets do not show (the introduction, the Segretario's functions…).
  return { ...d, file: `${file} (piano nel foglio nascosto)` };
}
