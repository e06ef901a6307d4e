// Thai, Lao, Khmer and Myanmar write no space between words: a justified line of them is filled
// first at its spaces (between phrases), then by spacing its typographic units evenly, a little (CSS
// Text 3 `text-justify: auto`, "secondarily expanding between Southeast Asian typographic letter
// units"; the W3C's Thai, Lao and Khmer layout requirements). Never at the invisible word
// boundaries the line breaker found, which would read as spaces the text does not have.
//
// A unit is an extended grapheme cluster (UAX #29), never cut: a consonant with its marks, and a Thai
// or Lao vowel written before or after its consonant apart from it, as Thai spacing does. Khmer keeps
// a subscript consonant (coeng + consonant) with the letter it sits under; Myanmar a whole syllable
// (a stacked consonant, a final killed by asat, its vowel sign aa), as CSS Text 3 says of it.

/** Text of a script whose typographic units justification may space. */
export const CLUSTERED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

const ALL_CLUSTERED = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u200c\u200d]+$/u

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

/** Khmer coeng and Myanmar virama: the next consonant is written under this one. */
const STACKER = /[\u17d2\u1039]$/u
/**
 * Part of the unit before: a Myanmar final killed by asat, and a grapheme that begins with a mark
 * (Myanmar's vowel sign aa and visarga, which UAX #29 leaves apart, belong to their syllable).
 */
const JOINED = /^\p{M}|\u103a/u

/**
 * Where `text` may be spaced by justification: the UTF-16 offsets of every typographic unit after
 * the first, where both it and the unit before are of Thai, Lao, Khmer or Myanmar, and where shaping
 * starts a cluster (`shaped`, when known: a ligature or a reordered syllable across units stays
 * whole). Empty for any other text.
 */
export function unitStarts(text: string, shaped?: ReadonlySet<number>): number[] {
  if (!CLUSTERED.test(text)) return []
  const starts: number[] = []
  // The unit so far: a grapheme, with those joined to it (a Khmer subscript, a Myanmar final).
  let unit: string | undefined
  for (const { segment, index } of graphemes.segment(text)) {
    if (unit === undefined) unit = segment
    else if (STACKER.test(unit) || JOINED.test(segment)) unit += segment
    else {
      if (ALL_CLUSTERED.test(unit) && ALL_CLUSTERED.test(segment) && (shaped === undefined || shaped.has(index))) starts.push(index)
      unit = segment
    }
  }
  return starts
}

/** Whether two neighbouring texts meet between two units that may be spaced (the end of one, the start of the other). */
export function spacedBetween(before: string, after: string): boolean {
  const last = lastGrapheme(before)
  const first = [...graphemes.segment(after)][0]?.segment
  if (last === undefined || first === undefined) return false
  return ALL_CLUSTERED.test(last) && ALL_CLUSTERED.test(first) && !STACKER.test(last) && !JOINED.test(first)
}

function lastGrapheme(text: string): string | undefined {
  let last: string | undefined
  for (const { segment } of graphemes.segment(text.slice(-8))) last = segment
  return last
}
