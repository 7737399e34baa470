/**
 * What the seed says, in order: every prose line, and every row of every table — its label and
 * its value — of the seed (test/fixtures/seed/casalmorano-2024.txt, the published text the example
 * reproduces), as the strings a reader must find in each output, case aside (settore headings are
 * capitals by style). The few places where the tool deliberately writes the same fact in one
 * consistent form are listed here, explicitly: a name the seed spells two ways ("Milanesi"; in
 * the Settore Economico – Finanziario, which writes names surname first, Coti Zelati twice name
 * first), deadlines
 * ("Entro il 30 giugno 2024" for "30/06/2024"), and the servizio headings' trailing colon.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Vendored, so the test never depends on a folder outside the repository: a missing file fails the test. */
export const SEED = resolve(import.meta.dirname, '../fixtures/seed/casalmorano-2024.txt');

/** The seed's inconsistent spellings, each written the one way the plan writes it. */
const NAMES: [RegExp, string][] = [
  [/Milanesi Fabiola Ester/g, 'Milanese Fabiola Ester'],
  [/^(Responsabile|Personale coinvolto) Dott\. Gianmario Coti Zelati$/g, '$1 Dott. Coti Zelati Gianmario'],
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
    let needle: string;
    if (cells.length >= 2) {
      const [label, ...rest] = cells;
      const value = rest.join(' ').trim();
      if (label === '') needle = value; // the centri table's second header row ("Denominazione")
      else if (label === 'Termine') needle = `${label} ${canonicalTermine(value)}`;
      else needle = `${label} ${value}`; // a row: its label, then its value (a blank weight: the label alone)
    } else {
      needle = text.replace(/^\s*- /, '').replace(/:$/, (m) => (/^Servizio /.test(text) ? '' : m));
    }
    needle = needle.replace(/\*/g, '');
    needle = needle.replace(/\s+/g, ' ').trim();
    for (const [re, to] of NAMES) needle = needle.replace(re, to);
    out.push({ text: needle.toLowerCase(), line });
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
