/**
 * The built command, `node dist/bin.js`, as users run it: exit codes as a real process, and the
 * HTML of the example the same as the in-process build's (dist/ uses the default templates
 * precompiled by build.mjs, the sources compile them at run time: both must give the same page).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, EXAMPLE } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'piao-bin-'));

describe('the built command', () => {
  it('exits 2 on wrong usage and 1 on invalid input, with the place of the error', () => {
    expect(bin([]).status).toBe(2);
    const dir = tmp();
    writeFileSync(join(dir, 'x.yaml'), 'ente: [\n');
    const bad = bin(['build', join(dir, 'x.yaml'), '--out', join(dir, 'o')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/x\.yaml:\d+:\d+: errore/);
  });

  it('exits 0 and writes the HTML page of the example exactly as the sources do (templates precompiled by build.mjs)', async () => {
    const built = tmp();
    const r = bin(['build', EXAMPLE, '--out', built, '--format', 'html']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 documento generato.');
    const sources = tmp();
    expect((await cli(['build', EXAMPLE, '--out', sources, '--format', 'html'])).code).toBe(0);
    const page = readFileSync(join(built, 'casalmorano-2024.html'), 'utf8');
    expect(page).toContain('<table class="obiettivo">');
    expect(page).toBe(readFileSync(join(sources, 'casalmorano-2024.html'), 'utf8'));
  });
});
