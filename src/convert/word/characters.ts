/**
 * Characters a plan may not hold (src/plan/characters.ts: control characters, bidi overrides, lone
 * surrogates) taken out of a Word document's text as it is read, each said in a note at its place
 * ("paragrafo 4", "tabella 3, riga 2"), so the plan `piao import` writes passes `piao check`. A
 * vertical tab or form feed (a line or page break in old documents) becomes a space.
 */
import { describeChar, forbiddenChar } from '../../plan/characters.js';
import type { ImportNote } from '../imported.js';
import type { Block, Cell, Line, ListItem } from './read.js';

const FORBIDDEN_ALL = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function strip(s: string): string {
  return s.replace(FORBIDDEN_ALL, (c) => (c === '\x0B' || c === '\x0C' ? ' ' : '')).replace(/ {2,}/g, ' ').trim();
}

/** The blocks with those characters taken out; a note for each place that had some. */
export function stripForbidden(blocks: Block[], notes: ImportNote[]): void {
  const found = new Map<string, Set<string>>();
  const line = (l: Line, where: string) => {
    const bad = forbiddenChar(l.text) ?? forbiddenChar(l.md);
    if (!bad) return;
    for (const c of `${l.text}${l.md}`.match(FORBIDDEN_ALL) ?? []) {
      const set = found.get(where) ?? new Set<string>();
      set.add(c);
      found.set(where, set);
    }
    l.text = strip(l.text);
    l.md = strip(l.md);
    if (l.parts) l.parts = l.parts.map(strip);
  };
  const items = (is: ListItem[], where: string) => {
    for (const i of is) {
      line(i, where);
      items(i.children, where);
    }
  };
  const cell = (c: Cell, where: string) => {
    for (const l of c.lines) line(l, where);
    c.text = c.lines.map((l) => l.text).join(' ');
  };
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      b.where = strip(b.where);
      if (b.kind === 'paragraph' || b.kind === 'heading') line(b.line, b.where);
      else if (b.kind === 'list') items(b.items, b.where);
      else if (b.kind === 'quote') {
        walk(b.blocks);
        b.where = b.blocks[0]?.where ?? b.where;
      }
      else if (b.kind === 'table') b.rows.forEach((r, k) => r.forEach((c) => cell(c, `${b.where}, riga ${k + 1}`)));
    }
  };
  walk(blocks);
  for (const [where, chars] of found) {
    notes.push({ where, severity: 'avviso', message: `${[...chars].map(describeChar).join('; ')}: ${chars.size === 1 ? 'tolto' : 'tolti'} dal testo (un piano non può contenerli); controlla che il testo si legga come nel documento` });
  }
}
