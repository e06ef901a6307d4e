import type * as fontkit from 'fontkit'
import { runMaker, type RunMaker, type ShapingEngine } from '../fontkit/internals.js'
import { emptyReach, readSubtable, takesInPair, type Reach } from './lookup-reach.js'

// fontkit shapes every text with all of its OpenType machinery: a shaping plan, an object per glyph,
// every lookup of every feature walked glyph by glyph (~25 µs a word; a quarter of the PDF of an
// article seen for the first time). In most words of Latin, Greek or Cyrillic text none of it does
// anything but kern: the run is then the glyphs the cmap gives, each positioned as it is alone, plus
// what each pair of neighbours adds. `plainShaper` lays such words out that way, from answers
// fontkit itself gives once per glyph and per pair, and leaves every other text to fontkit
// (fonts/fontkit/shape-plain-text.ts has `font.layout` ask it first).
//
// Why the result is fontkit's, per font and script (the lookups fontkit would run for them):
// - A substitution or positioning whose match spans at most two glyphs (single and multiple
//   substitutions, two-glyph ligatures, pair kerning, contexts of two) happens in the word only if it
//   happens to a glyph alone or to two neighbours alone, which is what fontkit is asked about. A word
//   any of whose glyphs or pairs fontkit changes is left to fontkit, except for two-glyph ligatures.
// - A pair fontkit makes one ligature glyph of (fi, fl) does so in the word too, at the same place
//   and left to right. The word is then laid out as the glyphs that remain, ligatures in place of
//   their pairs: its other pairs, and the pair after each ligature, are first asked to be unchanged
//   (so nothing before the ligature lookup acts on them), and the ligature is then one more glyph,
//   whose position alone and beside its new neighbours fontkit is asked about as for any other. Left
//   to fontkit: two ligatures sharing a glyph, a ligature of a ligature, a ligature glyph that is not
//   in the ligature class, and fonts where a lookup matching several glyphs skips ligatures (it would
//   make neighbours of the glyphs on either side).
// - A longer match (a three-glyph ligature, a longer context) needs the glyph it starts at (or the
//   first two and the third, for a ligature: "ff" followed by the "i" of "ffi"): a word holding one is
//   left to fontkit; two glyphs a longer ligature starts with, followed by anything else, are a pair
//   like any other. Also left to fontkit: marks, ligature glyphs from the text itself and glyphs a
//   lookup skips, since they make neighbours of glyphs that are not adjacent, and the glyphs cursive
//   and mark attachment start at, whose offsets carry along a chain.
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

type Glyph = fontkit.Glyph

/** Per font and script: what fontkit would run, and its answers per glyph and per pair. */
interface Profile extends Reach {
  /** The features fontkit reports on a run of this script. */
  features: Record<string, boolean>
  /** Pairs are left alone by every lookup unless their glyphs are in the sets above (false: a kern
   * table fontkit applies outside GPOS, so every pair is asked about). */
  pairsFromLookups: boolean
  ignoresBase: boolean
  /** Some lookup that may match more than one glyph skips ligature glyphs. */
  ignoresLigatures: boolean
  /** Two-glyph ligatures fontkit forms, by glyph id: laid out like any other glyph. */
  ligatures: Set<number>
  /** A glyph's position alone (null: fontkit changes it alone, or it is risky). */
  alone: (Position | null | undefined)[]
  /** What a pair adds to the first glyph's position and to the second's (null: unsafe). */
  pairs: Map<number, Pair | null>
  /** The direction fontkit gives a run of the script. */
  direction: string
}

/** What a pair of neighbours adds to each one's position, or the ligature fontkit makes of them. */
type Pair = [Position, Position] | { ligature: Glyph }

const ZERO: Position = { xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 }
const LIGATURE = Symbol('ligature')

/** Whether a lookup of this type may match more than one glyph (attachments start at marks, which
 * plain words do not have). */
function spansGlyphs(type: number, gpos: boolean): boolean {
  return gpos ? type === 2 || type === 7 || type === 8 || type === 9 : type >= 4
}

// Script of a character as fontkit detects it; the same for every font.
const scripts = new Map<number, string>()

/** A plain text laid out: its glyphs and four numbers a glyph (xAdvance, yAdvance, xOffset, yOffset, in font units). */
export interface Plain {
  glyphs: Glyph[]
  numbers: number[]
  script: string
  direction: string
  features: Record<string, boolean>
}

// Per font made to shape plain texts: the texts' layout without fontkit's objects (a run, a position
// per glyph), for those who keep only the numbers (glyph-runs.ts).
const plainTexts = new WeakMap<fontkit.Font, (text: string) => Plain | undefined>()

/** `text` laid out as `font.layout` lays it out, when it is a plain text of a font made to shape them, else undefined. */
export function plainLayout(font: fontkit.Font, text: string): Plain | undefined {
  return plainTexts.get(font)?.(text)
}

/** Lays out plain texts of one font as fontkit would, as runs of fontkit's classes; undefined for any other text. */
export interface PlainShaper {
  /** A text's run, when it is plain. */
  run(text: string): fontkit.GlyphRun | undefined
  /** The run of glyphs, each the glyph found here for one character, when those characters are a plain text. */
  runOfGlyphs(glyphs: Glyph[]): fontkit.GlyphRun | undefined
}

/** A shaper of plain words for `font` (see above), from fontkit's OpenType engine for it. */
export function plainShaper(font: fontkit.Font, engine: ShapingEngine): PlainShaper {
  const layout = engine.layout
  // What fontkit detects for text with no character of a script (spaces, digits, punctuation).
  const common = layout([]).script
  const profiles = new Map<string, Profile | undefined>()
  // Runs of fontkit's classes, from the first run laid out here. Nothing here makes a glyph before
  // fontkit would (it keeps the code points of the first Glyph object made for an id).
  let makeRun: RunMaker | undefined
  // Glyph objects by character: fontkit keeps one per glyph id, so the answer never changes.
  const byCode: (Glyph | null | undefined)[] = []
  const glyphFor = (code: number): Glyph | null => {
    let glyph = byCode[code]
    if (glyph === undefined) byCode[code] = glyph = font.glyphForCodePoint(code) as Glyph | null
    return glyph
  }

  const profileOf = (script: string, glyph: Glyph): Profile | undefined => {
    if (profiles.has(script)) return profiles.get(script)
    let profile: Profile | undefined
    // A font with neither the script nor a default one is shaped as whatever script fontkit chose for
    // the text before: that text is left to fontkit.
    if (!engine.knowsScript(script)) {
      profiles.set(script, undefined)
      return undefined
    }
    try {
      const sample = layout([glyph], undefined, script)
      makeRun ??= runMaker(sample)
      profile = analyse(script, sample.features, sample.direction)
    } catch {
      profile = undefined
    }
    profiles.set(script, profile)
    return profile
  }

  const analyse = (script: string, features: Record<string, boolean>, direction: string): Profile => {
    const profile: Profile = {
      ...emptyReach(),
      features: { ...features },
      pairsFromLookups: !engine.kernTable,
      ignoresBase: false,
      ignoresLigatures: false,
      ligatures: new Set(),
      alone: [],
      pairs: new Map(),
      direction
    }
    const gposKerns = engine.eachLookup(script, Object.keys(features), (lookup, gpos) => {
      if (lookup.ignoresBase) profile.ignoresBase = true
      if (lookup.ignoresLigatures && spansGlyphs(lookup.type, gpos)) profile.ignoresLigatures = true
      for (const table of lookup.subtables) readSubtable(lookup.type, table, gpos, profile)
    })
    // With GPOS kerning for the script, fontkit never applies a kern table.
    if (gposKerns) profile.pairsFromLookups = true
    return profile
  }

  const glyphClass = (id: number): number => engine.glyphClass(id)

  const alone = (profile: Profile, glyph: Glyph, script: string): Position | null => {
    const known = profile.alone[glyph.id]
    if (known !== undefined) return known
    let position: Position | null = null
    const kind = glyphClass(glyph.id)
    const single = kind !== 2 && glyph.codePoints.length === 1
    if (
      (single || profile.ligatures.has(glyph.id)) &&
      kind !== 3 &&
      !(profile.ignoresBase && (kind === 1 || !engine.hasGlyphClasses)) &&
      !profile.riskyGlyphs.has(glyph.id)
    ) {
      const run = layout([glyph], undefined, script)
      if (run.glyphs.length === 1 && run.glyphs[0]?.id === glyph.id) position = copy(run.positions[0] as Position)
    }
    profile.alone[glyph.id] = position
    return position
  }

  /** What fontkit does to `first` and `second` side by side; `next` is the glyph after them (a longer
   * ligature starting with the two happens only if it is the glyph that ligature needs). */
  const pair = (profile: Profile, first: Glyph, second: Glyph, script: string, next: Glyph | undefined): Pair | null => {
    const key = first.id * 65536 + second.id
    if (next && profile.riskyPairs.get(key)?.has(next.id)) return null
    const known = profile.pairs.get(key)
    if (known !== undefined) return known
    let found: Pair | null = null
    const a = alone(profile, first, script)
    const b = alone(profile, second, script)
    if (a && b && profile.pairsFromLookups && !takesInPair(profile, engine.pairs, first.id, second.id)) {
      // No lookup takes in both (nor, so, starts a longer match there): what fontkit would give.
      found = [ZERO, ZERO]
    } else if (a && b && !profile.riskyNeighbours.some(([left, right]) => left.has(first.id) && right.has(second.id))) {
      const run = layout([first, second], undefined, script)
      if (run.glyphs.length === 2 && run.glyphs[0]?.id === first.id && run.glyphs[1]?.id === second.id) {
        const one = difference(run.positions[0] as Position, a)
        const two = difference(run.positions[1] as Position, b)
        found = [one ?? ZERO, two ?? ZERO]
      } else if (
        run.glyphs.length === 1 &&
        !profile.ignoresLigatures &&
        !profile.ligatures.has(first.id) &&
        !profile.ligatures.has(second.id)
      ) {
        // A ligature of the two: laid out as a glyph of its own if fontkit leaves it alone.
        const ligature = run.glyphs[0] as Glyph
        if (glyphClass(ligature.id) === 2) {
          profile.ligatures.add(ligature.id)
          if (alone(profile, ligature, script)) found = { ligature }
        }
      }
    }
    profile.pairs.set(key, found)
    return found
  }

  /** A plain text's glyphs and their positions (`plain`), else undefined: fontkit's to lay out. */
  const plain = (text: string): Plain | undefined => {
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
    if (!profile || !makeRun) return undefined
    let laid = positioned(profile, glyphs, script)
    if (laid === LIGATURE) laid = positioned(profile, ligated(profile, glyphs, script), script)
    if (!laid || laid === LIGATURE) return undefined
    return { glyphs: laid.glyphs, numbers: laid.numbers, script, direction: profile.direction, features: profile.features }
  }

  const run = (text: string): fontkit.GlyphRun | undefined => {
    const found = plain(text)
    if (!found || !makeRun) return undefined
    return makeRun(found.glyphs, found.script, found.features, found.numbers)
  }
  plainTexts.set(font, plain)

  /**
   * The glyphs positioned as alone plus what each pair of neighbours adds, four numbers a glyph
   * (xAdvance, yAdvance, xOffset, yOffset); undefined when some glyph or pair is fontkit's to lay
   * out, LIGATURE when a pair forms a ligature.
   */
  const positioned = (
    profile: Profile,
    glyphs: Glyph[] | undefined,
    script: string
  ): { glyphs: Glyph[]; numbers: number[] } | typeof LIGATURE | undefined => {
    if (!glyphs) return undefined
    const numbers = new Array<number>(glyphs.length * 4)
    let previous: Glyph | undefined
    for (let index = 0; index < glyphs.length; index += 1) {
      const glyph = glyphs[index] as Glyph
      const base = alone(profile, glyph, script)
      if (!base) return undefined
      const at = index * 4
      numbers[at] = base.xAdvance
      numbers[at + 1] = base.yAdvance
      numbers[at + 2] = base.xOffset
      numbers[at + 3] = base.yOffset
      if (previous) {
        const added = pair(profile, previous, glyph, script, glyphs[index + 1])
        if (!added) return undefined
        if (!Array.isArray(added)) return LIGATURE
        add(numbers, at - 4, added[0])
        add(numbers, at, added[1])
      }
      previous = glyph
    }
    return { glyphs, numbers }
  }

  /**
   * The glyphs after fontkit's substitutions, when the only ones are two-glyph ligatures: each pair
   * that forms one, and no other pair, changes (the ligature takes the place of its two glyphs, as
   * fontkit's ligature lookup does, left to right). Undefined when anything else happens, or two
   * ligatures would share a glyph.
   */
  const ligated = (profile: Profile, glyphs: Glyph[], script: string): Glyph[] | undefined => {
    const result: Glyph[] = []
    let joined = false
    for (let index = 0; index < glyphs.length; index += 1) {
      const glyph = glyphs[index] as Glyph
      const before = glyphs[index - 1]
      const found = before ? pair(profile, before, glyph, script, glyphs[index + 1]) : undefined
      if (found === null) return undefined
      if (found && !Array.isArray(found)) {
        if (joined) return undefined
        result[result.length - 1] = found.ligature
        joined = true
      } else {
        result.push(glyph)
        joined = false
      }
    }
    return result
  }

  return {
    run,
    runOfGlyphs(glyphs) {
      // fontkit lays such glyphs out as it lays out those characters.
      const chars = glyphs.map((glyph) =>
        glyph.codePoints.length === 1 && byCode[glyph.codePoints[0] as number] === glyph
          ? String.fromCharCode(glyph.codePoints[0] as number)
          : ''
      )
      return chars.every((char) => char.length === 1) ? run(chars.join('')) : undefined
    }
  }
}

function copy(position: Position): Position {
  return { xAdvance: position.xAdvance, yAdvance: position.yAdvance, xOffset: position.xOffset, yOffset: position.yOffset }
}

function difference(a: Position, b: Position): Position | undefined {
  const result = {
    xAdvance: a.xAdvance - b.xAdvance,
    yAdvance: a.yAdvance - b.yAdvance,
    xOffset: a.xOffset - b.xOffset,
    yOffset: a.yOffset - b.yOffset
  }
  return result.xAdvance || result.yAdvance || result.xOffset || result.yOffset ? result : undefined
}

/** Add `added` to the four numbers of a glyph's position at `at`. */
function add(numbers: number[], at: number, added: Position): void {
  if (added === ZERO) return
  numbers[at] = (numbers[at] as number) + added.xAdvance
  numbers[at + 1] = (numbers[at + 1] as number) + added.yAdvance
  numbers[at + 2] = (numbers[at + 2] as number) + added.xOffset
  numbers[at + 3] = (numbers[at + 3] as number) + added.yOffset
}
