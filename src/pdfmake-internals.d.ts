/** pdfmake modules without type declarations of their own (see writers/pdfmake-internals.ts). */
declare module 'pdfmake/js/Renderer.js';
declare module 'pdfmake/js/StyleContextStack.js';
declare module 'pdfmake/js/LayoutBuilder.js';
declare module 'pdfmake/js/PDFDocument.js';
declare module 'pdfmake/js/SVGMeasure.js';
declare module 'pdfmake/js/PageSize.js';
declare module 'pdfmake/js/tableLayouts.js';
