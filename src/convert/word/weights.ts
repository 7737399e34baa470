/**
 * What a plain "Peso" / "Peso %" row means. The art. 4-bis rule is about a responsabile's result
 * pay (the payment-times objective must weigh at least 30% of it), so for the objectives of a
 * responsabile or of the Segretario a plain weight is read as `risultato`, unless the document's
 * own text ties the weights to the CCDI share (produttività, performance organizzativa, fondo).
 * The reason is returned in words, for the note and the YAML comment.
 */
import type { Block } from './read.js';
import type { PesoTipo } from './objective.js';

const CCDI = /ccdi|produttivit|performance organizzativa|risorse decentrate|salario accessorio|\bfondo\b/i;
const RISULTATO = /(?:retribuzione|indennit[aà]) di risultato/i;
const short = (s: string) => (s.length > 90 ? `${s.slice(0, 87).trimEnd()}…` : s);

/** The words of a sentence from "peso" to the kind it names ("peso percentuale ai fini della retribuzione di risultato"). */
function clause(sentence: string, kind: RegExp): string {
  const w = /\bpes[oi]\b|ponderazion/i.exec(sentence)!;
  const ks = [...sentence.matchAll(new RegExp(kind.source, 'gi'))];
  const from = Math.min(w.index, ks[0]!.index);
  const to = Math.max(w.index + w[0].length, ...ks.map((k) => k.index + k[0].length));
  return `${from > 0 ? '…' : ''}${short(sentence.slice(from, to))}${to < sentence.length ? '…' : ''}`;
}

export function plainWeightKind(blocks: Block[]): { tipo: PesoTipo; why: string } {
  const sentences: string[] = [];
  const collect = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'paragraph' || b.kind === 'heading') sentences.push(...b.line.text.split(/(?<=[.;])\s+/));
      else if (b.kind === 'list') sentences.push(...b.items.map((i) => i.text));
      else if (b.kind === 'quote') collect(b.blocks);
    }
  };
  collect(blocks);
  const aboutWeights = sentences.filter((s) => /\bpes[oi]\b|ponderazion/i.test(s));
  const risultato = aboutWeights.find((s) => RISULTATO.test(s) && !CCDI.test(s));
  const ccdi = aboutWeights.find((s) => CCDI.test(s) && !RISULTATO.test(s));
  if (ccdi && !risultato) return { tipo: 'ccdi', why: `il documento lega i pesi alla somma CCDI: «${clause(ccdi, CCDI)}»` };
  if (risultato) return { tipo: 'risultato', why: `il documento lega i pesi alla retribuzione di risultato: «${clause(risultato, RISULTATO)}»` };
  return { tipo: 'risultato', why: 'sono obiettivi di un responsabile o del Segretario (la regola dell\'art. 4-bis riguarda la loro retribuzione di risultato) e il documento non lega i pesi alla somma CCDI' };
}
