/**
 * Rich text from the data (introduction, legal quotations) is Markdown. It is rendered to the
 * same restricted HTML the templates emit: paragraphs, lists, emphasis, quotations, line breaks.
 * Raw HTML in the data is never passed through: it is shown as text.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt('zero', { html: false, breaks: false, typographer: false })
  .enable(['paragraph', 'list', 'blockquote', 'emphasis', 'newline', 'escape', 'entity', 'text_join', 'balance_pairs', 'fragments_join']);

export function renderMarkdown(src: string | undefined): string {
  if (!src || !src.trim()) return '';
  return md.render(src);
}
