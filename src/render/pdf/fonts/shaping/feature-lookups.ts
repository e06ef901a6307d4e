import type * as fontkit from 'fontkit'

// fontkit shapes every text afresh: before each run its GSUB and GPOS processors pick the script and
// language again and, asked for no language (pdfkit never passes one), rebuild their table of
// features every time; then each stage of the shaping plan lists its lookups again. Both answers
// depend only on the arguments (the script, language and direction; the features asked for) and the
// font, so each processor keeps them: the same lookups in the same order, a quarter less work for a
// word the process has not shaped before.

interface Processor {
  scriptTag: string
  selectScript(script?: string, language?: string, direction?: string): string
  lookupsForFeatures(features?: string[], exclude?: number[]): unknown[]
}

export function keepFeatureLookups(font: fontkit.Font): void {
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GSUBProcessor?: Processor | null; GPOSProcessor?: Processor | null } } })._layoutEngine?.engine
  for (const processor of [engine?.GSUBProcessor, engine?.GPOSProcessor]) if (processor) keep(processor)
}

function keep(processor: Processor): void {
  const select = processor.selectScript.bind(processor)
  const lookupsFor = processor.lookupsForFeatures.bind(processor)
  const lookups = new Map<string, unknown[]>()
  let last: [string | undefined, string | undefined, string | undefined] | undefined
  processor.selectScript = (script, language, direction) => {
    if (last && last[0] === script && last[1] === language && last[2] === direction) return processor.scriptTag
    last = [script, language, direction]
    lookups.clear()
    return select(script, language, direction)
  }
  processor.lookupsForFeatures = (features = [], exclude) => {
    if (exclude) return lookupsFor(features, exclude)
    const key = features.join(' ')
    let found = lookups.get(key)
    if (!found) lookups.set(key, (found = lookupsFor(features)))
    return found
  }
}
