/** Document properties shared by the writers (title, author, subject, language, fixed date). */
export interface DocMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  language: 'it-IT';
  /** The document's date, from the data (never the clock): makes outputs byte-identical. */
  date: Date;
}
