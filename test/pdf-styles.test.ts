/** pdfmake's style lookups kept while its style stack is unchanged: the same PDF, byte for byte. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare, renderTree } from '../src/build.js';
import { metaOf, subjectOf } from '../src/document.js';
import { writePdf } from '../src/writers/pdf.js';
import { styleCache } from '../src/writers/pdf-styles.js';

describe('style lookups kept per style stack', () => {
  it('give the same PDF as pdfmake\'s own lookups (example with --report annex)', async () => {
    const { plan, templates, theme, view, checks } = prepare(join(import.meta.dirname, '../data/casalmorano-2024.yaml'));
    const tree = renderTree(templates, 'documento', view);
    tree.body.push(...renderTree(templates, 'allegato', (await import('../src/annex.js')).annexView(checks)).body);
    const meta = metaOf(plan, view, tree, subjectOf(view));
    const fast = await writePdf(tree, theme.theme, theme.fonts(), meta);
    styleCache.enabled = false;
    try {
      const plain = await writePdf(tree, theme.theme, theme.fonts(), meta);
      expect(fast.equals(plain)).toBe(true);
    } finally {
      styleCache.enabled = true;
    }
  });
});
