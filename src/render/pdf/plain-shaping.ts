import type * as fontkit from 'fontkit'

// fontkit shapes every text with all of its OpenType machinery: a shaping plan, an object per glyph,
// every lookup of every feature walked glyph by glyph (~25 µs a word; a quarter of the PDF of an
// article seen for the first time). In most words of Latin, Greek or Cyrillic text none of it does
// anything but kern: the run is then the glyphs the cmap gives, each positioned as it is alone, plus
// what each pair of neighbours adds. `shapePlainText` lays such words out that way, from answers
// fontkit itself gives once per glyph and per pair, and leaves every other text to fontkit.
//
// Why the result is fontkit's, per font and script (the lookups fontkit would run for them):
// - A substitution or positioning whose match spans at most two glyphs (single and multiple
//   substitutions, two-glyph ligatures, pair kerning, contexts of two) happens in the word only if it
//   happens to a glyph alone or to two neighbours alone, which is what fontkit is asked about. A word
//   any of whose glyphs or pairs fontkit changes is left to fontkit.
// - A longer match (a three-glyph ligature, a longer context) needs the glyph it starts at (or the
//   first two, for a ligature): a word holding one is left to fontkit. So are marks, ligature glyphs
//   and glyphs a lookup skips, since they make neighbours of glyphs that are not adjacent, and the
//   glyphs cursive and mark attachment start at, whose offsets carry along a chain.
// - Positioning only adds to a glyph's advance and offsets, each lookup once per position, from
//   integers: a glyph's position is its position alone plus what its pair on each side adds.
// - A pair that no lookup can take in together (no ligature, context or attachment starting at one
//   glyph reaches the other, and no pair adjustment has a value for the two) is the two glyphs
//   alone: most pairs are answered that way, from the tables, without asking fontkit (a font with a
//   kern table fontkit applies outside GPOS is always asked).

/** The characters the fast path takes: Latin, Greek, Cyrillic, punctuation, currency; no marks, no
 * ignorables (soft hyphen), no fraction slash (fontkit shapes fractions around it). */
function plainCharacter(code: number): boolean {
  if (code < 0x7f) return code >= 0x20
  if (code < 0x500) return code >= 0xa0 && code !== 0xad && (code < 0x250 || code >= 0x370) && (code < 0x483 || code > 0x489)
  return (code >= 0x2010 && code <= 0x2027) || (code >= 0x2030 && code <= 0x205e && code !== 0x2044) || (code >= 0x20a0 && code <= 0x20c0)
}

interface Position {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
}

interface Glyph {
  id: number
  codePoints: number[]
}

interface Run {
  glyphs: Glyph[]
  positions: Position[]
  script: string
  features: Record<string, boolean>
}

type Layout = (text: string | object[], features?: unknown, script?: string) => Run

/** fontkit's lookup tables, as far as is read here. */
type Table = Record<string, unknown> & { version?: number }
interface Lookup {
  lookupType: number
  flags: { flags: { ignoreBaseGlyphs: boolean } }
  subTables: Iterable<Table>
}
interface Processor {
  findScript(script: string | string[]): object | null
  selectScript(script?: string, language?: string | null, direction?: string): string
  lookupsForFeatures(features?: string[]): { lookup: Lookup }[]
  getClassID(glyph: number, classDef: object): number
  coverageIndex(coverage: unknown, glyph: number): number
}

/** A value record of a pair adjustment, as far as fontkit applies it (device tables only with variations). */
interface Value {
  xAdvance?: number | null
  yAdvance?: number | null
  xPlacement?: number | null
  yPlacement?: number | null
}

function moves(value: Value | undefined): boolean {
  return !!value && !!(value.xAdvance || value.yAdvance || value.xPlacement || value.yPlacement)
}
interface Internals {
  GDEF?: { glyphClassDef?: object }
  kern?: unknown
  _variationProcessor?: unknown
  morx?: unknown
  _layoutEngine: { engine?: { GSUBProcessor?: Processor | null; GPOSProcessor?: Processor | null } | null }
}

/** Per font and script: what fontkit would run, and its answers per glyph and per pair. */
interface Profile {
  /** The features fontkit reports on a run of this script. */
  features: Record<string, boolean>
  /** Glyphs a longer match starts at, or that a lookup would skip or attach. */
  riskyGlyphs: Set<number>
  /** Neighbours (first × 65536 + second) a ligature of three or more starts with. */
  riskyPairs: Set<number>
  /** Neighbours a longer context may start with: [glyphs on the left, glyphs on the right]. */
  riskyNeighbours: [Set<number>, Set<number>][]
  /** Per glyph a match of more than one glyph may start at, the glyphs it may take in right after it
   * (true: any glyph). */
  reachesNext: Map<number, Set<number> | true>
  /** Per glyph a match may start at, the glyphs it may look at right before it (true: any glyph). */
  reachesBack: Map<number, Set<number> | true>
  /** The pair adjustment subtables (GPOS type 2), asked about each pair. */
  pairTables: Table[]
  /** Pairs are left alone by every lookup unless their glyphs are in the sets above (false: a kern
   * table fontkit applies outside GPOS, so every pair is asked about). */
  pairsFromLookups: boolean
  ignoresBase: boolean
  /** A glyph's position alone (null: fontkit changes it alone, or it is risky). */
  alone: (Position | null | undefined)[]
  /** What a pair adds to the first glyph's position and to the second's (null: unsafe). */
  pairs: Map<number, [Position, Position] | null>
}

const ZERO: Position = { xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 }

// Script of a character as fontkit detects it; the same for every font.
const scripts = new Map<number, string>()

/** Make `font.layout(text)` lay out plain words as above; anything else goes to fontkit unchanged. */
export function shapePlainText(font: fontkit.Font): void {
  const internals = font as unknown as Internals
  if (internals._variationProcessor || internals.morx) return
  const engine = internals._layoutEngine.engine
  const layout = font.layout.bind(font) as unknown as Layout
  // What fontkit detects for text with no character of a script (spaces, digits, punctuation).
  const common = layout([]).script
  const profiles = new Map<string, Profile | undefined>()
  // fontkit's classes of runs and positions, from the first run laid out here. Nothing here makes a
  // glyph before fontkit would (it keeps the code points of the first Glyph object made for an id).
  let RunClass: (new (glyphs: object[], features: unknown, script: string) => Run) | undefined
  let PositionClass: (new (xAdvance: number, yAdvance: number, xOffset: number, yOffset: number) => Position) | undefined
  // Glyph objects by character: fontkit keeps one per glyph id, so the answer never changes.
  const byCode: (Glyph | null | undefined)[] = []
  const glyphFor = (code: number): Glyph | null => {
    let glyph = byCode[code]
    if (glyph === undefined) byCode[code] = glyph = font.glyphForCodePoint(code) as unknown as Glyph | null
    return glyph
  }

  const profileOf = (script: string, glyph: Glyph): Profile | undefined => {
    if (profiles.has(script)) return profiles.get(script)
    let profile: Profile | undefined
    // A font with neither the script nor a default one is shaped as whatever script fontkit chose for
    // the text before: that text is left to fontkit.
    const known = (processor: Processor | null | undefined) => !processor || processor.findScript(script) || processor.findScript(['DFLT', 'dflt', 'latn'])
    if (!known(engine?.GSUBProcessor) || !known(engine?.GPOSProcessor)) {
      profiles.set(script, undefined)
      return undefined
    }
    try {
      const sample = layout([glyph], undefined, script)
      RunClass ??= sample.constructor as unknown as typeof RunClass
      PositionClass ??= (sample.positions[0] as Position).constructor as unknown as typeof PositionClass
      profile = analyse(script, sample.features)
    } catch {
      profile = undefined
    }
    profiles.set(script, profile)
    return profile
  }

  const analyse = (script: string, features: Record<string, boolean>): Profile => {
    const profile: Profile = { features: { ...features }, riskyGlyphs: new Set(), riskyPairs: new Set(), riskyNeighbours: [], reachesNext: new Map(), reachesBack: new Map(), pairTables: [], pairsFromLookups: !internals.kern, ignoresBase: false, alone: [], pairs: new Map() }
    const tags = Object.keys(features)
    for (const [processor, gpos] of [[engine?.GSUBProcessor, false], [engine?.GPOSProcessor, true]] as const) {
      if (!processor) continue
      processor.selectScript(script, null, 'ltr')
      for (const { lookup } of processor.lookupsForFeatures(tags)) {
        if (lookup.flags.flags.ignoreBaseGlyphs) profile.ignoresBase = true
        for (const table of lookup.subTables) {
          risks(lookup.lookupType, table, gpos, profile)
          reach(lookup.lookupType, table, gpos, profile)
        }
      }
      // With GPOS kerning for the script, fontkit never applies a kern table.
      if (gpos && (processor as unknown as { features: Record<string, unknown> }).features['kern']) profile.pairsFromLookups = true
    }
    return profile
  }

  const glyphClass = (id: number): number => {
    const classDef = internals.GDEF?.glyphClassDef
    const processor = engine?.GSUBProcessor ?? engine?.GPOSProcessor
    return classDef && processor ? processor.getClassID(id, classDef) : 0
  }

  const alone = (profile: Profile, glyph: Glyph, script: string): Position | null => {
    const known = profile.alone[glyph.id]
    if (known !== undefined) return known
    let position: Position | null = null
    const kind = glyphClass(glyph.id)
    if (kind !== 2 && kind !== 3 && glyph.codePoints.length === 1 && !(profile.ignoresBase && (kind === 1 || !internals.GDEF?.glyphClassDef)) && !profile.riskyGlyphs.has(glyph.id)) {
      const run = layout([glyph], undefined, script)
      if (run.glyphs.length === 1 && run.glyphs[0]?.id === glyph.id) position = copy(run.positions[0] as Position)
    }
    profile.alone[glyph.id] = position
    return position
  }

  const pair = (profile: Profile, first: Glyph, second: Glyph, script: string): [Position, Position] | null => {
    const key = first.id * 65536 + second.id
    const known = profile.pairs.get(key)
    if (known !== undefined) return known
    let found: [Position, Position] | null = null
    const a = alone(profile, first, script)
    const b = alone(profile, second, script)
    if (a && b && profile.pairsFromLookups && !reaches(profile.reachesNext, first.id, second.id) && !reaches(profile.reachesBack, second.id, first.id) && !adjusts(profile, first.id, second.id)) {
      // No lookup looks at both: what fontkit would give without asking it.
      found = [ZERO, ZERO]
    } else if (a && b && !profile.riskyPairs.has(key) && !profile.riskyNeighbours.some(([left, right]) => left.has(first.id) && right.has(second.id))) {
      const run = layout([first, second], undefined, script)
      if (run.glyphs.length === 2 && run.glyphs[0]?.id === first.id && run.glyphs[1]?.id === second.id) {
        const one = difference(run.positions[0] as Position, a)
        const two = difference(run.positions[1] as Position, b)
        found = [one ?? ZERO, two ?? ZERO]
      }
    }
    profile.pairs.set(key, found)
    return found
  }

  /** Whether a pair adjustment subtable has (or may have) a value for the pair. */
  const adjusts = (profile: Profile, first: number, second: number): boolean => {
    const processor = engine?.GPOSProcessor
    if (profile.pairTables.length === 0) return false
    if (!processor) return true
    return profile.pairTables.some((table) => {
      const index = processor.coverageIndex(table['coverage'], first)
      if (index === -1) return false
      if (table.version === 1) return each(at(table['pairSets'], index)).some((pair) => (pair as { secondGlyph: number }).secondGlyph === second)
      const record = at(at(table['classRecords'], processor.getClassID(first, table['classDef1'] as object)), processor.getClassID(second, table['classDef2'] as object)) as { value1?: Value; value2?: Value } | undefined
      return !record || moves(record.value1) || moves(record.value2)
    })
  }

  const fast = (text: string): Run | undefined => {
    if (text.length === 0) return undefined
    let script = common
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index)
      if (!plainCharacter(code)) return undefined
      if (script === common) {
        let found = scripts.get(code)
        if (found === undefined) scripts.set(code, (found = layout(text[index] as string).script))
        script = found
      }
    }
    // The glyphs made in the order fontkit makes them.
    const glyphs: Glyph[] = []
    for (let index = 0; index < text.length; index += 1) {
      const glyph = glyphFor(text.charCodeAt(index))
      // No outlines fontkit knows (neither glyf nor CFF): fontkit says what happens.
      if (!glyph) return undefined
      glyphs.push(glyph)
    }
    const profile = profileOf(script, glyphs[0] as Glyph)
    if (!profile || !RunClass || !PositionClass) return undefined
    const positions: Position[] = []
    let previous: Glyph | undefined
    for (const glyph of glyphs) {
      const base = alone(profile, glyph, script)
      if (!base) return undefined
      const position = new PositionClass(base.xAdvance, base.yAdvance, base.xOffset, base.yOffset)
      if (previous) {
        const added = pair(profile, previous, glyph, script)
        if (!added) return undefined
        add(positions[positions.length - 1] as Position, added[0])
        add(position, added[1])
      }
      positions.push(position)
      previous = glyph
    }
    const run = new RunClass(glyphs, undefined, script)
    // The same for every run of the script (fontkit's plan): one object, which nothing changes.
    run.features = profile.features
    run.positions = positions
    return run
  }

  const shaped = font as unknown as { layout: (...args: unknown[]) => unknown }
  shaped.layout = (...args: unknown[]) => {
    if (args.length === 1 || (args.length === 2 && args[1] === undefined)) {
      const text = args[0]
      if (typeof text === 'string') {
        const run = fast(text)
        if (run) return run
      } else if (Array.isArray(text)) {
        // Glyphs, each the glyph already found here for one character: fontkit lays them out as it
        // lays out those characters.
        const chars = (text as Glyph[]).map((glyph) => (glyph.codePoints.length === 1 && byCode[glyph.codePoints[0] as number] === glyph ? String.fromCharCode(glyph.codePoints[0] as number) : ''))
        const run = chars.every((char) => char.length === 1) ? fast(chars.join('')) : undefined
        if (run) return run
      }
    }
    return (layout as (...rest: unknown[]) => unknown)(...args)
  }
}

function copy(position: Position): Position {
  return { xAdvance: position.xAdvance, yAdvance: position.yAdvance, xOffset: position.xOffset, yOffset: position.yOffset }
}

function difference(a: Position, b: Position): Position | undefined {
  const result = { xAdvance: a.xAdvance - b.xAdvance, yAdvance: a.yAdvance - b.yAdvance, xOffset: a.xOffset - b.xOffset, yOffset: a.yOffset - b.yOffset }
  return result.xAdvance || result.yAdvance || result.xOffset || result.yOffset ? result : undefined
}

function add(position: Position, added: Position): void {
  if (added === ZERO) return
  position.xAdvance += added.xAdvance
  position.yAdvance += added.yAdvance
  position.xOffset += added.xOffset
  position.yOffset += added.yOffset
}

/** Entry `index` of a fontkit list (an array or a lazily decoded one). */
function at(list: unknown, index: number): unknown {
  const lazy = list as { get?: (index: number) => unknown }
  return typeof lazy.get === 'function' ? lazy.get(index) : (list as unknown[])[index]
}

function each(list: unknown): unknown[] {
  if (!list) return []
  const lazy = list as { length: number }
  return Array.from({ length: lazy.length }, (_, index) => at(list, index))
}

/** The glyphs of a coverage table, in coverage-index order. */
function coverageGlyphs(coverage: unknown): number[] {
  const table = coverage as { version: number; glyphs?: number[]; rangeRecords?: { start: number; end: number }[] }
  if (table.version === 1) return [...(table.glyphs ?? [])]
  const glyphs: number[] = []
  for (const range of table.rangeRecords ?? []) for (let glyph = range.start; glyph <= range.end; glyph += 1) glyphs.push(glyph)
  return glyphs
}

/** Glyphs of class `value` in a class definition (not for class 0, which is every glyph unlisted). */
function classGlyphs(classDef: unknown, value: number): Set<number> {
  const table = classDef as { version: number; startGlyph?: number; classValueArray?: number[]; classRangeRecord?: { start: number; end: number; class: number }[] }
  const glyphs = new Set<number>()
  if (table.version === 1) (table.classValueArray ?? []).forEach((found, index) => found === value && glyphs.add((table.startGlyph as number) + index))
  else for (const range of table.classRangeRecord ?? []) if (range.class === value) for (let glyph = range.start; glyph <= range.end; glyph += 1) glyphs.add(glyph)
  return glyphs
}

function classOf(classDef: unknown, glyph: number): number {
  const table = classDef as { version: number; startGlyph?: number; classValueArray?: number[]; classRangeRecord?: { start: number; end: number; class: number }[] }
  if (table.version === 1) return table.classValueArray?.[glyph - (table.startGlyph as number)] ?? 0
  return table.classRangeRecord?.find((range) => range.start <= glyph && glyph <= range.end)?.class ?? 0
}

/**
 * Each rule of a (chained) context subtable, as fontkit matches it: the glyphs it may start at, the
 * glyphs it needs right after them and right before them (undefined: any glyph; null: none), and
 * how many glyphs it spans. fontkit matches a backtrack sequence forwards, ending next to the start.
 */
function contextRules(table: Table, chained: boolean, visit: (starts: number[], after: Set<number> | undefined | null, before: Set<number> | undefined | null, length: number) => void): void {
  if (table.version === 3) {
    const backtrack = chained ? (table['backtrackCoverage'] as unknown[]) : []
    const forward = chained ? [...(table['inputCoverage'] as unknown[]), ...(table['lookaheadCoverage'] as unknown[])] : (table['coverages'] as unknown[])
    const after = forward.length > 1 ? new Set(coverageGlyphs(forward[1])) : null
    const before = backtrack.length > 0 ? new Set(coverageGlyphs(backtrack[backtrack.length - 1])) : null
    visit(coverageGlyphs(forward[0]), after, before, backtrack.length + forward.length)
    return
  }
  const covered = coverageGlyphs(table['coverage'])
  const sets = chained ? (table.version === 1 ? table['chainRuleSets'] : table['chainClassSet']) : table.version === 1 ? table['ruleSets'] : table['classSet']
  const inputClasses = chained ? table['inputClassDef'] : table['classDef']
  const glyphsOf = (element: unknown, classDef: unknown): Set<number> | undefined => (table.version === 1 ? new Set([element as number]) : element === 0 ? undefined : classGlyphs(classDef, element as number))
  each(sets).forEach((set, index) => {
    if (!set) return
    const starts = table.version === 1 ? [covered[index] as number] : covered.filter((glyph) => classOf(inputClasses, glyph) === index)
    for (const rule of each(set) as Record<string, unknown[]>[]) {
      const input = (table.version === 1 || chained ? rule['input'] : rule['classes']) ?? []
      const lookahead = chained ? (rule['lookahead'] ?? []) : []
      const backtrack = chained ? (rule['backtrack'] ?? []) : []
      const after = input.length > 0 ? glyphsOf(input[0], inputClasses) : lookahead.length > 0 ? glyphsOf(lookahead[0], table['lookaheadClassDef']) : null
      const before = backtrack.length > 0 ? glyphsOf(backtrack[backtrack.length - 1], table['backtrackClassDef']) : null
      visit(starts, after, before, backtrack.length + 1 + input.length + lookahead.length)
    }
  })
}

/**
 * What a (chained) context subtable may match beyond two glyphs, added to `profile`: for each rule
 * longer than two, the glyphs it may start at and those that must stand next to them (after them,
 * or before them when the rule has nothing after its start). A set of neighbours that is any glyph
 * makes the start glyphs risky alone.
 */
function contextRisks(table: Table, chained: boolean, profile: Profile): void {
  contextRules(table, chained, (starts, after, before, length) => {
    if (length <= 2) return
    const neighbours = after === null ? before : after
    if (!neighbours) for (const glyph of starts) profile.riskyGlyphs.add(glyph)
    else profile.riskyNeighbours.push(after === null ? [neighbours, new Set(starts)] : [new Set(starts), neighbours])
  })
}

/** Records that a match starting at each of `starts` may take in `neighbours` (undefined: any). */
function reachFrom(map: Map<number, Set<number> | true>, starts: Iterable<number>, neighbours: Iterable<number> | undefined): void {
  for (const glyph of starts) {
    const known = map.get(glyph)
    if (known === true) continue
    if (!neighbours) map.set(glyph, true)
    else if (known) for (const neighbour of neighbours) known.add(neighbour)
    else map.set(glyph, new Set(neighbours))
  }
}

function reaches(map: Map<number, Set<number> | true>, start: number, neighbour: number): boolean {
  const known = map.get(start)
  return known === true || (known !== undefined && known.has(neighbour))
}

/**
 * Adds to `profile` where `table` (a subtable of a lookup of `type`) may start a match that takes in
 * the glyph after its start or looks at the one before, and which neighbours it needs there. A pair
 * no match reaches across is shaped as its two glyphs alone.
 */
function reach(type: number, table: Table, gpos: boolean, profile: Profile): void {
  if (type === (gpos ? 9 : 7)) return reach(table['lookupType'] as number, table['extension'] as Table, gpos, profile)
  // One glyph each: single, multiple and alternate substitutions, single adjustments.
  if ((!gpos && type <= 3) || (gpos && type === 1)) return
  if (!gpos && type === 4) {
    coverageGlyphs(table['coverage']).forEach((first, index) => {
      const seconds = (each(at(table['ligatureSets'], index)) as { components: number[] }[]).filter((ligature) => ligature.components.length > 0).map((ligature) => ligature.components[0] as number)
      if (seconds.length > 0) reachFrom(profile.reachesNext, [first], seconds)
    })
    return
  }
  // Pair adjustments are looked up pair by pair (`adjusts`).
  if (gpos && type === 2) {
    profile.pairTables.push(table)
    return
  }
  const context = gpos ? type - 2 : type
  if (context === 5 || context === 6) {
    contextRules(table, context === 6, (starts, after, before) => {
      if (after !== null) reachFrom(profile.reachesNext, starts, after)
      if (before !== null) reachFrom(profile.reachesBack, starts, before)
    })
    return
  }
  // Reverse chaining and attachments (cursive, marks; risky already): any neighbour, both ways.
  const coverage = coverageGlyphs(gpos && (type === 4 || type === 5) ? table['markCoverage'] : gpos && type === 6 ? table['mark1Coverage'] : table['coverage'])
  if ((!gpos && type === 8) || (gpos && type >= 3 && type <= 6)) {
    reachFrom(profile.reachesNext, coverage, undefined)
    reachFrom(profile.reachesBack, coverage, undefined)
    return
  }
  throw new Error(`lookup type ${type} not analysed`)
}

/** Adds what `table` (a subtable of a lookup of `type`) may do beyond one glyph or two neighbours to `profile`. */
function risks(type: number, table: Table, gpos: boolean, profile: Profile): void {
  const riskyCoverage = (coverage: unknown) => {
    for (const glyph of coverageGlyphs(coverage)) profile.riskyGlyphs.add(glyph)
  }
  // Extension subtables hold the real one.
  if (type === (gpos ? 9 : 7)) return risks(table['lookupType'] as number, table['extension'] as Table, gpos, profile)
  if (!gpos && type <= 3) return
  if (gpos && type <= 2) return
  if (!gpos && type === 4) {
    coverageGlyphs(table['coverage']).forEach((first, index) => {
      for (const ligature of each(at(table['ligatureSets'], index)) as { components: number[] }[]) {
        if (ligature.components.length > 1) profile.riskyPairs.add(first * 65536 + (ligature.components[0] as number))
      }
    })
    return
  }
  // Contexts: GSUB types 5 and 6, GPOS types 7 and 8.
  const context = gpos ? type - 2 : type
  if (context === 5 || context === 6) return contextRisks(table, context === 6, profile)
  if (!gpos && type === 8) {
    if ((table['backtrackCoverage'] as unknown[]).length + 1 + (table['lookaheadCoverage'] as unknown[]).length > 2) riskyCoverage(table['coverage'])
    return
  }
  if (gpos && type === 3) return riskyCoverage(table['coverage'])
  if (gpos && (type === 4 || type === 5)) return riskyCoverage(table['markCoverage'])
  if (gpos && type === 6) return riskyCoverage(table['mark1Coverage'])
  throw new Error(`lookup type ${type} not analysed`)
}
