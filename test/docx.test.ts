/**
 * The DOCX writer, feature by feature: each tiny tree of test/fixtures/features.ts (the same ones the HTML and
 * PDF goldens use) written as a DOCX, its `word/document.xml` body (with `word/numbering.xml` when it has lists;
 * the header, footer and section properties when it has a header or footer) held to test/golden/docx/<feature>.xml,
 * one tag per line so that a change is a reviewable diff. Refresh them with `npm run golden` and review the diff.
 * Then what a golden file would only show, checked on every feature and on the example: the package opens
 * (every part its content types and relationships name is there, every part has a content type), its XML is
 * well formed, every list paragraph's numbering and every style it names exist, numbered lists restart, and
 * the bytes depend on the data only.
 */
import { join, posix } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepare, renderTree } from '../src/build.js';
import type { Block, DocTree, Inline } from '../src/render/tree.js';
import type { FontFiles } from '../src/render/theme.js';
import type { DocMeta } from '../src/writers/meta.js';
import { writeDocx } from '../src/writers/docx.js';
import { FEATURES, featureTree } from './fixtures/features.js';
import { expectGolden } from './helpers/golden.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
const { theme, templates, view } = prepare(EXAMPLE);
const THEME = theme.theme;
/** Tiny stand-ins for the fonts: they are embedded as they are. */
const FONTS: FontFiles = { normal: Buffer.alloc(64, 1), bold: Buffer.alloc(64, 2), italics: Buffer.alloc(64, 3), bolditalics: Buffer.alloc(64, 4) };
const META: DocMeta = { title: 'Prova', author: 'Comune di Prova', subject: 'Oggetto', keywords: 'a, b', language: 'it-IT', date: new Date(Date.UTC(2024, 0, 31, 12)) };

const text = (t: string): Inline => ({ type: 'text', text: t });
const p = (t: string): Block => ({ type: 'paragraph', content: [text(t)] });
const list = (ordered: boolean, items: Block[][], start?: number): Block => ({ type: 'list', ordered, ...(start !== undefined && { start }), items });
const tree = (body: Block[], header: Inline[] = [], footer: Inline[] = []): DocTree => ({ header, footer, body });

type Parts = Record<string, Uint8Array>;

async function parts(t: DocTree): Promise<Parts> {
  return unzipSync(await writeDocx(t, THEME, FONTS, META));
}

const part = (files: Parts, name: string): string => {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} missing`);
  return strFromU8(bytes);
};

/** One tag per line. */
const pretty = (xml: string): string => xml.replace(/></g, '>\n<');
/** What is between two strings of `xml` (the first occurrences), both included. */
function between(xml: string, start: string, end: string): string {
  const a = xml.indexOf(start);
  const b = xml.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`no ${start}…${end}`);
  return xml.slice(a, b + end.length);
}

/**
 * The golden text of a feature: the body without its section properties; numbering.xml if the body has lists;
 * the header, footer and section properties if the tree has a header or footer.
 */
function goldenText(files: Parts, t: DocTree): string {
  const doc = part(files, 'word/document.xml');
  const body = between(doc, '<w:body>', '</w:body>');
  const sections = [`<!-- word/document.xml: w:body, without w:sectPr -->\n${pretty(body.slice(0, body.lastIndexOf('<w:sectPr')))}`];
  if (body.includes('<w:numPr>')) sections.push(`<!-- word/numbering.xml -->\n${pretty(part(files, 'word/numbering.xml'))}`);
  if (t.header.length || t.footer.length) {
    // Their content, without docx's long list of namespaces.
    for (const name of ['word/header1.xml', 'word/footer1.xml']) {
      sections.push(`<!-- ${name}: content -->\n${pretty(part(files, name).replace(/^[\s\S]*?<w:(hdr|ftr)\b[^>]*>|<\/w:(hdr|ftr)>$/g, ''))}`);
    }
    sections.push(`<!-- word/document.xml: w:sectPr -->\n${pretty(between(body, '<w:sectPr', '</w:sectPr>'))}`);
  }
  return `${sections.join('\n')}\n`;
}

/** Why `xml` is not well formed (tags unbalanced or misnested), or '' if it is. */
function xmlProblem(xml: string): string {
  const open: string[] = [];
  for (const [tag] of xml.matchAll(/<[^>]*>/g)) {
    if (tag.startsWith('<?') || tag.startsWith('<!') || tag.endsWith('/>')) continue;
    const name = /^<\/?([\w:.-]+)/.exec(tag)?.[1];
    if (!name) return `bad tag ${tag}`;
    if (!tag.startsWith('</')) open.push(name);
    else if (open.pop() !== name) return `${tag} closes nothing open`;
  }
  return open.length ? `<${open.at(-1)}> never closed` : '';
}

const attrs = (xml: string, re: RegExp): string[] => [...xml.matchAll(re)].map((m) => m[1]!);

/** What must hold of any package the writer makes; returns the problems found. */
function packageProblems(files: Parts): string[] {
  const problems: string[] = [];
  const types = part(files, '[Content_Types].xml');
  // Every part named in the content types is there, and every part has a content type.
  const overrides = attrs(types, /PartName="\/([^"]+)"/g);
  for (const name of overrides) if (!files[name]) problems.push(`[Content_Types].xml names ${name}, which is missing`);
  const defaults = attrs(types, /<Default [^>]*Extension="([^"]+)"/g);
  for (const name of Object.keys(files)) {
    if (name !== '[Content_Types].xml' && !overrides.includes(name) && !defaults.includes(name.split('.').pop()!)) problems.push(`${name} has no content type`);
  }
  // Every internal relationship's target is there.
  for (const rels of Object.keys(files).filter((n) => n.endsWith('.rels'))) {
    const source = posix.dirname(posix.dirname(rels)); // word/_rels/document.xml.rels -> word
    for (const [rel] of part(files, rels).matchAll(/<Relationship [^>]*>/g)) {
      if (/TargetMode="External"/.test(rel)) continue;
      const target = /Target="([^"]+)"/.exec(rel)![1]!;
      const name = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(source, target));
      if (!files[name]) problems.push(`${rels} points to ${name}, which is missing`);
    }
  }
  const documentRels = part(files, 'word/_rels/document.xml.rels');
  if (!/relationships\/numbering" Target="numbering.xml"/.test(documentRels)) problems.push('document.xml has no relationship to numbering.xml');
  for (const name of Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const problem = xmlProblem(part(files, name));
    if (problem) problems.push(`${name}: ${problem}`);
  }
  // Every list paragraph's w:num, its definition and its level exist; every style referred to exists.
  const doc = part(files, 'word/document.xml');
  const numbering = part(files, 'word/numbering.xml');
  const nums = new Map([...numbering.matchAll(/<w:num w:numId="(\d+)"><w:abstractNumId w:val="(\d+)"\/>/g)].map((m) => [m[1]!, m[2]!]));
  const abstract = new Map([...numbering.matchAll(/<w:abstractNum w:abstractNumId="(\d+)">([\s\S]*?)<\/w:abstractNum>/g)].map((m) => [m[1]!, attrs(m[2]!, /<w:lvl w:ilvl="(\d+)"/g)]));
  if (nums.size !== (numbering.match(/<w:num /g) ?? []).length) problems.push('a w:num of an unexpected form');
  for (const [numId, abstractId] of nums) if (!abstract.has(abstractId)) problems.push(`w:num ${numId} refers to the missing w:abstractNum ${abstractId}`);
  for (const [, ilvl, numId] of doc.matchAll(/<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g)) {
    const abstractId = nums.get(numId!);
    if (abstractId === undefined) problems.push(`a paragraph refers to the missing w:num ${numId}`);
    else if (!abstract.get(abstractId)?.includes(ilvl!)) problems.push(`a paragraph refers to the missing level ${ilvl} of w:num ${numId}`);
  }
  if ((doc.match(/<w:numPr>/g) ?? []).length !== (doc.match(/<w:numPr><w:ilvl w:val="\d+"\/><w:numId w:val="\d+"\/><\/w:numPr>/g) ?? []).length) {
    problems.push('a w:numPr of an unexpected form');
  }
  const styles = new Set(attrs(part(files, 'word/styles.xml'), /w:styleId="([^"]+)"/g));
  for (const id of attrs(doc, /<w:(?:pStyle|tblStyle|rStyle) w:val="([^"]+)"/g)) if (!styles.has(id)) problems.push(`style ${id} is not in styles.xml`);
  return problems;
}

/** The w:numId of each list paragraph, in document order, with its text. */
function listParagraphs(files: Parts): { numId: string; ilvl: string; text: string }[] {
  const doc = part(files, 'word/document.xml');
  return [...doc.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/>(?:(?!<\/w:p>).)*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => ({ ilvl: m[1]!, numId: m[2]!, text: m[3]! }));
}

describe('DOCX features against their golden files', () => {
  for (const name of FEATURES) {
    it(name, async () => {
      const t = featureTree(name);
      const files = await parts(t);
      expectGolden(`docx/${name}.xml`, goldenText(files, t));
      expect(packageProblems(files)).toEqual([]);
    });
  }
});

describe('DOCX lists', () => {
  it('numbered lists each have their own w:num, restarting at 1 at every level; bulleted lists share one', async () => {
    const files = await parts(
      tree([list(true, [[p('a1')], [p('a2')]]), list(false, [[p('b1')]]), list(true, [[p('c1')], [p('c2')]]), list(false, [[p('d1')]])]),
    );
    const byText = Object.fromEntries(listParagraphs(files).map((l) => [l.text, l.numId]));
    expect(Object.keys(byText)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2', 'd1']);
    expect(byText.a1).toBe(byText.a2);
    expect(byText.c1).toBe(byText.c2);
    expect(byText.a1).not.toBe(byText.c1);
    expect(byText.b1).toBe(byText.d1);
    expect(new Set([byText.a1, byText.b1, byText.c1]).size).toBe(3);
    const numbering = part(files, 'word/numbering.xml');
    for (const id of [byText.a1, byText.c1]) {
      const num = between(numbering, `<w:num w:numId="${id}">`, '</w:num>');
      expect(attrs(num, /<w:lvlOverride w:ilvl="(\d+)"><w:startOverride w:val="1"\/><\/w:lvlOverride>/g)).toEqual(['0', '1', '2', '3']);
    }
    // Bullets and numbers are two definitions: decimal "%1." and the bullet "•" at the first level.
    const definition = (id: string) => between(numbering, `<w:abstractNum w:abstractNumId="${/<w:abstractNumId w:val="(\d+)"/.exec(between(numbering, `<w:num w:numId="${id}">`, '</w:num>'))![1]}">`, '</w:lvl>');
    expect(definition(byText.a1!)).toContain('<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>');
    expect(definition(byText.b1!)).toContain('<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>');
    expect(packageProblems(files)).toEqual([]);
  });

  it('a numbered list with a start begins there, on its own level', async () => {
    const files = await parts(tree([list(true, [[p('tre')]], 3), list(true, [[p('uno'), list(true, [[p('cinque')]], 5)]])]));
    const numbering = part(files, 'word/numbering.xml');
    const starts = (id: string) => attrs(between(numbering, `<w:num w:numId="${id}">`, '</w:num>'), /<w:startOverride w:val="(\d+)"\/>/g);
    const [tre, uno, cinque] = listParagraphs(files);
    expect([tre?.text, uno?.text, cinque?.text]).toEqual(['tre', 'uno', 'cinque']);
    expect(starts(tre!.numId)).toEqual(['3', '1', '1', '1']);
    expect(starts(uno!.numId)).toEqual(['1', '1', '1', '1']);
    expect(starts(cinque!.numId)).toEqual(['1', '5', '1', '1']);
  });

  it('a nested list is one level down, with its own w:num if numbered', async () => {
    const files = await parts(tree([list(true, [[p('fuori'), list(true, [[p('dentro')]])], [p('fuori ancora')]])]));
    const [outer, inner, again] = listParagraphs(files);
    expect([outer?.ilvl, inner?.ilvl, again?.ilvl]).toEqual(['0', '1', '0']);
    expect(inner?.numId).not.toBe(outer?.numId);
    expect(again?.numId).toBe(outer?.numId);
  });
});

describe('DOCX package', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('of the example opens: parts, content types, relationships, list numbering and styles all hold together', async () => {
    const files = await parts(renderTree(templates, 'documento', view));
    expect(packageProblems(files)).toEqual([]);
    // The example has lists, and its numbering part is ours, not docx's default list.
    expect(listParagraphs(files).length).toBeGreaterThan(50);
    expect(part(files, 'word/numbering.xml')).not.toContain('●');
  });

  it('has the same bytes whatever the clock and Math.random, with the document date in core.xml', async () => {
    const t = tree([p('uno'), list(true, [[p('due')]])], [text('x')], [{ type: 'field', field: 'page' }]);
    const first = await writeDocx(t, THEME, FONTS, META);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2031, 6, 4, 3, 2, 1)));
    vi.spyOn(Math, 'random').mockReturnValue(0.123);
    const second = await writeDocx(t, THEME, FONTS, META);
    expect(second.equals(first)).toBe(true);
    const core = part(unzipSync(first), 'docProps/core.xml');
    expect(attrs(core, /<dcterms:(?:created|modified)[^>]*>([^<]*)</g)).toEqual(['2024-01-31T12:00:00Z', '2024-01-31T12:00:00Z']);
  });

  it('embeds the theme fonts under keys that do not change from one document to the next', async () => {
    const a = unzipSync(await writeDocx(tree([p('a')]), THEME, FONTS, META));
    const b = unzipSync(await writeDocx(tree([p('b')]), THEME, FONTS, META));
    expect(Object.keys(a).filter((n) => n.endsWith('.odttf'))).toHaveLength(4);
    expect(part(a, 'word/fontTable.xml')).toBe(part(b, 'word/fontTable.xml'));
    expect(part(a, 'word/fontTable.xml')).toMatch(/w:fontKey="\{[0-9A-F-]{36}\}"/);
  });
});
