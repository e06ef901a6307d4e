import bidiFactory from 'bidi-js'
import { getScript } from 'unicode-properties'

// Right-to-left text by the Unicode bidirectional algorithm (UAX #9, bidi-js): levels are resolved on
// a paragraph's logical text before it is broken into lines, and each line is put in visual order
// when it is drawn (rule L2). Glyphs go on the page left to right in visual order.

const bidi = bidiFactory()

// Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation forms,
// the historic scripts of the SMP) and the marks and controls that open right-to-left text.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u

/**
 * Embedding levels of `text`, one per UTF-16 unit; undefined when it is all left to right at
 * level 0 (the common case needs no work).
 */
export function levelsOf(text: string, direction: 'ltr' | 'rtl'): Uint8Array | undefined {
  if (direction === 'ltr' && !RTL.test(text)) return undefined
  return bidi.getEmbeddingLevels(text, direction).levels
}

/** Items of one line from logical to visual order: from the highest level down to the lowest odd one, reverse every run at or above it. */
export function visualOrder<T extends { level?: number }>(items: T[]): T[] {
  let highest = 0
  let lowestOdd = Number.POSITIVE_INFINITY
  for (const item of items) {
    const level = item.level ?? 0
    highest = Math.max(highest, level)
    if (level % 2 === 1) lowestOdd = Math.min(lowestOdd, level)
  }
  if (highest === 0) return items
  const order = [...items]
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let start = 0; start < order.length; start += 1) {
      if (((order[start] as T).level ?? 0) < level) continue
      let end = start
      while (end + 1 < order.length && ((order[end + 1] as T).level ?? 0) >= level) end += 1
      const run = order.slice(start, end + 1).reverse()
      order.splice(start, run.length, ...run)
      start = end
    }
  }
  return order
}

// Scripts fontkit sets right to left: it then reverses the glyphs of the whole string it is given.
const FONTKIT_RTL = new Set([
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

/** Whether fontkit lays `text` out right to left: its first character of a real script decides (fontkit's Script.forString). */
function fontkitReverses(text: string): boolean {
  for (const char of text) {
    const script = getScript(char.codePointAt(0) ?? 32)
    if (script !== 'Common' && script !== 'Inherited' && script !== 'Unknown') return FONTKIT_RTL.has(script)
  }
  return false
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

/**
 * The string to hand pdfkit for text at `level`, given in logical order, so that its glyphs come out
 * in visual order: right-to-left text gets mirrored brackets, and is reversed here unless fontkit
 * (which shapes Arabic) will reverse it itself.
 */
export function inkText(text: string, level: number): string {
  if (level % 2 === 0) return text
  let mirrored = ''
  for (const char of text) mirrored += bidi.getMirroredCharacter(char) ?? char
  if (fontkitReverses(mirrored)) return mirrored
  return [...graphemes.segment(mirrored)]
    .map(({ segment }) => segment)
    .reverse()
    .join('')
}

/** A short label (a list marker) in visual order, ready to draw with no shaping: `1.` reads `.1` in right-to-left text. */
export function visualText(text: string, direction: 'ltr' | 'rtl'): string {
  const levels = levelsOf(text, direction)
  if (!levels) return text
  const chars = [...text].map((char, index) => ({ char, level: levels[index] ?? 0 }))
  return visualOrder(chars)
    .map(({ char, level }) => (level % 2 === 1 ? (bidi.getMirroredCharacter(char) ?? char) : char))
    .join('')
}

/** The Unicode script of a character, for messages: `Linear B`. */
export function scriptOf(char: string): string {
  return getScript(char.codePointAt(0) ?? 0).replace(/_/g, ' ')
}
