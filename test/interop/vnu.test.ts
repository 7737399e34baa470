/** The published HTML page, and the publication's index page, are valid HTML for the Nu HTML Checker (vnu.jar, run with Java). */
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML, PUBLICATION, tool } from '../helpers/interop.js';

const VNU = join(dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

describe('the published HTML pages', () => {
  it('have no errors for the Nu HTML Checker', () => {
    const r = tool('java', ['-jar', VNU, '--errors-only', '--format', 'json', HTML, join(PUBLICATION, 'index.html')], 'default-jre-headless');
    // vnu writes its JSON report to stderr; exit status 1 means errors were found.
    const report = JSON.parse(r.stderr || r.stdout || '{"messages":[]}') as { messages: { type: string; message: string; lastLine?: number }[] };
    expect(report.messages.map((m) => `${m.lastLine ?? '?'}: ${m.type}: ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  });
});
