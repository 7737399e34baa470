/**
 * Golden files of the readable forms of the example: the HTML page, the DOCX's
 * word/document.xml (one tag per line, for reviewable diffs) and the pdfmake document
 * definition. Refresh them with `npm run golden` and review the diff before committing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, renderTree, documentDate } from '../src/build.js';
import { loadPlan } from '../src/plan/load.js';
import { buildView } from '../src/render/view.js';
import { loadTemplates } from '../src/render/templates.js';
import { loadTheme } from '../src/render/theme.js';
import { pdfDefinition } from '../src/writers/pdf.js';
import { docxXml } from './helpers/extract.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  else if (!existsSync(file)) throw new Error(`${name} is missing: run \`npm run golden\``);
  expect(actual, `${name} changed: review, then run \`npm run golden\``).toBe(readFileSync(file, 'utf8'));
}

describe('golden files', async () => {
  const out = mkdtempSync(join(tmpdir(), 'piao-golden-'));
  await build({ input: EXAMPLE, outDir: out });

  it('HTML page', () => {
    golden('casalmorano-2024.html', readFileSync(join(out, 'casalmorano-2024.html'), 'utf8'));
  });

  it('HTML page of the built CLI, whose default templates were precompiled by build.mjs', () => {
    const cliOut = mkdtempSync(join(tmpdir(), 'piao-golden-cli-'));
    execFileSync(process.execPath, [join(import.meta.dirname, '../dist/bin.js'), 'build', EXAMPLE, '--out', cliOut, '--format', 'html'], { stdio: 'pipe' });
    golden('casalmorano-2024.html', readFileSync(join(cliOut, 'casalmorano-2024.html'), 'utf8'));
  });

  it('DOCX word/document.xml', () => {
    const xml = docxXml(readFileSync(join(out, 'casalmorano-2024.docx'))).replace(/></g, '>\n<');
    golden('casalmorano-2024.document.xml', `${xml}\n`);
  });

  it('pdfmake document definition', () => {
    const { plan } = loadPlan(EXAMPLE);
    const templates = loadTemplates();
    const theme = loadTheme(templates.themeFile).theme;
    const tree = renderTree(templates, 'documento', buildView(plan));
    const def = pdfDefinition(tree, theme, { title: tree.title ?? '', author: plan.ente.nome, subject: 's', keywords: 'k', language: 'it-IT', date: documentDate(plan) });
    golden('casalmorano-2024.pdf.json', `${JSON.stringify(def, null, 1)}\n`);
  });
});
