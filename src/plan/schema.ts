/**
 * The data model of a PIAO 2.2 "Performance" section: the single source of truth.
 * TypeScript types and the JSON Schema for editors are derived from these zod schemas.
 * Every object is strict, so a misspelt key is an error rather than silently ignored.
 * Titles and descriptions are in Italian: they reach users through the JSON Schema.
 */
import { z } from 'zod';
import { MAX_MARKDOWN_DEPTH, tooDeep } from '../render/markdown.js';

// One parse per run: zod's compiled fast path (new Function per schema) costs more than it saves.
z.config({ jitless: true });

const ID_RE = /^[a-z][a-z0-9_-]*$/;

/** An ISO date (YYYY-MM-DD) that exists in the calendar: 2024-02-31 is refused. */
export const IsoDate = z
  .string({ error: (iss) => (iss.input === undefined ? 'manca la data (nel formato AAAA-MM-GG)' : 'serve una data nel formato AAAA-MM-GG, ad esempio "2024-06-30"') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'la data deve essere nel formato AAAA-MM-GG, ad esempio 2024-06-30' })
  .refine(isRealDate, { error: 'questa data non esiste nel calendario', params: { code: 'data.inesistente' } })
  .meta({ title: 'Data', description: 'Data nel formato AAAA-MM-GG, ad esempio 2024-06-30' });

/** A date that exists in the calendar (2024-02-31 does not); a text not in the AAAA-MM-GG form passes (its format is checked apart). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the format check reports it
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Names every JavaScript object already has ("constructor"): a person with such an id would be confused with them. */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));
const notReserved = (s: string) => !RESERVED_IDS.has(s);
const RESERVED_MESSAGE = 'è un nome riservato: scegli un altro identificativo';

export const PersonId = z
  .string()
  .regex(ID_RE, { error: 'un identificativo usa solo lettere minuscole, cifre, "_" e "-" e inizia con una lettera' })
  .refine(notReserved, { error: (iss) => `«${String(iss.input)}» ${RESERVED_MESSAGE}`, params: { code: 'schema.nome-riservato' } })
  .meta({ title: 'Persona', description: 'Identificativo di una persona definita in "persone"' });

/** Rich text written in Markdown (paragraphs, lists, *corsivo*, **grassetto**, citazioni "> "). Raw HTML is shown as text. */
export const RichText = z
  .string()
  .superRefine((s, ctx) => {
    const line = tooDeep(s);
    if (line === undefined) return;
    ctx.addIssue({
      code: 'custom', params: { code: 'testo.markdown-annidato' },
      message: `elenchi o citazioni uno dentro l'altro su più di ${MAX_MARKDOWN_DEPTH} livelli (alla riga ${line} del testo): una parte del testo non comparirebbe nei documenti; riduci i livelli`,
    });
  })
  .meta({ title: 'Testo', description: 'Testo in Markdown: paragrafi separati da una riga vuota, elenchi con "- ", *corsivo*, **grassetto**, citazioni con "> "' });

/** A required text: not empty, and not only spaces (an invisible title or name). */
const Text = z
  .string()
  .min(1, { error: 'il testo non può essere vuoto' })
  .refine((s) => s === '' || /\S/.test(s), { error: 'il testo non può essere fatto solo di spazi', params: { code: 'schema.solo-spazi' } });

export const Person = z
  .strictObject({
    titolo: z.string().optional().meta({ description: 'Titolo, ad esempio "Dott.ssa", "Geom."' }),
    titolo_nel_testo: z.string().optional().meta({
      description: 'Il titolo come si scrive dentro una frase, con l\'articolo: "la dott.ssa", "il geom." (se manca: ricavato dai titoli noti, come "Dott.ssa" → "la dott.ssa")',
    }),
    nome: Text.meta({ description: 'Nome (o nomi)' }),
    cognome: Text.meta({ description: 'Cognome' }),
    qualifica: z.string().optional().meta({ description: 'Profilo o categoria, ad esempio "Istruttore amministrativo"; per un responsabile "Dirigente" fa scrivere nelle schede "Dirigente del Settore …" invece di "Responsabile del Settore …"' }),
  })
  .meta({ title: 'Persona', description: 'Una persona, scritta una sola volta e richiamata ovunque con il suo identificativo' });

export const EVENTS = {
  approvazione_piao: "dall'approvazione del PIAO",
  approvazione_bilancio: "dall'approvazione del bilancio di previsione",
  approvazione_rendiconto: "dall'approvazione del rendiconto",
  assunzione: "dall'assunzione",
} as const;

/** A deadline: a date, a whole year, a period, or a time after an event; always with an optional note. */
export const Termine = z
  .strictObject({
    entro: IsoDate.optional().meta({ description: 'Scadenza: "Entro il 30 giugno 2024"' }),
    anno: z.int().min(2000).max(2100).optional().meta({ description: 'Tutto l\'anno indicato: "Tutto l\'anno 2024"' }),
    dal: IsoDate.optional().meta({ description: 'Inizio di un periodo (con "al")' }),
    al: IsoDate.optional().meta({ description: 'Fine di un periodo (con "dal")' }),
    giorni: z.int().positive().max(3650, { error: 'al massimo 3650 giorni (dieci anni)' }).optional().meta({ description: 'Numero di giorni dopo l\'evento indicato in "evento"' }),
    mesi: z.int().positive().max(120, { error: 'al massimo 120 mesi (dieci anni)' }).optional().meta({ description: 'Numero di mesi dopo l\'evento indicato in "evento"' }),
    evento: z
      .enum(Object.keys(EVENTS) as [keyof typeof EVENTS, ...(keyof typeof EVENTS)[]], {
        error: `evento sconosciuto: usa uno tra ${Object.keys(EVENTS).join(', ')}`,
      })
      .optional()
      .meta({ description: 'Evento da cui decorre il termine relativo' }),
    nota: z.string().optional().meta({ description: 'Precisazione mostrata tra parentesi dopo il termine' }),
  })
  .superRefine((t, ctx) => {
    const kinds = [t.entro !== undefined, t.anno !== undefined, t.dal !== undefined || t.al !== undefined, t.evento !== undefined];
    const count = kinds.filter(Boolean).length;
    if (count !== 1) {
      ctx.addIssue({
        code: 'custom',
        params: { code: 'termine.forma' },
        message: 'indica il termine in uno solo di questi modi: "entro" (una data), "anno", "dal"/"al" (un periodo), oppure "giorni"/"mesi" con "evento"',
      });
      return;
    }
    if ((t.dal === undefined) !== (t.al === undefined)) {
      ctx.addIssue({ code: 'custom', params: { code: 'termine.forma' }, message: 'un periodo ha bisogno sia di "dal" sia di "al"' });
    }
    if (t.dal && t.al && t.dal > t.al) {
      ctx.addIssue({ code: 'custom', params: { code: 'termine.forma' }, message: '"dal" viene dopo "al"', path: ['al'] });
    }
    if (t.evento !== undefined && (t.giorni === undefined) === (t.mesi === undefined)) {
      ctx.addIssue({ code: 'custom', params: { code: 'termine.forma' }, message: 'con "evento" indica "giorni" oppure "mesi" (uno dei due)' });
    }
    if (t.evento === undefined && (t.giorni !== undefined || t.mesi !== undefined)) {
      ctx.addIssue({ code: 'custom', params: { code: 'termine.forma' }, message: '"giorni" e "mesi" vanno usati insieme a "evento"', path: ['evento'] });
    }
  })
  .meta({
    title: 'Termine',
    description: 'Entro quando va raggiunto l\'obiettivo: { entro: 2024-06-30 }, { anno: 2024 }, { dal: …, al: … } oppure { giorni: 90, evento: approvazione_piao }',
  });

/**
 * How many decimals a number was written with, where it had some: YAML reads `1.0` as 1 and
 * `30.50` as 30.5, but a Segretario who wrote "1,0" wants "1,0" in the document. The loader
 * (load.ts) records them on the object holding the number, under this symbol, by key: never
 * part of the data a user writes, never in JSON. Read it with `writtenDecimals`.
 */
export const DECIMALI = Symbol('decimali scritti');

/** The decimals `obj[key]` was written with ("1.0" -> 1, "30.50" -> 2), or undefined. */
export function writtenDecimals(obj: object, key: string | number): number | undefined {
  return (obj as { [DECIMALI]?: Record<string | number, number> })[DECIMALI]?.[key];
}

/**
 * On an objective that a recall (`richiama: id`) made: the id of the objective it repeats, set by
 * the loader (recall.ts) like `DECIMALI`. Read it with `recalledFrom`.
 */
export const RICHIAMO = Symbol('richiamo');

/** The id of the objective this one repeats, when a recall made it. */
export function recalledFrom(o: object): string | undefined {
  return (o as { [RICHIAMO]?: string })[RICHIAMO];
}

const Percent = z.number({ error: 'serve un numero' }).min(0, { error: 'il peso non può essere negativo' }).max(100, { error: 'il peso non può superare 100' });

/** The weight of an objective; exactly one kind. `null` leaves it blank, as the seed does twice. */
export const Peso = z
  .strictObject({
    risultato: Percent.nullable().optional().meta({ description: 'Percentuale dell\'indennità/retribuzione di risultato del responsabile' }),
    ccdi: Percent.nullable().optional().meta({ description: 'Percentuale della somma destinata alla performance organizzativa da CCDI' }),
    coefficiente: z.number().positive().nullable().optional().meta({ description: 'Coefficiente di peso (ad esempio 1,0 / 1,2 / 1,4)' }),
  })
  .superRefine((p, ctx) => {
    const n = (['risultato', 'ccdi', 'coefficiente'] as const).filter((k) => k in p).length;
    if (n !== 1) {
      ctx.addIssue({ code: 'custom', params: { code: 'peso.tipo' }, message: 'indica un solo tipo di peso: "risultato", "ccdi" oppure "coefficiente" (lascia vuoto il valore, con ~, se non è ancora deciso)' });
    }
  })
  .meta({ title: 'Peso', description: 'Peso dell\'obiettivo: { risultato: 30 }, { ccdi: 8 }, { coefficiente: 1.2 } o { ccdi: ~ } se non assegnato' });

/** Achievement as a percentage (0-100). */
const Raggiungimento = z.number({ error: 'serve un numero da 0 a 100' }).min(0, { error: 'il raggiungimento va da 0 a 100' }).max(100, { error: 'il raggiungimento va da 0 a 100' });

/** What a phase reached, for the Relazione sulla performance: a percentage, or the day it was completed. */
const ConsuntivoFase = z
  .strictObject({
    raggiungimento: Raggiungimento.optional().meta({ description: 'Percentuale di realizzazione della fase (0-100)' }),
    completata_il: IsoDate.optional().meta({ description: 'Data in cui la fase è stata completata: in tempo (entro la fine prevista) vale 100%, oltre vale 0% se non è indicato "raggiungimento"' }),
    nota: z.string().optional().meta({ description: 'Nota sul risultato della fase' }),
  })
  .meta({ title: 'Consuntivo della fase', description: 'Risultato della fase a fine anno (relazione sulla performance)' });

/** The value an indicator measured: a number, a date, yes/no, or a text with its achievement given by hand. */
const ConsuntivoIndicatore = z
  .strictObject({
    valore: z.union([z.number(), z.boolean(), z.string()]).meta({
      description: 'Valore misurato: un numero, una data (AAAA-MM-GG) per un indicatore di scadenza, sì/no (true/false), oppure un testo con il raggiungimento indicato a mano',
    }),
    data: IsoDate.optional().meta({ description: 'Data della rilevazione' }),
    raggiungimento: Raggiungimento.optional().meta({ description: 'Percentuale di raggiungimento indicata a mano (quando il valore non si confronta con il target)' }),
    nota: z.string().optional().meta({ description: 'Nota sulla misura' }),
  })
  .meta({ title: 'Consuntivo dell\'indicatore', description: 'Valore misurato a fine anno (relazione sulla performance)' });

/** An objective's result for the Relazione: computed from phases or indicators, or given by hand with its reason. */
const ConsuntivoObiettivo = z
  .strictObject({
    raggiungimento: Raggiungimento.optional().meta({
      description: 'Percentuale di raggiungimento indicata a mano; se manca è calcolata dalle fasi o dagli indicatori. Se la si indica dove si potrebbe calcolare, serve la "motivazione"',
    }),
    motivazione: z.string().optional().meta({ description: 'Perché il raggiungimento è indicato a mano' }),
    scostamento: z.string().optional().meta({ description: 'Spiegazione dello scostamento dal risultato atteso (serve per ogni obiettivo non raggiunto per intero)' }),
    evidenze: z.array(Text).optional().meta({ description: 'Documenti e atti che provano il risultato (determinazioni, report, verbali)' }),
    non_valutabile: Text.optional().meta({ description: 'L\'obiettivo non è valutabile (eventi imprevedibili, norme sopravvenute): il motivo. Non entra nel punteggio' }),
    nucleo: z
      .strictObject({
        raggiungimento: Raggiungimento.optional().meta({ description: 'Percentuale validata dal Nucleo di Valutazione' }),
        note: z.string().optional().meta({ description: 'Osservazioni del Nucleo' }),
      })
      .optional()
      .meta({ description: 'La valutazione del Nucleo di Valutazione, che prevale su quella dell\'ente' }),
  })
  .meta({ title: 'Consuntivo dell\'obiettivo', description: 'Risultato dell\'obiettivo a fine anno (relazione sulla performance)' });

export const Fase = z.union([
  Text.meta({ title: 'Fase', description: 'Descrizione della fase' }),
  z
    .strictObject({
      descrizione: Text.meta({ description: 'Descrizione della fase' }),
      peso: Percent.optional().meta({ description: 'Peso della fase sull\'obiettivo (le fasi sommano a 100)' }),
      inizio: IsoDate.optional(),
      fine: IsoDate.optional(),
      output: z.string().optional().meta({ description: 'Prodotto atteso della fase' }),
      consuntivo: ConsuntivoFase.optional(),
    })
    .meta({ title: 'Fase dettagliata' }),
]);

export const Indicatore = z.union([
  Text.meta({ title: 'Indicatore', description: 'Descrizione dell\'indicatore' }),
  z
    .strictObject({
      nome: Text.meta({ description: 'Nome dell\'indicatore' }),
      tipo: z.string().optional().meta({ description: 'Tipo: efficacia, efficienza, qualità, stato delle risorse…' }),
      dimensione: z.string().optional().meta({ description: 'Dimensione di performance misurata' }),
      formula: z.string().optional().meta({ description: 'Formula di calcolo' }),
      unita: z.string().optional().meta({ description: 'Unità di misura' }),
      polarita: z.enum(['crescente', 'decrescente']).optional().meta({ description: 'Crescente: più alto è meglio; decrescente: più basso è meglio' }),
      baseline: z.union([z.string(), z.number()]).optional().meta({ description: 'Valore di partenza' }),
      target: z
        .array(z.union([z.string(), z.number()]))
        .max(3)
        .optional()
        .meta({ description: 'Valori attesi per gli anni t, t+1, t+2' }),
      fonte: z.string().optional().meta({ description: 'Fonte dei dati' }),
      peso: Percent.optional().meta({ description: 'Peso dell\'indicatore sull\'obiettivo' }),
      consuntivo: ConsuntivoIndicatore.optional(),
    })
    .meta({ title: 'Indicatore dettagliato' }),
]);

const ObiettivoCampi = z
  .strictObject({
    id: z.string().regex(ID_RE).optional().meta({ description: 'Identificativo facoltativo, per richiamare l\'obiettivo (prerequisiti, collegamenti)' }),
    numero: z.int({ error: 'il numero è un intero, ad esempio 0 o 13' }).min(0, { error: 'il numero non può essere negativo' }).max(99999, { error: 'al massimo 99999' }).optional().meta({
      description: 'Numero dell\'obiettivo, se l\'ente lo fissa ("Obiettivo n. 13"; 0 per un obiettivo prerequisito): gli obiettivi seguenti proseguono da qui',
    }),
    titolo: Text.meta({ description: 'Titolo dell\'obiettivo' }),
    comune: z.boolean().optional().meta({ description: 'Obiettivo comune a più settori: mostrato come "Obiettivo comune" invece che numerato' }),
    responsabile: PersonId.optional().meta({ description: 'Responsabile, se diverso dal responsabile del settore' }),
    descrizione: Text.meta({ description: 'Descrizione sintetica del contenuto' }),
    fasi: z.array(Fase).default([]).meta({ description: 'Fasi di attuazione' }),
    indicatori: z.array(Indicatore).default([]).meta({ description: 'Indicatori di risultato' }),
    target: z.string().optional().meta({ description: 'Target (valore atteso)' }),
    termine: Termine,
    peso: Peso.optional().meta({ description: 'Peso dell\'obiettivo; un obiettivo prerequisito (prerequisito: true) può non averne' }),
    personale: z.array(PersonId).default([]).meta({ description: 'Personale coinvolto (identificativi del registro "persone")' }),
    tempi_pagamento: z.boolean().optional().meta({ description: 'Obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)' }),
    formazione: z.boolean().optional().meta({ description: 'Obiettivo sulla formazione del personale (Direttiva del Ministro per la PA del 14 gennaio 2025); se manca, lo è quando il titolo parla di formazione' }),
    prerequisito: z.boolean().optional().meta({ description: 'Obiettivo prerequisito: senza peso, se mancato esclude il premio' }),
    prerequisiti: z.array(z.string()).optional().meta({ description: 'Identificativi degli obiettivi che sono prerequisiti di questo' }),
    stakeholder: z.string().optional().meta({ description: 'A chi è rivolto l\'obiettivo' }),
    contributor: z.string().optional().meta({ description: 'Unità organizzative o soggetti esterni che contribuiscono' }),
    baseline: z.string().optional().meta({ description: 'Da dove si parte' }),
    fonte_dati: z.string().optional().meta({ description: 'Dove sono verificabili i dati' }),
    valore_pubblico: z.string().optional().meta({ description: 'Obiettivo di valore pubblico (sezione 2.1) a cui contribuisce' }),
    codice_dup: z.string().optional().meta({ description: 'Codice dell\'obiettivo nel DUP, ad esempio "1.2.1" (il documento scrive "Codice DUP" davanti)' }),
    missione_programma: z.string().optional().meta({ description: 'Missione e programma del DUP, ad esempio "Missione 01 – Programma 02"' }),
    obiettivo_strategico: z.string().optional().meta({ description: 'Obiettivo strategico (DUP, sezione strategica) da cui discende' }),
    pnrr: z.string().optional().meta({ description: 'Misura del PNRR, ad esempio "M2C3 I1.1"' }),
    tipo: z.string().optional().meta({ description: 'Tipo di obiettivo come lo scrive l\'ente, ad esempio "Performance organizzativa – annuale", "di mantenimento", "di sviluppo"' }),
    rilevante_valutazione: z.boolean().optional().meta({ description: 'Rilevante ai fini della valutazione (sì/no)' }),
    risorse: z
      .union([
        z.string(),
        z.strictObject({
          umane: z.string().optional().meta({ description: 'Risorse umane, ad esempio "2 istruttori (1,5 FTE)"' }),
          strumentali: z.string().optional().meta({ description: 'Risorse strumentali' }),
          finanziarie: z.string().optional().meta({ description: 'Risorse finanziarie, ad esempio capitoli di bilancio e importi' }),
        }),
      ])
      .optional()
      .meta({ description: 'Risorse: un testo, oppure { umane, strumentali, finanziarie }' }),
    altri_campi: z
      .array(z.strictObject({ etichetta: Text.meta({ description: 'Etichetta della riga' }), valore: Text.meta({ description: 'Contenuto della riga' }) }))
      .optional()
      .meta({ description: 'Altre righe della tabella dell\'obiettivo, nell\'ordine, per ciò che il modello non prevede: [{ etichetta: …, valore: … }]' }),
    consuntivo: ConsuntivoObiettivo.optional(),
  });

export const Obiettivo = ObiettivoCampi
  .superRefine((o, ctx) => {
    if (o.peso === undefined && !o.prerequisito) {
      ctx.addIssue({
        code: 'custom', path: ['peso'], params: { code: 'peso.mancante' },
        message: 'manca il peso dell\'obiettivo: { risultato: 30 }, { ccdi: 8 }, { coefficiente: 1.2 }, oppure { ccdi: ~ } se non è ancora deciso (solo un obiettivo prerequisito, con prerequisito: true, può non averne)',
      });
    }
  })
  .meta({ title: 'Obiettivo' });

/**
 * An objective shared by several settori, written in full once (with an `id`) and recalled in the
 * others with what changes there: expanded into a copy when the plan is read (plan/recall.ts), so
 * the type of a valid plan has none. Here for the JSON Schema of editors, and its descriptions.
 */
export const Richiamo = ObiettivoCampi.partial()
  .extend({
    richiama: z.string().regex(ID_RE).meta({ description: 'Identificativo ("id") dell\'obiettivo, scritto per intero in un altro punto del piano, che si ripete qui' }),
  })
  .meta({
    title: 'Richiamo di un obiettivo',
    description: 'Un obiettivo comune a più settori, scritto per intero una volta (con "id") e richiamato qui: si scrive solo ciò che cambia in questo punto (peso, personale, fasi…); il resto è quello dell\'obiettivo richiamato. "id" e "numero" non si ereditano',
  });

/** A group of objectives numbered from 1 (the seed restarts numbering per person within a servizio). */
export const Gruppo = z
  .strictObject({
    titolo: z.string().optional().meta({ description: 'Titolo facoltativo mostrato prima del gruppo, ad esempio "Obiettivo comune"' }),
    obiettivi: z.array(Obiettivo).min(1, { error: 'un gruppo deve avere almeno un obiettivo' }).meta({ description: 'Gli obiettivi del gruppo, numerati 1, 2, 3…' }),
  })
  .meta({ title: 'Gruppo di obiettivi', description: 'Obiettivi numerati da 1: la numerazione ricomincia a ogni gruppo' });

export const Servizio = z
  .strictObject({
    nome: Text.meta({ description: 'Nome del servizio, ad esempio "Servizio Demografico"' }),
    funzioni: z.array(Text).default([]).meta({ description: 'Funzioni del servizio' }),
    gruppi: z.array(Gruppo).default([]).meta({ description: 'Obiettivi del servizio, in gruppi numerati separatamente' }),
  })
  .meta({ title: 'Servizio' });

const NAME_ORDER = ['nome_cognome', 'cognome_nome'] as const;
const NameOrder = z.enum(NAME_ORDER, { error: 'usa nome_cognome ("Dott.ssa Sonia Pagani") oppure cognome_nome ("Moreni Carla")' });

export const Centro = z
  .strictObject({
    id: z.string({ error: 'serve un identificativo' }).regex(ID_RE, { error: 'un identificativo usa solo lettere minuscole, cifre, "_" e "-"' }).meta({ description: 'Identificativo del centro (lettere minuscole, cifre, "_"), usato nei nomi dei file dei documenti per settore' }),
    nome: Text.meta({ description: 'Denominazione, come nella tabella dei centri di responsabilità' }),
    intestazione: z.string().optional().meta({ description: 'Titolo della parte del settore, se diverso dalla denominazione' }),
    responsabile: PersonId.nullable().meta({ description: 'Responsabile del centro, o ~ se non c\'è' }),
    paga_fatture: z.boolean().optional().meta({ description: 'Il responsabile paga fatture commerciali (art. 4-bis c.2 D.L. 13/2023)' }),
    personale: z.array(PersonId).default([]).meta({ description: 'Personale assegnato' }),
    ordine_nomi: z
      .strictObject({
        responsabili: NameOrder.optional().meta({ description: 'Nome del responsabile nella parte del settore' }),
        personale: NameOrder.optional().meta({ description: 'Nomi del personale del settore' }),
      })
      .optional()
      .meta({ description: 'Ordine dei nomi nella parte di questo settore, se diverso da quello del piano (documento.ordine_nomi)' }),
    obiettivi: z.array(Obiettivo).default([]).meta({ description: 'Obiettivi del settore stesso, per un settore che non li divide in servizi (mostrati prima dei servizi)' }),
    servizi: z.array(Servizio).default([]).meta({ description: 'Servizi del settore, con i loro obiettivi' }),
  })
  .meta({ title: 'Centro di responsabilità (settore)' });

/** The Segretario's role as documents write it when the plan does not say (`segretario.ruolo`). */
export const RUOLO_SEGRETARIO = 'Segretario Comunale';

/** The Segretario's role in a plan or a view: theirs, or the default where the plan has no Segretario. */
export function ruoloSegretario(p: { segretario?: { ruolo?: string } | null } | undefined): string {
  return p?.segretario?.ruolo ?? RUOLO_SEGRETARIO;
}

export const Segretario = z
  .strictObject({
    persona: PersonId,
    ruolo: Text.default(RUOLO_SEGRETARIO).meta({ description: 'Il ruolo come il piano lo scrive: "Segretario Comunale" (predefinito), "Segretario Generale"' }),
    funzioni: RichText.meta({ description: 'Funzioni del Segretario (testo con le citazioni normative)' }),
    incarichi: z.array(Text).default([]).meta({ description: 'Altri ruoli svolti nell\'ente' }),
    convenzione: z.array(Text).optional().meta({ description: 'Comuni della segreteria convenzionata' }),
    quota_attivita: Percent.optional().meta({ description: 'Percentuale dell\'attività prestata presso l\'ente' }),
    indennita_totale: Percent.meta({ description: 'Totale dell\'indennità di risultato attribuita attraverso gli obiettivi del piano' }),
    obiettivi: z.array(Obiettivo).default([]).meta({ description: 'Obiettivi del Segretario, pesati sull\'indennità di risultato' }),
  })
  .meta({ title: 'Segretario comunale' });

/** A deliberation approving the plan or one of its revisions. */
const Approvazione = z.strictObject({
  organo: z.string().default('Giunta Comunale').meta({ description: 'Organo che ha approvato (predefinito: "Giunta Comunale")' }),
  numero: z.union([z.int().positive(), z.string()]).optional().meta({ description: 'Numero della deliberazione' }),
  data: IsoDate.meta({ description: 'Data della deliberazione (AAAA-MM-GG)' }),
});

/** One amendment of the plan: a new revision, the act that approves it and why. */
const Variazione = z
  .strictObject({
    revisione: z.int({ error: 'serve il numero della revisione, ad esempio 1' }).min(1).meta({ description: 'Numero della revisione che la variazione produce (1 per la prima variazione)' }),
    approvazione: Approvazione.optional().meta({
      description: 'Deliberazione che approva la variazione; finché non è adottata si lascia vuota e i documenti mostrano "n. ____ del ________"',
    }),
    motivazione: Text.meta({ description: 'Perché il piano cambia: il testo per la deliberazione e per il Nucleo di Valutazione' }),
  })
  .meta({ title: 'Variazione', description: 'Una variazione del piano approvata durante l\'anno' });

export const SEVERITY_LEVELS = ['errore', 'avviso', 'info', 'no'] as const;

/** The codes of the domain checks (checks.ts), whose severity a plan may set in `controlli.livelli`. */
export const CHECK_CODES = [
  'piano.senza-obiettivi', 'nuovo-anno.da-decidere',
  'tempi-pagamento.mancante', 'tempi-pagamento.peso', 'tempi-pagamento.tipo-peso', 'tempi-pagamento.senza-responsabile',
  'pesi.somma-risultato', 'pesi.somma-segretario', 'pesi.vuoto',
  'personale.fuori-settore', 'termine.fuori-anno', 'termine.prima-approvazione',
  'target.mancante', 'target.non-misurabile', 'indicatori.mancanti',
  'fasi.somma-pesi', 'fasi.peso-mancante', 'fasi.date-invertite', 'fasi.fuori-termine', 'fasi.fuori-triennio',
  'testo.glifo-mancante', 'numerazione.doppia', 'formazione.mancante',
  'variazioni.revisione', 'variazioni.date', 'variazioni.senza-id',
  'consuntivo.mancante', 'consuntivo.motivazione', 'consuntivo.scostamento', 'consuntivo.valore', 'valutazione.fasce', 'valutazione.importo', 'valutazione.quote-ccdi',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** Per-plan settings of the checks (`piao check`), where entities differ. */
export const Controlli = z
  .strictObject({
    tempi_pagamento: z.boolean().default(true).meta({
      description: 'Applica la regola dell\'art. 4-bis c.2 D.L. 13/2023: chi paga fatture commerciali ha un obiettivo sui tempi di pagamento che pesa almeno la soglia indicata',
    }),
    soglia_tempi_pagamento: Percent.default(30).meta({ description: 'Peso minimo (in % dell\'indennità di risultato) dell\'obiettivo sui tempi di pagamento' }),
    totale_risultato: z.number().positive().nullable().default(100).meta({
      description: 'Somma attesa dei pesi sull\'indennità di risultato di ogni responsabile (~ per non controllarla)',
    }),
    livelli: z
      .record(z.string(), z.enum(SEVERITY_LEVELS, { error: `usa uno tra ${SEVERITY_LEVELS.join(', ')}` }))
      .superRefine((levels, ctx) => {
        for (const key of Object.keys(levels)) {
          if ((CHECK_CODES as readonly string[]).includes(key)) continue;
          ctx.addIssue({ code: 'custom', path: [key], message: `codice di controllo sconosciuto «${key}»`, params: { code: 'schema.chiave-sconosciuta', key, known: CHECK_CODES } });
        }
      })
      .default({})
      .meta({ description: 'Gravità di singoli controlli, per codice: errore, avviso, info, oppure no per disattivarlo (es. target.non-misurabile: info)' }),
  })
  .meta({ title: 'Controlli', description: 'Impostazioni dei controlli del piano' });

/** The labels of an objective's table rows that differ between entities; each has a default (view.ts). */
export const Etichette = z
  .strictObject({
    peso_risultato: Text.optional().meta({ description: 'Riga del peso sull\'indennità di risultato dei responsabili (predefinita: "% indennità di risultato attribuita"; {anno} diventa l\'anno del piano: "% indennità di risultato {anno}")' }),
    peso_risultato_segretario: Text.optional().meta({ description: 'Riga del peso sull\'indennità di risultato del Segretario (predefinita: come peso_risultato)' }),
    peso_ccdi: Text.optional().meta({ description: 'Riga del peso sulla somma CCDI (predefinita: "% somma destinata alla performance organizzativa da CCDI" con l\'anno del piano)' }),
    peso_coefficiente: Text.optional().meta({ description: 'Riga del coefficiente di peso (predefinita: "Coefficiente di peso")' }),
  })
  .meta({ title: 'Etichette', description: 'Le etichette delle righe delle tabelle degli obiettivi, come le scrive l\'ente (ad esempio "% indennità di risultato 2024")' });

/** How the documents present the data, where entities differ: heading levels, names, labels. */
export const Documento = z
  .strictObject({
    numerazione: z.enum(['gruppo', 'servizio', 'settore', 'piano'], { error: 'usa uno tra gruppo, servizio, settore, piano' }).default('gruppo').meta({
      description: 'Dove ricomincia la numerazione "Obiettivo n. 1, 2, …": a ogni gruppo (predefinito), servizio, settore, oppure una sola numerazione per tutto il piano',
    }),
    livello_titoli: z.int().min(1, { error: 'il livello va da 1 a 3' }).max(3, { error: 'il livello va da 1 a 3' }).default(2).meta({
      description: 'Livello del titolo "2.2 Performance" nel sommario di Word: 2 (predefinito) quando la sottosezione è parte del PIAO, sotto il titolo della sezione 2; 1 per un documento a sé',
    }),
    ordine_nomi: z
      .strictObject({
        responsabili: NameOrder.default('nome_cognome').meta({ description: 'Nomi del Segretario e dei responsabili' }),
        personale: NameOrder.default('nome_cognome').meta({ description: 'Nomi del personale assegnato e coinvolto' }),
      })
      .default({ responsabili: 'nome_cognome', personale: 'nome_cognome' })
      .meta({ description: 'Ordine di nome e cognome: nome_cognome ("Dott.ssa Sonia Pagani") o cognome_nome ("Moreni Carla")' }),
    etichette: Etichette.default({}),
    intestazione: z.boolean().optional().meta({
      description: 'Carta intestata nella prima pagina (stemma, nome del Comune, provincia, "Allegato alla deliberazione … n. … del …"): true o false; se manca, c\'è quando è indicato ente.stemma',
    }),
    firma_assegnazione: z.string().optional().meta({
      description: 'Chi firma, per l\'assegnazione, le schede obiettivi dei responsabili di settore (predefinito: "Il Sindaco"; ad esempio "Il Segretario Comunale"). La scheda del Segretario è sempre firmata dal Sindaco',
    }),
  })
  .meta({ title: 'Documento', description: 'Come i documenti presentano i dati: livello dei titoli, ordine dei nomi, etichette' });

/** An amount in euro: not negative, at most a billion (the cents stay exact). */
const Euro = z.number({ error: 'serve un importo in euro, ad esempio 4000 o 1250.50' }).min(0, { error: 'un importo non può essere negativo' }).max(1e9, { error: 'al massimo 1.000.000.000 euro' });

/** The evaluation system's rules (SMVP) and amounts, for the bonus computed from the results. */
export const Valutazione = z
  .strictObject({
    fasce: z
      .array(z.strictObject({
        da: z.number({ error: 'serve il punteggio da cui parte la fascia' }).min(0).max(100).meta({ description: 'Punteggio (0-100) da cui parte la fascia, compreso' }),
        quota: Percent.meta({ description: 'Quota del premio pagata in questa fascia (%)' }),
      }))
      .min(1, { error: 'serve almeno una fascia' })
      .optional()
      .meta({ description: 'Fasce del sistema di misurazione e valutazione (SMVP): dal punteggio alla quota del premio, in ordine crescente, la prima da 0; ad esempio [{ da: 0, quota: 0 }, { da: 60, quota: 75 }, { da: 80, quota: 100 }]' }),
    importi: z
      .strictObject({
        risultato: z.record(z.string(), Euro).optional().meta({ description: 'Indennità di risultato di ogni responsabile, in euro, per identificativo: { rossi: 4000 }' }),
        segretario: Euro.optional().meta({ description: 'Retribuzione di risultato del Segretario legata agli obiettivi del piano, in euro' }),
        fondo_ccdi: Euro.optional().meta({ description: 'Somma del CCDI destinata alla performance organizzativa, in euro (i pesi CCDI ne sono percentuali)' }),
      })
      .optional()
      .meta({ description: 'Gli importi, in euro, quando servono le somme e non solo le percentuali' }),
  })
  .meta({ title: 'Valutazione', description: 'Regole per calcolare, dai risultati, i punteggi e i premi (relazione sulla performance)' });

export const Piano = z
  .strictObject({
    ente: z.strictObject({
      nome: Text.meta({ description: 'Nome dell\'ente, ad esempio "Comune di Casalmorano"' }),
      denominazione_breve: z.string().optional().meta({ description: 'Nome breve, ad esempio "Casalmorano"' }),
      provincia: Text.optional().meta({ description: 'Provincia, ad esempio "Cremona" (può mancare per un ente che non ne ha, come un\'università)' }),
      sigla_provincia: z.string().length(2).optional().meta({ description: 'Sigla della provincia, ad esempio "CR"' }),
      articolo: z.enum(['il', 'lo', 'la', "l'"], { error: 'usa uno tra il, lo, la, l\'' }).default('il').meta({
        description: 'Articolo del nome dell\'ente, per le frasi: "il" (Comune di…, predefinito), "la" (Provincia di…), "l\'" (Università…, Unione…)',
      }),
      stemma: Text.optional().meta({
        description: 'Lo stemma del Comune per la carta intestata della prima pagina: un file PNG o JPEG (al massimo 5 MB), con il percorso a partire dalla cartella del piano, ad esempio "stemma.png"',
      }),
    }).meta({ title: 'Ente', description: 'L\'ente che adotta il piano' }),
    piano: z.strictObject({
      anno: z.int({ error: 'serve un anno, ad esempio 2024' }).min(2000).max(2100).meta({ description: 'Primo anno del triennio, ad esempio 2024 per il PIAO 2024-2026' }),
      sezione: z.string().default('2.2').meta({ description: 'Numero della sottosezione del PIAO' }),
      titolo: z.string().default('Performance').meta({ description: 'Titolo della sottosezione' }),
      revisione: z.int().min(0).default(0).meta({ description: 'Numero di revisione (0 = prima approvazione)' }),
      approvazione: Approvazione.optional().meta({ description: 'Deliberazione che ha approvato il piano (la prima versione, revisione 0)' }),
      variazioni: z.array(Variazione).default([]).meta({
        description: 'Le variazioni approvate durante l\'anno, una per revisione, in ordine (revisione 1, 2, …): il documento è il testo coordinato dell\'ultima',
      }),
      data_documento: IsoDate.optional().meta({
        description: 'Data scritta nei metadati dei documenti; se manca, la data di approvazione o il 1° gennaio dell\'anno',
      }),
    }).meta({ title: 'Piano', description: 'Il piano: triennio, revisione, approvazione' }),
    persone: z.record(z.string().regex(ID_RE, { error: 'un identificativo usa solo lettere minuscole, cifre, "_" e "-"' }).refine(notReserved, { error: RESERVED_MESSAGE, params: { code: 'schema.nome-riservato' } }), Person).meta({
      description: 'Registro delle persone: ogni nome è scritto una volta sola',
    }),
    introduzione: RichText.default(''),
    centri: z.array(Centro).min(1, { error: 'serve almeno un centro di responsabilità' }).meta({ description: 'I centri di responsabilità (settori), nell\'ordine della tabella del documento' }),
    nota_centri: RichText.optional().meta({ description: 'Testo dopo la tabella dei centri di responsabilità' }),
    segretario: Segretario.optional(),
    valutazione: Valutazione.optional(),
    controlli: Controlli.default({ tempi_pagamento: true, soglia_tempi_pagamento: 30, totale_risultato: 100, livelli: {} }),
    documento: Documento.default({ numerazione: 'gruppo', livello_titoli: 2, ordine_nomi: { responsabili: 'nome_cognome', personale: 'nome_cognome' }, etichette: {} }),
  })
  .meta({ title: 'PIAO – sottosezione Performance', description: 'Dati della sottosezione 2.2 "Performance" del PIAO' });

export type Piano = z.infer<typeof Piano>;
export type Controlli = z.infer<typeof Controlli>;
export type Documento = z.infer<typeof Documento>;
export type Obiettivo = z.infer<typeof Obiettivo>;
export type Termine = z.infer<typeof Termine>;
export type Variazione = z.infer<typeof Variazione>;

/** The variazione that made the plan's current revision (`piano.revisione`), else the last listed. */
export function currentVariazione(plan: { piano: { revisione: number; variazioni: Variazione[] } }): Variazione | undefined {
  return plan.piano.variazioni.find((v) => v.revisione === plan.piano.revisione) ?? plan.piano.variazioni.at(-1);
}
export type Valutazione = z.infer<typeof Valutazione>;
export type Approvazione = z.infer<typeof Approvazione>;
export type Peso = z.infer<typeof Peso>;
export type Person = z.infer<typeof Person>;
export type Fase = z.infer<typeof Fase>;
export type Indicatore = z.infer<typeof Indicatore>;
