/**
 * LibreOffice Calc opens the published CSV as a UTF-8 text file (what its import dialog proposes
 * for a file with a BOM): one row per objective, accents intact, multi-line cells kept whole.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { BUNDLE, INTEROP, expectedObjectives, tool } from '../helpers/interop.js';

describe('obiettivi.csv in LibreOffice Calc', () => {
  it('has one row per objective, accents and multi-line cells intact', () => {
    const out = join(INTEROP, 'calc');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const profile = join(INTEROP, '.libreoffice-profile-calc');
    // Filter options: separator ",", text delimiter '"', character set 76 = UTF-8, from line 1.
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--infilter=CSV:44,34,76,1', '--convert-to', 'html:HTML (StarCalc)', '--outdir', out, join(BUNDLE, 'obiettivi.csv')], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    const dom = parseDocument(readFileSync(join(out, 'obiettivi.html'), 'utf8'));
    // A cell's text, with its line breaks (<br>) as new lines.
    const text = (nodes: ChildNode[]): string =>
      nodes.map((n) => (n.type === 'text' ? (n as unknown as { data: string }).data : (n as Element).name === 'br' ? '\n' : 'children' in n ? text((n as Element).children) : '')).join('');
    const rows = DomUtils.findAll((e) => e.name === 'tr', dom.children).map((tr) => DomUtils.findAll((e) => e.name === 'td', tr.children).map((td) => text(td.children)));
    const objectives = expectedObjectives();
    expect(rows).toHaveLength(1 + objectives.length);
    expect(rows[0]!.slice(0, 3)).toEqual(['ente', 'anno', 'settore']);
    const titles = rows.slice(1).map((r) => r[6]);
    expect(titles).toEqual(objectives.map((o) => o.titolo));
    expect(titles[0]).toBe('Redazione del PIAO (Piano Integrato di Attività e Organizzazione)');
    // The phases of the first objective: four, each on its own line of the same cell.
    expect(rows[1]![8]!.split('\n').map((s) => s.trim()).filter(Boolean)).toEqual([
      "Predisposizione bozza di PIAO secondo le indicazioni dell'Amministrazione",
      'Predisposizione deliberazione di approvazione',
      'Pubblicazione',
      'Eventuali modifiche successive necessarie',
    ]);
  });
});
