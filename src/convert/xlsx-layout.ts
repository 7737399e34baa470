/**
 * The workbook's layout, shared by `piao export --xlsx`/`--consuntivo` (writing) and `piao import`
 * (reading): the sheets, their columns (Italian header, the note explaining it, width, how a value
 * is written in a cell), and the few cell forms a person types (sì/no, dates, deadlines). One
 * place, so that what export writes is what import reads.
 */
import { EVENTS } from '../plan/schema.js';

export const SHEETS = {
  obiettivi: 'Obiettivi',
  voci: 'Fasi e indicatori',
  persone: 'Persone',
  settori: 'Settori e servizi',
  elenchi: 'Elenchi',
  risultati: 'Risultati obiettivi',
  risultatiVoci: 'Risultati fasi e indicatori',
  sorgente: 'piao',
} as const;

/** The "settore" of the Segretario's own objectives. */
export const SEGRETARIO = 'Segretario';
export const YES = 'sì';
export const NO = 'no';
export const WEIGHT_KINDS = ['risultato', 'ccdi', 'coefficiente'] as const;
/** What a row of "Fasi e indicatori" is. */
export const VOCI = { fase: 'fase', indicatore: 'indicatore', campo: 'altro campo' } as const;

/** What "Previsto" says for an indicator without a target: a measured value has nothing to be compared with. */
export const NO_TARGET = 'nessun target: indica il Raggiungimento %';
/** A row of "Settori e servizi". */
export const UNITA = { settore: 'settore', servizio: 'servizio' } as const;
/** Version of the hidden sheet's content. */
export const FORMAT = 'piao-xlsx 1';

/** How a column's value is written in its cell and read back. */
export type Kind = 'text' | 'int' | 'number' | 'flag' | 'ids' | 'lines' | 'date' | 'termine' | 'pesoTipo' | 'value' | 'choice';

export interface Column {
  /** The data key (or a pseudo-key the reader knows: "rif", "settore", "peso_tipo"…). */
  key: string;
  header: string;
  note: string;
  width: number;
  kind: Kind;
  /** For "choice": the allowed texts. */
  choices?: readonly string[];
  /** Consuntivo workbook: a fact of the plan, shown read-only. */
  readOnly?: boolean;
}

const c = (key: string, header: string, kind: Kind, width: number, note: string, extra: Partial<Column> = {}): Column => ({ key, header, kind, width, note, ...extra });

const RIF_NOTE = 'Codice della riga, scritto da piao: non cambiarlo. Per un obiettivo nuovo lascialo vuoto, oppure scrivi un codice nuovo (ad esempio N1) per collegargli fasi e indicatori nel foglio "Fasi e indicatori".';
const FLAG_NOTE = 'sì / no (vuoto: non indicato)';

export const OBIETTIVI_COLUMNS: Column[] = [
  c('rif', 'Riga', 'text', 7, RIF_NOTE),
  c('settore', 'Settore', 'text', 24, `Il settore (come nel foglio "Settori e servizi"), oppure "${SEGRETARIO}" per gli obiettivi del Segretario.`),
  c('servizio', 'Servizio', 'text', 24, 'Il servizio del settore; vuoto per un obiettivo del settore stesso o del Segretario.'),
  c('gruppo', 'Gruppo', 'int', 8, 'Gruppo di obiettivi nel servizio (1, 2, …): la numerazione ricomincia a ogni gruppo. Vuoto: 1.'),
  c('titolo_gruppo', 'Titolo del gruppo', 'text', 16, 'Titolo facoltativo mostrato prima del gruppo (basta scriverlo in una riga del gruppo).'),
  c('richiama', 'Richiama', 'text', 14, 'Per un obiettivo comune scritto per intero altrove: il suo identificativo. In questa riga si scrive solo ciò che cambia qui (peso, personale…); il resto è quello dell\'obiettivo richiamato.'),
  c('numero', 'N.', 'int', 6, 'Numero fissato dall\'ente (0 per un obiettivo prerequisito); vuoto: numerato in ordine.'),
  c('id', 'Identificativo', 'text', 14, 'Identificativo facoltativo (lettere minuscole, cifre, "-" e "_"), per richiamare l\'obiettivo.'),
  c('titolo', 'Titolo', 'text', 36, 'Titolo dell\'obiettivo (obbligatorio).'),
  c('comune', 'Comune a più settori', 'flag', 10, `Obiettivo comune: mostrato come "Obiettivo comune" invece che numerato. ${FLAG_NOTE}`),
  c('responsabile', 'Responsabile', 'text', 14, 'Identificativo della persona (foglio "Persone"), se diverso dal responsabile del settore.'),
  c('descrizione', 'Descrizione', 'text', 50, 'Descrizione sintetica del contenuto (obbligatoria).'),
  c('target', 'Target', 'text', 30, 'Il risultato atteso.'),
  c('termine', 'Termine', 'termine', 26, 'Entro quando: "entro il 30/06/{anno}", "anno {anno}", "dal 01/03/{anno} al 30/09/{anno}", "90 giorni dall\'approvazione del PIAO" (eventi: PIAO, bilancio, rendiconto, assunzione).'),
  c('termine_nota', 'Nota al termine', 'text', 18, 'Precisazione mostrata tra parentesi dopo il termine.'),
  c('peso_tipo', 'Tipo di peso', 'choice', 12, 'risultato (% dell\'indennità di risultato), ccdi (% della somma CCDI) o coefficiente. Vuoto solo per un obiettivo prerequisito.', { choices: WEIGHT_KINDS }),
  c('peso_valore', 'Peso', 'number', 8, 'Il peso: un numero (30 per il 30%; 1,2 per un coefficiente). Vuoto: non ancora deciso.'),
  c('personale', 'Personale', 'ids', 22, 'Identificativi delle persone coinvolte (foglio "Persone"), separati da virgole.'),
  c('tempi_pagamento', 'Tempi di pagamento', 'flag', 11, `Obiettivo sui tempi di pagamento (art. 4-bis D.L. 13/2023). ${FLAG_NOTE}`),
  c('formazione', 'Formazione', 'flag', 11, `Obiettivo sulla formazione del personale. ${FLAG_NOTE}`),
  c('prerequisito', 'Prerequisito', 'flag', 11, `Obiettivo prerequisito: senza peso, se mancato esclude il premio. ${FLAG_NOTE}`),
  c('prerequisiti', 'Prerequisiti', 'ids', 14, 'Identificativi degli obiettivi che sono prerequisiti di questo, separati da virgole.'),
  c('stakeholder', 'Stakeholder', 'text', 20, 'A chi è rivolto l\'obiettivo.'),
  c('contributor', 'Contributor', 'text', 20, 'Unità organizzative o soggetti esterni che contribuiscono.'),
  c('baseline', 'Baseline', 'text', 20, 'Da dove si parte.'),
  c('fonte_dati', 'Fonte dei dati', 'text', 20, 'Dove sono verificabili i dati.'),
  c('valore_pubblico', 'Valore pubblico', 'text', 20, 'Obiettivo di valore pubblico (sezione 2.1) a cui contribuisce.'),
  c('codice_dup', 'Codice DUP', 'text', 10, 'Codice dell\'obiettivo nel DUP, ad esempio 1.2.1.'),
  c('missione_programma', 'Missione e programma', 'text', 18, 'Missione e programma del DUP.'),
  c('obiettivo_strategico', 'Obiettivo strategico', 'text', 20, 'Obiettivo strategico (DUP) da cui discende.'),
  c('pnrr', 'PNRR', 'text', 10, 'Misura del PNRR, ad esempio M2C3 I1.1.'),
  c('tipo', 'Tipo di obiettivo', 'text', 16, 'Come lo scrive l\'ente: "di mantenimento", "di sviluppo"…'),
  c('rilevante_valutazione', 'Rilevante per la valutazione', 'flag', 11, FLAG_NOTE),
  c('risorse', 'Risorse', 'text', 20, 'Le risorse in un solo testo; oppure usa le tre colonne seguenti.'),
  c('risorse_umane', 'Risorse umane', 'text', 16, 'Risorse umane, ad esempio "2 istruttori".'),
  c('risorse_strumentali', 'Risorse strumentali', 'text', 16, 'Risorse strumentali.'),
  c('risorse_finanziarie', 'Risorse finanziarie', 'text', 16, 'Risorse finanziarie: capitoli e importi.'),
];

/** The objective's own keys written as they are (texts, numbers, flags, lists of ids). */
export const PLAIN_KEYS = OBIETTIVI_COLUMNS.filter((col) => !['rif', 'settore', 'servizio', 'gruppo', 'titolo_gruppo', 'termine', 'termine_nota', 'peso_tipo', 'peso_valore', 'risorse', 'risorse_umane', 'risorse_strumentali', 'risorse_finanziarie'].includes(col.key)).map((col) => col.key);

export const VOCI_COLUMNS: Column[] = [
  c('rif', 'Riga dell\'obiettivo', 'text', 12, 'Il codice "Riga" dell\'obiettivo (foglio "Obiettivi") a cui appartiene questa riga. Le righe di un obiettivo sono nell\'ordine in cui compaiono.'),
  c('voce', 'Voce', 'choice', 12, `"${VOCI.fase}", "${VOCI.indicatore}" oppure "${VOCI.campo}" (un'altra riga della tabella dell'obiettivo).`, { choices: Object.values(VOCI) }),
  c('testo', 'Descrizione / nome', 'text', 44, 'La fase, il nome dell\'indicatore, o l\'etichetta dell\'altro campo.'),
  c('peso', 'Peso', 'number', 7, 'Peso della fase o dell\'indicatore sull\'obiettivo (le fasi pesate sommano a 100).'),
  c('inizio', 'Inizio', 'date', 11, 'Fase: data di inizio (GG/MM/AAAA).'),
  c('fine', 'Fine', 'date', 11, 'Fase: data di fine (GG/MM/AAAA).'),
  c('output', 'Output', 'text', 20, 'Fase: prodotto atteso.'),
  c('valore', 'Contenuto', 'text', 30, 'Altro campo: il contenuto della riga.'),
  c('tipo', 'Tipo', 'text', 12, 'Indicatore: efficacia, efficienza, qualità…'),
  c('dimensione', 'Dimensione', 'text', 12, 'Indicatore: dimensione di performance misurata.'),
  c('formula', 'Formula', 'text', 20, 'Indicatore: formula di calcolo.'),
  c('unita', 'Unità', 'text', 8, 'Indicatore: unità di misura.'),
  c('polarita', 'Polarità', 'choice', 11, 'Indicatore: crescente (più alto è meglio) o decrescente.', { choices: ['crescente', 'decrescente'] }),
  c('baseline', 'Baseline', 'value', 10, 'Indicatore: valore di partenza.'),
  c('target_1', 'Target anno 1', 'value', 10, 'Indicatore: valore atteso nel primo anno.'),
  c('target_2', 'Target anno 2', 'value', 10, 'Indicatore: valore atteso nel secondo anno.'),
  c('target_3', 'Target anno 3', 'value', 10, 'Indicatore: valore atteso nel terzo anno.'),
  c('fonte', 'Fonte', 'text', 14, 'Indicatore: fonte dei dati.'),
];

export const PERSONE_COLUMNS: Column[] = [
  c('id', 'Identificativo', 'text', 16, 'Identificativo della persona (lettere minuscole, cifre, "-" e "_"), usato negli altri fogli. Per una persona nuova scegline uno, ad esempio il cognome.'),
  c('titolo', 'Titolo', 'text', 10, 'Titolo, ad esempio "Dott.ssa", "Geom.".'),
  c('nome', 'Nome', 'text', 18, 'Nome (obbligatorio).'),
  c('cognome', 'Cognome', 'text', 18, 'Cognome (obbligatorio).'),
  c('qualifica', 'Qualifica', 'text', 26, 'Profilo o categoria, ad esempio "Istruttore amministrativo".'),
  c('titolo_nel_testo', 'Titolo nel testo', 'text', 14, 'Il titolo dentro una frase, con l\'articolo: "la dott.ssa".'),
];

export const SETTORI_COLUMNS: Column[] = [
  c('unita', 'Voce', 'choice', 10, `"${UNITA.settore}" oppure "${UNITA.servizio}": un servizio appartiene al settore della riga "${UNITA.settore}" che lo precede.`, { choices: Object.values(UNITA) }),
  c('id', 'Identificativo', 'text', 16, 'Settore: identificativo (lettere minuscole, cifre, "_"), usato nei nomi dei file.'),
  c('nome', 'Nome', 'text', 34, 'Il nome del settore o del servizio, come negli altri fogli.'),
  c('responsabile', 'Responsabile', 'text', 14, 'Settore: identificativo del responsabile (foglio "Persone"); vuoto se non c\'è.'),
  c('personale', 'Personale', 'ids', 24, 'Settore: identificativi del personale assegnato, separati da virgole.'),
  c('paga_fatture', 'Paga fatture', 'flag', 10, `Settore: il responsabile paga fatture commerciali. ${FLAG_NOTE}`),
  c('intestazione', 'Intestazione', 'text', 20, 'Settore: titolo della sua parte, se diverso dal nome.'),
  c('funzioni', 'Funzioni', 'lines', 34, 'Servizio: le funzioni, una per riga (Alt+Invio per andare a capo).'),
];

/** Results workbook: the objective's facts (read-only) and its results. */
export const RISULTATI_COLUMNS: Column[] = [
  c('rif', 'Riga', 'text', 7, 'Codice della riga, scritto da piao: non cambiarlo.', { readOnly: true }),
  c('settore', 'Settore', 'text', 20, 'Il settore (dal piano).', { readOnly: true }),
  c('servizio', 'Servizio', 'text', 20, 'Il servizio (dal piano).', { readOnly: true }),
  c('titolo', 'Obiettivo', 'text', 34, 'Il titolo dell\'obiettivo (dal piano).', { readOnly: true }),
  c('responsabile', 'Responsabile', 'text', 14, 'Chi ne risponde (dal piano).', { readOnly: true }),
  c('target', 'Target', 'text', 26, 'Il risultato atteso (dal piano).', { readOnly: true }),
  c('termine', 'Termine', 'text', 18, 'Il termine (dal piano).', { readOnly: true }),
  c('raggiungimento', 'Raggiungimento %', 'number', 17, 'Percentuale di raggiungimento (0-100) indicata a mano. Vuoto: calcolata dalle fasi o dagli indicatori. Se la indichi dove si può calcolare, scrivi la motivazione.'),
  c('motivazione', 'Motivazione', 'text', 26, 'Perché il raggiungimento è indicato a mano.'),
  c('scostamento', 'Scostamento', 'text', 30, 'Spiegazione dello scostamento dal risultato atteso (per ogni obiettivo non raggiunto per intero).'),
  c('evidenze', 'Evidenze', 'lines', 30, 'Documenti e atti che provano il risultato, uno per riga (Alt+Invio per andare a capo).'),
  c('non_valutabile', 'Non valutabile: motivo', 'text', 24, 'Se l\'obiettivo non è valutabile (eventi imprevedibili, norme sopravvenute): il motivo. Non entra nel punteggio.'),
];

export const RISULTATI_VOCI_COLUMNS: Column[] = [
  c('rif', 'Riga dell\'obiettivo', 'text', 12, 'Il codice "Riga" dell\'obiettivo (foglio "Risultati obiettivi").', { readOnly: true }),
  c('voce', 'Voce', 'text', 11, 'Fase o indicatore.', { readOnly: true }),
  c('n', 'N.', 'int', 5, 'La posizione della fase o dell\'indicatore nell\'obiettivo.', { readOnly: true }),
  c('testo', 'Descrizione / nome', 'text', 40, 'Dal piano.', { readOnly: true }),
  c('previsto', 'Previsto', 'text', 18, 'Fase: la fine prevista; indicatore: il target del primo anno (dal piano). Un indicatore senza target non ha un valore da confrontare: indica il Raggiungimento %.', { readOnly: true }),
  c('raggiungimento', 'Raggiungimento %', 'number', 17, 'Percentuale di realizzazione (0-100).'),
  c('completata_il', 'Completata il', 'date', 12, 'Fase: la data in cui è stata completata (GG/MM/AAAA).'),
  c('valore', 'Valore misurato', 'value', 14, 'Indicatore con un target (colonna "Previsto"): il valore misurato (un numero, una data, sì/no, oppure un testo con il raggiungimento indicato a mano). Senza target il valore non si confronta con nulla: indica il Raggiungimento %.'),
  c('data', 'Data della rilevazione', 'date', 12, 'Indicatore: la data della misura (GG/MM/AAAA).'),
  c('nota', 'Nota', 'text', 26, 'Nota sul risultato.'),
];

/* ---------- cell forms ---------- */

/** "2024-06-30" → "30/06/2024". */
export function italianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "30/06/2024", "30-6-2024", "30.06.2024" or "2024-06-30" → "2024-06-30"; undefined if it is not a date written so. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

/** Written as a date ("31/02/2025"), whether or not the day exists. */
export function looksLikeDate(text: string): boolean {
  return /^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.test(text.trim());
}

function iso(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date cell's value (a spreadsheet keeps dates as days; exceljs gives them at UTC midnight) → "AAAA-MM-GG". */
export function dateOfCell(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A date for a cell: UTC midnight, as exceljs writes it. */
export function cellDate(isoDate: string): Date | string {
  const d = parseDate(isoDate);
  return d ? new Date(`${d}T00:00:00Z`) : isoDate;
}

const EVENT_WORDS: Record<string, keyof typeof EVENTS> = { piao: 'approvazione_piao', bilancio: 'approvazione_bilancio', rendiconto: 'approvazione_rendiconto', assunzione: 'assunzione' };

/** A deadline as a person reads and writes it in a cell (see the column's note); the note apart. */
export function termineText(t: Record<string, unknown>): string {
  if (typeof t.entro === 'string') return `entro il ${italianDate(t.entro)}`;
  if (t.anno !== undefined) return `anno ${String(t.anno)}`;
  if (t.dal !== undefined || t.al !== undefined) return `dal ${italianDate(String(t.dal ?? ''))} al ${italianDate(String(t.al ?? ''))}`;
  if (typeof t.evento === 'string') {
    const n = t.giorni ?? t.mesi;
    const unit = t.giorni !== undefined ? (t.giorni === 1 ? 'giorno' : 'giorni') : t.mesi === 1 ? 'mese' : 'mesi';
    return `${String(n)} ${unit} ${EVENTS[t.evento as keyof typeof EVENTS] ?? t.evento}`;
  }
  return '';
}

/** The cell's text back into a deadline (without its note), or the reason it cannot be read. */
export function parseTermine(text: string, anno = 2024): { termine?: Record<string, unknown>; error?: string } {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase().replace(/[’`]/g, '\'');
  const date = (s: string) => parseDate(s);
  let m = /^(?:entro(?: il)? )?(\S+)$/.exec(t);
  if (m && date(m[1]!)) return { termine: { entro: date(m[1]!) } };
  m = /^(?:(?:tutto )?l'anno |anno )?(\d{4})$/.exec(t);
  if (m) return { termine: { anno: Number(m[1]) } };
  m = /^dal (\S+) al (\S+)$/.exec(t);
  if (m && date(m[1]!) && date(m[2]!)) return { termine: { dal: date(m[1]!), al: date(m[2]!) } };
  m = /^(\d+) (giorn[oi]|mes[ei]) (?:dall'|dal |da )?(.*)$/.exec(t);
  if (m) {
    const word = Object.keys(EVENT_WORDS).find((w) => m![3]!.includes(w));
    if (word) return { termine: { [m[2]!.startsWith('giorn') ? 'giorni' : 'mesi']: Number(m[1]), evento: EVENT_WORDS[word] } };
  }
  const impossible = t.split(' ').find((w) => looksLikeDate(w) && !date(w));
  if (impossible) return { error: `questa data non esiste: ${impossible}` };
  return { error: `non riconosciuto: scrivi "entro il 30/06/${anno}", "anno ${anno}", "dal 01/03/${anno} al 30/09/${anno}" oppure "90 giorni dall'approvazione del PIAO"` };
}
