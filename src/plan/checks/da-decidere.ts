/**
 * `piao nuovo-anno` marks each point a person must decide with a comment line "# DA DECIDERE: …"
 * above its place. A plan approved with such lines left in it carries last year's facts (an
 * introduction naming the past year, deadlines only moved): each line still in the file is a
 * warning at its own line, from the source text (comments are not data). A line of a text (an
 * introduction written as a block) that happens to start so is the document's, not a mark.
 */
import { parseDocument, visit } from 'yaml';
import { defineRule } from './rule.js';

/** The words the marks begin with (convert/next-year.ts writes them). */
export const DA_DECIDERE = 'DA DECIDERE';

const MARK_LINE = new RegExp(`^(\\s*)#\\s*${DA_DECIDERE}\\b:?\\s*(.*?)\\r?$`);

export interface MarkLine {
  /** 1-based line and column of the "#". */
  line: number;
  col: number;
  /** The line's offsets in the text: its start, and just after its line break. */
  start: number;
  end: number;
  /** What the mark says. */
  what: string;
}

/** The comment lines "# DA DECIDERE …" of a plan's YAML text, outside every scalar's text. */
export function markLines(source: string): MarkLine[] {
  if (!source.includes(DA_DECIDERE)) return [];
  const texts: [number, number][] = [];
  visit(parseDocument(source, { prettyErrors: false }), {
    Scalar(_, node) {
      if (node.range) texts.push([node.range[0], node.range[1]]);
    },
  });
  const marks: MarkLine[] = [];
  let start = 0;
  source.split('\n').forEach((text, i) => {
    const end = start + text.length + 1;
    const m = MARK_LINE.exec(text);
    const at = start + (m?.[1]!.length ?? 0);
    if (m && !texts.some(([a, b]) => at >= a && at < b)) marks.push({ line: i + 1, col: m[1]!.length + 1, start, end: Math.min(end, source.length), what: m[2]!.trim() });
    start = end;
  });
  return marks;
}

export const daDecidere = defineRule({
  name: 'nessun punto lasciato da decidere (piao nuovo-anno)',
  codes: { 'nuovo-anno.da-decidere': 'avviso' },
  piano({ source }, report) {
    if (source === undefined) return;
    for (const m of markLines(source)) {
      report('nuovo-anno.da-decidere', [], `punto ancora da decidere${m.what ? `: ${m.what}` : ''}`, {
        at: { line: m.line, col: m.col },
        hint: `decidilo, poi togli la riga "# ${DA_DECIDERE}"`,
      });
    }
  },
});
