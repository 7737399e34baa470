/**
 * The reference of what each template receives (templates/RIFERIMENTO.md): every variable of each
 * context, its kind, whether it may be absent, an example, and what it is. The variables are found
 * in real views (of the example and of plans with every field), not listed by hand, so the file
 * cannot miss one; `test/template-reference.test.ts` holds the file to them, and every variable to a
 * description (reference-descriptions.ts, keyed by the context's first template and the path).
 */

/** A context: the templates that receive one kind of object, and where its objects are. */
export interface Context {
  templates: string;
  what: string;
  samples: object[];
  /** Keys whose values are objects of another context: named, not described again. */
  elsewhere?: Record<string, string>;
}

export interface Variable {
  path: string;
  kind: string;
  optional: boolean;
  example: string;
}

/** The variables of a context's samples, in the order first seen. */
export function variablesOf(ctx: Context): Variable[] {
  const found = new Map<string, { kinds: Set<string>; seen: number; parents: number; example: string }>();
  const visit = (objs: object[], prefix: string) => {
    const keys: string[] = [];
    for (const o of objs) for (const k of Object.keys(o)) if (!keys.includes(k)) keys.push(k);
    for (const k of keys) {
      const path = prefix ? `${prefix}.${k}` : k;
      const values = objs.map((o) => (o as Record<string, unknown>)[k]).filter((v) => v !== undefined);
      const entry = found.get(path) ?? { kinds: new Set<string>(), seen: 0, parents: 0, example: '' };
      found.set(path, entry);
      entry.seen += values.length;
      entry.parents += objs.length;
      for (const v of values) {
        entry.kinds.add(kindOf(v));
        if (!entry.example) entry.example = exampleOf(v);
      }
      if (ctx.elsewhere?.[path]) continue;
      const objects = values.filter((v): v is object => v !== null && typeof v === 'object' && !Array.isArray(v));
      if (objects.length) visit(objects, path);
      const items = values.flatMap((v) => (Array.isArray(v) ? v : [])).filter((v): v is object => v !== null && typeof v === 'object');
      if (items.length) visit(items, `${path}[]`);
    }
  };
  visit(ctx.samples, '');
  return [...found.entries()].map(([path, e]) => ({
    path,
    kind: ctx.elsewhere?.[path] ?? [...e.kinds].sort().join(' o '),
    optional: e.seen < e.parents,
    example: e.example,
  }));
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return v.length && typeof v[0] === 'object' ? 'elenco di gruppi' : v.length && typeof v[0] === 'number' ? 'elenco di numeri' : 'elenco di testi';
  if (typeof v === 'boolean') return 'sì/no';
  if (typeof v === 'number') return 'numero';
  if (typeof v === 'string') return /^<|<\/(p|ul|ol|blockquote)>/.test(v) ? 'HTML ({{{…}}})' : 'testo';
  if (v === null) return 'vuoto';
  return 'gruppo';
}

function exampleOf(v: unknown): string {
  if (typeof v === 'string') return v.length > 48 ? `${v.slice(0, 47)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length && typeof v[0] !== 'object') return exampleOf(v[0]);
  return '';
}

/** The reference as Markdown, in Italian. */
export function referenceMarkdown(contexts: Context[], descriptions: Record<string, string>): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [
    '# Riferimento dei modelli: che cosa riceve ogni modello',
    '',
    'Generato da `npm run riferimento` dalle viste di piani veri (l\'esempio e piani con ogni campo): un test',
    'controlla che sia aggiornato. In un modello `{{nome}}` mostra una variabile; `{{#if nome}}…{{/if}}` la',
    'mostra solo se c\'è (le variabili che "possono mancare"); `{{#each elenco}}…{{/each}}` ripete per ogni',
    'elemento; `{{@root.nome}}` raggiunge le variabili del documento da dentro un elenco o un modello parziale.',
    'Gli aiuti (`piu_uno`, `codice_da`, `cifre`, `data_formato`) sono descritti nel README.',
    '',
  ];
  for (const ctx of contexts) {
    out.push(`## ${ctx.templates}`, '', ctx.what, '', '| variabile | tipo | può mancare | esempio | che cos\'è |', '|---|---|---|---|---|');
    for (const v of variablesOf(ctx)) {
      const d = descriptions[`${ctx.templates.split(',')[0]}|${v.path}`] ?? '';
      out.push(`| \`${v.path}\` | ${v.kind} | ${v.optional ? 'sì' : ''} | ${cell(v.example)} | ${cell(d)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
