/**
 * The built command, as a process: the workbook of `piao export` is the same bytes whatever the
 * machine's time zone and locale, and `piao import` reads it back to the same plan file in another
 * time zone (the phases' dates are dates, not instants).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, ROOT } from '../helpers/cli.js';

// A plan with dated phases and recalls.
const PLAN = join(ROOT, 'test/fixtures/enti/piccolo-comune.yaml');

describe('piao export --xlsx / import, as a process', () => {
  it('writes the same bytes in any time zone and locale, and reads them back to the same file in another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-xlsx-cli-'));
    const a = bin(['export', PLAN, '--xlsx', '-o', join(dir, 'a.xlsx')], { env: { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8' } });
    const b = bin(['export', PLAN, '--xlsx', '-o', join(dir, 'b.xlsx')], { env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8' } });
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    const r = bin(['import', join(dir, 'a.xlsx'), '-o', join(dir, 'piano.yaml')], { env: { TZ: 'Pacific/Kiritimati' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Ora: piao check');
    expect(readFileSync(join(dir, 'piano.yaml'), 'utf8')).toBe(readFileSync(PLAN, 'utf8'));
  });
});
