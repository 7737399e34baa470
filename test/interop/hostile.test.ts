/**
 * Data is always text, checked with the real clients: a plan full of hostile text
 * (test/fixtures/ostile/piano.yaml: markup and script attempts in every field, ampersands, other
 * scripts and symbols) is published by the real CLI; then
 * - LibreOffice opens its DOCX and converts it, with the hostile text as text;
 * - every XMP packet (this plan's PDF/A, the example's, the large plan's) is well-formed XML, read by
 *   a strict parser, with the document's title in it;
 * - headless Chromium loads its published page: no script runs, no element the data tried to inject
 *   exists, and the text reads as written.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sax from 'sax';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin } from '../helpers/cli.js';
import { INTEROP, LARGE_PDF, PDF, ROOT, squash, tool } from '../helpers/interop.js';

const PLAN = join(ROOT, 'test/fixtures/ostile/piano.yaml');
const OUT = join(INTEROP, 'ostile');

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  const r = bin(['publish', PLAN, '--out', OUT]);
  if (r.status !== 0) throw new Error(`piao publish ${PLAN}: ${r.stderr}`);
});

/** Texts of the plan that must reach the reader as written. */
const TEXTS = [
  'Unione Oglio & Po </style><script>window.__pwned="ente"</script>',
  "Servizio </td></tr></table><script>window.__pwned='servizio'</script>",
  'PM10 ≤ 40 µg/m³ → Ω, Δ ≥ 5%; Ελληνικά и кириллица',
  '=HYPERLINK("http://example.org","clic") tempi di pagamento',
  'Manutenzione delle strade ]]></rdf:li><dc:evil/>',
  'Ζωή Чайковская',
];

describe('a DOCX made from hostile text, in LibreOffice', () => {
  it('opens and converts, with the hostile text as text', () => {
    const out = join(OUT, 'libreoffice');
    mkdirSync(out, { recursive: true });
    const profile = join(INTEROP, '.libreoffice-profile');
    const r = tool('soffice', ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', out, join(OUT, 'revisione-0', 'piano.docx')], 'libreoffice-writer-nogui');
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(out, 'piano.pdf');
    expect(existsSync(pdf), `${r.stdout}\n${r.stderr}`).toBe(true);
    const text = squash(tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'], 'poppler-utils').stdout);
    for (const t of TEXTS) expect(text.replace(/\s+/g, ''), t).toContain(t.replace(/\s+/g, ''));
  });
});

/** Parses XML strictly: throws on the first well-formedness error. */
function parseXml(xml: string): { texts: string[]; elements: string[] } {
  const parser = sax.parser(true);
  const texts: string[] = [];
  const elements: string[] = [];
  parser.onerror = (e) => {
    throw e;
  };
  parser.ontext = (t) => texts.push(t);
  parser.onopentag = (n) => elements.push(n.name);
  parser.write(xml).close();
  return { texts, elements };
}

describe.each([
  { name: 'the hostile plan', pdf: () => join(OUT, 'revisione-0', 'piano.pdf'), title: 'Unione Oglio ＆ Po ‹/style›‹script›window.__pwned="ente"‹/script›' },
  { name: 'the example', pdf: () => PDF, title: 'Comune di Casalmorano' },
  { name: 'the large plan', pdf: () => LARGE_PDF, title: undefined },
])('the XMP packet of $name', ({ pdf, title }) => {
  it('is well-formed XML, with the document title and no element the data injected', () => {
    const r = tool('pdfinfo', ['-meta', pdf()], 'poppler-utils');
    expect(r.status, r.stderr).toBe(0);
    const xml = r.stdout.slice(r.stdout.indexOf('<?xpacket'));
    expect(xml).toContain('<x:xmpmeta');
    const { texts, elements } = parseXml(xml);
    expect(elements).toContain('dc:title');
    expect(elements).not.toContain('dc:evil');
    if (title) expect(texts.join(' ')).toContain(title);
  });
});

describe('the published page of the hostile plan, in Chromium', () => {
  it('runs no script and shows the data as text', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(join(OUT, 'revisione-0', 'piano.html')).href, { waitUntil: 'load' });
      // The mouse over everything and a click on every link, in case an injected handler waits for them.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('body *')) {
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          if (el instanceof HTMLAnchorElement && !el.getAttribute('href')?.startsWith('#')) el.click();
        }
      });
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        scripts: document.scripts.length,
        injected: [...document.querySelectorAll('img, svg, iframe, a[href^="javascript"], body style, main style')].map((e) => e.outerHTML),
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
        styles: document.querySelectorAll('style').length,
        title: document.title,
        text: document.body.innerText,
      }));
      expect(found.pwned).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(found.scripts).toBe(0);
      expect(found.injected).toEqual([]);
      expect(found.handlers).toEqual([]);
      expect(found.styles).toBe(1);
      expect(found.title).toContain('Unione Oglio & Po </style><script>');
      const text = found.text.replace(/\s+/g, '');
      for (const t of TEXTS) expect(text, t).toContain(t.replace(/\s+/g, ''));
    } finally {
      await browser.close();
    }
  });
});
