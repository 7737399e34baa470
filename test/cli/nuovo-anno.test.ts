/**
 * `piao nuovo-anno` as the built CLI runs it (the bundle, a real process, another time zone and
 * locale): exit status, the new plan's bytes the same as in-process, a wrong year's usage error.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, ROOT } from '../helpers/cli.js';

const PLAN = join(ROOT, 'test/fixtures/risultati/casalmorano-consuntivo.yaml');

describe('piao nuovo-anno (built CLI)', () => {
  it('writes the same plan as in-process, whatever the time zone and locale', async () => {
    const a = mkdtempSync(join(tmpdir(), 'piao-anno-bin-'));
    const b = mkdtempSync(join(tmpdir(), 'piao-anno-bin-'));
    copyFileSync(PLAN, join(a, 'piano-2024.yaml'));
    copyFileSync(PLAN, join(b, 'piano-2024.yaml'));
    const r = bin(['nuovo-anno', 'piano-2024.yaml', '2025'], { cwd: a, env: { TZ: 'Pacific/Kiritimati', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^scritto piano-2025\.yaml: piano 2025 da piano-2024\.yaml \(piano 2024\), \d+ punti da decidere/);
    expect(r.stderr).toMatch(/^piano-2025\.yaml:\d+:\d+: avviso: /m);
    const inProcess = await cli(['nuovo-anno', join(b, 'piano-2024.yaml'), '2025']);
    expect(inProcess.code).toBe(0);
    expect(readFileSync(join(a, 'piano-2025.yaml')).equals(readFileSync(join(b, 'piano-2025.yaml')))).toBe(true);
  });

  it('a year that is not after the plan\'s: exit 2, the usage, nothing written', () => {
    const d = mkdtempSync(join(tmpdir(), 'piao-anno-bin-'));
    copyFileSync(PLAN, join(d, 'piano-2024.yaml'));
    const r = bin(['nuovo-anno', 'piano-2024.yaml', '2024'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('piao nuovo-anno: il piano è del 2024: indica un anno successivo, ad esempio 2025');
    expect(readdirSync(d)).toEqual(['piano-2024.yaml']);
  });
});
