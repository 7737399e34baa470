/**
 * `piao diff` as a real process: exit 0 when it could compare, 1 for a plan that is not valid (the
 * problems of both plans at once, each at its file:line:col, nothing written), 2 for wrong usage;
 * the same bytes whatever the time zone, locale and clock.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, ROOT } from '../helpers/cli.js';

const REV0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
const REV1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-diff-cli-'));

describe('piao diff (process)', () => {
  it('writes byte-identical files whatever the time zone, locale and clock', () => {
    const run = (env: Record<string, string>, nodeArgs: string[] = []) => {
      const out = tmp();
      const r = bin(['diff', REV0, REV1, '--out', out], { env, nodeArgs });
      expect(r.status, r.stderr).toBe(0);
      return new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
    };
    const a = run({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const b = run({ TZ: 'Pacific/Kiritimati', LANG: 'it_IT.UTF-8', LC_ALL: 'it_IT.UTF-8' }, ['--require', join(ROOT, 'test/helpers/fake-clock.cjs')]);
    expect([...a.keys()].sort()).toEqual(['variazioni-rev1.csv', 'variazioni-rev1.docx', 'variazioni-rev1.html', 'variazioni-rev1.pdf']);
    for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true);
  }, 120_000);

  it('reports the problems of both plans at once, at their file:line:col, and writes nothing (exit 1)', () => {
    const dir = tmp();
    const old = join(dir, 'vecchio.yaml');
    const now = join(dir, 'nuovo.yaml');
    writeFileSync(old, readFileSync(REV0, 'utf8').replace('termine: { entro: "2024-06-30" }', 'termine: { entro: "2024-06-31" }'));
    writeFileSync(now, readFileSync(REV1, 'utf8').replace('  revisione: 1\n', '  revisione: 1\n  revisoine: 2\n'));
    const out = join(dir, 'out');
    const r = bin(['diff', old, now, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/vecchio\.yaml:180:35: errore: questa data non esiste nel calendario/);
    expect(r.stderr).toMatch(/nuovo\.yaml:19:3: errore: chiave sconosciuta «revisoine»/);
    expect(r.stderr).toContain('trovati 2 problemi: nessun file è stato scritto.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('says how to use it when the arguments are wrong (exit 2)', () => {
    const one = bin(['diff', REV0]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('piao diff: indica i due file del piano: prima la versione precedente, poi quella nuova');
    expect(one.stderr).toContain('piao diff <vecchio.yaml> <nuovo.yaml> [--out CARTELLA]');
    expect(bin(['diff', REV0, REV1, REV1]).status).toBe(2);
    expect(bin(['diff', REV0, REV1, '--formato', 'pdf']).status).toBe(2);
    const help = bin(['diff', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('prospetto delle variazioni');
    expect(bin(['--help']).stdout).toMatch(/\n {2}diff +confronta due versioni del piano/);
  });
});
