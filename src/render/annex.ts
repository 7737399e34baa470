/**
 * The annex of `piao build --report`: the completeness of each objective against the nine
 * questions of the official guidance, and the weights per person (the staff office needs them
 * for the CCDI). A view for the `allegato.hbs` template, computed from the checks.
 */
import { QUESTIONS, type Answer, type CheckResult } from '../plan/checks.js';
import { formatPercent } from './format.js';

const SHORT: Record<Answer, string> = { sì: 'sì', parziale: '½', no: '–' };

export interface AnnexView {
  domande: { lettera: string; etichetta: string; testo: string }[];
  settori: { settore: string; punteggio: string; righe: { etichetta: string; titolo: string; risposte: string[]; punteggio: string }[] }[];
  punteggio: string;
  risultato: { persona: string; ruolo: string; righe: { obiettivo: string; settore: string; peso: string }[]; totale: string; atteso?: string }[];
  ccdi: { persona: string; righe: { obiettivo: string; settore: string; peso: string }[]; totale: string }[];
}

export function annexView(result: CheckResult): AnnexView {
  const c = result.completezza;
  const peso = (v: number | null) => (v === null ? 'non indicato' : formatPercent(v));
  return {
    domande: QUESTIONS.map((q) => ({ lettera: q.key, etichetta: q.label, testo: q.text })),
    settori: c.settori.map((s) => ({
      settore: s.settore,
      punteggio: formatPercent(s.punteggio),
      righe: c.righe
        .filter((r) => r.settore === s.settore)
        .map((r) => ({ etichetta: r.etichetta, titolo: r.titolo, risposte: QUESTIONS.map((q) => SHORT[r.risposte[q.key]]), punteggio: formatPercent(r.punteggio) })),
    })),
    punteggio: formatPercent(c.punteggio),
    risultato: result.pesi.risultato.map((r) => ({
      persona: r.persona,
      ruolo: r.segretario ? 'Segretario Comunale' : 'Responsabile',
      righe: r.obiettivi.map((o) => ({ obiettivo: `${o.etichetta} – ${o.titolo}`, settore: o.settore, peso: peso(o.peso) })),
      totale: formatPercent(r.totale),
      ...(r.atteso !== null && { atteso: formatPercent(r.atteso) }),
    })),
    ccdi: result.pesi.ccdi.map((r) => ({
      persona: r.persona,
      righe: r.obiettivi.map((o) => ({ obiettivo: `${o.etichetta} – ${o.titolo}`, settore: o.settore, peso: peso(o.peso) })),
      totale: formatPercent(r.totale),
    })),
  };
}
