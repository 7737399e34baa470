/**
 * The rows of an objective's table as Comuni write them: a label (in any case, with or without
 * the year, "Termine" or "Tempi di realizzazione") recognised as one field of the model. A label
 * the model has no field for is `altro` (it goes to `altri_campi`, in order).
 */
export type Field =
  | { field: 'intestazione'; numero?: number; comune: boolean }
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
  [/^contributor|contribuiscono|unita organizzative coinvolte/, { field: 'contributor' }],
  [/^baseline|valore di partenza|situazione di partenza|^da dove partiamo/, { field: 'baseline' }],
  [/^fonte/, { field: 'fonte_dati' }],
  [/^missione/, { field: 'missione_programma' }],
  [/codice dup|^dup$|riferimento dup/, { field: 'codice_dup' }],
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

/** The objective's header: "Obiettivo n. 1", "Obiettivo n° 3", "OBIETTIVO 2", "Obiettivo comune", "Obiettivo", "Titolo". */
export function headerLabel(label: string): { numero?: number; comune: boolean } | undefined {
  const k = labelKey(label);
  if (/^obiettiv[oi] comun[ei]$/.test(k)) return { comune: true };
  const n = /^(?:obiettivo|ob\.?)\s*(?:n\.?|n°|nr\.?|numero|#)?\s*(\d{1,5})$/.exec(k);
  if (n) return { numero: Number(n[1]), comune: false };
  if (/^(obiettivo|titolo|titolo (dell')?obiettivo|denominazione( (dell')?obiettivo)?|obiettivo operativo|obiettivo di performance)$/.test(k)) return { comune: false };
  return undefined;
}

export function recogniseLabel(label: string): Field {
  const header = headerLabel(label);
  if (header) return { field: 'intestazione', ...header };
  const k = labelKey(label);
  for (const [re, f] of SIMPLE) if (re.test(k)) return f;
  return { field: 'altro' };
}

/** Labels that surely start an objective's table, or surely belong to one. */
export function isObjectiveTable(labels: string[]): boolean {
  const fields = labels.map(recogniseLabel);
  const known = fields.filter((f) => ['descrizione', 'fasi', 'indicatori', 'target', 'termine', 'peso'].includes(f.field)).length;
  return fields.some((f) => f.field === 'intestazione') && known >= 1;
}
