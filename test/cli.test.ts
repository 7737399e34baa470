/**
 * The command line: exit codes (0 ok, 1 invalid input, 2 wrong usage), Italian messages with
 * file:line:col, no stack traces, and nothing written — or overwritten — when the input is bad.
 * (The built command, `dist/bin.js`, as a process of its own: test/cli/bin.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE } from './helpers/cli.js';

function tmp(prefix = 'piao-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

describe('usage errors exit 2', () => {
  it.each([
    [[]],
    [['compila', 'x.yaml']],
    [['build']],
    [['build', 'a.yaml', 'b.yaml']],
    [['build', EXAMPLE, '--formato', 'pdf']],
    [['build', EXAMPLE, '--format', 'odt']],
    [['build', EXAMPLE, '--out']],
  ])('%j', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^(piao( build)?: |Uso:)/);
  });

  it('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('build', () => {
  it('writes the three formats and lists them', async () => {
    const out = tmp();
    const r = await cli(['build', EXAMPLE, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['casalmorano-2024.docx', 'casalmorano-2024.html', 'casalmorano-2024.pdf']);
    expect(r.out).toContain('3 documenti generati.');
  });

  it('--format writes only the formats asked for', async () => {
    const out = tmp();
    expect((await cli(['build', EXAMPLE, '--out', out, '--format', 'html,pdf'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['casalmorano-2024.html', 'casalmorano-2024.pdf']);
  });

  it('--split writes one document per settore and one scheda per responsabile', async () => {
    const out = tmp();
    expect((await cli(['build', EXAMPLE, '--out', out, '--split', '--format', 'html'])).code).toBe(0);
    expect(readdirSync(join(out, 'settori')).sort()).toEqual([
      'casalmorano-2024-amministrativo.html', 'casalmorano-2024-economico_finanziario.html', 'casalmorano-2024-tecnico.html',
    ]);
    expect(readdirSync(join(out, 'schede')).sort()).toEqual([
      'casalmorano-2024-scheda-coti_zelati.html', 'casalmorano-2024-scheda-massari.html', 'casalmorano-2024-scheda-pagani.html',
    ]);
    const scheda = readFileSync(join(out, 'schede', 'casalmorano-2024-scheda-massari.html'), 'utf8');
    // Her own three objectives (30 + 60 + 10) and the two of her staff, with a line for the signature.
    expect(scheda.match(/<table class="obiettivo">/g)).toHaveLength(5);
    expect(scheda).toContain("Totale dell'indennità di risultato attribuita con questi obiettivi: <strong>100%</strong>");
    expect(scheda).toContain('Casalmorano, lì ___');
    expect(scheda).not.toContain('Coti Zelati</td>');
    const pagani = readFileSync(join(out, 'schede', 'casalmorano-2024-scheda-pagani.html'), 'utf8');
    // The Segretario's three objectives and the six of the Settore Amministrativo.
    expect(pagani.match(/<table class="obiettivo">/g)).toHaveLength(9);
    const settore = readFileSync(join(out, 'settori', 'casalmorano-2024-tecnico.html'), 'utf8');
    expect(settore).toContain('>Settore Tecnico e Tecnico Manutentivo</h1>');
    expect(settore).not.toContain('Settore Amministrativo');
  });
});

describe('invalid input exits 1, says where, and writes nothing', () => {
  const bad = (text: string) => {
    const dir = tmp('piao-bad-');
    const file = join(dir, 'piano.yaml');
    writeFileSync(file, text);
    return { dir, file };
  };

  it('reports every problem with file:line:col, in Italian, without a stack trace', async () => {
    const source = readFileSync(EXAMPLE, 'utf8')
      .replace('    titolo: Dott.ssa\n', '    titolo: Dott.ssa\n    nme: Sonia\n')
      .replace('{ entro: "2024-06-30" }', '{ entro: "2024-02-31" }')
      .replace(/(personale:\n\s+- )moreni/, '$1moren');
    expect(source).toContain('2024-02-31');
    const { dir, file } = bad(source);
    const out = join(dir, 'out');
    const r = await cli(['build', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/piano\.yaml:\d+:\d+: errore: chiave sconosciuta «nme»: forse intendevi «nome»\?/);
    expect(r.err).toMatch(/piano\.yaml:\d+:\d+: errore: questa data non esiste nel calendario/);
    expect(r.err).toMatch(/«moren» non è nel registro delle persone: forse intendevi «moreni»\?/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.err).toContain('nessun file è stato scritto');
    expect(existsSync(out)).toBe(false);
  });

  it('points at the right line and column', async () => {
    const { file } = bad('ente:\n  nome: Comune di Prova\n  provincia: Cremona\n  regione: Lombardia\n');
    const r = await cli(['build', file, '--out', tmp()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:4:3: errore: chiave sconosciuta «regione»`);
    // The missing fields are named: the place shown is where they should be written.
    expect(r.err).toMatch(/manca il campo obbligatorio «piano»/);
    expect(r.err).toMatch(/manca il campo obbligatorio «centri»/);
  });

  it('reports YAML syntax errors with their place', async () => {
    const { file } = bad('ente:\n  nome: "Comune di Prova\n  provincia: Cremona\n');
    const r = await cli(['build', file, '--out', tmp()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/piano\.yaml:\d+:\d+: errore: errore di sintassi YAML/);
  });

  it('refuses an unknown person with a did-you-mean', async () => {
    const { file } = bad(readFileSync(EXAMPLE, 'utf8').replace('responsabile: massari', 'responsabile: masari'));
    const r = await cli(['build', file, '--out', tmp()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/«masari» non è nel registro delle persone: forse intendevi «massari»\?/);
  });

  it('keeps a previous good document untouched when a rebuild fails', async () => {
    const out = tmp();
    expect((await cli(['build', EXAMPLE, '--out', out, '--format', 'pdf'])).code).toBe(0);
    const before = readFileSync(join(out, 'casalmorano-2024.pdf'));
    const dir = tmp();
    const file = join(dir, 'casalmorano-2024.yaml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace('anno: 2024', 'anno: duemila'));
    const r = await cli(['build', file, '--out', out, '--format', 'pdf']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, 'casalmorano-2024.pdf')).equals(before)).toBe(true);
    expect(readdirSync(out)).toEqual(['casalmorano-2024.pdf']);
  });

  it('a missing file is an input error, not a crash', async () => {
    const r = await cli(['build', join(tmp(), 'manca.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('il file non esiste');
  });
});
