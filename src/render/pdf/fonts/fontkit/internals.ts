import type * as fontkit from 'fontkit'

// fontkit 2.0.4's private fields and methods that Quire reads, each behind a typed function, and the
// types of the private parts the changes of this folder (index.ts) replace. Outside this folder no
// module names them: code elsewhere calls these functions. test/dependency-internals.test.ts pins
// each name against the installed fontkit; docs/dependencies.md lists them.

/** An entry of the font's table directory: where a table's bytes are in the file. */
export interface TableEntry {
  tag: string
  offset: number
  length: number
}

/** fontkit's OpenType lookups as its processors list them. */
export interface Lookup {
  lookupType: number
  flags: { flags: { ignoreBaseGlyphs: boolean; ignoreLigatures: boolean } }
  subTables: Iterable<OpenTypeTable>
}

/** A decoded OpenType subtable: the specification's field names, as fontkit's table schemas decode them. */
export type OpenTypeTable = Record<string, unknown> & { version?: number }

/** fontkit's GSUB or GPOS processor (OTProcessor). */
export interface Processor {
  /** The script chosen by the last `selectScript`. */
  scriptTag: string
  /** The features of the chosen script and language, by tag. */
  features: Record<string, unknown>
  findScript(script: string | string[]): object | null
  selectScript(script?: string, language?: string | null, direction?: string): string
  lookupsForFeatures(features?: string[], exclude?: number[]): { lookup: Lookup }[]
  getClassID(glyph: number, classDef: object): number
  coverageIndex(coverage: unknown, glyph: number): number
}

/** fontkit's layout in full: text or glyphs, features, and the script (language, direction) to shape for. */
export type FullLayout = (
  text: string | fontkit.Glyph[],
  features?: string[] | Record<string, boolean>,
  script?: string,
  language?: string,
  direction?: string
) => fontkit.GlyphRun

/** A font's CFF table (fontkit's CFFFont), as far as Quire reads it. */
export interface CffTable {
  stream: { buffer: Uint8Array }
  topDict: {
    CharStrings: Range[]
    /** A font's private dict (not CID-keyed). */
    Private?: { Subrs?: Range[] } | null
    /** A CID-keyed font's font dicts, each with its private dict. */
    FDArray?: ({ Private?: { Subrs?: Range[] } | null } | null)[]
  }
  globalSubrIndex?: Range[]
  privateDictForGlyph(gid: number): { Subrs?: Range[] } | null
}

/** Where a charstring or subroutine is in the CFF table's bytes. */
export interface Range {
  offset: number
  length: number
}

/** fontkit's TTFFont, as far as Quire reads or changes it. */
export interface FontInternals {
  directory: { tables: Record<string, TableEntry | undefined> }
  stream: { buffer: Uint8Array }
  /** Decoded tables by tag, filled by the table getters on first use. */
  _tables: Record<string, unknown>
  _decodeTable(entry: TableEntry): Record<string, unknown> | undefined
  /** Cached getter: null unless the font has variations. */
  _variationProcessor?: unknown
  /** Cached getter: the layout engine; `engine` the OpenType (or AAT) one, if the font has its tables. */
  _layoutEngine: { engine?: { GSUBProcessor?: Processor | null; GPOSProcessor?: Processor | null } | null }
  'CFF '?: CffTable
  CFF2?: unknown
  morx?: unknown
  kern?: unknown
  GDEF?: { glyphClassDef?: object }
  loca?: { version: number }
  layout: FullLayout
  createSubset(): fontkit.Subset
}

/** fontkit's Glyph (TTFGlyph for TrueType outlines), as far as Quire changes it. */
export interface GlyphInternals {
  _decode(): unknown
  _font: { _variationProcessor?: unknown }
}

/** fontkit's TrueType subset (TTFSubset): what its encode() fills (with `_addGlyph`) and reads. */
export interface TtfSubsetInternals {
  font: FontInternals & fontkit.Font
  glyphs: number[]
  glyf: Uint8Array[]
  offset: number
  loca: { offsets: number[]; version: number }
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] }
  _addGlyph(gid: number): number
  encode(): Uint8Array
  /** Quire's own flag (write-ttf-subsets-directly.ts): this subset keeps the font's TrueType instructions. */
  hinting?: boolean
}

/** fontkit's CFF subset (CFFSubset): what its encode() fills with `subsetCharstrings` and reads. */
export interface CffSubsetInternals {
  glyphs: number[]
  charstrings: Uint8Array[]
  gsubrs: Uint8Array[]
  subsetCharstrings(): void
  subsetSubrs(subrs: Range[], used: Record<number, boolean>): Uint8Array[]
}

/** The font's private side (for the changes of this folder). */
export function internalsOf(font: fontkit.Font): FontInternals {
  return font as fontkit.Font & FontInternals
}

// Quire's replacements of fontkit's functions are marked by the change that made them (one mark for both dependencies).
export { changeOf, quireChange } from '../../dependency-changes.js'

// Reads ------------------------------------------------------------------------------------------

/** Whether the font's outlines are CFF (`CFF ` table, decoded here), not TrueType. */
export function hasCffOutlines(font: fontkit.Font): boolean {
  return !!internalsOf(font)['CFF ']
}

/** The font file's bytes. */
export function fontBytes(font: fontkit.Font): Uint8Array {
  return internalsOf(font).stream.buffer
}

/** Where table `tag` is in the font file, if it has one. */
export function tableEntry(font: fontkit.Font, tag: string): TableEntry | undefined {
  return internalsOf(font).directory.tables[tag]
}

/** A glyph's outline in a CFF font: the charstring bytes and the subroutines it may call. */
export interface CffOutlines {
  /** The bytes the ranges below point into. */
  bytes: Uint8Array
  charString(gid: number): Range | undefined
  globalSubrs(): Range[]
  localSubrs(gid: number): Range[]
}

/** The CFF outlines of a font with a `CFF ` table (not CFF2), read from fontkit's decoded table. */
export function cffOutlines(font: fontkit.Font): CffOutlines | undefined {
  const internals = internalsOf(font)
  const cff = internals['CFF ']
  if (!cff || internals.CFF2) return undefined
  return {
    bytes: cff.stream.buffer,
    charString: (gid) => cff.topDict.CharStrings[gid],
    globalSubrs: () => cff.globalSubrIndex ?? [],
    localSubrs: (gid) => cff.privateDictForGlyph(gid)?.Subrs ?? []
  }
}

/** A TrueType subset's glyphs as fontkit's TTFSubset.encode() collects them (components added as they are met). */
export interface TtfGlyphs {
  /** The parsed font the subset is of. */
  font: fontkit.Font
  /** Each glyph's `glyf` record, in subset order. */
  glyf: Uint8Array[]
  /** Each record's offset in the `glyf` table, and the table's length. */
  offsets: number[]
  length: number
  /** The font's `loca` format: 0 short (offsets in words), 1 long. */
  locaVersion: number
  /** Advance width and left side bearing per glyph. */
  metrics: { advance: number; bearing: number }[]
}

/** Collect the glyphs of `subset` (one of fontkit's TrueType subsets) as its own encode() does. */
export function collectTtfGlyphs(subset: fontkit.Subset): TtfGlyphs {
  const ttf = subset as TtfSubsetInternals & fontkit.Subset
  ttf.glyf = []
  ttf.offset = 0
  ttf.loca = { offsets: [], version: (ttf.font.loca as { version: number }).version }
  ttf.hmtx = { metrics: [], bearings: [] }
  for (let index = 0; index < ttf.glyphs.length; index += 1) ttf._addGlyph(ttf.glyphs[index] as number)
  return {
    font: ttf.font,
    glyf: ttf.glyf,
    offsets: ttf.loca.offsets,
    length: ttf.offset,
    locaVersion: ttf.loca.version,
    metrics: ttf.hmtx.metrics
  }
}

/** Entry `index` of a list in a decoded table (an array, or one of restructure's lazily decoded arrays). */
export function entryAt(list: unknown, index: number): unknown {
  const lazy = list as { get?: (index: number) => unknown }
  return typeof lazy.get === 'function' ? lazy.get(index) : (list as unknown[])[index]
}

/** Every entry of such a list (none for a missing one). */
export function entriesOf(list: unknown): unknown[] {
  if (!list) return []
  const lazy = list as { length: number }
  return Array.from({ length: lazy.length }, (_, index) => entryAt(list, index))
}

/** What the plain-word shaper (shaping/plain-shaping.ts) asks of fontkit's OpenType engine for one font. */
export interface ShapingEngine {
  /** fontkit's layout as it was before the shaper took over: a text or glyphs, shaped for `script`. */
  layout: (text: string | fontkit.Glyph[], features?: undefined, script?: string) => fontkit.GlyphRun
  /** Whether GSUB and GPOS (where the font has them) have `script` or a default script. */
  knowsScript(script: string): boolean
  /**
   * The lookups fontkit runs for `script` and `features` in a left-to-right run, GSUB's then GPOS's,
   * each to `visit`; true when GPOS has kerning for the script (fontkit then applies no kern table).
   */
  eachLookup(script: string, features: string[], visit: (lookup: LookupView, gpos: boolean) => void): boolean
  /** The font has a kern table (fontkit applies it where GPOS has no kerning). */
  kernTable: boolean
  /** The font's glyph classes (GDEF): 1 base, 2 ligature, 3 mark, 4 component; 0 without. */
  glyphClass(id: number): number
  hasGlyphClasses: boolean
  /** GPOS's look-ups of coverage and class, for pair adjustments (undefined without GPOS). */
  pairs: PairLookups | undefined
}

/** A lookup as the shaper reads it. */
export interface LookupView {
  type: number
  ignoresBase: boolean
  ignoresLigatures: boolean
  subtables: Iterable<OpenTypeTable>
}

/** The part of fontkit's GPOS processor the pair check uses. */
export interface PairLookups {
  /** A glyph's index in a coverage table, -1 when it is not covered. */
  indexInCoverage(coverage: unknown, glyph: number): number
  /** A glyph's class in a class definition table. */
  classOf(glyph: number, classDef: object): number
}

/**
 * fontkit's OpenType engine for the plain-word shaper, with `font.layout` as it is now; undefined for
 * a font with variations or AAT (morx) shaping, which the shaper leaves alone.
 */
export function shapingEngine(font: fontkit.Font): ShapingEngine | undefined {
  const internals = internalsOf(font)
  if (internals._variationProcessor || internals.morx) return undefined
  const engine = internals._layoutEngine.engine
  const layout = internals.layout.bind(font) as ShapingEngine['layout']
  const gsub = engine?.GSUBProcessor
  const gpos = engine?.GPOSProcessor
  const known = (processor: Processor | null | undefined, script: string) =>
    !processor || processor.findScript(script) || processor.findScript(['DFLT', 'dflt', 'latn'])
  return {
    layout,
    knowsScript: (script) => !!known(gsub, script) && !!known(gpos, script),
    eachLookup(script, features, visit) {
      let gposKerns = false
      for (const [processor, isGpos] of [
        [gsub, false],
        [gpos, true]
      ] as const) {
        if (!processor) continue
        processor.selectScript(script, null, 'ltr')
        for (const { lookup } of processor.lookupsForFeatures(features)) {
          visit(
            {
              type: lookup.lookupType,
              ignoresBase: lookup.flags.flags.ignoreBaseGlyphs,
              ignoresLigatures: lookup.flags.flags.ignoreLigatures,
              subtables: lookup.subTables
            },
            isGpos
          )
        }
        if (isGpos && processor.features['kern']) gposKerns = true
      }
      return gposKerns
    },
    kernTable: !!internals.kern,
    glyphClass(id) {
      const classDef = internals.GDEF?.glyphClassDef
      const processor = gsub ?? gpos
      return classDef && processor ? processor.getClassID(id, classDef) : 0
    },
    get hasGlyphClasses() {
      return !!internals.GDEF?.glyphClassDef
    },
    pairs: gpos
      ? {
          indexInCoverage: (coverage, glyph) => gpos.coverageIndex(coverage, glyph),
          classOf: (glyph, classDef) => gpos.getClassID(glyph, classDef)
        }
      : undefined
  }
}

/** Makes runs of fontkit's own classes from glyphs and four numbers a glyph (xAdvance, yAdvance, xOffset, yOffset). */
export type RunMaker = (glyphs: fontkit.Glyph[], script: string, features: Record<string, boolean>, numbers: number[]) => fontkit.GlyphRun

/** Runs made as fontkit makes them: fontkit's GlyphRun and GlyphPosition classes (not exported) are those of `sample`, a run it made (of one glyph or more). */
export function runMaker(sample: fontkit.GlyphRun): RunMaker {
  const Run = sample.constructor as new (glyphs: fontkit.Glyph[], features: undefined, script: string) => fontkit.GlyphRun
  const Position = (sample.positions[0] as fontkit.GlyphPosition).constructor as new (
    xAdvance: number,
    yAdvance: number,
    xOffset: number,
    yOffset: number
  ) => fontkit.GlyphPosition
  return (glyphs, script, features, numbers) => {
    const run = new Run(glyphs, undefined, script)
    // The same for every run of the script (fontkit's plan): one object, which nothing changes.
    run.features = features
    const positions: fontkit.GlyphPosition[] = []
    for (let at = 0; at < numbers.length; at += 4)
      positions.push(new Position(numbers[at] as number, numbers[at + 1] as number, numbers[at + 2] as number, numbers[at + 3] as number))
    run.positions = positions
    return run
  }
}

/** `glyphs` laid out by `font.layout` as it is now (fontkit lays out glyphs as well as text). */
export function layoutGlyphs(font: fontkit.Font, glyphs: fontkit.Glyph[]): fontkit.GlyphRun {
  return internalsOf(font).layout(glyphs)
}
