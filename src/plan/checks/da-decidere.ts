/**
 * `piao nuovo-anno` marks each point a person must decide with a comment line "# DA DECIDERE: …"
 * above its place. A plan approved with such lines left in it carries last year's facts (an
 * introduction naming the past year, deadlines only moved): each line still in the file is a
 * warning at its own line, from the source text (comments are not data).
 */
import { defineRule } from './rule.js';

/** The words the marks begin with (convert/next-year.ts writes them). */
export const DA_DECIDERE = 'DA DECIDERE';

const MARK_LINE = new RegExp(`^(\\s*)#\\s*${DA_DECIDERE}\\b:?\\s*(.*)$`);

export const daDecidere = defineRule({
  name: 'nessun punto lasciato da decidere (piao nuovo-anno)',
  codes: { 'nuovo-anno.da-decidere': 'avviso' },
  piano({ source }, report) {
    if (source === undefined) return;
    source.split(/\r\n?|\n/).forEach((line, i) => {
      const m = MARK_LINE.exec(line);
      if (!m) return;
      const what = m[2]!.trim();
      report('nuovo-anno.da-decidere', [], `punto ancora da decidere${what ? `: ${what}` : ''}`, {
        at: { line: i + 1, col: m[1]!.length + 1 },
        hint: `decidilo, poi togli la riga "# ${DA_DECIDERE}"`,
      });
    });
  },
});
