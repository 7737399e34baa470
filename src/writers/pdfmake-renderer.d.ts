/** pdfmake's renderer module, patched by writers/pdf-runs.ts (it has no type declarations of its own). */
declare module 'pdfmake/js/Renderer.js';
