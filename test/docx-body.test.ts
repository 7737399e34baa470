/**
 * The DOCX body is written as XML by hand (`src/writers/docx-xml.ts`) instead of with docx's objects.
 * These tests hold it to docx itself: the writer and the object-model reference (`helpers/docx-reference.ts`,
 * the writer as it was) must give the same package, byte for byte, for the example and its --split and
 * --report documents, for a tree with every kind of block in every place, and for random trees, with the
 * default theme and with one of fractional sizes and odd class styles. On a difference, the first part that
 * differs is shown (document.xml first).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare, renderTree } from '../src/build.js';
import { annexView } from '../src/render/annex.js';
import { schedaViews, settoreViews } from '../src/render/split.js';
import type { Block, Cell, DocTree, Inline } from '../src/render/tree.js';
import type { FontFiles, Theme } from '../src/render/theme.js';
import type { DocMeta } from '../src/writers/meta.js';
import { writeDocx } from '../src/writers/docx.js';
import { writeDocxReference } from './helpers/docx-reference.js';
import { docxXml } from './helpers/extract.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
const { theme: loaded, templates, view, checks } = prepare(EXAMPLE);
const THEME = loaded.theme;
/** Tiny stand-ins for the fonts: they are embedded as they are, and the real ones only slow the comparison. */
const FONTS: FontFiles = { normal: Buffer.alloc(64, 1), bold: Buffer.alloc(64, 2), italics: Buffer.alloc(64, 3), bolditalics: Buffer.alloc(64, 4) };
const META: DocMeta = { title: 'Prova', author: 'Comune di Prova', subject: 'Oggetto', keywords: 'a, b', language: 'it-IT', date: new Date(Date.UTC(2024, 0, 31, 12)) };

/** A theme with sizes that are not whole twips, class colours by name and literal, a background that is not in the palette. */
const ODD: Theme = {
  ...THEME,
  paragrafo: { spazioDopo: 5.55 },
  tabella: { ...THEME.tabella, margineCella: 3.3, spazioDopo: 0.7, larghezzaEtichette: 33.3 },
  pagina: { ...THEME.pagina, margini: { ...THEME.pagina.margini, destra: 18.3 } },
  classi: {
    ...THEME.classi,
    grande: { dimensione: 10.25, colore: 'titoli' },
    rossa: { colore: '#aa0000', corsivo: true },
    ignota: { sfondo: 'nessuno', colore: 'nessuno' },
    spaziata: { spazioPrima: 0.15, spazioDopo: 2.15, allineamento: 'giustificato' },
    destra: { allineamento: 'destra', spazioDopo: 3 },
    legata: { conSuccessivo: true, grassetto: true, sfondo: '#ffeedd' },
  },
};
const CLASSES = [...Object.keys(ODD.classi), 'etichetta centrato', 'grande rossa', 'non-nel-tema'];

async function expectSame(tree: DocTree, theme: Theme): Promise<void> {
  const actual = await writeDocx(tree, theme, FONTS, META);
  const expected = await writeDocxReference(tree, theme, FONTS, META);
  if (actual.equals(expected)) return;
  for (const part of ['word/document.xml', 'word/numbering.xml', 'word/styles.xml']) {
    expect(docxXml(actual, part).replace(/></g, '>\n<'), part).toBe(docxXml(expected, part).replace(/></g, '>\n<'));
  }
  expect(actual.equals(expected), 'the packages differ outside document.xml, numbering.xml and styles.xml').toBe(true);
}

const tree = (body: Block[]): DocTree => ({ header: [{ type: 'text', text: 'Intestazione' }], footer: [{ type: 'field', field: 'page' }], body });
const text = (t: string, more: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline => ({ type: 'text', text: t, ...more });
const p = (t: string, cls?: string): Block => ({ type: 'paragraph', ...(cls && { cls }), content: [text(t)] });
const cell = (content: Block[], more: Partial<Cell> = {}): Cell => ({ header: false, colspan: 1, content, ...more });

/** Every block, in the flow, in quotes, in lists (first and later in an item, last in the list) and in cells. */
function everything(): Block[] {
  const list = (ordered: boolean, items: Block[][], cls?: string): Block => ({ type: 'list', ordered, ...(cls && { cls }), items });
  const inner: Block = {
    type: 'table',
    rows: [
      { cells: [cell([p('interna')], { cls: 'etichetta' }), cell([])] },
      { cells: [] },
      { cells: [cell([list(true, [[p('uno')], [p('due')]])], { colspan: 2 })] },
    ],
  };
  const blocks: Block[] = [
    { type: 'heading', level: 1, content: [text('Titolo & <sottotitolo> "citato" l\'ente')] },
    { type: 'heading', level: 2, cls: 'nome-responsabile centrato', content: [text('Secondo')] },
    { type: 'heading', level: 3, cls: 'firma', content: [text('Terzo')] },
    { type: 'heading', level: 4, cls: 'spaziata grande', content: [text('Quarto')] },
    {
      type: 'paragraph',
      cls: 'destra',
      content: [text('a\u0001b\u0008c\u000bd\u001fe\tf\ng\rh – è ’ 😀 '), text('grassetto', { bold: true }), { type: 'break' }, text('corsivo', { italic: true, cls: 'titolo-obiettivo' }), { type: 'field', field: 'pages' }, text('classe', { cls: 'rossa' })],
    },
    { type: 'paragraph', content: [] },
    p('con classe', 'con-successivo legata'),
    list(false, [[p('punto')], [p('punto con seguito'), p('seguito')], [], [p('ultimo', 'grande')]]),
    list(true, [[p('primo')], [p('con elenco'), list(true, [[p('annidato')], [list(false, [[p('più giù')]])]])]]),
    list(true, [[list(true, [[p('senza paragrafo iniziale')]])], [p('dopo')]]),
    list(false, [[p('seguito da una tabella'), inner]]),
    list(false, [[p('ultimo, poi elementi vuoti')], [], [{ type: 'div', content: [] }]]),
    list(true, []),
    { type: 'quote', content: [p('citazione'), list(false, [[p('in citazione')], [p('livello'), list(true, [[p('due')]])]]), { type: 'heading', level: 3, content: [text('titolo citato')] }] },
    { type: 'div', cls: 'centrato', content: [p('in un div'), { type: 'pagebreak' }] },
    { type: 'pagebreak' },
    {
      type: 'table',
      cls: 'centri',
      rows: [
        { cells: [cell([p('A')], { header: true, cls: 'intestazione-colonna' }), cell([p('B')], { header: true, cls: 'intestazione-colonna' }), cell([p('C')], { header: true, cls: 'intestazione-colonna' })] },
        { cells: [cell([p('1')], { cls: 'centrato' }), cell([p('largo')], { colspan: 2, cls: 'legata' })] },
        {
          cells: [
            cell([{ type: 'heading', level: 4, content: [text('titolo in cella')] }, { type: 'quote', content: [p('citato in cella'), list(false, [[p('elenco citato in cella')]])] }]),
            cell([list(true, [[p('uno')], [p('due'), list(false, [[p('giù')]])]]), { type: 'pagebreak' }], { cls: 'etichetta-leggera ignota' }),
            cell([inner]),
          ],
        },
        { cells: [cell([{ type: 'div', content: [] }]), cell([p('x', 'spaziata')]), cell([list(false, [])])] },
      ],
    },
    { type: 'table', rows: [] },
    { type: 'table', cls: 'non-nel-tema', rows: [{ cells: [cell([p('sola')], { cls: 'etichetta' })] }, { cells: [] }] },
    p('fine'),
  ];
  return blocks;
}

describe('the DOCX body written as XML is what docx writes', () => {
  it('for the example, its --report annex, and its --split documents', async () => {
    const main = renderTree(templates, 'documento', view);
    main.body.push(...renderTree(templates, 'allegato', annexView(checks)).body);
    await expectSame(main, THEME);
    const splits = [
      ...settoreViews(view).map((v) => renderTree(templates, 'settore-documento', v)),
      ...schedaViews(view).map((v) => renderTree(templates, 'scheda', v)),
    ];
    expect(splits.length).toBeGreaterThan(2);
    for (const t of splits) await expectSame(t, THEME);
  });

  it('for every kind of block in every place, with the default theme and an odd one', async () => {
    await expectSame(tree(everything()), THEME);
    await expectSame(tree(everything()), ODD);
  });

  it('for an empty body', async () => {
    await expectSame(tree([]), THEME);
  });

  it('refusing a colour docx refuses, as docx does', async () => {
    const bad: Theme = { ...THEME, classi: { ...THEME.classi, rotta: { colore: '#abc' } } };
    const body: Block[] = [p('testo', 'rotta')];
    const message = await writeDocxReference(tree(body), bad, FONTS, META).then(() => 'no error', (e: Error) => e.message);
    expect(message).toMatch(/Invalid hex value/);
    await expect(writeDocx(tree(body), bad, FONTS, META)).rejects.toThrow(message);
  });

  it('for random trees', async () => {
    const chars = fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", '\u0000', '\u0007', '\t', '\n', '\u000b', '\u001f', 'è', '–', '’', '😀', '\u00a0');
    const cls = fc.option(fc.constantFrom(...CLASSES), { nil: undefined });
    const inline: fc.Arbitrary<Inline> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ type: fc.constant('text' as const), text: fc.string({ unit: chars, minLength: 1, maxLength: 8 }), bold: fc.boolean(), italic: fc.boolean(), cls }) },
      fc.constant({ type: 'break' as const }),
      fc.record({ type: fc.constant('field' as const), field: fc.constantFrom('page' as const, 'pages' as const) }),
    );
    const inlines = fc.array(inline, { maxLength: 4 });
    const paragraph: fc.Arbitrary<Block> = fc.record({ type: fc.constant('paragraph' as const), cls, content: inlines });
    const { block } = fc.letrec<{ block: Block }>((tie) => {
      const blocks = fc.array(tie('block'), { maxLength: 3 });
      const cellArb: fc.Arbitrary<Cell> = fc.record({ header: fc.boolean(), colspan: fc.integer({ min: 1, max: 3 }), cls, content: blocks });
      return {
        block: fc.oneof(
          { depthSize: 'small', maxDepth: 4 },
          { weight: 4, arbitrary: paragraph },
          fc.record({ type: fc.constant('heading' as const), level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const), cls, content: inlines }),
          fc.constant({ type: 'pagebreak' as const }),
          fc.record({
            type: fc.constant('list' as const),
            ordered: fc.boolean(),
            cls,
            items: fc.array(fc.oneof(fc.tuple(paragraph, blocks).map(([first, rest]) => [first, ...rest]), blocks), { maxLength: 3 }),
          }),
          fc.record({ type: fc.constant('quote' as const), cls, content: blocks }),
          fc.record({ type: fc.constant('div' as const), cls, content: blocks }),
          fc.record({ type: fc.constant('table' as const), cls, rows: fc.array(fc.record({ cells: fc.array(cellArb, { maxLength: 3 }) }), { maxLength: 3 }) }),
        ),
      };
    });
    await fc.assert(
      fc.asyncProperty(fc.array(block, { maxLength: 6 }), fc.constantFrom(THEME, ODD), async (body, theme) => {
        await expectSame(tree(body), theme);
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20240131) },
    );
  });
});
