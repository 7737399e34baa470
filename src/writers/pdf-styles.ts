/**
 * pdfmake asks about twenty style properties of every word it measures, and for each one that
 * the word does not set it pushes the word on its style stack, searches the stack from the top
 * and pops the word again: ~18% of a PDF's time (--cpu-prof, 300 objectives). The answer for
 * the stack below the word is the same for every word of a paragraph, so it is kept until the
 * stack changes (push or pop). Words that name styles (`style`, which this writer never sets)
 * go the old way. Same values, same bytes (tested); pdfmake is pinned by the lockfile.
 */
import { StyleContextStack as StackInternal } from './pdfmake-internals.js';

interface Stack {
  styleOverrides: unknown[];
  push(x: unknown): void;
  pop(n?: number): void;
  getProperty(property: string): unknown;
  cache?: Map<string, unknown>;
}
type GetStyleProperty = (item: Record<string, unknown>, stack: Stack | undefined, property: string, defaultValue: unknown) => unknown;
interface StackClass {
  prototype: Stack;
  getStyleProperty: GetStyleProperty & { cached?: boolean };
}

const isValue = (v: unknown) => v !== undefined && v !== null;

/** Off: pdfmake's own lookups (the test that compares the bytes turns it off). */
export const styleCache = { enabled: true };

const StyleContextStack = StackInternal as StackClass;

if (!StyleContextStack.getStyleProperty.cached) {
  const proto = StyleContextStack.prototype;
  const { push, pop, getProperty } = proto;
  proto.push = function (this: Stack, x: unknown) {
    this.cache = undefined;
    push.call(this, x);
  };
  proto.pop = function (this: Stack, n?: number) {
    this.cache = undefined;
    pop.call(this, n);
  };
  const original = StyleContextStack.getStyleProperty;
  const cachedGet: GetStyleProperty = (item, stack, property, defaultValue) => {
    if (isValue(item[property])) return item[property];
    if (!styleCache.enabled || !stack || typeof item !== 'object' || item.style !== undefined || item.section !== undefined) {
      return original(item, stack, property, defaultValue);
    }
    // The word itself does not set it (checked above): the stack below it answers.
    const cache = (stack.cache ??= new Map());
    let value = cache.get(property);
    if (value === undefined && !cache.has(property)) {
      value = getProperty.call(stack, property);
      cache.set(property, value);
    }
    return isValue(value) ? value : defaultValue;
  };
  StyleContextStack.getStyleProperty = Object.assign(cachedGet, { cached: true });
}
