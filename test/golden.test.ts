/**
 * Golden files, one per feature and writer: each tiny tree of test/fixtures/features.ts rendered
 * by the HTML writer into test/golden/html/ (the page's body; the whole page, head and style
 * included, for "header-footer") and as the PDF writer's pdfmake document definition into
 * test/golden/pdf/ (its content; the whole definition for "header-footer", with the header and
 * footer as drawn on page 2 of 5). Small enough to review: refresh them with `npm run golden`
 * and read the diff before committing. The DOCX goldens are in test/docx.test.ts
 * (test/golden/docx/); the example as a whole is held to the seed (seed-content.test.ts) and,
 * built by the real CLI, to the in-process build (cli/bin.test.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { loadTheme } from '../src/render/theme.js';
import { writeHtml } from '../src/writers/html.js';
import type { DocMeta } from '../src/writers/meta.js';
import { pdfDefinition } from '../src/writers/pdf.js';
import { FEATURES, featureTree } from './fixtures/features.js';
import { expectGolden, GOLDEN_DIR, goldenJson } from './helpers/golden.js';

const theme = loadTheme(join(DEFAULT_TEMPLATES, 'tema.json')).theme;
const meta: DocMeta = {
  title: 'Comune di Prova – PIAO 2024-2026 – Sottosezione 2.2 Performance',
  author: 'Comune di Prova',
  subject: 'PIAO 2024-2026 – Sottosezione 2.2 Performance',
  keywords: 'PIAO, performance, obiettivi, Comune di Prova, 2024-2026',
  language: 'it-IT',
  date: new Date(Date.UTC(2024, 0, 31, 12)),
};

/** What lies between <body> and </body>. */
function body(page: string): string {
  const start = page.indexOf('<body>\n');
  const end = page.lastIndexOf('</body>');
  if (start < 0 || end < start) throw new Error('no <body> in the page');
  return page.slice(start + '<body>\n'.length, end);
}

describe('HTML writer, feature by feature', () => {
  it.each(FEATURES)('%s', (feature) => {
    const page = writeHtml(featureTree(feature), theme, meta, { navigation: feature === 'navigation' }).toString('utf8');
    expectGolden(`html/${feature}.html`, feature === 'header-footer' ? page : body(page));
  });
});

describe('PDF document definition, feature by feature', () => {
  // "navigation" is the HTML page's own (skip link, table of contents).
  it.each(FEATURES.filter((f) => f !== 'navigation'))('%s', (feature) => {
    const def = pdfDefinition(featureTree(feature), theme, meta);
    expectGolden(`pdf/${feature}.json`, feature === 'header-footer' ? goldenJson(def, [2, 5]) : goldenJson(def.content));
  });
});

it('no golden file is left over from a feature that is gone', () => {
  expect(readdirSync(join(GOLDEN_DIR, 'html')).sort()).toEqual(FEATURES.map((f) => `${f}.html`).sort());
  expect(readdirSync(join(GOLDEN_DIR, 'pdf')).sort()).toEqual(FEATURES.filter((f) => f !== 'navigation').map((f) => `${f}.json`).sort());
});
