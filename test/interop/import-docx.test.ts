/**
 * `piao import` of Word documents that LibreOffice made or re-saved:
 * - the example's DOCX re-saved by LibreOffice imports into a plan whose documents have the
 *   example's text (as our own DOCX does, test/import-docx.test.ts);
 * - the same document as .odt is converted by LibreOffice inside `piao import`;
 * - the seed made into a Word document without piao (its text as HTML, converted by LibreOffice)
 *   passes `check` and its documents carry every line of the seed. The committed fixture
 *   test/fixtures/import-docx/casalmorano-seme.docx, which the unit tests import, must import into
 *   the same plan: `UPDATE_FIXTURES=1 npm run test:interop -- test/interop/import-docx.test.ts`
 *   writes it again.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { bin, cli } from '../helpers/cli.js';
import { docxText, firstDifference, htmlText, normalize } from '../helpers/extract.js';
import { DOCX, INTEROP, tool } from '../helpers/interop.js';
import { missingInOrder, seedNeedles } from '../helpers/seed.js';
import { seedHtml } from '../fixtures/import-docx/seed-html.js';

const OUT = join(INTEROP, 'import-docx');
const FIXTURE = join(import.meta.dirname, '../fixtures/import-docx/casalmorano-seme.docx');
const PROFILE = join(INTEROP, '.libreoffice-profile');

/** LibreOffice converts `file` to `format` ("docx", "odt"…) into `dir`. */
function soffice(file: string, format: string, dir: string, infilter?: string): void {
  const r = tool('soffice', ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(PROFILE).href}`, ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', format, '--outdir', dir, file], 'libreoffice-writer-nogui');
  expect(r.status, r.stderr).toBe(0);
}

async function texts(plan: string, dir: string): Promise<{ docx: string; html: string }> {
  await build({ input: plan, outDir: dir, formats: ['docx', 'html'] });
  const base = plan.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return { docx: normalize(docxText(readFileSync(join(dir, `${base}.docx`)))), html: normalize(htmlText(readFileSync(join(dir, `${base}.html`), 'utf8'))) };
}

async function importChecked(file: string, yaml: string): Promise<string> {
  const r = await cli(['import', file, '-o', yaml, '--force']);
  expect(r.code, r.err).toBe(0);
  const checked = await cli(['check', yaml]);
  expect(checked.code, checked.out).toBe(0);
  expect(checked.out).toMatch(/Totale: 0 errori/);
  return readFileSync(yaml, 'utf8');
}

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});

describe('the example, through LibreOffice', () => {
  it('re-saved as DOCX by LibreOffice, imports into a plan with the example\'s text', async () => {
    const resaved = join(OUT, 'risalvato');
    soffice(DOCX, 'docx:MS Word 2007 XML', resaved);
    await importChecked(join(resaved, 'casalmorano-2024.docx'), join(OUT, 'risalvato.yaml'));
    const [ours, again] = [await texts(join(import.meta.dirname, '../../data/casalmorano-2024.yaml'), join(OUT, 'esempio')), await texts(join(OUT, 'risalvato.yaml'), join(OUT, 'risalvato-doc'))];
    expect(firstDifference(again.docx, ours.docx)).toBeUndefined();
    expect(firstDifference(again.html, ours.html)).toBeUndefined();
  });

  it('as .odt, is converted by piao import itself', async () => {
    const odt = join(OUT, 'odt');
    soffice(DOCX, 'odt', odt);
    const text = await importChecked(join(odt, 'casalmorano-2024.odt'), join(OUT, 'odt.yaml'));
    expect(text).toMatch(/importato dal documento «casalmorano-2024\.odt»/);
    const [ours, again] = [await texts(join(import.meta.dirname, '../../data/casalmorano-2024.yaml'), join(OUT, 'esempio-odt')), await texts(join(OUT, 'odt.yaml'), join(OUT, 'odt-doc'))];
    expect(firstDifference(again.docx, ours.docx)).toBeUndefined();
  });
});

describe('names and kinds of file LibreOffice must not misread', () => {
  it('a .odt whose name starts with "-" is converted (not read by soffice as an option)', async () => {
    const dir = join(OUT, 'trattino');
    soffice(DOCX, 'odt', dir);
    copyFileSync(join(dir, 'casalmorano-2024.odt'), join(dir, '-trattino.odt'));
    const r = bin(['import', '-o', 'trattino.yaml', '--', '-trattino.odt'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'trattino.yaml'), 'utf8')).toMatch(/importato dal documento «-trattino\.odt»/);
  });

  it('a real Word 97 .doc is converted; a text named .doc is refused before LibreOffice', async () => {
    const dir = join(OUT, 'doc');
    soffice(DOCX, 'doc:MS Word 97', dir);
    await importChecked(join(dir, 'casalmorano-2024.doc'), join(OUT, 'doc.yaml'));
    writeFileSync(join(dir, 'testo.doc'), 'Questo è solo testo, non un documento Word.\n');
    const r = await cli(['import', join(dir, 'testo.doc'), '-o', join(OUT, 'testo.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/testo\.doc:1:1: errore: il file non è un documento Word 97-2003/);
  });
});

describe('the seed, made into a Word document without piao', () => {
  const docx = join(OUT, 'seme', 'casalmorano-seme.docx');
  beforeAll(() => {
    mkdirSync(join(OUT, 'seme'), { recursive: true });
    writeFileSync(join(OUT, 'seme', 'casalmorano-seme.html'), seedHtml());
    soffice(join(OUT, 'seme', 'casalmorano-seme.html'), 'docx:MS Word 2007 XML', join(OUT, 'seme'), 'HTML (StarWriter)');
    if (process.env.UPDATE_FIXTURES) copyFileSync(docx, FIXTURE);
  });

  it('imports into a plan that passes check, whose documents carry every line of the seed', async () => {
    await importChecked(docx, join(OUT, 'seme.yaml'));
    const t = await texts(join(OUT, 'seme.yaml'), join(OUT, 'seme-doc'));
    for (const format of ['docx', 'html'] as const) {
      expect(missingInOrder(t[format], seedNeedles()).map((m) => `seed:${m.line}: ${m.text}`), format).toEqual([]);
    }
  });

  it('the committed fixture imports into the same plan (else: UPDATE_FIXTURES=1)', async () => {
    const fresh = (await importChecked(docx, join(OUT, 'seme-nuovo.yaml'))).replace(/«[^»]+\.docx»/, '«…»');
    const committed = (await importChecked(FIXTURE, join(OUT, 'seme-fixture.yaml'))).replace(/«[^»]+\.docx»/, '«…»');
    expect(firstDifference(fresh, committed)).toBeUndefined();
  });
});
