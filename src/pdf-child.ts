/** Entry point of the PDF process started by pdf-process.ts: loads the PDF writer's bundle (see writers/pdf-worker.ts). */
import { loadBundle } from './code-cache.js';

loadBundle('pdf-worker.cjs');
