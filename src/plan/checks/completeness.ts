/** The completeness of each objective against the nine questions of the official guidance. */
import type { Placed } from './rule.js';
import { isMeasurable } from './target.js';
import { measuredByPhases, targetElsewhere } from '../measure.js';

export type Answer = 'sì' | 'parziale' | 'no';

export const QUESTIONS = [
  { key: 'a', label: 'obiettivo', text: 'Cosa prevediamo di fare (obiettivo)?' },
  { key: 'b', label: 'responsabile', text: 'Chi risponderà dell\'obiettivo?' },
  { key: 'c', label: 'stakeholder', text: 'A chi è rivolto?' },
  { key: 'd', label: 'contributor', text: 'Chi contribuirà a raggiungerlo?' },
  { key: 'e', label: 'termine', text: 'Entro quando?' },
  { key: 'f', label: 'indicatore e formula', text: 'Come misuriamo il raggiungimento?' },
  { key: 'g', label: 'baseline', text: 'Da dove partiamo?' },
  { key: 'h', label: 'target', text: 'Qual è il traguardo atteso?' },
  { key: 'i', label: 'fonte dei dati', text: 'Dove sono verificabili i dati?' },
] as const;

export type QuestionKey = (typeof QUESTIONS)[number]['key'];

export interface CompletenessRow {
  settore: string;
  servizio?: string;
  etichetta: string;
  titolo: string;
  risposte: Record<QuestionKey, Answer>;
  /** Share of the nine questions answered (a partial answer counts half), 0..100. */
  punteggio: number;
}

export interface Completeness {
  righe: CompletenessRow[];
  settori: { settore: string; obiettivi: number; punteggio: number }[];
  punteggio: number;
}

export function completeness(objectives: readonly Placed[]): Completeness {
  const righe = objectives.map((p): CompletenessRow => {
    const o = p.o;
    const detailed = o.indicatori.filter((i) => typeof i !== 'string');
    const risposte: Record<QuestionKey, Answer> = {
      a: o.titolo && o.descrizione ? 'sì' : 'parziale',
      b: p.responsabile ? 'sì' : 'no',
      c: o.stakeholder ? 'sì' : 'no',
      d: o.contributor ? 'sì' : 'no',
      e: 'sì',
      f: detailed.some((i) => i.formula) || measuredByPhases(o) ? 'sì' : o.indicatori.length ? 'parziale' : 'no',
      g: o.baseline || detailed.some((i) => i.baseline !== undefined) ? 'sì' : 'no',
      h: isMeasurable(o.target) || targetElsewhere(o) ? 'sì' : o.target ? 'parziale' : 'no',
      i: o.fonte_dati || detailed.some((i) => i.fonte) ? 'sì' : 'no',
    };
    return { settore: p.settore, ...(p.servizio && { servizio: p.servizio }), etichetta: p.etichetta, titolo: o.titolo, risposte, punteggio: score([risposte]) };
  });
  const settori: Completeness['settori'] = [];
  for (const r of righe) {
    if (!settori.some((s) => s.settore === r.settore)) {
      const mine = righe.filter((x) => x.settore === r.settore);
      settori.push({ settore: r.settore, obiettivi: mine.length, punteggio: score(mine.map((x) => x.risposte)) });
    }
  }
  return { righe, settori, punteggio: score(righe.map((r) => r.risposte)) };
}

function score(answers: Record<QuestionKey, Answer>[]): number {
  if (answers.length === 0) return 0;
  const points = answers.flatMap((a) => Object.values(a)).reduce((s, v) => s + (v === 'sì' ? 1 : v === 'parziale' ? 0.5 : 0), 0);
  return Math.round((points / (answers.length * QUESTIONS.length)) * 100);
}

