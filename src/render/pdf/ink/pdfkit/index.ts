import type * as fontkit from 'fontkit'
import type { Doc, DocFont } from '../pdfkit-types.js'
import { bufferPageContent } from './buffer-page-content.js'
import { collectWrites } from './collect-writes.js'
import { embedTrueTypeLength1 } from './embed-truetype-length1.js'
import { shareLayouts } from './share-layouts.js'
import { writeOwnMetadata } from './write-own-metadata.js'

// Quire's changes to pdfkit 0.20.2, one a file of this folder; internals.ts has the private fields
// Quire reads and writes. What each changes, why, and the test that pins it: docs/dependencies.md;
// test/dependency-internals.test.ts fails by name when an upgrade of pdfkit drops or changes
// something they rely on. They apply at three moments: the document, each page, each font.

/**
 * A new document: its metadata, then its output, then its first page's content. The three touch
 * different things and could come in any order; all must be in place before anything is drawn or
 * written past the header (what pdfkit wrote before `collectWrites` reaches the stream's own 'data').
 * Returns what the document wrote after its header, once it has ended.
 */
export function applyDocumentChanges(doc: Doc, xmp: string): () => Buffer[] {
  writeOwnMetadata(doc, xmp)
  const written = collectWrites(doc)
  bufferPageContent(doc)
  return written
}

/** A page just added: its content stream, before anything is drawn on it. */
export function applyPageChanges(doc: Doc): void {
  bufferPageContent(doc)
}

/**
 * A font just registered with the document (`face`, of the parsed `font`): its font file's length,
 * then its runs; before the document lays out any text in it (independent of each other).
 */
export function applyFontChanges(face: DocFont, font: fontkit.Font): void {
  embedTrueTypeLength1(face)
  shareLayouts(face, font)
}
