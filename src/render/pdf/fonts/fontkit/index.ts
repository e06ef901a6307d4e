import type * as fontkit from 'fontkit'
import { makeComponentGlyphsFirst } from './component-glyphs-first.js'
import { compactCffIndexes } from './compact-cff-indexes.js'
import { flattenCffSubsets } from './flatten-cff-subsets.js'
import { hasCffOutlines } from './internals.js'
import { keepDecodedOutlines } from './keep-decoded-outlines.js'
import { keepFeatureLookups } from './keep-feature-lookups.js'
import { mapRtlLigaturesBackwards } from './map-rtl-ligatures-backwards.js'
import { readPostHeaderOnly } from './read-post-header-only.js'
import { shapePlainText } from './shape-plain-text.js'
import { writeTtfSubsetsDirectly } from './write-ttf-subsets-directly.js'

// Quire's changes to fontkit 2.0.4, one a file of this folder, applied to each font when it is parsed
// (font-files.ts); internals.ts has the private fields Quire reads. What each changes, why, and the
// test that pins it: docs/dependencies.md; test/dependency-internals.test.ts fails by name when an
// upgrade of fontkit drops or changes something they rely on.

export { keepHinting } from './write-ttf-subsets-directly.js'

/**
 * Apply every change to a freshly parsed `font`, in this order:
 * - the glyphs serving as components are made first, before anything else makes a Glyph object
 *   (fontkit keeps the first one made for an id, with its characters); keeping decoded outlines
 *   makes one (of the font's first character, which is among them);
 * - the TrueType-only changes (component glyphs, outlines, subsets) and the CFF ones exclude each other;
 * - the right-to-left ligature mapping wraps `layout` before the plain-word shaper takes it over: the
 *   shaper's `layout` is the outermost and the one it falls back to is fontkit's with the mapping;
 * - the kept feature lookups are in place before the shaper first asks the processors for lookups;
 * - the `post` header is in fontkit's table cache before anything decodes that table.
 */
export function applyFontkitChanges(font: fontkit.Font): void {
  // TrueType outlines (CFF outlines have no components, and listing 45,000 characters is not free).
  if (!hasCffOutlines(font)) {
    makeComponentGlyphsFirst(font)
    keepDecodedOutlines(font)
    writeTtfSubsetsDirectly(font)
  } else compactCffIndexes(font)
  flattenCffSubsets(font)
  mapRtlLigaturesBackwards(font)
  keepFeatureLookups(font)
  readPostHeaderOnly(font)
  shapePlainText(font)
}
