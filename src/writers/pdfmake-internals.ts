/**
 * Two of pdfmake's own classes, which pdf-runs.ts and pdf-styles.ts patch (pdfmake is pinned by
 * the lockfile; their tests fail if its internals change). They are CommonJS modules with an
 * `exports.default`: bundled, the class is `default`; through Node's CommonJS interop (tests
 * running the TypeScript sources), it is `default.default`.
 */
import * as RendererModule from 'pdfmake/js/Renderer.js';
import * as StyleContextStackModule from 'pdfmake/js/StyleContextStack.js';

function classOf<T>(module: unknown): T {
  const m = module as { default: T & { default?: T } };
  return m.default.default ?? m.default;
}

export const Renderer = classOf<{ prototype: Record<string, unknown> }>(RendererModule);
export const StyleContextStack = classOf<unknown>(StyleContextStackModule);
