/**
 * Same data -> same bytes: the real CLI, run as separate processes under different time zones,
 * locales and clocks, writes byte-identical DOCX, PDF and HTML (split documents included).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, EXAMPLE, ROOT } from '../helpers/cli.js';

function buildWith(env: Record<string, string>, nodeArgs: string[] = []): Map<string, Buffer> {
  const out = mkdtempSync(join(tmpdir(), 'piao-det-'));
  const r = bin(['build', EXAMPLE, '--out', out, '--split'], { env, nodeArgs });
  expect(r.status, r.stderr).toBe(0);
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(out, p), readFileSync(p));
    }
  };
  walk(out);
  return files;
}

describe('determinism', () => {
  it('gives byte-identical files whatever the time zone, locale and clock', () => {
    const a = buildWith({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const b = buildWith({ TZ: 'Pacific/Kiritimati', LANG: 'it_IT.UTF-8', LC_ALL: 'it_IT.UTF-8' });
    const c = buildWith({ TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8' }, ['--require', join(ROOT, 'test/helpers/fake-clock.cjs')]);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].sort()).toEqual([...c.keys()].sort());
    // The main documents and, with --split, one per settore and one scheda per responsabile.
    expect(a.size).toBeGreaterThanOrEqual(3 * (1 + 3 + 3));
    for (const [name, bytes] of a) {
      expect(b.get(name)?.equals(bytes), `${name} differs between time zones`).toBe(true);
      expect(c.get(name)?.equals(bytes), `${name} differs with another clock`).toBe(true);
    }
  });
});

describe('a clock a zip file cannot hold', () => {
  it('1970 (a machine without a clock battery): the DOCX is refused in Italian, no stack trace, nothing written; PDF and HTML still made', () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-clock-'));
    const clock = { env: { FAKE_CLOCK: '1970-01-01T00:00:00Z' }, nodeArgs: ['--require', join(ROOT, 'test/helpers/fake-clock.cjs')] };
    const r = bin(['build', EXAMPLE, '--out', out], clock);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("l'orologio del computer segna l'anno 1970");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
    const ok = bin(['build', EXAMPLE, '--out', out, '--format', 'pdf,html'], clock);
    expect(ok.status, ok.stderr).toBe(0);
  });
});
