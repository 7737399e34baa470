/**
 * The rows of an objective's table as Comuni write them: a label (in any case, with or without
 * the year, "Termine" or "Tempi di realizzazione") recognised as one field of the model. A label
 * the model has no field for is `altro` (it goes to `altri_campi`, in order).
 */
export type Field =
  | { field: 'intestazione'; numero?: number; scritto?: string; comune: boolean }
  | { field: 'responsabile' }
  | { field: 'descrizione' | 'fasi' | 'indicatori' | 'target' | 'termine' | 'personale' | 'stakeholder' | 'contributor' | 'baseline' | 'fonte_dati' | 'valore_pubblico' | 'obiettivo_strategico' | 'missione_programma' | 'codice_dup' | 'pnrr' | 'tipo' | 'rilevante_valutazione' }
  | { field: 'risorse'; part?: 'umane' | 'strumentali' | 'finanziarie' }
  | { field: 'peso'; tipo: 'risultato' | 'ccdi' | 'coefficiente' | 'generico' }
  | { field: 'altro' };

/** A label as compared: lower case, no accents' variants, no punctuation at the ends, spaces as one. */
export function labelKey(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s:.\-–]+|[\s:.\-–]+$/g, '')
    .trim();
}

const SIMPLE: [RegExp, Field][] = [
  [/^responsabil[ei]( dell'obiettivo| del servizio| del settore)?$/, { field: 'responsabile' }],
  [/obiettiv[oi] strategic/, { field: 'obiettivo_strategico' }],
  [/valore pubblico/, { field: 'valore_pubblico' }],
  [/^descrizione|^contenuto|^finalita/, { field: 'descrizione' }],
  [/indicator/, { field: 'indicatori' }],
  [/^fas[ei]\b|^attivita|^azioni|^cronoprogramma/, { field: 'fasi' }],
  [/^target|valore atteso|risultato atteso|^traguardo/, { field: 'target' }],
  [/^termine|^tempi( di realizzazione| di attuazione)?$|^tempistica|^scadenza|^entro quando|^durata|^tempi di realizzazione|^tempo di realizzazione/, { field: 'termine' }],
  [/^personale|dipendenti coinvolti|^collaboratori|^dipendent/, { field: 'personale' }],
  [/stakeholder|^destinatari|portatori di interesse|^a chi e rivolto/, { field: 'stakeholder' }],
  [/^contributor|contribuiscono|unita organizzative coinvolte|^struttur[ae] coinvolt|^uffic[io] coinvolt|^settori coinvolti/, { field: 'contributor' }],
  [/^baseline|valore di partenza|situazione di partenza|^da dove partiamo/, { field: 'baseline' }],
  [/^fonte/, { field: 'fonte_dati' }],
  [/^missione/, { field: 'missione_programma' }],
  // "Collegamento DUP", "Obiettivo DUP": a code ("1.2.1") is codice_dup, a text obiettivo_strategico (decided on the value, objective.ts).
  [/codice dup|^dup$|riferimento (al )?dup|collegamento (al |con il )?dup|^obiettivo (del )?dup$/, { field: 'codice_dup' }],
  [/pnrr/, { field: 'pnrr' }],
  [/^tipo( di)? obiettivo|^tipologia/, { field: 'tipo' }],
  [/^rilevante/, { field: 'rilevante_valutazione' }],
  [/^risorse umane/, { field: 'risorse', part: 'umane' }],
  [/^risorse strumentali/, { field: 'risorse', part: 'strumentali' }],
  [/^risorse finanziarie/, { field: 'risorse', part: 'finanziarie' }],
  [/^risorse$/, { field: 'risorse' }],
  [/indennita|retribuzione di risultato|^% (di )?risultato/, { field: 'peso', tipo: 'risultato' }],
  [/ccdi|somma destinata|performance organizzativa|fondo/, { field: 'peso', tipo: 'ccdi' }],
  [/coefficiente|pesatura/, { field: 'peso', tipo: 'coefficiente' }],
  [/^peso|^ponderazione|^%$/, { field: 'peso', tipo: 'generico' }],
];

/** Words Comuni put between "Obiettivo" and its number: "Obiettivo operativo n. 1", "Obiettivo di performance n. 3". */
const KIND = "(?:operativ[oa]|strategic[oa]|gestional[ei]|individual[ei]|specific[oa]|annual[ei]|trasversal[ei]|di (?:performance|gruppo|sviluppo|mantenimento|miglioramento|ente|settore|servizio|area|p\\.?e\\.?g\\.?)|peg|pdo|organizzativ[oa])";
// "1.1", "3/1": the objective's number within its settore after the settore's number.
const NUMBER = '(?:n\\.?|n°|nr\\.?|numero|#)?\\s*(?:(\\d{1,3})\\s*[./]\\s*)?(\\d{1,5})';
const NUMBERED = new RegExp(`^(?:scheda(?: (?:obiettivo|n\\.?|n°))?\\s*|(?:scheda )?(?:obiettivo|ob\\.?)(?: ${KIND}){0,2}\\s*)${NUMBER}$`);
const UNNUMBERED = new RegExp(`^(?:scheda(?: obiettivo)?|obiettivo(?: ${KIND}){1,2}|obiettivo|titolo|titolo (?:dell')?obiettivo|denominazione(?: (?:dell')?obiettivo)?)$`);

/**
 * The objective's header: "Obiettivo n. 1", "OBIETTIVO OPERATIVO N. 1", "Obiettivo strategico n. 2",
 * "Scheda obiettivo n. 5", "Obiettivo comune", "Obiettivo gestionale", "Titolo". ("Obiettivo
 * strategico" without a number is the row naming the DUP's objective, unless it heads the table.)
 */
export function headerLabel(label: string, first = false): { numero?: number; scritto?: string; comune: boolean } | undefined {
  const k = labelKey(label);
  if (/^obiettiv[oi] comun[ei]$/.test(k)) return { comune: true };
  const n = NUMBERED.exec(k);
  if (n) return { numero: Number(n[2]), ...(n[1] ? { scritto: `${n[1]}${/\//.test(k) ? '/' : '.'}${n[2]}` } : {}), comune: false };
  if (UNNUMBERED.test(k) && (first || !/^obiettivo strategic/.test(k))) return { comune: false };
  return undefined;
}

export function recogniseLabel(label: string, first = false): Field {
  const header = headerLabel(label, first);
  if (header) return { field: 'intestazione', ...header };
  const k = labelKey(label);
  for (const [re, f] of SIMPLE) if (re.test(k)) return f;
  return { field: 'altro' };
}

const CONTENT = ['descrizione', 'fasi', 'indicatori', 'target', 'termine', 'peso'];

/** Labels that surely start an objective's table, or surely belong to one. */
export function isObjectiveTable(labels: string[]): boolean {
  const fields = labels.map((l, k) => recogniseLabel(l, k === 0));
  const known = fields.filter((f) => CONTENT.includes(f.field)).length;
  return fields.some((f) => f.field === 'intestazione') && known >= 1;
}

/** A table without a header row whose first row names the objective some other way ("Progetto A | …") but with most of an objective's rows. */
export function isHeaderlessObjective(labels: string[]): boolean {
  const fields = labels.map((l, k) => recogniseLabel(l, k === 0));
  const kinds = new Set(fields.filter((f) => CONTENT.includes(f.field)).map((f) => f.field));
  return kinds.size >= 3 && fields[0]?.field === 'altro';
}

/** A table that looks like an objective's (two of its rows are an objective's), whether or not it can be read. */
export function looksLikeObjective(labels: string[]): boolean {
  const fields = labels.map((l, k) => recogniseLabel(l, k === 0));
  return new Set(fields.filter((f) => CONTENT.includes(f.field)).map((f) => f.field)).size >= 2 || /^obiettiv/.test(labelKey(labels[0] ?? ''));
}

/** Why a table was not read as an objective, in words for the note. */
export function whyNotObjective(labels: string[]): string {
  const first = (labels[0] ?? '').replace(/\s+/g, ' ').trim();
  const fields = labels.map((l, k) => recogniseLabel(l, k === 0));
  const known = [...new Set(labels.filter((_, k) => CONTENT.includes(fields[k]!.field)).map((l) => `«${l.trim()}»`))];
  const expected = "attesa: «Obiettivo n. 1», «Obiettivo operativo n. 1», «Scheda obiettivo n. 1» o simili, con il titolo accanto";
  if (fields[0]?.field !== 'intestazione') {
    return `la prima riga ${first ? `«${first.length > 60 ? `${first.slice(0, 57)}…` : first}»` : '(vuota)'} non è un'intestazione di obiettivo (${expected})${known.length ? `; righe di obiettivo trovate: ${known.join(', ')}` : ''}`;
  }
  return 'nessuna riga di un obiettivo (Descrizione, Indicatori, Target, Termine, Peso) dopo l\'intestazione';
}
