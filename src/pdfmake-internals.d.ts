/** pdfmake modules without type declarations of their own (see writers/pdfmake-internals.ts). */
declare module 'pdfmake/js/Renderer.js';
declare module 'pdfmake/js/StyleContextStack.js';
