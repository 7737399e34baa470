/**
 * The built-in alternative layouts (`--modello`), each a folder of templates beside `default/` that
 * replaces some of the default ones: `fasi` (cards with the phases and the indicators as tables of
 * their own), `tabella` (one summary table per settore before its cards, the PEG style). A module of
 * its own: the CLI checks the option without loading the templates' engine.
 */
export const LAYOUTS = ['fasi', 'tabella'] as const;
export type Layout = (typeof LAYOUTS)[number];
