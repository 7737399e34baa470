/**
 * The blocks of a section 2.2 written in Word, laid out like the official annex, assembled into
 * a plan's data: letterhead and title, the introduction (prose up to the centri), the centri
 * table, the text after it, the Segretario's part, then each settore (its heading matched to the
 * centri table: "Responsabile:", staff, servizi with their functions, groups, objective tables).
 * Whatever has no place is reported with where it was, never dropped in silence.
 */
import type { ImportNote } from '../imported.js';
import { blocksMarkdown, quoteShort, type Block, type ListItem } from './read.js';
import { isHeaderlessObjective, isObjectiveTable, looksLikeObjective, whyNotObjective } from './labels.js';
import { readObjective, parseNumber, type PesoTipo, type ReadObjective } from './objective.js';
import { HANDLE_PREFIX, outsideBrackets, People, slug, type Registry } from './people.js';
import { findYear } from './year.js';
import { plainWeightKind } from './weights.js';
import { chooseNumbering } from './numbering.js';

export interface Assembled {
  data: Record<string, unknown>;
  notes: ImportNote[];
  comments: Record<string, string>;
  /** How many objectives were read. */
  objectives: number;
  /** Tables that look like an objective's but were not read, and why. */
  skipped: { where: string; why: string }[];
}

type Obj = Record<string, unknown>;
interface Group { titolo?: string; obiettivi: Obj[] }
interface Servizio { nome: string; funzioni: string[]; gruppi: Group[] }
interface Centro { id?: string; nome: string; intestazione?: string; responsabile: string | null; personale: string[]; obiettivi: Obj[]; servizi: Servizio[]; paga_fatture?: boolean }

const words = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
const textOf = (b: Block): string => (b.kind === 'paragraph' || b.kind === 'heading' ? b.line.text : '');
const flatItems = (items: ListItem[]): string[] => items.flatMap((i) => [i.text, ...flatItems(i.children)]).filter(Boolean);

const TITLE_RE = /^(?:sottosezione\s+(?:di\s+programmazione\s+)?)?(\d+(?:\.\d+)+)\.?\s*[-–:]?\s*(.{3,80})$/i;
const SEGRETARIO_RE = /^(segretari[oa]\s+(?:comunale|generale|dell'unione))\s*:?$/i;
/** "Segretario Generale: Dott. Marco Bellandi (in convenzione …)", "Responsabile: …" under the Segretario's heading. */
const SEGRETARIO_LINE_RE = /^(segretari[oa](?:\s+(?:comunale|generale|dell'unione))?|responsabile|titolare)\s*:\s*(.+)$/i;
const TRIENNIO_END = /\s*[-–]?\s*\(?(?:20\d\d)(?:\s*[-–/]\s*(?:20)?\d\d)?\)?$/;
const AREE_RE = /struttura organizzativa\s+(?:del(?:la|l')?\s*)?(.+?)\s+(?:sono state|è stata|e' stata)\s+individuat/i;
const GROUP_RE = /^(obiettiv[oi] comun[ei]|obiettivi (?:di|del|della|dei|individuali|di gruppo|trasversali)\b.*)$/i;
const SERVIZIO_RE = /^(servizi?o?|uffici?o?|unit[aà] operativa|u\.o\.)\b/i;
/** Who leads a settore, in a centri table's header or before ":" under its heading: "Responsabile", "Dirigente (responsabile)", "Titolare di EQ/P.O.". */
const LEADER = "(?:responsabile|dirigente(?:\\s+responsabile)?|titolare(?:\\s+(?:di\\s+)?(?:e\\.?\\s?q\\.?|p\\.?\\s?o\\.?|posizione organizzativa|incarico di elevata qualificazione)(?:\\s*/\\s*(?:e\\.?\\s?q\\.?|p\\.?\\s?o\\.?))?)?)";
const LEADER_WORD_RE = /responsabil|dirigent|titolare/i;
const LEADER_LINE_RE = new RegExp(`^(${LEADER})\\s*(?:del(?:l')?\\s*(?:settore|servizio|area))?\\s*:\\s*(.*)$`, 'i');

/** `read`: notes already made while reading the blocks (footnotes moved, characters taken out). */
export function assemble(blocks: Block[], read: ImportNote[] = []): Assembled {
  const notes: ImportNote[] = [...read];
  const comments: Record<string, string> = {};
  const people = new People();
  const plan: Obj = {};
  const ente: Obj = {};
  const documento: Obj = {};
  const skipped: { where: string; why: string }[] = [];
  const titleAt = blocks.findIndex((b) => (b.kind === 'heading' || b.kind === 'paragraph') && TITLE_RE.test(b.line.text) && /performance/i.test(b.line.text));
  const found = findYear(blocks, titleAt);
  const anno = found?.year ?? 2024;
  if (!found) {
    notes.push({ where: 'documento', severity: 'avviso', message: `non ho trovato l'anno del piano: scritto ${anno}, correggi "piano.anno"` });
    comments['piano.anno'] = 'Anno da controllare: il documento non lo indica.';
  } else if (found.guessed) {
    notes.push({ where: 'documento', severity: 'avviso', message: `anno del piano ${anno} dedotto ${found.from}: il titolo non lo indica; controlla "piano.anno"` });
    comments['piano.anno'] = `Anno dedotto ${found.from}: il titolo non lo indica; controllalo.`;
  } else notes.push({ where: 'documento', severity: 'info', message: `anno del piano ${anno}, ${found.from}` });
  const piano: Obj = { anno };
  const unplaced = (b: Block, what = 'testo non collocato') => {
    if (b.kind === 'table' && what === 'tabella non riconosciuta') {
      const labels = labelsOf(b);
      const why = whyNotObjective(labels);
      if (looksLikeObjective(labels)) skipped.push({ where: b.where, why });
      notes.push({ where: b.where, severity: 'avviso', message: `${what}: ${why}; non fa parte del piano importato, riportala a mano se serve (${b.rows.length} righe)` });
      return;
    }
    notes.push({ where: b.where, severity: 'avviso', message: `${what}: non fa parte del piano importato, riportalo a mano se serve${b.kind === 'table' ? ` (${b.rows.length} righe)` : ''}` });
  };
  // A plain "Peso": its kind for responsabili and the Segretario, said once per label (a note, and a comment on the first).
  const weightKind = plainWeightKind(blocks);
  const plainNoted = new Set<string>();
  const plainLabel = new Map<Obj, string>();
  const plainWeightNote = (read: ReadObjective, o: Obj, where: string) => {
    if (read.plainWeight) plainLabel.set(o, read.plainWeight);
    if (!read.plainWeight || plainNoted.has(read.plainWeight)) return;
    plainNoted.add(read.plainWeight);
    const what = read.pesoTipo === 'ccdi' ? '% della somma CCDI (peso: ccdi)' : '% dell\'indennità di risultato (peso: risultato)';
    const other = read.pesoTipo === 'ccdi' ? '«risultato» al posto di «ccdi»' : '«ccdi» al posto di «risultato»';
    notes.push({ where, severity: 'avviso', message: `«${read.plainWeight}» letto come ${what} per gli obiettivi dei responsabili e del Segretario: ${weightKind.why}; se non è così scrivi ${other} in tutti i pesi` });
    plainComments.push({ label: read.plainWeight, text: `«${read.plainWeight}»: letto come ${what}, ${weightKind.why}. Se non è così, scrivi ${other} in tutti i pesi.` });
  };
  const plainComments: { label: string; text: string }[] = [];

  // Letterhead and title.
  let i = 0;
  if (titleAt >= 0) {
    for (const b of blocks.slice(0, titleAt)) {
      // A letterhead paragraph may hold its lines with line breaks ("COMUNE DI VALDINOCE" ↵ "Provincia di Arezzo").
      const lines = b.kind === 'paragraph' || b.kind === 'heading' ? (b.line.parts ?? [b.line.text]) : [''];
      const rest: string[] = [];
      for (const t of lines) {
        if (/^(comune|citt[aà]|unione|comunit[aà]|provincia|regione|universit[aà]|azienda|ente)\b/i.test(t) && !ente.nome && !/^provincia di/i.test(t)) ente.nome = normalCase(t);
        else if (/^provincia di\s+(.+)$/i.test(t)) ente.provincia = normalCase(/^provincia di\s+(.+)$/i.exec(t)![1]!.trim());
        else if (/^allegato\b/i.test(t)) documento.intestazione = true;
        else if (/^(provincia di\s+.+|comune di\s+.+)$/i.test(t)) continue;
        else if (/piano integrato di attivit|^piao\b|^sezione\s+\d/i.test(t) && t.split(' ').length <= 16) {
          notes.push({ where: b.where, severity: 'info', message: `titolo ${quoteShort(t)}: i documenti scrivono il proprio titolo` });
        } else rest.push(t);
      }
      if (rest.length) unplaced(b, 'testo prima del titolo');
    }
    const m = TITLE_RE.exec(blocks[titleAt]!.kind === 'table' ? '' : textOf(blocks[titleAt]!))!;
    piano.sezione = m[1]!;
    // "Performance 2025-2027": the triennio is the plan's year, not the title.
    const titolo = m[2]!.trim().replace(TRIENNIO_END, '').trim() || m[2]!.trim();
    piano.titolo = titolo === titolo.toUpperCase() ? titolo.charAt(0) + titolo.slice(1).toLowerCase() : titolo;
    i = titleAt + 1;
  } else {
    notes.push({ where: 'documento', severity: 'avviso', message: 'non ho trovato il titolo "2.2 Performance": sezione e titolo sono quelli predefiniti' });
  }

  const isCentriTable = (b: Block) => b.kind === 'table' && !isObjectiveTable(b.rows.map((r) => r[0]?.text ?? '')) && LEADER_WORD_RE.test(b.rows.slice(0, 2).flat().map((c) => c.text).join(' ')) && /(centr|denominazione|settor|area|uffic)/i.test(b.rows.slice(0, 2).flat().map((c) => c.text).join(' '));
  const isObjective = (b: Block) => b.kind === 'table' && (isObjectiveTable(labelsOf(b)) || isHeaderlessObjective(labelsOf(b)));
  const isSegretario = (b: Block) => (b.kind === 'heading' || b.kind === 'paragraph') && SEGRETARIO_RE.test(b.line.text);

  // The centri table (the first table that is not an objective's).
  const centri: Centro[] = [];
  const centriAt = blocks.findIndex((b, k) => k >= i && isCentriTable(b));
  const centroKeys: string[] = [];
  /** "Dirigente" when the centri table's header says so: its people get that qualifica. */
  let centriLedBy: string | undefined;
  /** Handles of people named as dirigenti. */
  const dirigenti = new Set<string>();
  /** Per centro, the first leader line that could not be read (for the avviso of a settore left without one). */
  const unreadLeader = new Map<number, { where: string; text: string }>();
  if (centriAt >= 0) {
    const table = blocks[centriAt] as Extract<Block, { kind: 'table' }>;
    for (const [r, row] of table.rows.entries()) {
      const cells = row.map((c) => c.text);
      if (cells.every((c) => !c) || /centro di responsabilit|denominazione/i.test(cells.join(' ')) || (r === 0 && LEADER_WORD_RE.test(cells.join(' ')))) {
        if (r === 0 && /dirigent/i.test(cells[cells.length - 1] ?? '')) centriLedBy = 'Dirigente';
        continue;
      }
      const numbered = /^\d+[.)°]?$/.test(cells[0] ?? '');
      const nome = numbered ? cells[1] ?? '' : cells[0] ?? '';
      const resp = cells.length >= (numbered ? 3 : 2) ? cells[cells.length - 1]! : '';
      if (!nome) {
        notes.push({ where: `${table.where}, riga ${r + 1}`, severity: 'avviso', message: 'riga senza denominazione: tralasciata' });
        continue;
      }
      let responsabile: string | null = null;
      if (resp && !/^[-–—/]*$|^nessun/i.test(resp)) {
        responsabile = people.mention(resp, `${table.where}, riga ${r + 1}`, 'responsabili', -1, true) ?? null;
        if (!responsabile) notes.push({ where: `${table.where}, riga ${r + 1}`, severity: 'avviso', message: `«${resp}» non sembra un nome di persona: responsabile lasciato vuoto` });
        else if (centriLedBy) dirigenti.add(responsabile);
      }
      const twin = centroKeys.indexOf(words(nome));
      if (twin >= 0) {
        notes.push({ where: `${table.where}, riga ${r + 1}`, severity: 'avviso', message: `«${nome}» è scritto due volte nella tabella dei centri: tenuti come due settori diversi, abbinati nell'ordine ai titoli del documento (il secondo titolo «${nome}» va al secondo); se è lo stesso settore, unisci i due centri e correggi il nome` });
        comments[`centri[${centri.length}].nome`] = `Stesso nome del settore ${twin + 1} della tabella dei centri: tenuti distinti; se è lo stesso settore, uniscili.`;
      }
      centri.push({ nome, responsabile, personale: [], obiettivi: [], servizi: [] });
      centroKeys.push(words(nome));
    }
  } else {
    notes.push({ where: 'documento', severity: 'avviso', message: 'non ho trovato la tabella dei centri di responsabilità: i settori sono presi dai titoli del documento' });
  }
  /** The centri whose heading has been met. */
  const met = new Set<number>();
  const settoreOf = (b: Block): number | undefined => {
    if (b.kind !== 'heading' && b.kind !== 'paragraph') return undefined;
    const t = b.line.text.replace(/:$/, '');
    if (t.split(' ').length > 14) return undefined;
    const k = words(t);
    // Two centri of one name: the headings go to them in order (the first not yet met).
    const pick = (match: (c: string) => boolean) => {
      const all = centroKeys.flatMap((c, n) => (match(c) ? [n] : []));
      return all.find((n) => !met.has(n)) ?? all[0];
    };
    const at = pick((c) => c === k);
    if (at !== undefined) return at;
    const stripped = pick((c) => c.replace(/^(settore|area) /, '') === k.replace(/^(settore|area) /, ''));
    if (stripped !== undefined) return stripped;
    if (centriAt < 0 && b.kind === 'heading' && /^(settore|area)\b/i.test(t)) {
      centri.push({ nome: t, responsabile: null, personale: [], obiettivi: [], servizi: [] });
      centroKeys.push(k);
      return centri.length - 1;
    }
    return undefined;
  };
  const isSettoreStart = (b: Block) => {
    if (b.kind !== 'heading' && b.kind !== 'paragraph') return false;
    const t = b.line.text.replace(/:$/, '');
    if (t.split(' ').length > 14) return false;
    const k = words(t);
    return centroKeys.includes(k) || centroKeys.some((c) => c.replace(/^(settore|area) /, '') === k.replace(/^(settore|area) /, '')) || (centriAt < 0 && b.kind === 'heading' && /^(settore|area)\b/i.test(t));
  };

  // The introduction: from the title to the sentence that announces the centri (or the table).
  const stopAt = blocks.findIndex((b, k) => k >= i && (isCentriTable(b) || isSegretario(b) || isSettoreStart(b) || isObjective(b) || ((b.kind === 'paragraph') && AREE_RE.test(b.line.text))));
  const introEnd = stopAt < 0 ? blocks.length : stopAt;
  let introLast = introEnd;
  // A heading just before the centri ("Centri di responsabilità") titles them: the documents write their own.
  while (introLast > i && blocks[introLast - 1]!.kind === 'heading' && introEnd === centriAt) {
    introLast--;
    notes.push({ where: blocks[introLast]!.where, severity: 'info', message: 'titolo prima della tabella dei centri: i documenti scrivono il proprio' });
  }
  const intro = blocks.slice(i, introLast).filter((b) => b.kind !== 'table' || (unplaced(b, 'tabella nell\'introduzione'), false));
  if (intro.length) plan.introduzione = blocksMarkdown(intro);
  i = introEnd;
  const aree = blocks[i]?.kind === 'paragraph' ? AREE_RE.exec((blocks[i] as { line: { text: string } }).line.text) : null;
  if (aree) {
    if (!ente.nome) ente.nome = aree[1]!.trim();
    i++;
  }
  if (centriAt >= 0 && i <= centriAt) {
    for (const b of blocks.slice(i, centriAt)) unplaced(b);
    i = centriAt + 1;
  }
  // Text after the centri table, up to the Segretario or the first settore.
  const notaEnd = blocks.findIndex((b, k) => k >= i && (isSegretario(b) || isSettoreStart(b) || isObjective(b)));
  const nota = blocks.slice(i, notaEnd < 0 ? blocks.length : notaEnd);
  if (nota.length && centriAt >= 0) plan.nota_centri = blocksMarkdown(nota.filter((b) => b.kind !== 'table' || (unplaced(b), false)));
  else for (const b of nota) unplaced(b);
  i = notaEnd < 0 ? blocks.length : notaEnd;
  if (!ente.nome) {
    const any = blocks.map(textOf).map((t) => /\b((?:Comune|Unione dei Comuni|Città) di [\p{Lu}][\p{L}' -]+?)(?=[\s,.;:]+(?:\p{Ll}|$)|$)/u.exec(t)).find(Boolean);
    if (any) ente.nome = any[1]!.trim();
    else {
      ente.nome = 'Comune';
      notes.push({ where: 'documento', severity: 'avviso', message: 'non ho trovato il nome dell\'ente: scrivilo in "ente.nome"' });
    }
  }

  // The Segretario.
  const pesoLabels: { tipo: PesoTipo; label: string; segretario: boolean }[] = [];
  const objectiveComments = new Map<Obj, Record<string, string>>();
  let segretario: Obj | undefined;
  if (i < blocks.length && isSegretario(blocks[i]!)) {
    const head = blocks[i]! as { line: { text: string }; where: string };
    let ruolo = normalCase(SEGRETARIO_RE.exec(head.line.text)![1]!);
    segretario = {};
    i++;
    const end = blocks.findIndex((b, k) => k >= i && isSettoreStart(b));
    const part = blocks.slice(i, end < 0 ? blocks.length : end);
    i = end < 0 ? blocks.length : end;
    const funzioni: Block[] = [];
    const obiettivi: Obj[] = [];
    let persona: string | undefined;
    const tables: { where: string; titolo: string }[] = [];
    for (let k = 0; k < part.length; k++) {
      const b = part[k]!;
      const t = textOf(b);
      const named = b.kind === 'paragraph' ? SEGRETARIO_LINE_RE.exec(t) : null;
      if (!persona && named) {
        // "Segretario Generale: Dott. Marco Bellandi (in convenzione con il Comune di Poggiolino, quota 40%)".
        const bracket = /^(.*?)\s*\(([^()]+)\)\s*\.?$/.exec(named[2]!.trim());
        const h = people.mention(bracket ? bracket[1]! : named[2]!, b.where, 'responsabili', -1, true);
        if (h) {
          persona = h;
          if (/^segretari/i.test(named[1]!)) ruolo = normalCase(named[1]!);
          const conv = bracket && /convenzione con (?:il |i )?(?:comun[ei] di )?(.+?)(?:\s*[,;]|$)/i.exec(bracket[2]!);
          if (conv) {
            const own = String(ente.nome ?? '').replace(/^(comune|citt[aà]) di\s+/i, '');
            segretario.convenzione = [...(own ? [own] : []), ...conv[1]!.split(/\s*,\s*|\s+e\s+/).map((x) => x.trim()).filter(Boolean)];
            notes.push({ where: b.where, severity: 'avviso', message: `«${bracket![2]}»: letta come segreteria convenzionata tra ${(segretario.convenzione as string[]).join(' e ')} (segretario.convenzione)${/\d\s*%/.test(bracket![2]!) ? '; la percentuale non è stata scritta: se è la quota di attività presso questo ente scrivila in "segretario.quota_attivita"' : ''}; controlla` });
          } else if (bracket) {
            notes.push({ where: b.where, severity: 'avviso', message: `«${bracket[2]}» dopo il nome del Segretario: non importato, riportalo a mano se serve` });
          }
          continue;
        }
      }
      if (!persona && (b.kind === 'paragraph' || b.kind === 'heading') && t.split(' ').length <= 7) {
        const h = people.mention(t, b.where, 'responsabili', -1, true);
        if (h) {
          persona = h;
          continue;
        }
      }
      if (b.kind === 'paragraph' && /in questo ente,? svolge anche|svolge(?:,)? inoltre,? (?:anche )?(?:le funzioni|i ruoli)/i.test(t) && part[k + 1]?.kind === 'list') {
        segretario.incarichi = flatItems((part[k + 1] as Extract<Block, { kind: 'list' }>).items);
        k++;
        continue;
      }
      const conv = /segreteria convenzionata tra i comuni di\s+(.+?)\.(?:\s|$)/i.exec(t);
      const quota = /presta il\s+(\d{1,3}(?:[.,]\d+)?)\s*%/i.exec(t);
      if (b.kind === 'paragraph' && (conv || quota)) {
        if (conv) segretario.convenzione = conv[1]!.split(/\s*,\s*|\s+e\s+/).map((s) => s.trim()).filter(Boolean);
        if (quota) {
          const q = parseNumber(quota[1]!)!;
          segretario.quota_attivita = q.value;
        }
        continue;
      }
      const tot = /totale (?:della |dell')?\s*indennit[aà] di risultato.*?pari al?\s+(\d{1,3}(?:[.,]\d+)?)\s*%/i.exec(t);
      if (b.kind === 'paragraph' && tot) {
        segretario.indennita_totale = parseNumber(tot[1]!)!.value;
        continue;
      }
      if (b.kind === 'table' && isObjective(b)) {
        const read = readObjective(b.rows, b.where, { year: anno, people, centro: -1, owner: persona ?? 'segretario', segretario: true, notes, previousTipo: 'risultato', plainWeight: weightKind.tipo, headerless: !isObjectiveTable(labelsOf(b)) });
        const o = placeObjective(read, persona);
        plainWeightNote(read, o, b.where);
        tables.push({ where: b.where, titolo: String(read.data.titolo) });
        if (read.pesoLabel) pesoLabels.push({ ...read.pesoLabel, segretario: true });
        objectiveComments.set(o, read.comments);
        obiettivi.push(o);
        continue;
      }
      if (b.kind === 'table') {
        unplaced(b, 'tabella non riconosciuta');
        continue;
      }
      if (obiettivi.length) unplaced(b);
      else funzioni.push(b);
    }
    if (!persona) {
      notes.push({ where: head.where, severity: 'avviso', message: 'non ho trovato il nome del Segretario (atteso dopo il titolo, su una riga come «Segretario Comunale: Dott. Mario Rossi» o il solo nome): parte del Segretario tralasciata' });
      segretario = undefined;
      for (const b of funzioni) unplaced(b);
      for (const tb of tables) notes.push({ where: tb.where, severity: 'avviso', message: `obiettivo del Segretario «${tb.titolo}» non importato: manca il nome del Segretario; riportalo a mano` });
    } else {
      if (ruolo !== 'Segretario Comunale') segretario.ruolo = ruolo;
      segretario.persona = persona;
      segretario.funzioni = funzioni.length ? blocksMarkdown(funzioni) : '';
      if (!funzioni.length) notes.push({ where: head.where, severity: 'avviso', message: 'funzioni del Segretario non trovate: "segretario.funzioni" è vuoto' });
      if (segretario.indennita_totale === undefined) {
        const sum = obiettivi.reduce((s, o) => s + (Number((o.peso as Obj | undefined)?.risultato) || 0), 0);
        segretario.indennita_totale = Math.min(100, sum);
        notes.push({ where: head.where, severity: 'avviso', message: `totale dell'indennità di risultato del Segretario non scritto: messo ${sum}, la somma dei pesi; controlla` });
      }
      if (obiettivi.length) segretario.obiettivi = obiettivi;
    }
  }

  // The settori.
  let current: { c: number; servizio?: Servizio; group?: Group; level?: number; expected: number; previousTipo?: PesoTipo } | undefined;
  const groupFor = (cur: NonNullable<typeof current>, read: ReadObjective): { list: Obj[]; numberFrom: number } => {
    const centro = centri[cur.c]!;
    if (!cur.servizio) return { list: centro.obiettivi, numberFrom: 0 };
    const g = cur.group;
    const startsAgain = read.numero === 1 && g !== undefined && g.obiettivi.length > 0;
    if (!g || startsAgain) {
      cur.group = { obiettivi: [] };
      cur.servizio.gruppi.push(cur.group);
      cur.expected = 1;
    }
    return { list: cur.group!.obiettivi, numberFrom: 0 };
  };
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    const s = settoreOf(b);
    if (s !== undefined) {
      const t = textOf(b).replace(/:$/, '');
      const centro = centri[s]!;
      if (words(t) !== words(centro.nome) || t !== centro.nome) {
        // The heading as written, unless it only types the name in capitals.
        centro.intestazione = t === t.toUpperCase() && t !== centro.nome.toUpperCase() ? matchCase(t, centro.nome) : t === centro.nome.toUpperCase() ? undefined : t;
      }
      met.add(s);
      current = { c: s, expected: 1, level: b.kind === 'heading' ? b.level : undefined };
      continue;
    }
    if (!current) {
      if (isSegretario(b)) notes.push({ where: b.where, severity: 'avviso', message: 'seconda parte del Segretario, dopo i settori: non importata' });
      unplaced(b);
      continue;
    }
    const centro = centri[current.c]!;
    const t = textOf(b);
    const resp = LEADER_LINE_RE.exec(t);
    if (b.kind === 'paragraph' && resp) {
      const value = resp[2]!.trim();
      if (!value || /^[-–—]$/.test(value)) continue;
      const h = people.mention(value, b.where, 'responsabili', current.c, true);
      if (!h) {
        notes.push({ where: b.where, severity: 'avviso', message: `«${value}» non sembra un nome di persona: responsabile non letto` });
        if (!unreadLeader.has(current.c)) unreadLeader.set(current.c, { where: b.where, text: t });
      } else {
        if (/^dirigente/i.test(resp[1]!)) dirigenti.add(h);
        if (!centro.responsabile) centro.responsabile = h;
      }
      continue;
    }
    const staff = /^personale(?: assegnato| del settore| in servizio)?\s*:\s*(.*)$/i.exec(t);
    if (b.kind === 'paragraph' && staff) {
      const inline = staff[1]!.trim();
      const names = inline ? outsideBrackets(inline, /\s*[,;]\s*|\s+e\s+(?=\p{Lu})/u).map((n) => n.trim()).filter(Boolean) : blocks[i + 1]?.kind === 'list' ? flatItems((blocks[++i] as Extract<Block, { kind: 'list' }>).items) : [];
      for (const n of names) {
        const h = people.mention(n, b.where, 'personale', current.c, true);
        if (h) centro.personale.push(h);
        else notes.push({ where: b.where, severity: 'avviso', message: `«${n}» non sembra un nome di persona: non aggiunto al personale assegnato` });
      }
      continue;
    }
    // "Funzioni: anagrafe, stato civile; protocollo." under a servizio, before its objectives: one
    // function between semicolons if there are any ("manutenzione del patrimonio, della viabilità"), else between commas.
    const funzioni = b.kind === 'paragraph' ? /^(?:funzioni|competenze|attivit[aà])(?: del servizio)?\s*:\s*(.*)$/i.exec(t) : null;
    if (funzioni && current.servizio && !current.group && current.servizio.funzioni.length === 0) {
      const items = funzioni[1]!.trim() ? outsideBrackets(funzioni[1]!, funzioni[1]!.includes(';') ? /\s*;\s*/ : /\s*,\s*/).map((x) => x.trim().replace(/[.;]+$/, '')).filter(Boolean).map((x) => x.charAt(0).toUpperCase() + x.slice(1)) : blocks[i + 1]?.kind === 'list' ? flatItems((blocks[++i] as Extract<Block, { kind: 'list' }>).items) : [];
      if (items.length) {
        current.servizio.funzioni = items;
        continue;
      }
    }
    if ((b.kind === 'heading' && GROUP_RE.test(t)) || (b.kind === 'paragraph' && GROUP_RE.test(t) && t.split(' ').length <= 8 && blocks[i + 1]?.kind === 'table')) {
      if (!current.servizio) {
        notes.push({ where: b.where, severity: 'info', message: `«${t}» prima di ogni servizio: titolo di gruppo non tenuto (gli obiettivi del settore non hanno gruppi)` });
        continue;
      }
      current.group = { titolo: t, obiettivi: [] };
      current.servizio.gruppi.push(current.group);
      current.expected = 1;
      continue;
    }
    const servizio = (b.kind === 'heading' && (current.level === undefined || b.level > current.level)) || (b.kind === 'paragraph' && SERVIZIO_RE.test(t) && (/:$/.test(t) || blocks[i + 1]?.kind === 'list') && t.split(' ').length <= 16);
    if (servizio) {
      const sv: Servizio = { nome: t.replace(/\s*:$/, ''), funzioni: [], gruppi: [] };
      if (blocks[i + 1]?.kind === 'list') sv.funzioni = flatItems((blocks[++i] as Extract<Block, { kind: 'list' }>).items);
      // Functions written one a paragraph, or a list broken by an empty paragraph ("- Anagrafe", blank, "- Stato Civile").
      while (blocks[i + 1]?.kind === 'list') sv.funzioni.push(...flatItems((blocks[++i] as Extract<Block, { kind: 'list' }>).items));
      centro.servizi.push(sv);
      current.servizio = sv;
      current.group = undefined;
      continue;
    }
    if (isObjective(b) && b.kind === 'table') {
      const read = readObjective(b.rows, b.where, { year: anno, people, centro: current.c, owner: centro.responsabile ?? undefined, segretario: false, notes, previousTipo: current.previousTipo, plainWeight: weightKind.tipo, headerless: !isObjectiveTable(labelsOf(b)) });
      current.previousTipo = read.pesoTipo;
      const o = placeObjective(read, centro.responsabile ?? undefined);
      plainWeightNote(read, o, b.where);
      const { list } = groupFor(current, read);
      if (read.pesoLabel) pesoLabels.push({ ...read.pesoLabel, segretario: false });
      objectiveComments.set(o, read.comments);
      list.push(o);
      if (o.tempi_pagamento === true) centro.paga_fatture = true;
      continue;
    }
    // The place and date and the signature at the foot ("Valdinoce, 28 gennaio 2025", "Il Segretario Generale …").
    if (b.kind === 'paragraph' && blocks.slice(i + 1).every((x) => x.kind === 'paragraph') && (/^[\p{Lu}][\p{L}' ]+,\s*(?:l[ìi]\s*)?\d{1,2}(?:°|º)?\s+\p{L}+\s+\d{4}\.?$|^[\p{Lu}][\p{L}' ]+,\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}$/u.test(t) || /^(?:il|la)\s+(?:segretari|sindac|responsabil|president|dirigent)/i.test(t) && t.split(' ').length <= 12)) {
      notes.push({ where: b.where, severity: 'info', message: 'data e firma in fondo al documento: non fanno parte del piano (i documenti riportano gli estremi dell\'approvazione)' });
      continue;
    }
    unplaced(b, b.kind === 'table' ? 'tabella non riconosciuta' : 'testo non collocato');
  }

  // People: the registry, ids in place of handles, the orders of names.
  const registry = people.resolve();
  notes.push(...registry.notes);
  // A dirigente's qualifica, unless the document writes one ("Dott.ssa Laura Bianchi (Funzionario)"): the schede then say "Dirigente del Settore …".
  for (const h of dirigenti) {
    const p = registry.persone[registry.idOf(h)];
    if (p && !p.qualifica) p.qualifica = 'Dirigente';
  }
  for (const [c, line] of unreadLeader) {
    if (!centri[c]!.responsabile) notes.push({ where: line.where, severity: 'avviso', message: `il settore «${centri[c]!.nome}» resta senza responsabile: la riga «${line.text}» non è stata capita; scrivi il responsabile in "centri[${c}].responsabile"` });
  }
  Object.assign(comments, registry.comments);
  const id = (h: string | null | undefined) => (h ? registry.idOf(h) : h);
  const usedIds = new Set<string>();
  const centriData = centri.map((c, k) => {
    const own = registry.orders.centri.get(k);
    const out: Obj = {
      id: uniqueId(slugCentro(c.nome), usedIds),
      nome: c.nome,
      ...(c.intestazione ? { intestazione: c.intestazione } : {}),
      responsabile: id(c.responsabile) ?? null,
      ...(c.paga_fatture ? { paga_fatture: true } : {}),
      ...(c.personale.length ? { personale: [...new Set(c.personale.map((h) => registry.idOf(h)))] } : {}),
      ...(own ? { ordine_nomi: own } : {}),
      ...(c.obiettivi.length ? { obiettivi: c.obiettivi } : {}),
      ...(c.servizi.length ? { servizi: c.servizi.map((s) => ({ nome: s.nome, ...(s.funzioni.length ? { funzioni: s.funzioni } : {}), ...(s.gruppi.length ? { gruppi: s.gruppi } : {}) })) } : {}),
    };
    return out;
  });
  if (centriData.length === 0) {
    notes.push({ where: 'documento', severity: 'avviso', message: 'nessun settore trovato: aggiunto un centro vuoto da completare' });
    centriData.push({ id: 'settore', nome: 'Settore', responsabile: null });
  }
  const data: Obj = {
    ente,
    piano,
    documento: {
      ...documento,
      ordine_nomi: registry.orders.plan,
      ...etichette(pesoLabels, anno),
    },
    persone: registry.persone,
    ...(plan.introduzione ? { introduzione: plan.introduzione } : {}),
    centri: centriData,
    ...(plan.nota_centri ? { nota_centri: plan.nota_centri } : {}),
    ...(segretario ? { segretario } : {}),
  };
  // Numbering: the mode that prints the document's numbers by itself; fixed numbers only where it jumps.
  const numbered = (o: Obj) => (o as Record<string | symbol, unknown>)[READ_NUMBER] as number | undefined;
  const mode = chooseNumbering(data, numbered);
  if (mode !== 'gruppo') {
    (data.documento as Obj) = { numerazione: mode, ...(data.documento as Obj) };
    notes.push({ where: 'documento', severity: 'info', message: mode === 'piano' ? 'gli obiettivi sono numerati di seguito in tutto il piano: documento.numerazione: piano' : `gli obiettivi sono numerati di seguito nei servizi di ogni ${mode}: documento.numerazione: ${mode}` });
  }
  // "Obiettivo 1.1", "OB. 3/1": the number within the settore is kept, the settore's is not printed; said, never changed in silence.
  const written: string[] = [];
  const objectives = rawObjectivesCount(data, (o) => {
    const x = o as Record<string | symbol, unknown>;
    if (typeof x[WRITTEN] === 'string') written.push(`«${x[WRITTEN] as string}» stampato «Obiettivo n. ${String(x.numero ?? x[READ_NUMBER])}»`);
    delete x[READ_NUMBER];
    delete x[WRITTEN];
  });
  if (written.length) {
    notes.push({ where: 'documento', severity: 'avviso', message: `il documento numera gli obiettivi anche col numero del settore (${written.slice(0, 3).join(', ')}${written.length > 3 ? ` e altri ${written.length - 3}` : ''}): i documenti stampano solo il numero dell'obiettivo${mode === 'settore' ? ', che riparte in ogni settore (documento.numerazione: settore)' : ''}; il numero del settore non è riportato` });
  }
  if (objectives === 0) {
    const tables = blocks.filter((b) => b.kind === 'table' && b.where !== (centriAt >= 0 ? blocks[centriAt]!.where : '')).map((b) => b.where);
    notes.push({ where: 'documento', severity: 'avviso', message: `il piano importato non ha obiettivi: ${tables.length ? `nessuna delle tabelle (${tables.join(', ')}) è stata letta come obiettivo (i motivi sono elencati a ciascuna)` : 'il documento non ha tabelle di obiettivi'}; ogni obiettivo va in una tabella a due colonne la cui prima riga è «Obiettivo n. 1» (o «Obiettivo operativo n. 1», «Scheda obiettivo n. 1»…) con il titolo accanto, e le righe Descrizione, Indicatori, Target, Termine, Peso` });
  }
  replaceHandles(data, registry);
  // Comments of objectives, by their path in the finished data.
  const paths = new Map<Obj, string>();
  walkObjectives(data, (o, path) => {
    paths.set(o, path);
    for (const [k, c] of Object.entries(objectiveComments.get(o) ?? {})) comments[`${path}.${k}`] = c;
  });
  // The plain weight's reading on the first objective of its label as the file lists them (centri before the Segretario).
  const inFileOrder = [...paths].filter(([, p]) => p.startsWith('centri')).concat([...paths].filter(([, p]) => !p.startsWith('centri')));
  for (const { label, text } of plainComments) {
    const first = inFileOrder.find(([o]) => plainLabel.get(o) === label);
    if (first) comments[`${first[1]}.peso`] = [comments[`${first[1]}.peso`], text].filter(Boolean).join('\n');
  }
  return { data, notes: inDocumentOrder(notes, blocks), comments, objectives, skipped };
}

/** The first column's labels of a table (a row of one cell: the text before its ":"). */
function labelsOf(b: Extract<Block, { kind: 'table' }>): string[] {
  return b.rows.map((r) => (r.length === 1 ? r[0]!.text.split(/[:–]/)[0]! : r[0]?.text ?? ''));
}

function rawObjectivesCount(data: Obj, each: (o: Obj) => void): number {
  let n = 0;
  walkObjectives(data, (o) => {
    each(o);
    n++;
  });
  return n;
}

/** "COMUNE DI VALDINOCE" → "Comune di Valdinoce", "SEGRETARIO GENERALE" → "Segretario Generale"; a text not all in capitals as it is. */
function normalCase(t: string): string {
  if (t !== t.toUpperCase() || t === t.toLowerCase()) return t;
  const small = new Set(['di', 'del', 'della', 'dei', 'delle', 'degli', 'e', 'ed', 'in', 'per', 'con', 'a', 'al', 'alla']);
  return t
    .toLowerCase()
    .split(/(\s+|-|')/)
    .map((w, k) => (k > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

/** Notes in the order of the places they name ("documento" first, then paragraphs and tables as they come). */
function inDocumentOrder(notes: ImportNote[], blocks: Block[]): ImportNote[] {
  const at = new Map<string, number>();
  const index = (bs: Block[], base: number) => bs.forEach((b, k) => at.set(b.where.replace(/ «.*$/s, ''), base + k));
  blocks.forEach((b, k) => {
    at.set(b.where.replace(/ «.*$/s, ''), k);
    if (b.kind === 'quote') index(b.blocks, k);
  });
  const key = (n: ImportNote) => {
    const m = /^((?:paragrafo|tabella) \d+)(?:, riga (\d+))?/.exec(n.where);
    return m ? [at.get(m[1]!) ?? 0, Number(m[2] ?? 0)] : [-1, 0];
  };
  return notes.map((n, k) => ({ n, k, key: key(n) })).sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.k - b.k).map((x) => x.n);
}

/** The objective's data with its own responsabile where it differs from whoever answers for the part. */
function placeObjective(read: ReadObjective, owner: string | undefined): Obj {
  const o: Obj = {};
  if (read.comune) o.comune = true;
  Object.assign(o, read.data);
  if (read.responsabile && read.responsabile !== owner) o.responsabile = read.responsabile;
  (o as Record<string | symbol, unknown>)[OWNER] = owner;
  (o as Record<string | symbol, unknown>)[READ_NUMBER] = read.numero;
  if (read.scritto) (o as Record<string | symbol, unknown>)[WRITTEN] = read.scritto;
  return o;
}

const OWNER = Symbol('owner');
/** The number the document gives the objective ("Obiettivo n. 3"), until the numbering is chosen. */
const READ_NUMBER = Symbol('numero letto');
/** The header as written when its number names the settore too ("Obiettivo 1.1"): the documents print only the second number. */
const WRITTEN = Symbol('numero scritto');

/** Handles → ids; an objective's own responsabile dropped when it is the same person as its settore's. */
function replaceHandles(value: unknown, registry: Registry): unknown {
  if (typeof value === 'string') return value.startsWith(HANDLE_PREFIX) ? registry.idOf(value) : value;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) value[k] = replaceHandles(value[k], registry);
    return value;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string | symbol, unknown>;
    for (const k of Object.keys(o)) o[k] = replaceHandles(o[k], registry);
    if (typeof o.responsabile === 'string' && OWNER in o) {
      const owner = o[OWNER] as string | undefined;
      if (owner && registry.idOf(owner) === o.responsabile) delete o.responsabile;
    }
    delete o[OWNER];
    return o;
  }
  return value;
}

function walkObjectives(data: Obj, fn: (o: Obj, path: string) => void): void {
  const seg = data.segretario as Obj | undefined;
  ((seg?.obiettivi as Obj[] | undefined) ?? []).forEach((o, k) => fn(o, `segretario.obiettivi[${k}]`));
  (data.centri as Obj[]).forEach((c, ci) => {
    ((c.obiettivi as Obj[] | undefined) ?? []).forEach((o, k) => fn(o, `centri[${ci}].obiettivi[${k}]`));
    ((c.servizi as Obj[] | undefined) ?? []).forEach((s, si) =>
      ((s.gruppi as Obj[] | undefined) ?? []).forEach((g, gi) => ((g.obiettivi as Obj[]) ?? []).forEach((o, k) => fn(o, `centri[${ci}].servizi[${si}].gruppi[${gi}].obiettivi[${k}]`))),
    );
  });
}

/** The weights' row labels where they differ from the documents' defaults ("% indennità di risultato {anno}"). */
function etichette(labels: { tipo: PesoTipo; label: string; segretario: boolean }[], anno: number): Obj {
  const most = (ls: string[]) => {
    const counts = new Map<string, number>();
    for (const l of ls) if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const withYear = (l: string | undefined) => l?.replace(new RegExp(`\\b${anno}\\b`, 'g'), '{anno}');
  const risultato = withYear(most(labels.filter((l) => l.tipo === 'risultato' && !l.segretario).map((l) => l.label)));
  const segretario = withYear(most(labels.filter((l) => l.tipo === 'risultato' && l.segretario).map((l) => l.label)));
  const ccdi = withYear(most(labels.filter((l) => l.tipo === 'ccdi').map((l) => l.label)));
  const coefficiente = withYear(most(labels.filter((l) => l.tipo === 'coefficiente').map((l) => l.label)));
  const DEFAULT_RISULTATO = '% indennità di risultato attribuita';
  const out: Obj = {};
  const r = risultato ?? DEFAULT_RISULTATO;
  if (r !== DEFAULT_RISULTATO) out.peso_risultato = r;
  if (segretario && segretario !== r) out.peso_risultato_segretario = segretario;
  if (ccdi && ccdi !== '% somma destinata alla performance organizzativa da CCDI {anno}') out.peso_ccdi = ccdi;
  if (coefficiente && coefficiente !== 'Coefficiente di peso') out.peso_coefficiente = coefficiente;
  return Object.keys(out).length ? { etichette: out } : {};
}

/** A capitals heading written with the name's own letters where the words are the same ("SETTORE ECONOMICO FINANZIARIO" → "Settore Economico Finanziario"). */
function matchCase(heading: string, name: string): string {
  const byWord = new Map(name.split(/\s+/).map((w) => [w.toUpperCase(), w]));
  return heading.split(/\s+/).map((w) => byWord.get(w) ?? w.charAt(0) + w.slice(1).toLowerCase()).join(' ');
}

/** "Settore Affari Generali" → "affari_generali"; an id starts with a letter: "Settore 1" → "settore_1", "Area 2" → "area_2". */
function slugCentro(nome: string): string {
  const all = slug(nome).split('_').filter(Boolean);
  const ws = all.filter((w) => !['settore', 'area', 'servizio', 'e', 'ed', 'di', 'del', 'della', 'dei', 'delle'].includes(w));
  const base = [...new Set(ws)].slice(0, 3).join('_');
  if (!base) return 'settore';
  if (/^[a-z]/.test(base)) return base;
  const lead = /^[a-z]/.test(all[0] ?? '') ? all[0] : 'settore';
  return `${lead}_${base}`;
}

/** `base`, or `base_2`, `base_3`… : the first not used yet (every id given is remembered in `used`). */
function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}
