// pdfkit 0.20.2 — EmbeddedFont#layoutCached replaced: one document's font takes its runs from the table every document shares.
//
// What it changes: pdfkit's per-document cache of the runs of its chunks of text (`layoutCached`,
// which `layout`, `encode` and `widthOfString` ask for each chunk, split after spaces) answers from
// the table of runs of the parsed font that every document of the process shares (fonts/glyph-runs.ts).
// Why: the runs depend only on the font and the text; shaping them again for each document was ~20%
// of the time of a long article (decision 9). Quire's own drawing reads the shared runs directly
// (glyph-runs.ts: eachRun); this serves pdfkit's own callers (svg-to-pdfkit's text, widthOfString).
// Pinned by the PDF byte comparisons (test/pdf.test.ts) and test/pdf-scripts.test.ts.
// Relies on: EmbeddedFont's `layout` asking `layoutCached(chunk)` per chunk and reading `glyphs`,
// `positions` (xAdvance… and advanceWidth, in thousandths of an em) and `advanceWidth` of its answer.
import type * as fontkit from 'fontkit'
import { pdfkitRun } from '../../fonts/glyph-runs.js'
import type { DocFont } from '../pdfkit-types.js'
import { embeddedFont, quireChange } from './internals.js'

export function shareLayouts(face: DocFont, font: fontkit.Font): void {
  embeddedFont(face).layoutCached = quireChange('share-layouts', (chunk: string) => pdfkitRun(font, chunk))
}
