/**
 * Rich text from the data (introduction, legal quotations) is Markdown. It is rendered to the
 * same restricted HTML the templates emit: paragraphs, lists, emphasis, quotations, line breaks.
 * Raw HTML in the data is never passed through: it is shown as text.
 *
 * markdown-it stops reading a text nested deeper than its limit and drops the rest without a word;
 * so the plan's schema refuses texts nested deeper than MAX_MARKDOWN_DEPTH lists or quotations,
 * which always stay within that limit: a text that is accepted is rendered whole.
 */
import MarkdownIt from 'markdown-it';

/** Lists and quotations one inside the other: at most this many. */
export const MAX_MARKDOWN_DEPTH = 8;

// Each list takes two of markdown-it's nesting levels (list, item), a quotation one, a paragraph
// and its text two more: 8 lists need 18, within the 20 of markdown-it's "zero" preset.
const md = new MarkdownIt('zero', { html: false, breaks: false, typographer: false })
  .enable(['paragraph', 'list', 'blockquote', 'emphasis', 'newline', 'escape', 'entity', 'text_join', 'balance_pairs', 'fragments_join']);

const CONTAINERS = new Set(['bullet_list', 'ordered_list', 'blockquote']);

export function renderMarkdown(src: string | undefined): string {
  if (!src || !src.trim()) return '';
  return md.render(src);
}

/**
 * The line of a Markdown text (from 1) where a list or quotation is nested deeper than `limit`, if
 * any. A text cut by markdown-it's limit still shows more than MAX_MARKDOWN_DEPTH containers before
 * the cut, so this finds every text that would lose a part.
 */
export function tooDeep(src: string, limit = MAX_MARKDOWN_DEPTH): number | undefined {
  if (!src.trim()) return undefined;
  let depth = 0;
  for (const t of md.parse(src, {})) {
    if (!CONTAINERS.has(t.type.replace(/_(open|close)$/, ''))) continue;
    depth += t.nesting;
    if (depth > limit) return (t.map?.[0] ?? 0) + 1;
  }
  return undefined;
}
