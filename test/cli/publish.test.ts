/**
 * `piao publish` by the built CLI, as another process, in another time zone and locale, with
 * another clock: the same folder (the revision's files, the index and revisioni.json), byte for byte,
 * as publishing in-process from the sources.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/publish/publish.js';
import { bin, EXAMPLE, ROOT } from '../helpers/cli.js';

/** Every file under `dir`, by its path from there. */
function readAll(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
  return new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
}

describe('piao publish as a process', () => {
  it('is byte-identical to the in-process bundle, in another time zone, with another clock', async () => {
    const here = join(mkdtempSync(join(tmpdir(), 'piao-pub-')), 'pubblicazione');
    await publish({ input: EXAMPLE, outDir: here });
    const other = join(mkdtempSync(join(tmpdir(), 'piao-pub-det-')), 'pubblicazione');
    const r = bin(['publish', EXAMPLE, '--out', other], {
      env: { TZ: 'Pacific/Kiritimati', LANG: 'it_IT.UTF-8', LC_ALL: 'it_IT.UTF-8' },
      nodeArgs: ['--require', join(ROOT, 'test/helpers/fake-clock.cjs')],
    });
    expect(r.status, r.stderr).toBe(0);
    const files = readAll(here);
    const again = readAll(other);
    expect([...again.keys()]).toEqual([...files.keys()]);
    // The revision's ten files, the index and revisioni.json.
    expect(files.size).toBe(12);
    for (const [name, bytes] of files) expect(again.get(name)!.equals(bytes), `${name} differs`).toBe(true);
  });
});
