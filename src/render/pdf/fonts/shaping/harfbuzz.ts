import type * as fontkit from 'fontkit'
import * as hb from 'harfbuzzjs'
import { getScript } from 'unicode-properties'

// Text is shaped by HarfBuzz (harfbuzzjs, its WebAssembly build), the shaper of Chrome, Firefox,
// Android and LibreOffice: fontkit's JavaScript port of parts of it splits Myanmar's medial ra from
// its consonant, forms Kannada conjuncts otherwise, and orders and places Hebrew and Lao marks
// otherwise (test/harfbuzz-shaping.test.ts compares what Quire draws with HarfBuzz in 27 scripts).
// It is faster than fontkit too, by far for complex scripts (scripts/shaping-speed.mjs: ~10 µs a
// Tamil or Hindi word, warm, where fontkit takes about a millisecond). Plain Latin, Greek and Cyrillic
// words are still laid out by plain-shaping.ts, which gives the same runs faster still; Chinese,
// Japanese and Korean by fontkit (see harfBuzzLayout).
//
// The glyphs are fontkit's Glyph objects (pdfkit subsets and embeds them), from the font's own
// `getGlyph`; each glyph is given the characters it stands for, from HarfBuzz's clusters.

/** Where a parsed font's bytes are, for HarfBuzz to read them: its file's bytes and its face's index in a collection. */
export type FaceSource = () => { data: Uint8Array; index: number }

const sources = new WeakMap<fontkit.Font, FaceSource>()
const fonts = new WeakMap<fontkit.Font, hb.Font | null>()

/** Let HarfBuzz shape `font` (parsed by fontkit from `source`). */
export function shapeWithHarfBuzz(font: fontkit.Font, source: FaceSource): void {
  sources.set(font, source)
}

function hbFontOf(font: fontkit.Font): hb.Font | undefined {
  let found = fonts.get(font)
  if (found === undefined) {
    const source = sources.get(font)
    if (!source) return undefined
    const { data, index } = source()
    found = new hb.Font(new hb.Face(new hb.Blob(data), index))
    fonts.set(font, found)
  }
  return found ?? undefined
}

// Scripts laid out right to left: as fontkit decides it (its first character of a real script), so
// that inline/bidi.ts knows which texts come back in visual order.
const RTL = new Set([
  'Arabic',
  'Hebrew',
  'Syriac',
  'Thaana',
  'Cypriot',
  'Kharoshthi',
  'Phoenician',
  'Nko',
  'Lydian',
  'Avestan',
  'Imperial_Aramaic',
  'Inscriptional_Pahlavi',
  'Inscriptional_Parthian',
  'Old_South_Arabian',
  'Old_Turkic',
  'Samaritan',
  'Mandaic',
  'Meroitic_Cursive',
  'Meroitic_Hieroglyphs',
  'Manichaean',
  'Mende_Kikakui',
  'Nabataean',
  'Old_North_Arabian',
  'Palmyrene',
  'Psalter_Pahlavi'
])

// Chinese, Japanese and Korean are left to fontkit, which shapes them as HarfBuzz does (the test
// compares them too): their fonts are collections of ~20 MB, which HarfBuzz would hold a copy of.
// So is all text in those fonts (digits, punctuation): copying one into HarfBuzz took ~0.5 s of a
// Japanese article's first build.
const CJK = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'])
const cjkFonts = new WeakMap<fontkit.Font, boolean>()

/** Whether `font` draws Chinese, Japanese or Korean (has a glyph for 一, あ or 가). */
function isCjkFont(font: fontkit.Font): boolean {
  let found = cjkFonts.get(font)
  if (found === undefined) cjkFonts.set(font, (found = [0x4e00, 0x3042, 0xac00].some((code) => font.hasGlyphForCodePoint(code))))
  return found
}

/** The script of the text's first character of a real script (as fontkit and HarfBuzz guess a text's script), or Common. */
function scriptOf(text: string): string {
  for (const char of text) {
    const script = getScript(char.codePointAt(0) ?? 32)
    if (script !== 'Common' && script !== 'Inherited' && script !== 'Unknown') return script
  }
  return 'Common'
}

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u

let buffer: hb.Buffer | undefined

/** A shaped text: its glyphs, their positions (xAdvance, yAdvance, xOffset, yOffset, in font units), its direction and each glyph's characters. */
export interface HarfBuzzRun {
  glyphs: fontkit.Glyph[]
  numbers: number[]
  direction: 'ltr' | 'rtl'
  chars: number[][]
  /** Each glyph's cluster: the offset in the text of its first character. */
  clusters: number[]
  /** HarfBuzz drew a dotted circle (◌) for a mark with no letter to sit on: it reads as one. */
  dottedCircle?: boolean
}

/**
 * `text` shaped by HarfBuzz with the font's default features, as HarfBuzz guesses the script and
 * language of a segment; invisible format characters (joiners, selectors) shape but are not drawn.
 * Undefined for a font HarfBuzz was not given (shapeWithHarfBuzz), and for Chinese, Japanese and Korean
 * and any text in their fonts.
 */
export function harfBuzzLayout(font: fontkit.Font, text: string): HarfBuzzRun | undefined {
  const script = scriptOf(text)
  if (CJK.has(script) || !sources.has(font) || isCjkFont(font)) return undefined
  const hbFont = hbFontOf(font)
  if (!hbFont) return undefined
  buffer ??= new hb.Buffer()
  buffer.clearContents()
  buffer.addText(text)
  buffer.guessSegmentProperties()
  const rtl = RTL.has(script)
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR)
  buffer.setFlags(hb.BufferFlag.BOT | hb.BufferFlag.EOT | hb.BufferFlag.REMOVE_DEFAULT_IGNORABLES)
  hb.shape(hbFont, buffer)
  const infos = buffer.getGlyphInfos()
  const positions = buffer.getGlyphPositions()
  const numbers: number[] = []
  for (const position of positions) numbers.push(position.xAdvance, position.yAdvance, position.xOffset, position.yOffset)
  const chars = charactersOf(font, text, infos, rtl)
  let dottedCircle = false
  if (!text.includes('\u25cc')) {
    const circle = font.glyphForCodePoint(0x25cc).id
    infos.forEach((info, index) => {
      if (circle === 0 || info.codepoint !== circle) return
      dottedCircle = true
      chars[index] = [0x25cc]
    })
  }
  const glyphs = infos.map((info, index) => font.getGlyph(info.codepoint, chars[index]))
  const clusters = infos.map((info) => info.cluster)
  return dottedCircle
    ? { glyphs, numbers, direction: rtl ? 'rtl' : 'ltr', chars, clusters, dottedCircle }
    : { glyphs, numbers, direction: rtl ? 'rtl' : 'ltr', chars, clusters }
}

/**
 * The characters each glyph stands for: the characters of its cluster (HarfBuzz's clusters are
 * offsets in the text), each given to the glyph the font maps it to, the others to the cluster's
 * first glyph that has none (a ligature or conjunct takes them all). A right-to-left ligature's are
 * reversed, as extractors reverse them again (fontkit/map-rtl-ligatures-backwards.ts).
 */
function charactersOf(font: fontkit.Font, text: string, infos: hb.GlyphInfo[], rtl: boolean): number[][] {
  const starts = [...new Set(infos.map((info) => info.cluster))].sort((a, b) => a - b)
  const ends = new Map(starts.map((start, index) => [start, starts[index + 1] ?? text.length]))
  const chars: number[][] = infos.map(() => [])
  const groups = new Map<number, number[]>()
  infos.forEach((info, index) => {
    const group = groups.get(info.cluster)
    if (group) group.push(index)
    else groups.set(info.cluster, [index])
  })
  for (const [start, members] of groups) {
    // Each visible character with the invisible ones after it (a joiner, a selector: a ligature of
    // an emoji sequence is read back with them).
    const left: number[][] = []
    for (const char of text.slice(start, ends.get(start))) {
      const code = char.codePointAt(0) as number
      const last = left[left.length - 1]
      if (last && INVISIBLE.test(char)) last.push(code)
      else left.push([code])
    }
    if (members.length > 1) {
      for (const index of members) {
        const at = left.findIndex((group) => font.glyphForCodePoint(group[0] as number).id === infos[index]?.codepoint)
        if (at !== -1) chars[index] = left.splice(at, 1).flat()
      }
    }
    if (left.length === 0) continue
    const first = members.find((index) => chars[index]?.length === 0) ?? (members[0] as number)
    const into = chars[first] as number[]
    into.push(...left.flat())
    if (rtl && into.length > 1) into.reverse()
  }
  return chars
}
