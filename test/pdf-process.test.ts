/** bin.ts guesses from the raw arguments whether `piao build` will want a PDF, to start its process early. */
import { describe, expect, it } from 'vitest';
import { setEarly, startEarly, takeEarly } from '../src/pdf-process.js';

function guess(args: string[]): boolean {
  const p = startEarly(args);
  p?.kill();
  return p !== undefined;
}

describe('startEarly', () => {
  it('starts for publish, and for build with the default formats or with pdf among them', () => {
    expect(guess(['build', 'piano.yaml'])).toBe(true);
    expect(guess(['build', 'piano.yaml', '--format', 'docx,PDF'])).toBe(true);
    expect(guess(['build', '-f', 'pdf', 'piano.yaml'])).toBe(true);
    expect(guess(['build', '--format=html,pdf', 'piano.yaml'])).toBe(true);
    expect(guess(['publish', 'piano.yaml'])).toBe(true);
  });

  it('does not start for other commands, help, or formats without pdf', () => {
    expect(guess(['check', 'piano.yaml'])).toBe(false);
    expect(guess(['build', '--help'])).toBe(false);
    expect(guess(['build', 'piano.yaml', '-f', 'docx,html'])).toBe(false);
    expect(guess(['build', '--format=html', 'piano.yaml'])).toBe(false);
  });

  it('hands the process over once', () => {
    setEarly(startEarly(['build', 'piano.yaml']));
    const p = takeEarly();
    expect(p).toBeDefined();
    expect(takeEarly()).toBeUndefined();
    p?.kill();
  });
});
