/**
 * The shape of `obiettivi.json`, described once: the zod schemas below give the TypeScript types
 * that src/publish/opendata.ts builds (z.infer, so the code cannot write a field the schema does
 * not describe) and, through z.toJSONSchema, `data/obiettivi.schema.json`, published with it
 * (`npm run schema` writes it; test/json-schema.test.ts fails when the committed file is stale).
 *
 * Conventions of the published file: every field is always present (an absent value is null or
 * an empty list), so every object is strict and lists all its properties as required; dates are
 * YYYY-MM-DD; weights and percentages are numbers (30 = 30%). Descriptions are in Italian: they
 * are read by whoever reuses the open data.
 */
import { z } from 'zod';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const text = (description: string) => z.string().describe(description);
const textOrNull = (description: string) => z.string().nullable().describe(description);
const list = (description: string) => z.array(z.string()).describe(description);
const date = () => z.string().regex(DATE_PATTERN).meta({ format: 'date' });
const percent = () => z.number().min(0).max(100);

export const FaseSchema = z
  .strictObject({
    descrizione: text('Descrizione della fase'),
    peso: percent().nullable().describe("Peso della fase sull'obiettivo (le fasi sommano a 100)"),
    inizio: date().nullable().describe('Inizio della fase'),
    fine: date().nullable().describe('Fine della fase'),
    output: textOrNull('Prodotto atteso della fase'),
  })
  .meta({ id: 'fase', title: 'Fase', description: 'Una fase di attuazione' });

export const IndicatoreSchema = z
  .strictObject({
    nome: text("Nome dell'indicatore"),
    tipo: textOrNull('Tipo: efficacia, efficienza, qualità, stato delle risorse…'),
    dimensione: textOrNull('Dimensione di performance misurata'),
    formula: textOrNull('Formula di calcolo'),
    unita_misura: textOrNull('Unità di misura'),
    polarita: z
      .enum(['crescente', 'decrescente'])
      .nullable()
      .describe('"crescente": più alto è meglio; "decrescente": più basso è meglio'),
    baseline: z.union([z.string(), z.number()]).nullable().describe('Valore di partenza'),
    target: z
      .array(
        z
          .strictObject({
            anno: z.int().describe('Anno'),
            valore: z.union([z.string(), z.number()]).describe('Valore atteso'),
          })
          .meta({ title: 'Target annuale' }),
      )
      .max(3)
      .describe('Valori attesi per gli anni del triennio'),
    fonte_dati: textOrNull('Fonte dei dati'),
    peso: percent().nullable().describe("Peso dell'indicatore sull'obiettivo"),
  })
  .meta({ id: 'indicatore', title: 'Indicatore', description: 'Un indicatore di risultato' });

export const ObiettivoSchema = z
  .strictObject({
    codice: text(
      'Codice dell\'obiettivo: l\'identificativo "id" indicato nei dati oppure, se manca, la sua posizione "settore.servizio.gruppo.posizione" ("segretario.posizione" per il Segretario), ad esempio "tecnico.1.1.2"',
    ),
    tipo: z
      .enum(['individuale', 'organizzativa'])
      .nullable()
      .describe(
        'Tipo di obiettivo, dal tipo di peso: "individuale" se pesa sull\'indennità di risultato del responsabile, "organizzativa" se pesa sulla somma destinata alla performance organizzativa da CCDI, null per i pesi a coefficiente',
      ),
    numero: z.int().min(1).nullable().describe('Numero dell\'obiettivo nel suo gruppo ("Obiettivo n. 1"); null per un obiettivo comune'),
    etichetta: text('Etichetta mostrata nel documento: "Obiettivo n. 1" oppure "Obiettivo comune"'),
    denominazione: text("Titolo dell'obiettivo"),
    descrizione: text('Descrizione sintetica del contenuto'),
    responsabile: textOrNull("Nome del responsabile dell'obiettivo"),
    fasi: z.array(FaseSchema).describe('Fasi di attuazione'),
    indicatori: z.array(IndicatoreSchema).describe('Indicatori di risultato'),
    target: textOrNull('Target (valore atteso)'),
    termine: z
      .strictObject({
        testo: text(
          'Il termine come scritto nel documento, ad esempio "Entro il 30 giugno 2024" o "Entro 90 giorni dall\'approvazione del PIAO"',
        ),
        data: date()
          .nullable()
          .describe(
            'La data di scadenza, quando il termine ne ha una (per "Tutto l\'anno 2024" il 31 dicembre; per un periodo la sua fine); null per i termini relativi a un evento',
          ),
      })
      .meta({ title: 'Termine', description: "Entro quando va raggiunto l'obiettivo" }),
    peso: z
      .strictObject({
        tipo: z
          .enum(['risultato', 'ccdi', 'coefficiente'])
          .describe(
            '"risultato": percentuale dell\'indennità/retribuzione di risultato del responsabile; "ccdi": percentuale della somma destinata alla performance organizzativa da CCDI; "coefficiente": coefficiente di peso',
          ),
        valore: z.number().min(0).nullable().describe('Valore del peso (30 = 30%); null se non ancora assegnato'),
      })
      .meta({ title: 'Peso', description: "Peso dell'obiettivo" })
      .nullable()
      .describe("Peso dell'obiettivo; null per un obiettivo prerequisito scritto senza peso"),
    personale: list('Personale coinvolto'),
    stakeholder: textOrNull("A chi è rivolto l'obiettivo"),
    contributor: textOrNull('Unità organizzative o soggetti esterni che contribuiscono'),
    baseline: textOrNull('Situazione di partenza'),
    fonte_dati: textOrNull('Dove sono verificabili i dati'),
    valore_pubblico: textOrNull('Obiettivo di valore pubblico (sottosezione 2.1) a cui contribuisce'),
    codice_dup: textOrNull("Codice dell'obiettivo nel DUP"),
    missione_programma: textOrNull('Missione e programma del DUP'),
    obiettivo_strategico: textOrNull('Obiettivo strategico (DUP) da cui discende'),
    pnrr: textOrNull('Misura del PNRR'),
    tipo_obiettivo: textOrNull("Tipo di obiettivo come lo scrive l'ente (ad esempio \"di sviluppo\")"),
    rilevante_valutazione: z.boolean().nullable().describe('Rilevante ai fini della valutazione; null se il piano non lo dice'),
    risorse: textOrNull('Risorse umane, finanziarie e strumentali, in un solo testo'),
    risorse_umane: textOrNull('Risorse umane'),
    risorse_strumentali: textOrNull('Risorse strumentali'),
    risorse_finanziarie: textOrNull('Risorse finanziarie'),
    altri_campi: z
      .array(z.strictObject({ etichetta: text('Etichetta della riga'), valore: text('Contenuto della riga') }))
      .describe("Altre righe della tabella dell'obiettivo, nell'ordine del piano"),
    tempi_pagamento: z.boolean().describe('Obiettivo sui tempi di pagamento delle fatture commerciali (art. 4-bis c.2 D.L. 13/2023)'),
    prerequisito: z.boolean().describe('Obiettivo prerequisito: senza peso, se non è raggiunto esclude la premialità'),
    prerequisiti: list('Codici degli obiettivi che sono prerequisiti di questo'),
    richiama: textOrNull('Per un obiettivo comune a più settori ripetuto in questo ("richiama" nei dati): il codice dell\'obiettivo scritto per intero; null altrimenti'),
  })
  .meta({ id: 'obiettivo', title: 'Obiettivo', description: 'Un obiettivo di performance, come nella sua tabella del documento' });

export const OpenDataSchema = z
  .strictObject({
    piano: z
      .strictObject({
        anno: z.int().describe('Primo anno del triennio (ad esempio 2024 per il PIAO 2024-2026)'),
        triennio: text('Triennio, ad esempio "2024-2026"'),
        sezione: text('Numero della sottosezione, ad esempio "2.2"'),
        titolo: text('Titolo della sottosezione, ad esempio "Performance"'),
        revisione: z.int().min(0).describe("Numero di revisione del piano (0 = prima approvazione; aumenta a ogni modifica in corso d'anno)"),
        approvazione: z
          .strictObject({
            organo: text('Organo che ha deliberato, ad esempio "Giunta Comunale"'),
            numero: textOrNull('Numero della deliberazione'),
            data: date().describe('Data della deliberazione'),
          })
          .meta({ title: 'Deliberazione' })
          .nullable()
          .describe('Deliberazione che ha approvato il piano (o la revisione); null se non indicata nei dati'),
      })
      .meta({ title: 'Piano', description: 'Il piano a cui appartengono gli obiettivi' }),
    ente: z
      .strictObject({
        denominazione: text('Denominazione, ad esempio "Comune di Casalmorano"'),
        denominazione_breve: text('Denominazione breve, ad esempio "Casalmorano"'),
        provincia: textOrNull('Provincia; null per un ente che non la indica'),
        sigla_provincia: textOrNull('Sigla della provincia, ad esempio "CR"'),
        segretario: z
          .strictObject({
            responsabile: text('Nome del Segretario comunale'),
            indennita_totale: percent().describe("Percentuale dell'indennità di risultato attribuita attraverso gli obiettivi del piano"),
            quota_attivita: percent().nullable().describe("Percentuale dell'attività prestata presso l'ente (segreteria convenzionata)"),
            obiettivi: z.array(ObiettivoSchema).describe('Obiettivi del Segretario comunale'),
          })
          .meta({ title: 'Segretario comunale' })
          .nullable()
          .describe('Il Segretario comunale e i suoi obiettivi, pesati sulla sua indennità di risultato; null se il piano non lo prevede'),
        settori: z
          .array(
            z
              .strictObject({
                codice: text('Identificativo del settore nei dati, ad esempio "tecnico"'),
                numero: z.int().min(1).describe('Numero del centro di responsabilità nella tabella dei centri'),
                denominazione: text('Denominazione del settore'),
                responsabile: textOrNull('Nome del responsabile; null se il settore non ne ha'),
                personale: list('Personale assegnato al settore'),
                obiettivi: z.array(ObiettivoSchema).describe('Obiettivi del settore stesso, non divisi in servizi'),
                servizi: z
                  .array(
                    z
                      .strictObject({
                        denominazione: text('Nome del servizio'),
                        funzioni: list('Funzioni del servizio'),
                        obiettivi: z.array(ObiettivoSchema).describe("Obiettivi del servizio, nell'ordine del documento"),
                      })
                      .meta({ title: 'Servizio' }),
                  )
                  .describe('Servizi del settore'),
              })
              .meta({ title: 'Settore', description: 'Un centro di responsabilità' }),
          )
          .describe("I centri di responsabilità (settori), nell'ordine del documento; un'area senza personale né servizi non compare"),
      })
      .meta({ title: 'Ente', description: "L'amministrazione, con i suoi settori" }),
  })
  .meta({
    title: 'PIAO – obiettivi di performance (dati aperti)',
    description:
      'Struttura di obiettivi.json, pubblicato da "piao publish" in Amministrazione Trasparente insieme al documento: gli obiettivi della sottosezione 2.2 "Performance" del PIAO, ordinati come nel documento e raggruppati per ente → settori → servizi → obiettivi. I nomi dei campi riprendono il modello del Portale PIAO. Ogni campo è sempre presente: un valore assente è null (o un elenco vuoto). Le date sono nel formato AAAA-MM-GG; pesi e percentuali sono numeri (30 = 30%).',
  });

export type FaseJson = z.infer<typeof FaseSchema>;
export type IndicatoreJson = z.infer<typeof IndicatoreSchema>;
export type ObiettivoJson = z.infer<typeof ObiettivoSchema>;
export type OpenDataJson = z.infer<typeof OpenDataSchema>;

type Json = { [key: string]: unknown };

/** The first keys of every schema object, in this order; the others keep zod's order, `$defs` last. */
const LEADING_KEYS = ['$schema', 'title', 'description'];

/**
 * Presentation only, the meaning is unchanged: zod's bounds of a safe integer are dropped (the
 * file has no such limits), `anyOf: [{type: T, ...}, {type: "null"}]` of a scalar becomes
 * `type: [T, "null"]` (with null added to an `enum`), and titles and descriptions come first.
 */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== 'object' || node === null) return node;
  const json = node as Json;
  const out: Json = {};
  const anyOf = json.anyOf;
  const scalar = Array.isArray(anyOf) && anyOf.length === 2 && nullableScalar(anyOf[0] as Json, anyOf[1] as Json);
  for (const key of Object.keys(json)) {
    if (scalar && key === 'anyOf') {
      const { type, enum: values, ...rest } = anyOf[0] as Json;
      Object.assign(out, { type: [type, 'null'] }, values ? { enum: [...(values as unknown[]), null] } : {}, rest);
    } else {
      out[key] = tidy(json[key]);
    }
  }
  if (out.type === 'integer' || (Array.isArray(out.type) && out.type[0] === 'integer')) {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  }
  const order = [...LEADING_KEYS.filter((k) => k in out), ...Object.keys(out).filter((k) => !LEADING_KEYS.includes(k) && k !== '$defs'), ...('$defs' in out ? ['$defs'] : [])];
  return Object.fromEntries(order.map((k) => [k, out[k]]));
}

function nullableScalar(value: Json, other: Json): boolean {
  const plain = (s: Json) => typeof s.type === 'string' && s.type !== 'object' && s.type !== 'array' && !('title' in s) && !('description' in s);
  return Object.keys(other).length === 1 && other.type === 'null' && plain(value);
}

/** `data/obiettivi.schema.json`: JSON Schema draft 2020-12, two-space indentation, a final newline. */
export function openDataJsonSchema(): string {
  const schema = z.toJSONSchema(OpenDataSchema, { target: 'draft-2020-12', io: 'output' });
  return `${JSON.stringify(tidy(schema), null, 2)}\n`;
}
