/** pdfmake modules without type declarations of their own (see writers/pdf-runs.ts, writers/pdf-styles.ts). */
declare module 'pdfmake/js/Renderer.js';
declare module 'pdfmake/js/StyleContextStack.js';
