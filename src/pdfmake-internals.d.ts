/** pdfmake's renderer, which has no type declarations of its own (see writers/pdf-runs.ts). */
declare module 'pdfmake/js/Renderer.js';
