// fontkit 2.0.4 — Font#layout replaced: plain words laid out by Quire's shaper, from fontkit's answers.
//
// What it changes: `font.layout(text)` (and `font.layout(glyphs)`, one glyph a character) returns the
// run of shaping/plain-shaping.ts for a plain word of Latin, Greek or Cyrillic (no marks, nothing a
// lookup longer than two glyphs takes in), made of fontkit's own GlyphRun and GlyphPosition classes;
// any other text, and any call with features or a script, goes to fontkit's layout unchanged.
// Why: fontkit shapes every word with all of its OpenType machinery (~25 µs a word, a quarter of the
// PDF of an article seen for the first time); the runs are fontkit's (decision 10; test/plain-shaping.test.ts
// compares them on every word of the fixtures and content in every DejaVu face).
// Relies on (internals.ts: shapingEngine, runMaker): `_variationProcessor`, `morx`, `kern`,
// `GDEF.glyphClassDef`, `_layoutEngine.engine.{GSUB,GPOS}Processor` with `findScript`, `selectScript`,
// `lookupsForFeatures` ({ lookup: { lookupType, flags.flags, subTables } }), `features`, `getClassID`,
// `coverageIndex`; layout(glyphs, features, script); the GlyphRun and GlyphPosition constructors.
import type * as fontkit from 'fontkit'
import { plainShaper } from '../shaping/plain-shaping.js'
import { internalsOf, quireChange, shapingEngine, type FullLayout } from './internals.js'

/** Make `font.layout(text)` lay out plain words as plain-shaping.ts does; anything else goes to fontkit unchanged. */
export function shapePlainText(font: fontkit.Font): void {
  const engine = shapingEngine(font)
  if (!engine) return
  const layout = engine.layout as FullLayout
  const shaper = plainShaper(font, engine)
  internalsOf(font).layout = quireChange('shape-plain-text', (...args: Parameters<FullLayout>) => {
    if (args.length === 1 || (args.length === 2 && args[1] === undefined)) {
      const text = args[0]
      const run = typeof text === 'string' ? shaper.run(text) : Array.isArray(text) ? shaper.runOfGlyphs(text) : undefined
      if (run) return run
    }
    return layout(...args)
  })
}
