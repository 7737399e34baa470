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
