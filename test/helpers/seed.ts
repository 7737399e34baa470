/**
 * What the seed says, in order: every prose line and every value of every objective table of
 * the seed (test/fixtures/seed/casalmorano-2024.txt, the published text the example reproduces),
 * as the strings a reader must find in each output. The few places where the tool deliberately
 * writes the same fact in one consistent form are listed here, explicitly: people's names (one
 * spelling, "Title First-name Surname"), deadlines ("Entro il 30 giugno 2024"), and the
 * Segretario's sentences that the template composes from data.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Vendored, so the test never depends on a folder outside the repository: a missing file fails the test. */
export const SEED = resolve(import.meta.dirname, '../fixtures/seed/casalmorano-2024.txt');

const NAMES: [RegExp, string][] = [
  [/Dott\. Coti Zelati Gianmario/g, 'Dott. Gianmario Coti Zelati'],
  [/Milanes[ei] Fabiola Ester/g, 'Fabiola Ester Milanese'],
  [/Moreni Carla/g, 'Carla Moreni'],
  [/Stefanoni Manuela/g, 'Manuela Stefanoni'],
  [/Stelluti Antonietta/g, 'Antonietta Stelluti'],
  [/^La dott\.ssa Sonia Pagani/g, 'Dott.ssa Sonia Pagani'],
];

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/** The seed's deadline forms, written the tool's one way. */
export function canonicalTermine(s: string): string {
  let t = s.replace(/^(?:Entro il )?(\d{2})[./](\d{2})[./](\d{4})/, (_m, d: string, m: string, y: string) => `Entro il ${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`);
  t = t.charAt(0).toUpperCase() + t.slice(1);
  return t;
}

export interface Needle {
  text: string;
  line: number;
}

/** Seed lines (tables joined, markup removed) in document order. */
export function seedNeedles(): Needle[] {
  const raw = readFileSync(SEED, 'utf8').split('\n');
  // Join table continuation lines (starting with TAB) to the cell they continue, across blank lines.
  const lines: { text: string; line: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    if (l.startsWith('\t') && lines.length && !/^\tDenominazione/.test(l)) {
      lines[lines.length - 1]!.text += ' ' + l.trim();
      continue;
    }
    if (l.trim() === '') continue;
    lines.push({ text: l, line: i + 1 });
  }

  const out: Needle[] = [];
  for (const { text, line } of lines) {
    const cells = text.split('\t');
    if (/^Centro di Responsabilit/.test(text) || /^\tDenominazione/.test(text)) continue; // header of the centri table
    let needle: string;
    if (cells.length >= 2) {
      const [label, ...rest] = cells;
      const value = rest.join(' ').trim();
      if (/^\d$/.test(label!)) needle = `${label} ${value}`; // a row of the centri table
      else if (/^Obiettivo (n\. \d+|comune)$/.test(label!)) needle = `${label} ${value}`; // computed numbering
      else if (label === 'Termine') needle = canonicalTermine(value);
      else if (value === '') continue; // a weight left blank
      else needle = value;
    } else {
      needle = text.replace(/^\s*- /, '').replace(/:$/, (m) => (/^Servizio /.test(text) ? '' : m));
    }
    needle = needle.replace(/\*/g, '');
    for (const [re, to] of NAMES) needle = needle.replace(re, to);
    out.push({ text: needle.replace(/\s+/g, ' ').trim(), line });
  }
  return out;
}

/**
 * Finds each needle in `haystack` after the previous one, case aside (the seed types the settore
 * headings in capitals; the documents show them in capitals by their style); returns those not found in order.
 */
export function missingInOrder(haystack: string, needles: Needle[]): Needle[] {
  const missing: Needle[] = [];
  const text = haystack.toLowerCase();
  let pos = 0;
  for (const n of needles) {
    const needle = n.text.toLowerCase();
    const at = text.indexOf(needle, pos);
    if (at < 0) missing.push(n);
    else pos = at + needle.length;
  }
  return missing;
}
