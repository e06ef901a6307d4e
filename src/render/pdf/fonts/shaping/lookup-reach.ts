// What a font's OpenType lookups may do beyond one glyph, read from fontkit's decoded tables for the
// plain-word shaping of plain-shaping.ts: where a match longer than two glyphs may start (such words
// are left to fontkit), and where a match of two may (any other pair of glyphs is shaped as the two
// glyphs alone, without asking fontkit). fontkit's own look-ups (coverage, classes) decide where
// they exist; its semantics are followed where they differ from the specification (a backtrack
// sequence is matched forwards, ending next to the start). The tables are read by the OpenType
// specification's field names, as fontkit decodes them (fontkit/internals.ts: OpenTypeTable).

import { entriesOf as each, entryAt as at, type OpenTypeTable as Table, type PairLookups } from '../fontkit/internals.js'

/** What the lookups of a font and script may match, as read from them. */
export interface Reach {
  /** Glyphs a longer match starts at, or that a lookup would skip or attach. */
  riskyGlyphs: Set<number>
  /** Neighbours (first × 65536 + second) a ligature of three or more starts with, and the glyphs
   * that must come right after them for one to match. */
  riskyPairs: Map<number, Set<number>>
  /** Neighbours a longer context may start with: [glyphs on the left, glyphs on the right]. */
  riskyNeighbours: [Set<number>, Set<number>][]
  /** Per glyph a match of more than one glyph may start at, the glyphs it may take in right after it
   * (true: any glyph). */
  reachesNext: Map<number, Set<number> | true>
  /** Per glyph a match may start at, the glyphs it may look at right before it (true: any glyph). */
  reachesBack: Map<number, Set<number> | true>
  /** The pair adjustment subtables (GPOS type 2), asked about each pair. */
  pairTables: Table[]
}

/** A value record of a pair adjustment, as far as fontkit applies it (device tables only with variations). */
interface Value {
  xAdvance?: number | null
  yAdvance?: number | null
  xPlacement?: number | null
  yPlacement?: number | null
}

export function emptyReach(): Reach {
  return {
    riskyGlyphs: new Set(),
    riskyPairs: new Map(),
    riskyNeighbours: [],
    reachesNext: new Map(),
    reachesBack: new Map(),
    pairTables: []
  }
}

/**
 * Adds to `into` what a subtable of a lookup of `type` (GSUB, or GPOS when `gpos`) may match beyond
 * one glyph: where a match may start and the neighbour it takes in after or before its start (a pair
 * no match reaches across is its two glyphs alone), and what reaches beyond two glyphs (risky).
 */
export function readSubtable(type: number, table: Table, gpos: boolean, into: Reach): void {
  // Extension subtables hold the real one.
  if (type === (gpos ? 9 : 7)) return readSubtable(table['lookupType'] as number, table['extension'] as Table, gpos, into)
  // One glyph each: single, multiple and alternate substitutions, single adjustments.
  if ((!gpos && type <= 3) || (gpos && type === 1)) return
  if (!gpos && type === 4) {
    // A ligature starts at its first glyph and takes in the first component; one of three or more
    // glyphs makes that pair risky when its third glyph follows.
    coverageGlyphs(table['coverage']).forEach((first, index) => {
      for (const { components } of each(at(table['ligatureSets'], index)) as { components: number[] }[]) {
        const second = components[0]
        const third = components[1]
        if (second === undefined) continue
        reachFrom(into.reachesNext, [first], [second])
        if (third === undefined) continue
        const key = first * 65536 + second
        const thirds = into.riskyPairs.get(key)
        if (thirds) thirds.add(third)
        else into.riskyPairs.set(key, new Set([third]))
      }
    })
    return
  }
  // Pair adjustments are looked up pair by pair (`takesInPair`).
  if (gpos && type === 2) {
    into.pairTables.push(table)
    return
  }
  // Contexts (GSUB 5 and 6, GPOS 7 and 8), rule by rule. A rule longer than two needs its start and
  // the neighbour next to it (after it, or before it when nothing follows the start); a set of
  // neighbours that is any glyph makes the start glyphs risky alone.
  const context = gpos ? type - 2 : type
  if (context === 5 || context === 6) {
    contextRules(table, context === 6, (starts, after, before, length) => {
      if (after !== null) reachFrom(into.reachesNext, starts, after)
      if (before !== null) reachFrom(into.reachesBack, starts, before)
      if (length <= 2) return
      const neighbours = after === null ? before : after
      if (!neighbours) for (const glyph of starts) into.riskyGlyphs.add(glyph)
      else into.riskyNeighbours.push(after === null ? [neighbours, new Set(starts)] : [new Set(starts), neighbours])
    })
    return
  }
  // Reverse chaining and attachments (cursive, marks): any neighbour, both ways; the glyphs they start
  // at are risky (attachments carry offsets along a chain; reverse chaining when longer than two).
  const attachment = gpos && type >= 3 && type <= 6
  if (!attachment && !(!gpos && type === 8)) throw new Error(`lookup type ${type} not analysed`)
  const coverage = coverageGlyphs(
    gpos && (type === 4 || type === 5) ? table['markCoverage'] : gpos && type === 6 ? table['mark1Coverage'] : table['coverage']
  )
  reachFrom(into.reachesNext, coverage, undefined)
  reachFrom(into.reachesBack, coverage, undefined)
  if (attachment || (table['backtrackCoverage'] as unknown[]).length + 1 + (table['lookaheadCoverage'] as unknown[]).length > 2)
    for (const glyph of coverage) into.riskyGlyphs.add(glyph)
}

/** Whether some lookup may take in the pair (first, second) together: a match reaching from one to
 * the other, or a pair adjustment with (or perhaps with) a value for the two. */
export function takesInPair(into: Reach, processor: PairLookups | undefined, first: number, second: number): boolean {
  if (reaches(into.reachesNext, first, second) || reaches(into.reachesBack, second, first)) return true
  if (into.pairTables.length === 0) return false
  if (!processor) return true
  return into.pairTables.some((table) => {
    const index = processor.indexInCoverage(table['coverage'], first)
    if (index === -1) return false
    if (table.version === 1)
      return each(at(table['pairSets'], index)).some((pair) => (pair as { secondGlyph: number }).secondGlyph === second)
    const record = at(
      at(table['classRecords'], processor.classOf(first, table['classDef1'] as object)),
      processor.classOf(second, table['classDef2'] as object)
    ) as { value1?: Value; value2?: Value } | undefined
    return !record || moves(record.value1) || moves(record.value2)
  })
}

function moves(value: Value | undefined): boolean {
  return !!value && !!(value.xAdvance || value.yAdvance || value.xPlacement || value.yPlacement)
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
  const table = classDef as {
    version: number
    startGlyph?: number
    classValueArray?: number[]
    classRangeRecord?: { start: number; end: number; class: number }[]
  }
  const glyphs = new Set<number>()
  if (table.version === 1)
    (table.classValueArray ?? []).forEach((found, index) => found === value && glyphs.add((table.startGlyph as number) + index))
  else
    for (const range of table.classRangeRecord ?? [])
      if (range.class === value) for (let glyph = range.start; glyph <= range.end; glyph += 1) glyphs.add(glyph)
  return glyphs
}

function classOf(classDef: unknown, glyph: number): number {
  const table = classDef as {
    version: number
    startGlyph?: number
    classValueArray?: number[]
    classRangeRecord?: { start: number; end: number; class: number }[]
  }
  if (table.version === 1) return table.classValueArray?.[glyph - (table.startGlyph as number)] ?? 0
  return table.classRangeRecord?.find((range) => range.start <= glyph && glyph <= range.end)?.class ?? 0
}

/**
 * Each rule of a (chained) context subtable, as fontkit matches it: the glyphs it may start at, the
 * glyphs it needs right after them and right before them (undefined: any glyph; null: none), and
 * how many glyphs it spans. fontkit matches a backtrack sequence forwards, ending next to the start.
 */
function contextRules(
  table: Table,
  chained: boolean,
  visit: (starts: number[], after: Set<number> | undefined | null, before: Set<number> | undefined | null, length: number) => void
): void {
  if (table.version === 3) {
    const backtrack = chained ? (table['backtrackCoverage'] as unknown[]) : []
    const forward = chained
      ? [...(table['inputCoverage'] as unknown[]), ...(table['lookaheadCoverage'] as unknown[])]
      : (table['coverages'] as unknown[])
    const after = forward.length > 1 ? new Set(coverageGlyphs(forward[1])) : null
    const before = backtrack.length > 0 ? new Set(coverageGlyphs(backtrack[backtrack.length - 1])) : null
    visit(coverageGlyphs(forward[0]), after, before, backtrack.length + forward.length)
    return
  }
  const covered = coverageGlyphs(table['coverage'])
  const sets = chained
    ? table.version === 1
      ? table['chainRuleSets']
      : table['chainClassSet']
    : table.version === 1
      ? table['ruleSets']
      : table['classSet']
  const inputClasses = chained ? table['inputClassDef'] : table['classDef']
  const glyphsOf = (element: unknown, classDef: unknown): Set<number> | undefined =>
    table.version === 1 ? new Set([element as number]) : element === 0 ? undefined : classGlyphs(classDef, element as number)
  each(sets).forEach((set, index) => {
    if (!set) return
    const starts = table.version === 1 ? [covered[index] as number] : covered.filter((glyph) => classOf(inputClasses, glyph) === index)
    for (const rule of each(set) as Record<string, unknown[]>[]) {
      const input = (table.version === 1 || chained ? rule['input'] : rule['classes']) ?? []
      const lookahead = chained ? (rule['lookahead'] ?? []) : []
      const backtrack = chained ? (rule['backtrack'] ?? []) : []
      const after =
        input.length > 0
          ? glyphsOf(input[0], inputClasses)
          : lookahead.length > 0
            ? glyphsOf(lookahead[0], table['lookaheadClassDef'])
            : null
      const before = backtrack.length > 0 ? glyphsOf(backtrack[backtrack.length - 1], table['backtrackClassDef']) : null
      visit(starts, after, before, backtrack.length + 1 + input.length + lookahead.length)
    }
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
