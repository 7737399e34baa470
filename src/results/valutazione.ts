/**
 * The view of the Nucleo di Valutazione's pack and the payout (`valutazione.hbs`, `piao relazione`):
 * the evaluation system's rules; the validation checklist (from the checks of results:
 * every objective reported, gaps explained, overrides motivated, values comparable; and evidence
 * listed); each objective's self-assessed percentage beside the Nucleo's; one *scheda di valutazione*
 * per responsabile and for the Segretario (objectives × weights × achievement = score → band →
 * share paid, the art. 4-bis and prerequisite gates, the amount, signature lines); the payout table
 * for the staff office; and the aggregated "Dati relativi ai premi" for Amministrazione Trasparente
 * (art. 20 D.Lgs. 33/2013: distribution by band and share, totals, no names).
 * The numbers are results/scores.ts's, written with two decimals (results/format.ts).
 */
import type { CheckResult } from '../plan/checks.js';
import type { Diagnostic } from '../plan/diagnostics.js';
import { ruoloSegretario, type Piano } from '../plan/schema.js';
import { placeOf, placesOf } from '../render/annex.js';
import { formatNumber, formatPercent, pesoTipo } from '../render/format.js';
import type { PlanView } from '../render/view.js';
import { euro, fixed2, pct2 } from './format.js';
import { computeResults, type PersonScore, type Results } from './scores.js';

const BLANK = '____________';

/** "manca il risultato di 1 obiettivo", "… di 3 obiettivi". */
const missing = (n: number) => `manca il risultato di ${n} ${n === 1 ? 'obiettivo' : 'obiettivi'}`;

export interface SchedaValutazione {
  nome: string;
  ruolo: string;
  dati: { etichetta: string; valore: string }[];
  obiettivi: { obiettivo: string; peso: string; raggiungimento: string; contributo: string }[];
  totale: { peso: string; contributo: string };
  esiti: { etichetta: string; valore: string }[];
  esclusione?: string;
  firma: { luogo_data: string; firme: { dicitura: string; ruolo: string; nome?: string }[] };
}

export interface ValutazioneView {
  titolo: string;
  intestazione: string;
  ente: string;
  anno: number;
  triennio: string;
  sistema: { fasce: { fascia: string; quota: string }[]; regole: string[] };
  controlli: { righe: { voce: string; esito: string }[]; dettagli: { voce: string; righe: { dove: string; messaggio: string }[] }[] };
  /** Each objective's percentages, by settore (the Segretario's first). */
  raffronto: { settore: string; righe: { obiettivo: string; ente: string; nucleo: string; finale: string; note: string }[] }[];
  schede: SchedaValutazione[];
  liquidazione: {
    responsabili: { persona: string; ruolo: string; punteggio: string; quota: string; importo: string; premio: string; note: string }[];
    totale_responsabili: { importo: string; premio: string };
    personale: { persona: string; peso: string; quota: string; premio: string; note: string }[];
    totale_personale: { peso: string; quota: string; premio: string };
    fondo?: string;
    /** When the shares earned exceed the fund: how the amounts were cut. */
    riduzione?: string;
  };
  premi: {
    fasce: { fascia: string; quota: string; numero: number }[];
    quote: { quota: string; numero: number }[];
    personale: { fascia: string; numero: number }[];
    totali: { voce: string; valore: string }[];
  };
}

/** The checklist: each item with the check codes (or the evidence test) that answer it. */
const CHECKLIST: { voce: string; code?: string }[] = [
  { voce: 'Ogni obiettivo ha il suo risultato, o il motivo per cui non è valutabile', code: 'consuntivo.mancante' },
  { voce: 'Ogni scostamento dal risultato atteso è spiegato', code: 'consuntivo.scostamento' },
  { voce: 'I raggiungimenti indicati a mano, dove fasi o indicatori li calcolerebbero, sono motivati', code: 'consuntivo.motivazione' },
  { voce: 'I valori misurati degli indicatori si confrontano con i loro target', code: 'consuntivo.valore' },
  { voce: 'Le evidenze (atti, documenti) sono indicate per ogni obiettivo valutato' },
];

/** "da 60 a meno di 80", "da 80 a 100" for the sorted bands of the SMVP. */
function bandLabels(fasce: { da: number; quota: number }[]): string[] {
  return fasce.map((f, i) => {
    const next = fasce[i + 1];
    return next ? `da ${formatPercent(f.da).slice(0, -1)} a meno di ${formatPercent(next.da).slice(0, -1)}` : `da ${formatPercent(f.da).slice(0, -1)} a 100`;
  });
}

export function valutazioneView(plan: Piano, view: PlanView, checks: CheckResult, results: Results = computeResults(plan)): ValutazioneView {
  const fasce = [...(plan.valutazione?.fasce ?? [])].sort((a, b) => a.da - b.da);
  const labels = bandLabels(fasce);
  const bandOf = (f: { da: number } | undefined) => (f ? labels[fasce.findIndex((x) => x.da === f.da)] ?? '' : '');
  const ruolo = (r: PersonScore) => (r.segretario ? ruoloSegretario(plan) : 'Responsabile');
  const places = placesOf(checks.obiettivi);
  const where = (d: Diagnostic) => placeOf(d, places, plan, checks.nome);

  // The checklist: the checks' findings on results (as `check` reports them), and evidence.
  const dettagli: ValutazioneView['controlli']['dettagli'] = [];
  const righe = CHECKLIST.map(({ voce, code }) => {
    const found = code
      ? checks.diagnostics.filter((d) => d.code === code).map((d) => ({ dove: where(d), messaggio: d.message }))
      : results.obiettivi.filter(({ a, p }) => a.come !== 'non valutabile' && a.finale !== undefined && !(p.o.consuntivo?.evidenze?.length))
        .map(({ p }) => ({ dove: [p.settore, p.servizio, `${p.etichetta} «${p.o.titolo}»`].filter(Boolean).join(' – '), messaggio: 'nessuna evidenza indicata' }));
    if (found.length) dettagli.push({ voce, righe: found });
    return { voce, esito: found.length === 0 ? 'sì' : `no: ${found.length} ${found.length === 1 ? 'obiettivo' : 'obiettivi'} (vedi sotto)` };
  });

  const raffronto: ValutazioneView['raffronto'] = [];
  for (const { p, a } of results.obiettivi) {
    let g = raffronto.at(-1);
    if (g?.settore !== p.settore) raffronto.push((g = { settore: p.settore, righe: [] }));
    g.righe.push({
      obiettivo: `${p.servizio ? `${p.servizio}: ` : ''}${p.etichetta} – ${p.o.titolo}`,
      ente: a.come === 'non valutabile' ? 'non valutabile' : a.ente !== undefined ? pct2(a.ente) : 'non indicato',
      nucleo: a.nucleo !== undefined ? pct2(a.nucleo) : '–',
      finale: a.come === 'non valutabile' ? 'non valutabile' : a.finale !== undefined ? pct2(a.finale) : 'non indicato',
      note: p.o.consuntivo?.nucleo?.note ?? '',
    });
  }

  const schede = results.responsabili.map((r): SchedaValutazione => {
    const weight = r.tipo === 'coefficiente' ? (n: number) => fixed2(n) : (n: number) => formatPercent(n);
    const counted = r.obiettivi.filter((s) => s.a.come !== 'non valutabile');
    const pesoTotale = counted.reduce((acc, s) => acc + s.peso, 0);
    const contributo = counted.reduce((acc, s) => acc + (s.peso * (s.a.finale ?? 0)) / 100, 0);
    const esiti: SchedaValutazione['esiti'] = [
      {
        etichetta: 'Punteggio (contributi ÷ pesi × 100)',
        valore: r.punteggio === undefined ? 'non calcolabile' : `${fixed2(r.punteggio)} su 100${r.mancanti ? `, provvisorio: calcolato sugli obiettivi con il risultato indicato` : ''}`,
      },
    ];
    if (r.tempiPagamento) {
      const { quota, raggiunto } = r.tempiPagamento;
      esiti.push({
        etichetta: 'Obiettivo sui tempi di pagamento (art. 4-bis D.L. 13/2023)',
        valore: raggiunto === undefined
          ? `risultato non ancora indicato: la quota del ${pct2(quota)} del premio legata ai tempi di pagamento si decide quando il risultato è indicato`
          : `${raggiunto ? 'raggiunto' : 'non raggiunto'}: la quota del ${pct2(quota)} del premio legata ai tempi di pagamento ${raggiunto ? 'è pagata' : 'non è pagata'}`,
      });
      if (r.punteggioFascia !== undefined) esiti.push({ etichetta: 'Punteggio sugli altri obiettivi (determina la fascia)', valore: `${fixed2(r.punteggioFascia)} su 100` });
    }
    if (fasce.length) esiti.push({ etichetta: 'Fascia del sistema di valutazione', valore: r.fascia ? `${bandOf(r.fascia)}: premio al ${formatPercent(r.fascia.quota)}` : 'nessuna' });
    if (r.esclusione) esiti.push({ etichetta: 'Esclusione dal premio', valore: r.esclusione });
    if (r.quota !== undefined) esiti.push({ etichetta: 'Quota del premio pagata', valore: pct2(r.quota) });
    else if (r.mancanti) esiti.push({ etichetta: 'Quota del premio pagata', valore: `non ancora calcolabile: ${missing(r.mancanti)}` });
    if (r.importo !== undefined) {
      esiti.push({ etichetta: r.segretario ? 'Retribuzione di risultato legata agli obiettivi' : 'Indennità di risultato', valore: euro(r.importo) });
      if (r.premio !== undefined) esiti.push({ etichetta: 'Importo da liquidare', valore: euro(r.premio) });
    }
    const settori = [...new Set(r.obiettivi.map((s) => s.p.settore))];
    return {
      nome: r.persona,
      ruolo: ruolo(r),
      dati: [
        { etichetta: 'Valutato', valore: r.persona },
        { etichetta: 'Ruolo', valore: r.segretario ? ruoloSegretario(plan) : `Responsabile ${settori.join(', ')}` },
        { etichetta: 'Anno', valore: String(plan.piano.anno) },
        { etichetta: 'Pesi', valore: r.tipo === 'coefficiente' ? 'coefficienti di peso' : r.segretario ? "% della retribuzione di risultato" : "% dell'indennità di risultato" },
      ],
      obiettivi: [...r.obiettivi.map((s) => ({
        obiettivo: `${s.p.etichetta} – ${s.p.o.titolo}${s.p.o.tempi_pagamento && r.tipo === 'risultato' ? ' (art. 4-bis)' : ''}${s.p.o.prerequisito ? ' (prerequisito)' : ''}`,
        peso: weight(s.peso),
        raggiungimento: s.a.come === 'non valutabile' ? 'non valutabile' : s.a.finale !== undefined ? pct2(s.a.finale) : 'non indicato',
        contributo: s.a.come === 'non valutabile' ? 'escluso dal punteggio' : s.a.finale === undefined ? 'in attesa del risultato' : fixed2((s.peso * s.a.finale) / 100),
      })),
      // Prerequisites without a weight: not in the score, but a missed one excludes the bonus.
      ...results.obiettivi.filter(({ p }) => p.o.prerequisito && pesoTipo(p.o.peso) === undefined && p.segretario === r.segretario && p.responsabile === r.id).map(({ p, a }) => ({
        obiettivo: `${p.etichetta} – ${p.o.titolo} (prerequisito)`,
        peso: 'senza peso',
        raggiungimento: a.come === 'non valutabile' ? 'non valutabile' : a.finale !== undefined ? pct2(a.finale) : 'non indicato',
        contributo: a.come === 'non valutabile' ? 'escluso' : a.finale !== undefined && a.finale >= 100 ? 'raggiunto' : 'non raggiunto: esclude il premio',
      }))],
      totale: { peso: weight(pesoTotale), contributo: fixed2(contributo) },
      esiti,
      ...(r.esclusione && { esclusione: `Premio escluso: ${r.esclusione}.` }),
      firma: {
        luogo_data: `${view.ente.breve}, lì ${BLANK}`,
        firme: [
          { dicitura: 'Validato', ruolo: 'Il Nucleo di Valutazione' },
          { dicitura: 'Visto', ruolo: 'Il Sindaco' },
          { dicitura: 'Per presa visione', ruolo: r.segretario ? ruoloSegretario(plan) : 'Il Responsabile', nome: r.persona },
        ],
      },
    };
  });

  // The payout: what the staff office pays.
  const notes = (r: PersonScore) => [
    r.esclusione ?? '',
    r.tempiPagamento?.raggiunto === false ? `quota del ${pct2(r.tempiPagamento.quota)} legata ai tempi di pagamento non pagata` : '',
    r.mancanti && !r.esclusione ? `risultato non ancora indicato per ${r.mancanti === 1 ? '1 obiettivo' : `${r.mancanti} obiettivi`}` : '',
  ].filter(Boolean).join('; ');
  const sum = (xs: (number | undefined)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const responsabili = results.responsabili.map((r) => ({
    persona: r.persona, ruolo: ruolo(r),
    punteggio: r.punteggio !== undefined ? fixed2(r.punteggio) : '–',
    quota: r.quota !== undefined ? pct2(r.quota) : '–',
    importo: r.importo !== undefined ? euro(r.importo) : '–',
    premio: r.premio !== undefined ? euro(r.premio) : '–',
    note: notes(r),
  }));
  const fondo = results.fondoCcdi;
  const personale = results.personale.map((s) => ({
    persona: s.persona, peso: formatPercent(s.pesoTotale), quota: pct2(s.quota),
    premio: s.premio !== undefined ? euro(s.premio) : '–',
    note: s.esclusione ?? (s.mancanti ? `risultato non ancora indicato per ${s.mancanti === 1 ? '1 obiettivo' : `${s.mancanti} obiettivi`}` : ''),
  }));

  // Aggregated, no names: how many in each band and at each share paid; staff by the share of their
  // possible quota they earned, in the same ranges as the bands.
  const scored = results.responsabili;
  const quote = [...new Set(scored.map((r) => (r.quota === undefined ? undefined : Math.round(r.quota * 100) / 100)).filter((q): q is number => q !== undefined))].sort((a, b) => b - a);
  const staffRatio = (s: Results['personale'][number]) => (s.pesoTotale > 0 ? (s.quota / s.pesoTotale) * 100 : 0);
  const staffBands = fasce.length ? fasce : [{ da: 0, quota: 0 }];
  const staffLabels = bandLabels(staffBands);
  const premiResponsabili = sum(scored.map((r) => r.premio));
  const importiResponsabili = sum(scored.map((r) => r.importo));
  const premiPersonale = sum(results.personale.map((s) => s.premio));
  const totali: ValutazioneView['premi']['totali'] = [];
  if (scored.some((r) => r.importo !== undefined)) {
    totali.push({ voce: 'Retribuzione e indennità di risultato stanziate (Segretario e responsabili)', valore: euro(importiResponsabili) });
    totali.push({ voce: 'Retribuzione e indennità di risultato distribuite', valore: euro(premiResponsabili) });
  }
  if (fondo !== undefined) {
    totali.push({ voce: 'Somma del CCDI destinata alla performance organizzativa', valore: euro(fondo) });
    totali.push({ voce: 'Somma del CCDI distribuita', valore: euro(premiPersonale) });
  }
  totali.push({ voce: 'Persone escluse dal premio per un obiettivo prerequisito non raggiunto', valore: String(scored.filter((r) => r.esclusione).length + results.personale.filter((s) => s.esclusione).length) });

  return {
    titolo: `Valutazione della performance ${plan.piano.anno} – ${view.ente.nome}`,
    intestazione: `${view.ente.nome} – Valutazione della performance ${plan.piano.anno} – Nucleo di Valutazione e liquidazione dei premi`,
    ente: view.ente.nome,
    anno: plan.piano.anno,
    triennio: view.piano.triennio,
    sistema: {
      fasce: fasce.map((f, i) => ({ fascia: labels[i]!, quota: formatPercent(f.quota) })),
      regole: [
        'Il punteggio di ciascuno è la media del grado di raggiungimento dei suoi obiettivi, pesata con i pesi assegnati nel piano; gli obiettivi non valutabili non vi entrano. Vale la percentuale validata dal Nucleo di Valutazione, dove indicata.',
        'Art. 4-bis D.L. 13/2023: la quota del premio legata all\'obiettivo sui tempi di pagamento è pagata solo se l\'obiettivo è raggiunto (indicatore di ritardo annuale); il resto del premio segue la fascia del punteggio sugli altri obiettivi.',
        'Un obiettivo prerequisito non raggiunto esclude il premio di chi ne è responsabile e del personale coinvolto.',
        'La quota CCDI di ciascun dipendente è la somma dei pesi dei suoi obiettivi per il loro grado di raggiungimento, in percentuale della somma destinata alla performance organizzativa.',
      ],
    },
    controlli: { righe, dettagli },
    raffronto,
    schede,
    liquidazione: {
      responsabili,
      totale_responsabili: { importo: euro(importiResponsabili), premio: euro(premiResponsabili) },
      personale,
      totale_personale: {
        peso: formatPercent(Math.round(sum(results.personale.map((s) => s.pesoTotale)) * 1000) / 1000),
        quota: pct2(sum(results.personale.map((s) => s.quota))),
        premio: fondo !== undefined ? euro(premiPersonale) : '–',
      },
      ...(fondo !== undefined && { fondo: euro(fondo) }),
      ...(fondo !== undefined && results.riduzioneCcdi && {
        riduzione: `Le quote guadagnate sommano al ${pct2(results.riduzioneCcdi.quote)} della somma: gli importi sono ridotti in proporzione (ciascuno moltiplicato per ${formatNumber(Math.round(results.riduzioneCcdi.fattore * 10000) / 10000)}), così che in tutto si paga la somma.`,
      }),
    },
    premi: {
      fasce: fasce.map((f, i) => ({ fascia: labels[i]!, quota: formatPercent(f.quota), numero: scored.filter((r) => !r.esclusione && r.fascia?.da === f.da).length })),
      quote: quote.map((q) => ({ quota: pct2(q), numero: scored.filter((r) => r.quota !== undefined && Math.round(r.quota * 100) / 100 === q).length })),
      personale: staffBands.map((f, i) => ({
        fascia: staffLabels[i]!,
        numero: results.personale.filter((s) => {
          const v = staffRatio(s);
          const next = staffBands[i + 1];
          return v >= f.da && (next === undefined || v < next.da);
        }).length,
      })),
      totali,
    },
  };
}
