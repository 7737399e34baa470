/**
 * A deadline as Comuni write it ("30/06/2024", "30.06.2024", "Entro il 30 giugno 2024",
 * "31 dicembre", "Tutto l'anno 2024", "dal … al …", "entro 90 giorni dall'approvazione del PIAO",
 * "entro il mese di giugno 2025", "secondo semestre")
 * read into the plan's structured `termine`. A text in parentheses after it is its `nota`. What
 * cannot be read becomes the whole plan year with the original text as `nota`, and `unsure` says
 * so (the importer asks the reviewer to check it).
 */
import { EVENTS, isRealDate } from '../../plan/schema.js';

export type Termine = {
  entro?: string;
  anno?: number;
  dal?: string;
  al?: string;
  giorni?: number;
  mesi?: number;
  evento?: keyof typeof EVENTS;
  nota?: string;
};

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const MONTH_RE = MONTHS.join('|');
const DATE_RE = `(\\d{1,2})(?:°|º)?\\s*(?:[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{2,4})|\\s+(${MONTH_RE})(?:\\s+(\\d{4}))?)`;

function iso(y: number, m: number, d: number): string | undefined {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(s) && y >= 2000 && y <= 2100 ? s : undefined;
}

/** A date written whole ("30/06/2024", "30.06.24", "30 giugno 2024", "31 dicembre" in the plan year). */
function date(s: string, year: number): string | undefined {
  const m = new RegExp(`^${DATE_RE}$`).exec(s.trim());
  if (!m) return undefined;
  const d = Number(m[1]);
  if (m[2]) {
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += 2000;
    else if (m[3]!.length !== 4) return undefined;
    return iso(y, Number(m[2]), d);
  }
  return iso(m[5] ? Number(m[5]) : year, MONTHS.indexOf(m[4]!) + 1, d);
}

const EVENT_PATTERNS: [RegExp, keyof typeof EVENTS][] = [
  [/^dall'approvazione del (piao|piano)/, 'approvazione_piao'],
  [/^dall'approvazione del bilancio/, 'approvazione_bilancio'],
  [/^dall'approvazione del rendiconto/, 'approvazione_rendiconto'],
  [/^dall'assunzione/, 'assunzione'],
];

/** A date written in the text that no calendar has ("31/02/2025", "31 aprile 2024"), for the note. */
function impossibleDate(text: string): string | undefined {
  for (const m of text.toLowerCase().matchAll(new RegExp(DATE_RE, 'g'))) {
    const d = Number(m[1]);
    const month = m[2] ? Number(m[2]) : MONTHS.indexOf(m[4]!) + 1;
    const y = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : m[5] ? Number(m[5]) : 2001;
    const days = month >= 1 && month <= 12 ? new Date(Date.UTC(y, month, 0)).getUTCDate() : 0;
    if (d < 1 || d > days) return `«${text.slice(m.index, m.index + m[0].length).trim()}»: questa data non esiste`;
  }
  return undefined;
}

/** The deadline read from its text; `unsure` when it was not understood (then `nota` holds the text, and `why` may say why). */
export function parseTermine(original: string, year: number): { termine: Termine; unsure: boolean; why?: string } {
  const text = original.replace(/\s+/g, ' ').trim();
  let body = text;
  let nota: string | undefined;
  const paren = /^(.*\S)\s*\(([^()]+)\)\s*\.?$/.exec(text);
  if (paren) [body, nota] = [paren[1]!, paren[2]!.trim()];
  const withNota = (t: Termine): { termine: Termine; unsure: boolean } => ({ termine: nota ? { ...t, nota } : t, unsure: false });
  const s = body.toLowerCase().replace(/[’`]/g, "'").replace(/\.$/, '').trim();

  // The whole year: "Tutto l'anno 2024", "anno 2024", "intero anno", "annuale", "2024".
  const anno = /^(?:per |durante |nel corso del(?:l')? ?)?(?:tutto l'|l'intero |intero )?(?:anno|annualita|annualità|annuale|esercizio)(?: (\d{4}))?$|^(\d{4})$/.exec(s);
  if (anno) {
    const y = Number(anno[1] ?? anno[2] ?? year);
    if (y >= 2000 && y <= 2100) return withNota({ anno: y });
  }
  // A period: "dal 1° marzo 2024 al 30 giugno 2024", "dal 01/03/2024 al 30/06/2024".
  const period = new RegExp(`^dal(?:l')?\\s*(.+?)\\s+(?:al|all'|fino al)\\s*(.+)$`).exec(s);
  if (period) {
    const dal = date(period[1]!, year);
    const al = date(period[2]!, year);
    if (dal && al && dal <= al) return withNota({ dal, al });
  }
  // A date, with or without "entro (il)".
  const entro = /^(?:entro(?: e non oltre)?|termine|scadenza|al|il|data)?(?: (?:il|la data del|del|al))?\s*(.+)$/.exec(s);
  const d = entro ? date(entro[1]!, year) : undefined;
  if (d) return withNota({ entro: d });
  // "entro l'anno 2024", "entro il 2024", "entro la fine dell'anno".
  const endOfYear = /^entro (?:il |l'anno |la fine dell'anno ?|fine anno ?)(\d{4})?$/.exec(s);
  if (endOfYear) return withNota({ entro: `${endOfYear[1] ?? year}-12-31` });
  // The end of a month: "entro il mese di giugno 2025", "entro fine giugno", "entro la fine di febbraio 2025".
  const month = new RegExp(`^(?:entro )?(?:il mese di|(?:la )?fine (?:del mese )?(?:di )?|fine mese )\\s*(${MONTH_RE})(?: (\\d{4}))?$`).exec(s);
  if (month) {
    const y = month[2] ? Number(month[2]) : year;
    const m = MONTHS.indexOf(month[1]!) + 1;
    const last = iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
    if (last) return withNota({ entro: last });
  }
  // A half year: "primo semestre", "secondo semestre 2025", "II semestre", "2° semestre".
  const half = /^(?:nel |durante il |entro il )?(primo|secondo|i|ii|1°?|2°?|1º|2º) semestre(?: (?:dell'anno |del )?(\d{4}))?$/.exec(s);
  if (half) {
    const y = half[2] ? Number(half[2]) : year;
    const first = /^(primo|i|1)/.test(half[1]!) && half[1] !== 'ii';
    if (y >= 2000 && y <= 2100) {
      if (s.startsWith('entro ')) return withNota({ entro: `${y}-${first ? '06-30' : '12-31'}` });
      return withNota(first ? { dal: `${y}-01-01`, al: `${y}-06-30` } : { dal: `${y}-07-01`, al: `${y}-12-31` });
    }
  }
  // "entro 90 giorni dall'approvazione del PIAO", "6 mesi dall'assunzione".
  const rel = /^(?:entro )?(\d{1,4}) (giorn[oi]|mes[ei]) (.+)$/.exec(s);
  if (rel) {
    const event = EVENT_PATTERNS.find(([re]) => re.test(rel[3]!));
    const n = Number(rel[1]);
    if (event && n > 0) return withNota(rel[2]!.startsWith('giorn') ? { giorni: n, evento: event[1] } : { mesi: n, evento: event[1] });
  }
  // Words with the date in brackets: "Entro l'inizio dell'anno scolastico (15 settembre 2025)".
  const inBrackets = paren ? /^(?:entro(?: il)? |il |al )?(.+)$/.exec(paren[2]!.toLowerCase().trim()) : null;
  const bracketDate = inBrackets ? date(inBrackets[1]!, year) : undefined;
  if (bracketDate) return { termine: { entro: bracketDate, nota: body }, unsure: false };
  const why = impossibleDate(text);
  return { termine: { anno: year, nota: text }, unsure: true, ...(why ? { why } : {}) };
}
