/**
 * The plan's year, and where it was found, so the reviewer is told: the title lines ("PIANO
 * INTEGRATO DI ATTIVITÀ E ORGANIZZAZIONE 2025-2027", "PIAO 2025/2027", any heading with a
 * triennio) are sure; otherwise it is guessed from the tables (weight labels "CCDI 2025", then the
 * year most deadlines name), then from the text ("per l'anno 2025"). A side sentence of the
 * introduction ("approvato … del 02/03/2023") never decides it before the tables.
 */
import type { Block } from './read.js';
import { recogniseLabel } from './labels.js';

export interface FoundYear {
  year: number;
  /** Where it came from, in words for the note: «dal titolo «…»», «dai termini degli obiettivi». */
  from: string;
  /** True when it is not from the title: the reviewer must check it. */
  guessed: boolean;
}

const TRIENNIO = /\b(20\d\d)\s*[-–/]\s*(20\d\d|\d\d)\b/;
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 77).trimEnd()}…` : s);

function triennio(text: string): number | undefined {
  const m = TRIENNIO.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return last === first + 2 ? first : undefined;
}

const lineOf = (b: Block): string | undefined => (b.kind === 'heading' || b.kind === 'paragraph' ? b.line.text : undefined);

function mostCommon(years: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

/** `titleEnd`: the index of the "2.2 Performance" title (the lines up to it are the title lines), or -1. */
export function findYear(blocks: Block[], titleEnd: number): FoundYear | undefined {
  // The title lines and every heading: a triennio, or "PIAO 2025".
  const titleLines = blocks.filter((b, k) => (k <= titleEnd || b.kind === 'heading') && lineOf(b) !== undefined && lineOf(b)!.split(' ').length <= 20);
  for (const b of titleLines) {
    const t = lineOf(b)!;
    const y = triennio(t) ?? (/\bPIAO\s+(20\d\d)\b/i.exec(t) ? Number(/\bPIAO\s+(20\d\d)\b/i.exec(t)![1]) : undefined);
    if (y !== undefined && (/piao|piano integrato|performance|programmazione|sezione|sottosezione/i.test(t) || /^\s*(20\d\d)\s*[-–/]/.test(t))) {
      return { year: y, from: `dal titolo «${short(t)}» (${b.where.replace(/ «.*$/s, '')})`, guessed: false };
    }
  }
  const prose: string[] = [];
  const tables: Extract<Block, { kind: 'table' }>[] = [];
  const collect = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'table') tables.push(b);
      else if (b.kind === 'quote') collect(b.blocks);
      else if (lineOf(b) !== undefined) prose.push(lineOf(b)!);
    }
  };
  collect(blocks);
  // "PIAO 2025-2027" written in the text.
  for (const t of prose) {
    const m = /\b(?:PIAO|Piano Integrato di Attivit[aà] e Organizzazione)\s+(20\d\d)\s*[-–/]\s*(?:20)?\d\d\b/i.exec(t);
    if (m) return { year: Number(m[1]), from: `dal testo «${short(m[0])}»`, guessed: true };
  }
  // The weights' labels of the objective tables ("% indennità di risultato 2025").
  const labels = tables.flatMap((t) => t.rows.map((r) => r[0]?.text ?? ''));
  const weightYears = labels.filter((l) => recogniseLabel(l).field === 'peso').flatMap((l) => [...l.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1])));
  const w = mostCommon(weightYears);
  if (w !== undefined) return { year: w, from: 'dalle etichette dei pesi degli obiettivi', guessed: true };
  // The year most deadlines name.
  const deadlineYears = tables.flatMap((t) => t.rows.filter((r) => r.length >= 2 && recogniseLabel(r[0]!.text).field === 'termine').flatMap((r) => [...r.slice(1).map((c) => c.text).join(' ').matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]))));
  const d = mostCommon(deadlineYears);
  if (d !== undefined) return { year: d, from: 'dai termini degli obiettivi', guessed: true };
  // "obiettivi … per l'anno 2025".
  for (const t of prose) {
    const m = /\b(?:per l'anno|nell'anno|anno)\s+(20\d\d)\b/i.exec(t);
    if (m) return { year: Number(m[1]), from: `dal testo «${short(m[0])}»`, guessed: true };
  }
  const any = mostCommon(prose.flatMap((t) => [...t.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]))));
  return any === undefined ? undefined : { year: any, from: 'dall\'anno scritto più spesso nel testo', guessed: true };
}
