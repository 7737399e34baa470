/**
 * LibreOffice opens the published DOCX and converts it to PDF without errors; the text of that PDF
 * (pdftotext) holds every objective's title and weight, in document order.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOCX, INTEROP, expectedObjectives, missingInOrder, squash, tool } from '../helpers/interop.js';

describe('the DOCX in LibreOffice', () => {
  const out = join(INTEROP, 'libreoffice');
  const profile = join(INTEROP, '.libreoffice-profile');
  let pdf = '';

  it('converts to PDF without errors', () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    // A private profile: no clash with a LibreOffice already open, no first-start dialogs.
    const r = tool('soffice', ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', out, DOCX], 'libreoffice-writer-nogui');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\berror\b/i);
    pdf = join(out, 'casalmorano-2024.pdf');
    expect(existsSync(pdf), `${r.stdout}\n${r.stderr}`).toBe(true);
  });

  it('gives a PDF with every objective title and weight, in order', () => {
    const r = tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'], 'poppler-utils');
    expect(r.status, r.stderr).toBe(0);
    const text = squash(r.stdout);
    const objectives = expectedObjectives();
    expect(objectives).toHaveLength(23);
    expect(missingInOrder(text, objectives.map((o) => o.titolo))).toEqual([]);
    // Each weight after its title (blank weights, left empty in the plan, have nothing to find).
    expect(missingInOrder(text, objectives.flatMap((o) => [o.titolo, ...(o.peso ? [o.peso] : [])]))).toEqual([]);
    const pages = tool('pdfinfo', [pdf], 'poppler-utils').stdout.match(/^Pages:\s+(\d+)/m);
    expect(Number(pages?.[1])).toBeGreaterThan(5);
  });
});
