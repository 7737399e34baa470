/**
 * The published HTML page in headless Chromium (Debian's, driven by playwright-core): axe-core
 * finds no WCAG 2.1 A/AA violation on the desktop and at 320 px; the page reflows with no
 * horizontal scroll at 320 px and at 200% zoom (a 1280 px window shows 640 CSS px); the structure
 * a screen reader relies on is there; nothing is loaded from outside the file. Screenshots are
 * saved in output/interop/ for people to look at. The same for the publication's index page (the
 * revisions and their files), whose links all lead to files of the folder.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { HTML, INTEROP, PUBLICATION } from '../helpers/interop.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHROMIUM = '/usr/bin/chromium';
const URL_ = pathToFileURL(HTML).href;

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, height = 900, deviceScaleFactor = 1, url = URL_): Promise<{ page: Page; requests: string[] }> {
  // The page's Content-Security-Policy lets no script run: axe-core is let in past it (bypassCSP), nothing else changes.
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor, bypassCSP: true });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests };
}

async function axe(page: Page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`);
  });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(INTEROP, `${name}-inizio.png`) });
  await page.evaluate(() => document.querySelector('table.obiettivo')?.scrollIntoView());
  await page.screenshot({ path: join(INTEROP, `${name}-obiettivo.png`) });
}

describe('the published HTML page in Chromium', () => {
  for (const width of [1280, 320]) {
    it(`has no WCAG 2.1 A/AA violations for axe-core at ${width} px`, async () => {
      const { page, requests } = await open(width);
      expect(await axe(page)).toEqual([]);
      await shoot(page, `html-${width}px`);
      expect(requests.filter((u) => u !== URL_ && !u.startsWith('data:'))).toEqual([]);
      if (width === 320) expect(await horizontalOverflow(page)).toBe(0);
      await page.close();
    });
  }

  it('reflows at 200% zoom: no horizontal scroll', async () => {
    const { page } = await open(640, 450, 2);
    expect(await horizontalOverflow(page)).toBe(0);
    await shoot(page, 'html-zoom-200');
    await page.close();
  });

  it('has the structure a screen reader relies on', async () => {
    const { page } = await open(1280);
    const s = await page.evaluate(() => {
      const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
      const jumps = headings.filter((l, i) => i > 0 && l > headings[i - 1]! + 1).length;
      const tables = [...document.querySelectorAll('table.obiettivo')];
      const tocLinks = [...document.querySelectorAll('nav a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1));
      return {
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        firstHeading: headings[0],
        jumps,
        tables: tables.length,
        captions: tables.map((t) => t.querySelector('caption')?.textContent ?? ''),
        labelsAreRowHeaders: tables.every((t) => [...t.querySelectorAll('tr')].every((tr) => tr.firstElementChild?.tagName === 'TH' && tr.firstElementChild.getAttribute('scope') === 'row')),
        tocLinks: tocLinks.length,
        brokenLinks: tocLinks.filter((id) => !document.getElementById(id)),
        settoriInToc: [...document.querySelectorAll('h2')].filter((h) => h.closest('nav') === null).every((h) => tocLinks.includes(h.id)),
      };
    });
    expect(s.lang).toBe('it');
    expect(s.h1).toBe(1);
    expect(s.firstHeading).toBe(1);
    expect(s.jumps).toBe(0);
    expect(s.tables).toBe(23);
    expect(s.captions.every((c) => /^Obiettivo (n\. \d+|comune) – \S/.test(c)), s.captions.join('\n')).toBe(true);
    expect(s.labelsAreRowHeaders).toBe(true);
    expect(s.tocLinks).toBeGreaterThanOrEqual(4);
    expect(s.brokenLinks).toEqual([]);
    expect(s.settoriInToc).toBe(true);

    // The skip link is the first thing the keyboard reaches, becomes visible, and leads past the table of contents.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLAnchorElement;
      const r = a.getBoundingClientRect();
      return { cls: a.className, href: a.getAttribute('href'), visible: r.top >= 0 && r.width > 1 && r.height > 1 };
    });
    expect(skip).toEqual({ cls: 'salta-al-testo', href: '#piao_testo', visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#piao_testo');
    await page.close();
  });
});

describe("the publication's index page in Chromium", () => {
  const INDEX_URL = pathToFileURL(join(PUBLICATION, 'index.html')).href;
  for (const width of [1280, 320]) {
    it(`has no WCAG 2.1 A/AA violations at ${width} px, loads nothing, and its links lead to the files`, async () => {
      const { page, requests } = await open(width, 900, 1, INDEX_URL);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(INTEROP, `indice-${width}px.png`), fullPage: true });
      expect(requests.filter((u) => u !== INDEX_URL && !u.startsWith('data:'))).toEqual([]);
      if (width === 320) expect(await horizontalOverflow(page)).toBe(0);
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!));
      const files = links.filter((h) => !h.startsWith('#'));
      expect(files).toContain('revisione-0/casalmorano-2024.pdf');
      expect(files.filter((h) => !existsSync(join(PUBLICATION, h)))).toEqual([]);
      await page.close();
    });
  }
});
