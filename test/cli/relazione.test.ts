/**
 * `piao relazione` as users run it, the built `node dist/bin.js`: exit codes of a real process, and the
 * documents the same as the in-process run's (dist/ uses the default templates precompiled by
 * build.mjs, the result rows' partial included).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, EXAMPLE, ROOT } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/risultati/casalmorano-consuntivo.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-bin-relazione-'));

describe('the built piao relazione', () => {
  it('exits 1 on a plan without results, with the Italian message and no stack trace', () => {
    const r = bin(['relazione', EXAMPLE, '--out', tmp()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('il piano non ha ancora risultati');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 0 and writes the HTML pages exactly as the sources do', async () => {
    const built = tmp();
    const r = bin(['relazione', FIXTURE, '--out', built, '--format', 'html']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 file scritti.');
    const sources = tmp();
    expect((await cli(['relazione', FIXTURE, '--out', sources, '--format', 'html'])).code).toBe(0);
    for (const name of ['casalmorano-consuntivo-relazione.html', 'casalmorano-consuntivo-valutazione.html', 'casalmorano-consuntivo-risultati.csv']) {
      expect(readFileSync(join(built, name), 'utf8'), name).toBe(readFileSync(join(sources, name), 'utf8'));
    }
    expect(readFileSync(join(built, 'casalmorano-consuntivo-relazione.html'), 'utf8')).toContain('Grado di raggiungimento');
  });
});
