// fontkit 2.0.4 — the GSUB and GPOS processors' selectScript and lookupsForFeatures remember their answers.
//
// What it changes: each processor (`font._layoutEngine.engine.GSUBProcessor`, `GPOSProcessor`) answers
// `selectScript(script, language, direction)` asked again with the same arguments from what it chose
// last time, and keeps the lookups `lookupsForFeatures(features)` lists for each set of features
// until the script changes (a call with `exclude` is passed through).
// Why: fontkit shapes every text afresh: before each run the processors pick the script and language
// again and, asked for no language (pdfkit never passes one), rebuild their table of features; then
// each stage of the shaping plan lists its lookups again. Both answers depend only on the arguments
// and the font: the same lookups in the same order, a quarter less work for a word not shaped before.
// Relies on: `_layoutEngine.engine.{GSUB,GPOS}Processor`, their `selectScript` (returns `scriptTag`),
// `scriptTag`, and `lookupsForFeatures(features = [], exclude)` depending on the selected script only.
import type * as fontkit from 'fontkit'
import { internalsOf, quireChange, type Processor } from './internals.js'

export function keepFeatureLookups(font: fontkit.Font): void {
  const engine = internalsOf(font)._layoutEngine?.engine
  for (const processor of [engine?.GSUBProcessor, engine?.GPOSProcessor]) if (processor) keep(processor)
}

function keep(processor: Processor): void {
  const select = processor.selectScript.bind(processor)
  const lookupsFor = processor.lookupsForFeatures.bind(processor)
  const lookups = new Map<string, ReturnType<Processor['lookupsForFeatures']>>()
  let last: [string | undefined, string | null | undefined, string | undefined] | undefined
  processor.selectScript = quireChange('keep-feature-lookups', (script?: string, language?: string | null, direction?: string) => {
    if (last && last[0] === script && last[1] === language && last[2] === direction) return processor.scriptTag
    last = [script, language, direction]
    lookups.clear()
    return select(script, language, direction)
  })
  processor.lookupsForFeatures = quireChange('keep-feature-lookups', (features: string[] = [], exclude?: number[]) => {
    if (exclude) return lookupsFor(features, exclude)
    const key = features.join(' ')
    let found = lookups.get(key)
    if (!found) lookups.set(key, (found = lookupsFor(features)))
    return found
  })
}
