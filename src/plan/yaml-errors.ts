/**
 * YAML syntax errors explained to a person who is not a programmer. The yaml library reports
 * where its parser got lost, which is often a line or two after the mistake, in English, and
 * followed by a cascade of consequences. Here each error is matched with the source line to
 * name the real mistake (a missing space after ":", an unclosed bracket or quote, an apostrophe
 * inside apices, ": " inside a text…), at its real place, in Italian; consequences are dropped.
 */
import type { YAMLError } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

export interface SyntaxProblem extends Position {
  code: string;
  message: string;
  hint?: string;
}

/** Offsets of line starts, for positions that do not depend on the parser's own line counting. */
export class Lines {
  private readonly starts: number[] = [0];
  readonly text: string[];
  constructor(source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
    this.text = source.split('\n').map((l) => l.replace(/\r$/, ''));
  }
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
  line(n: number): string {
    return this.text[n - 1] ?? '';
  }
}

/** Errors that do not derail the parser: each is worth reporting on its own. */
const INDEPENDENT = new Set(['DUPLICATE_KEY', 'TAB_AS_INDENT', 'BAD_DQ_ESCAPE', 'MULTIPLE_ANCHORS', 'MULTIPLE_TAGS', 'KEY_OVER_1024_CHARS']);

const MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'chiave ripetuta: ogni chiave può comparire una sola volta nello stesso gruppo',
  TAB_AS_INDENT: 'tabulazione usata per il rientro: in YAML i rientri si fanno solo con spazi',
  BAD_INDENT: 'rientro non corretto: controlla che gli elementi allo stesso livello abbiano lo stesso numero di spazi',
  MISSING_CHAR: 'manca un carattere di chiusura (virgolette o parentesi)',
  MULTILINE_IMPLICIT_KEY: 'una chiave non può continuare su più righe: forse manca ":" o un rientro è sbagliato',
  BLOCK_AS_IMPLICIT_KEY: 'struttura non valida: forse manca ":" dopo una chiave o un rientro è sbagliato',
  UNEXPECTED_TOKEN: 'carattere inatteso in questo punto',
  BAD_SCALAR_START: 'un valore non può iniziare con questo carattere: mettilo tra virgolette',
  BAD_DIRECTIVE: 'direttiva YAML non valida (le righe che iniziano con "%")',
  ALIAS_PROPS: 'un riferimento (alias "*") non può avere proprietà',
  BAD_ALIAS: 'riferimento (alias "*") non valido',
  IMPOSSIBLE: 'struttura YAML non valida',
  KEY_OVER_1024_CHARS: 'chiave troppo lunga (al massimo 1024 caratteri)',
  MISSING_ANCHOR: 'riferimento (alias "*") a un\'ancora "&" che non esiste',
  NON_STRING_KEY: 'le chiavi devono essere testi',
  TAG_RESOLVE_FAILED: 'tag YAML ("!") non riconosciuto',
  MULTIPLE_DOCS: 'il file contiene più documenti YAML (una riga con "---" li separa): ne serve uno solo',
  BAD_DQ_ESCAPE: 'sequenza non valida tra virgolette doppie: la barra rovesciata "\\" introduce un carattere speciale',
  BLOCK_IN_FLOW: 'un elenco o un gruppo "a capo" non può stare dentro parentesi { } o [ ]',
  BAD_PROP_ORDER: 'ancora "&" e tag "!" sono nell\'ordine sbagliato',
  MULTIPLE_ANCHORS: 'un valore può avere una sola ancora "&"',
  MULTIPLE_TAGS: 'un valore può avere un solo tag "!"',
  RESOURCE_EXHAUSTION: 'il file è troppo annidato o troppo complesso da leggere',
  BAD_COLLECTION_TYPE: 'tipo di raccolta non valido',
};

const HINTS: Record<string, string> = {
  BAD_DQ_ESCAPE: 'scrivi "\\\\" per una barra rovesciata, oppure usa gli apici semplici \'…\'',
  MULTIPLE_DOCS: 'togli la riga "---" (o dividi il file in due)',
  TAB_AS_INDENT: 'sostituisci le tabulazioni con spazi (l\'editor può farlo da solo)',
};

/** The problems to show for the parser's errors: the first, its real cause where known, and the independent ones. */
export function explainYamlErrors(errors: readonly YAMLError[], lines: Lines): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  let dropped = 0;
  errors.forEach((err, i) => {
    if (i > 0 && !INDEPENDENT.has(err.code)) {
      dropped++;
      return;
    }
    out.push(explain(err, lines.at(err.pos[0]), lines));
  });
  if (dropped && out[0]) {
    const note = `corretto questo, ricontrolla il file: altri ${dropped === 1 ? 'un errore' : `${dropped} errori`} di sintassi che ne derivano non sono mostrati`;
    out[0].hint = out[0].hint ? `${out[0].hint}; ${note}` : note;
  }
  return out;
}

function explain(err: YAMLError, pos: Position, lines: Lines): SyntaxProblem {
  const code = `yaml.${err.code.toLowerCase().replaceAll('_', '-')}`;
  const base: SyntaxProblem = { code, ...pos, message: `errore di sintassi YAML: ${MESSAGES[err.code] ?? 'struttura YAML non valida'}`, ...(HINTS[err.code] && { hint: HINTS[err.code] }) };
  const text = lines.line(pos.line);

  // "chiave:valore" or "chiave:{" — the space after the colon is missing.
  const noSpace = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?=[^\s:/])/.exec(text);
  if (noSpace && (err.code === 'MULTILINE_IMPLICIT_KEY' || err.code === 'UNEXPECTED_TOKEN' || err.code === 'BLOCK_AS_IMPLICIT_KEY')) {
    const col = noSpace[1]!.length + noSpace[2]!.length + 2;
    return { ...base, line: pos.line, col, message: `errore di sintassi YAML: manca lo spazio dopo i due punti di «${noSpace[2]}»`, hint: `scrivi «${noSpace[2]}: …» con uno spazio dopo ":"` };
  }

  if (err.code === 'MISSING_CHAR' && /quote/i.test(err.message)) {
    const quote = /'quote|single/i.test(err.message) ? "'" : '"';
    const opened = findUnclosedQuote(lines, pos.line, quote);
    if (opened) {
      return {
        ...base, line: opened, col: lines.line(opened).length + 1,
        message: `errore di sintassi YAML: le ${quote === "'" ? 'virgolette semplici (apice)' : 'virgolette doppie'} aperte in questa riga non sono chiuse`,
        hint: quote === "'" ? 'chiudi il testo con un apice, oppure usa le virgolette doppie "…" se il testo contiene un apostrofo' : 'chiudi il testo con le virgolette doppie',
      };
    }
  }

  if (err.code === 'BAD_INDENT' && /must be sufficiently indented and end with a ([}\]])/.test(err.message)) {
    const closer = /end with a ([}\]])/.exec(err.message)![1]!;
    const opener = closer === '}' ? '{' : '[';
    for (let l = pos.line - 1; l >= 1 && l >= pos.line - 20; l--) {
      if (unbalanced(lines.line(l), opener, closer) > 0) {
        return { ...base, code: 'yaml.missing-char', line: l, col: lines.line(l).length + 1, message: `errore di sintassi YAML: la parentesi «${opener}» aperta in questa riga non è chiusa`, hint: `aggiungi «${closer}» alla fine` };
      }
    }
  }

  // A line more indented than the one before, whose value is already given.
  if (err.code === 'MULTILINE_IMPLICIT_KEY' || err.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const next = lines.line(pos.line + 1);
    if (indent(next) > keyIndent(text) && /:\s+\S/.test(text)) {
      return { ...base, code: 'yaml.bad-indent', line: pos.line + 1, col: 1, message: 'errore di sintassi YAML: rientro non corretto: questa riga ha più spazi all\'inizio della precedente', hint: 'allinea la chiave alle altre dello stesso gruppo' };
    }
  }

  if (err.code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/i.test(err.message)) {
    const dash = text.indexOf('-');
    return { ...base, col: dash >= 0 ? dash + 1 : pos.col, message: 'errore di sintassi YAML: un elemento di elenco "- " non può stare qui: forse il rientro è sbagliato, o manca la chiave dell\'elenco' };
  }

  // "titolo: Reddito di cittadinanza: prosecuzione" — a ": " inside a text.
  if (err.code === 'BLOCK_AS_IMPLICIT_KEY' && /^\s*(?:-\s+)?[^:#'"]+:\s+[^'"].*:\s/.test(text)) {
    return { ...base, message: 'errore di sintassi YAML: il testo contiene «: » (due punti seguiti da uno spazio): va messo tra virgolette', hint: 'scrivi il testo tra virgolette doppie "…"' };
  }

  // 'testo dell'ente' — the apostrophe closes the text between apices.
  if (err.code === 'UNEXPECTED_TOKEN' && /:\s+'[^']*'[^'\s#,}\]]/.test(text)) {
    return { ...base, message: 'errore di sintassi YAML: un apostrofo chiude il testo tra apici \'…\'', hint: 'usa le virgolette doppie "…" per un testo che contiene apostrofi, oppure scrivi l\'apostrofo due volte (\'\')' };
  }
  return base;
}

function indent(s: string): number {
  return /^ */.exec(s)![0].length;
}

/** Where the key of a line starts: after the indentation and an optional "- ". */
function keyIndent(s: string): number {
  return /^ *(?:- +)?/.exec(s)![0].length;
}

/** How many `open` brackets of a line are not closed on it (quoted text and comments ignored). */
function unbalanced(line: string, open: string, close: string): number {
  const bare = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '').replace(/\s#.*$/, '');
  let n = 0;
  for (const c of bare) {
    if (c === open) n++;
    else if (c === close) n--;
  }
  return n;
}

/** The line, up to `before`, where a quoted text is opened and not closed. */
function findUnclosedQuote(lines: Lines, before: number, quote: string): number | undefined {
  for (let l = 1; l <= Math.min(before, lines.text.length); l++) {
    const text = lines.line(l).replace(/\s#.*$/, '');
    const m = new RegExp(`(?:^|[:\\-\\[{,]\\s*)${quote}`).exec(text.trimStart().startsWith('#') ? '' : text);
    if (!m) continue;
    const rest = text.slice(m.index + m[0].length);
    const closed = quote === "'" ? /^(?:[^']|'')*'/.test(rest) : /^(?:[^"\\]|\\.)*"/.test(rest);
    if (!closed) return l;
  }
  return undefined;
}
