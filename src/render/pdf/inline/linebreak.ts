import LineBreaker from 'linebreak'
import { fontLangOf, type FontSet } from '../fonts/font-set.js'
import type { Ink } from '../ink/ink.js'
import type { InlineBox, Run, RunStyle } from './collect.js'
import { levelsOf } from './bidi.js'
import { totalFit, type FitItem, type FitOptions } from './total-fit.js'
import { CLUSTERED, spacedBetween, unitStarts } from './clusters.js'

/** A measured stretch of one font: a word, part of one, or a space. */
export interface Segment {
  text: string
  style: RunStyle
  /** Registered font key after glyph fallback. */
  font: string
  width: number
  space?: boolean
  anchor?: string
  /** Inset before the text (first segment of a framed run): part of `width`, not of the text. */
  lead?: number
  box?: InlineBox
  /** Bidi embedding level (UAX #9): odd is right to left. Absent: 0. */
  level?: number
  /** Justification may widen the gap after this segment though it has no space (between CJK characters). */
  flex?: boolean
  /** The hyphen shown where a line breaks inside a word. */
  hyphen?: boolean
}

/** One line as laid out: segments left to right, and its box. */
export interface Line {
  segments: Segment[]
  /** Width of the ink, trailing spaces excluded. */
  width: number
  /** Distance from the line's top to its baseline. */
  ascent: number
  height: number
  /** Whether the line ends a paragraph or a forced break (never justified). */
  last: boolean
}

export interface Measurer {
  ink: Ink
  fonts: FontSet
  /** Characters no font has, collected for one warning per document. */
  missing?: Set<string>
  /** The article's language: which system fonts fill in (Japanese and Chinese Han differ). */
  lang?: string
  /** Base direction of paragraphs. */
  direction?: 'ltr' | 'rtl'
}

/** A stretch between two break opportunities: no line may break inside it. */
interface Piece {
  segments: Segment[]
  width: number
  trailing: Segment[]
  required: boolean
  /** Ends at a hyphenation point: a line broken here shows a hyphen in this style. */
  soft?: RunStyle
  /** Ends between two CJK characters: justification may widen the gap. */
  flex?: boolean
  /** Gaps between typographic units of Thai, Lao, Khmer or Myanmar that justification may widen: inside the piece, and after it (clusters.ts). */
  units?: { inside: number; after: boolean }
  /** Ends inside a formula, after a relation or an operator: a break here costs `penalty`. */
  formula?: { penalty: number }
  /** How far the gaps beside a formula's operators may stretch: inside the piece, and after it. */
  stretch?: { inside: number; after: number }
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

// Characters set on a square grid (CJK ideographs, kana, Hangul, their punctuation and full-width
// forms): a line may break between any two, and justification spreads them rather than gape at spaces.
const SQUARE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u

const HANGUL = /\p{Script=Hangul}/u

// Thai, Lao, Khmer and Myanmar put no spaces between words: UAX #14 leaves their breaks to a
// dictionary (class SA), and the `linebreak` package finds none. ICU's dictionaries find the words
// (Intl.Segmenter); a line may break between any two. Justification spaces their units (clusters.ts).
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu
const words = new Map<string, Intl.Segmenter>()

function wordSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'word' })
  } catch {
    return new Intl.Segmenter('und', { granularity: 'word' })
  }
}

/** The word boundaries inside each stretch of Thai, Lao, Khmer or Myanmar in `text`, by ICU's dictionaries. */
function unspacedBreaks(text: string, lang: string): number[] {
  const found: number[] = []
  for (const match of text.matchAll(UNSPACED)) {
    if (match[0].length < 2) continue
    let segmenter = words.get(lang)
    if (!segmenter) words.set(lang, (segmenter = wordSegmenter(lang)))
    for (const { index } of segmenter.segment(match[0])) if (index > 0) found.push(match.index + index)
  }
  return found
}

/** Measured segments of `text`, which starts at `offset` in the paragraph: split by bidi level, then by font. */
function segmentsOf(m: Measurer, text: string, style: RunStyle, space = false, levels?: Uint8Array, offset = 0): Segment[] {
  if (text === '') return []
  const segments: Segment[] = []
  let start = 0
  while (start < text.length) {
    const level = levels?.[offset + start] ?? 0
    let end = start + 1
    while (end < text.length && (levels?.[offset + end] ?? 0) === level) end += 1
    for (const { key, text: part } of m.fonts.split(text.slice(start, end), style.family, style.bold, style.italic, m.missing, m.lang)) {
      // Set one by one rather than spread in: this runs for every word measured.
      const segment: Segment = { text: part, style, font: key, width: m.ink.measure(key, style.size, part) }
      if (space) segment.space = true
      if (level > 0) segment.level = level
      segments.push(segment)
    }
    start = end
  }
  return segments
}

/** The index of the run that holds character `position` (`starts`: each run's first character). */
function runIndexAt(starts: number[], position: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] as number) <= position) low = middle
    else high = middle - 1
  }
  return low
}

/** Cut runs into pieces at the Unicode line break opportunities (UAX #14) of their joined text. */
function piecesOf(measurer: Measurer, runs: Run[]): Piece[] {
  const text = runs.map((run) => run.text).join('')
  const lang = measurer.lang === undefined ? undefined : fontLangOf(text, measurer.lang)
  const m = lang === measurer.lang ? measurer : { ...measurer, lang }
  const starts: number[] = []
  let offset = 0
  for (const run of runs) {
    starts.push(offset)
    offset += run.text.length
  }
  const pieces: Piece[] = []
  const levels = levelsOf(text, m.direction ?? 'ltr')
  const levelAt = (index: number) => levels?.[Math.min(index, text.length - 1)] ?? 0
  const breaker = new LineBreaker(text)
  let breaks: { position: number; required: boolean }[] = []
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak())
    breaks.push({ position: found.position, required: found.required })
  // A space before a run of another style may break, whatever starts it: UAX #14 forbids a break
  // before `.` even after a space, which glues "a `.npmrc`, `.yarnrc`" into one piece cut mid-word.
  const at = new Set(breaks.map((found) => found.position))
  /** Whether `position` is inside one run of inline code, after a character that is not a space nor a marked place. */
  const insideCode = (position: number) => {
    const index = runIndexAt(starts, position)
    const run = runs[index]
    if (!run?.style.code || run.style.preserve || position <= (starts[index] as number) || position >= text.length) return false
    return !/[\s\u200B]/.test(text[position - 1] as string)
  }
  for (const start of starts) if (start > 0 && text[start - 1] === ' ' && !at.has(start)) breaks.push({ position: start, required: false })
  const between = new Set(unspacedBreaks(text, m.lang ?? 'und'))
  for (const position of between) if (!at.has(position)) breaks.push({ position, required: false })
  breaks.sort((a, b) => a.position - b.position)
  const formulas = new Map<number, InlineBox>()
  runs.forEach((run, index) => {
    if (run.box?.formula) formulas.set(starts[index] as number, run.box)
  })
  // Math breaks as in TeX: beside a formula only at a space (never in "H₂O" or "the nth"), inside it
  // only where it may (after a relation or an operator), whatever UAX #14 says of U+FFFC.
  const allowed = (position: number) => {
    const before = formulas.get(position - 1)
    if (before) return before.formula?.breakAfter !== undefined
    return !formulas.has(position) || /[\s\u200B]/.test(text[position - 1] ?? '')
  }
  if (formulas.size > 0) breaks = breaks.filter((found) => found.required || found.position === text.length || allowed(found.position))
  // Inside inline code, a line breaks only where `codeBreaks` marked a place or at a space: UAX #14
  // would also break after a hyphen (`[A-` / `Za-z]`), which reads as code that has a break in it.
  const kept = runs.some((run) => run.style.code && !run.style.preserve) ? breaks.filter((found) => !insideCode(found.position)) : breaks
  const clustered = CLUSTERED.test(text)
  let from = 0
  let first = 0
  for (const found of kept) {
    const to = found.position
    // Korean is broken between words, at spaces, as Korean books are set (CSS `word-break: keep-all`).
    if (!found.required && to < text.length && HANGUL.test(text[to - 1] ?? '') && HANGUL.test(text[to] ?? '')) continue
    const piece: Piece = { segments: [], width: 0, trailing: [], required: found.required }
    // Runs that end before this piece are done with; anchors at the very end join the last piece.
    while (
      first < runs.length &&
      (starts[first] as number) + (runs[first] as Run).text.length <= from &&
      !((runs[first] as Run).anchor && (starts[first] as number) >= from)
    )
      first += 1
    for (let index = first; index < runs.length; index += 1) {
      const run = runs[index] as Run
      const start = starts[index] as number
      if (start > to || (start === to && to < text.length)) break
      if (run.anchor) {
        if (start >= from && (start < to || to === text.length))
          piece.segments.push({ text: '', style: run.style, font: '', width: 0, anchor: run.anchor, level: levelAt(start) })
        continue
      }
      const a = Math.max(from, start)
      const b = Math.min(to, start + run.text.length)
      if (a >= b) continue
      if (run.box) {
        piece.segments.push(...piece.trailing, {
          text: '',
          style: run.style,
          font: '',
          width: run.box.width,
          box: run.box,
          level: levelAt(a)
        })
        piece.trailing = []
        continue
      }
      const slice = run.text.slice(a - start, b - start)
      // Trailing white space is measured apart: it vanishes at a line end.
      const body = run.style.preserve ? slice.replace(/\n$/, '') : slice.replace(/[ \n]+$/, '')
      const tail = run.style.preserve ? '' : slice.slice(body.length).replace(/\n/g, '')
      if (body.endsWith('\u00AD')) piece.soft = run.style
      if (body !== '') {
        if (piece.trailing.length > 0) {
          piece.segments.push(...piece.trailing)
          piece.trailing = []
        }
        const made = segmentsOf(m, body, run.style, false, levels, a)
        const inset = run.style.inset ?? 0
        const firstMade = made[0]
        const lastMade = made[made.length - 1]
        if (inset > 0 && firstMade && lastMade) {
          if (a === start) {
            firstMade.width += inset
            firstMade.lead = inset
          }
          if (b - start >= run.text.trimEnd().length) lastMade.width += inset
        }
        piece.segments.push(...made)
      }
      if (tail !== '') piece.trailing.push(...segmentsOf(m, tail, run.style, true, levels, a + body.length))
    }
    piece.width = sum(piece.segments)
    const last = piece.segments[piece.segments.length - 1]
    if (formulas.size > 0) formulaGaps(piece, to < text.length)
    if (last && piece.trailing.length === 0 && !found.required && SQUARE.test(text[to - 1] ?? '') && SQUARE.test(text[to] ?? '')) {
      piece.flex = true
      last.flex = true
    }
    if (clustered) unitsOf(m, piece, text, to)
    pieces.push(piece)
    from = to
  }
  return pieces
}

/**
 * The gaps beside a formula's operators in `piece`: justification widens them as it widens spaces
 * (set-lines.ts); where the piece ends after an operator (and is not the paragraph's end), a break costs the formula's penalty.
 */
function formulaGaps(piece: Piece, more: boolean): void {
  let inside = 0
  let after = 0
  piece.segments.forEach((segment, index) => {
    const stretch = segment.box?.formula?.stretch
    if (stretch === undefined) return
    const end = index === piece.segments.length - 1 && piece.trailing.length === 0
    if (end && !more) return
    segment.flex = true
    if (end) after = stretch
    else inside += stretch
  })
  if (inside > 0 || after > 0) piece.stretch = { inside, after }
  const breakAfter = piece.segments[piece.segments.length - 1]?.box?.formula?.breakAfter
  if (breakAfter !== undefined && piece.trailing.length === 0 && more) piece.formula = { penalty: breakAfter }
}

/** Count the gaps between units of Thai, Lao, Khmer or Myanmar in `piece` (ending at `to` in `text`) and after it. */
function unitsOf(m: Measurer, piece: Piece, text: string, to: number): void {
  let inside = 0
  let previous: Segment | undefined
  for (const segment of piece.segments) {
    if (segment.anchor || segment.box || segment.text === '' || segment.style.code) {
      if (!segment.anchor) previous = undefined
      continue
    }
    inside += unitStarts(segment.text, m.fonts.clusterStarts(segment.font, segment.text)).length
    if (previous && spacedBetween(previous.text, segment.text)) inside += 1
    previous = segment
  }
  const after =
    piece.trailing.length === 0 &&
    to < text.length &&
    !piece.required &&
    spacedBetween(text.slice(Math.max(0, to - 16), to), text.slice(to, to + 16))
  if (inside > 0 || after) piece.units = { inside, after }
}

/** Justified text: the breaks of the whole paragraph chosen together (Knuth–Plass, see total-fit.ts). */
function fitLines(m: Measurer, runs: Run[], width: number, base: RunStyle, lineHeight: number, fit: FitOptions): Line[] {
  const limit = Math.max(width - 0.01, 1)
  const pieces: { piece: Piece; emergency: boolean; hyphen?: Segment }[] = []
  for (const whole of piecesOf(m, runs)) {
    const parts = whole.width > limit ? splitWide(m, whole, limit) : [whole]
    parts.forEach((piece, index) => {
      const hyphen = piece.soft && piece.trailing.length === 0 ? hyphenOf(m, piece.soft) : undefined
      pieces.push(hyphen ? { piece, emergency: index < parts.length - 1, hyphen } : { piece, emergency: index < parts.length - 1 })
    })
  }
  if (pieces.length === 0) return [lineOf(m, [], 0, base, lineHeight, true)]
  const items: FitItem[] = pieces.map(({ piece, emergency, hyphen }) => ({
    width: piece.width,
    glue: sum(piece.trailing),
    elastic: sum(piece.trailing.filter((segment) => !segment.style.code)),
    flex: piece.flex
      ? (piece.segments[piece.segments.length - 1]?.style.size ?? 0) * fit.flex
      : piece.units?.after
        ? (piece.segments[piece.segments.length - 1]?.style.size ?? 0) * fit.cluster
        : (piece.stretch?.after ?? 0),
    ...(piece.formula ? { penalty: piece.formula.penalty } : {}),
    inner: (piece.units?.inside ?? 0) * (piece.segments[0]?.style.size ?? 0) * fit.cluster + (piece.stretch?.inside ?? 0),
    hyphen: hyphen?.width ?? 0,
    required: piece.required,
    emergency,
    ...(fit.maxGap === undefined ? {} : { letters: lettersOf(m, piece, fit.letter ?? 0) })
  }))
  const lines: Line[] = []
  let start = 0
  const breaks = totalFit(items, limit, fit)
  if (breaks.length === 0) return []
  for (const end of breaks) {
    const segments: Segment[] = []
    let used = 0
    for (let index = start; index <= end; index += 1) {
      const { piece } = pieces[index] as (typeof pieces)[number]
      segments.push(...piece.segments)
      used += piece.width
      if (index < end) {
        segments.push(...piece.trailing)
        used += sum(piece.trailing)
      }
    }
    const { hyphen, piece } = pieces[end] as (typeof pieces)[number]
    if (hyphen) {
      segments.push(hyphen)
      used += hyphen.width
    }
    lines.push(lineOf(m, segments, used, base, lineHeight, end === pieces.length - 1 || piece.required))
    start = end + 1
  }
  return lines
}

/** How far letter spacing may widen a piece: its glyphs of running text, `letter` ems each. */
function lettersOf(m: Measurer, piece: Piece, letter: number): number {
  let total = 0
  for (const segment of piece.segments)
    if (trackable(segment)) total += m.fonts.glyphCount(segment.font, segment.text) * segment.style.size * letter
  return total
}

// Letters that may be spaced: those of alphabets whose letters stand apart, with their punctuation.
const SPACEABLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{M}]+$/u

/** Running text whose letters justification may space a little: not code, a box, a space or a joining script. */
export function trackable(segment: Segment): boolean {
  return !segment.space && !segment.box && !segment.anchor && !segment.style.code && segment.text !== '' && SPACEABLE.test(segment.text)
}

/** The hyphen drawn where a line breaks at a hyphenation point. */
function hyphenOf(m: Measurer, style: RunStyle): Segment {
  const font = m.fonts.key(style.family, style.bold, style.italic)
  return { text: '-', style, font, width: m.ink.measure(font, style.size, '-'), hyphen: true }
}

function sum(segments: Segment[]): number {
  return segments.reduce((total, segment) => total + segment.width, 0)
}

/** A piece too wide for any line is cut between characters (a long URL, a long word). */
function splitWide(m: Measurer, piece: Piece, width: number): Piece[] {
  const parts: Piece[] = []
  let current: Segment[] = []
  let used = 0
  const flush = () => {
    if (current.length > 0) parts.push({ segments: current, width: used, trailing: [], required: false })
    current = []
    used = 0
  }
  for (const segment of piece.segments) {
    if (segment.anchor || segment.box) {
      if (segment.box && used + segment.width > width && used > 0) flush()
      current.push(segment)
      used += segment.width
      continue
    }
    // A framed run's insets (its lead, and the rest of its width beyond the text) stay at its ends.
    const chars = [...graphemes.segment(segment.text)].map(({ segment: char }) => char)
    const lead = segment.lead ?? 0
    const trail = Math.max(0, segment.width - lead - m.ink.measure(segment.font, segment.style.size, segment.text))
    chars.forEach((char, index) => {
      const charWidth =
        m.ink.measure(segment.font, segment.style.size, char) + (index === 0 ? lead : 0) + (index === chars.length - 1 ? trail : 0)
      if (used + charWidth > width && used > 0) flush()
      const last = current[current.length - 1]
      if (last && last.style === segment.style && last.font === segment.font && !last.anchor && index > 0) {
        last.text += char
        last.width += charWidth
      } else {
        const { lead: _, ...rest } = segment
        current.push({ ...rest, text: char, width: charWidth, ...(index === 0 && lead > 0 ? { lead } : {}) })
      }
      used += charWidth
    })
  }
  flush()
  const end = parts[parts.length - 1]
  if (end) {
    end.trailing = piece.trailing
    end.required = piece.required
  }
  return parts
}

/**
 * Greedy line filling over break opportunities; justified text (`fit`) by total fit. Held to
 * `fit.maxGap`, no lines at all when no setting keeps every line within it. `lineHeight` is a multiple of each font size; the base
 * style sets the minimum line box so empty and plain lines share one rhythm.
 */
export function breakLines(m: Measurer, runs: Run[], width: number, base: RunStyle, lineHeight: number, fit?: FitOptions): Line[] {
  // Blocks are often set twice in a document: measured by a dry run (keep-together, keep-with-next),
  // then drawn. The same text, styles and width break the same way: the second time reuses the lines.
  const key = brokenKey(runs, width, base, lineHeight, fit)
  let known = broken.get(m.ink)
  if (!known) broken.set(m.ink, (known = new Map()))
  const found = key === undefined ? undefined : known.get(key)
  if (found) {
    // Drawn: the lines are not asked for again (and a document in progress holds less).
    if (!m.ink.dry) known.delete(key as string)
    return found
  }
  const lines = fit ? fitLines(m, runs, width, base, lineHeight, fit) : greedyLines(m, runs, width, base, lineHeight)
  if (key !== undefined && m.ink.dry) known.set(key, lines)
  return lines
}

/** Lines broken in a document (its Ink) by a measurement, by `brokenKey`, until they are drawn. */
const broken = new WeakMap<object, Map<string, Line[]>>()

/** Everything line breaking depends on, as a string; undefined for runs holding inline boxes (drawn by closures). */
function brokenKey(runs: Run[], width: number, base: RunStyle, lineHeight: number, fit: FitOptions | undefined): string | undefined {
  let key = `${width}|${lineHeight}|${fit ? styleKey(fit) : ''}|${styleKey(base)}`
  for (const run of runs) {
    if (run.box) return undefined
    key += `\u0000${run.anchor ?? ''}\u0001${styleKey(run.style)}\u0001${run.text}`
  }
  return key
}

/** A style as a string, made once per style object (runs of a block share theirs). */
function styleKey(style: object): string {
  let key = styleKeys.get(style)
  if (key === undefined) styleKeys.set(style, (key = JSON.stringify(style)))
  return key
}
const styleKeys = new WeakMap<object, string>()

function greedyLines(m: Measurer, runs: Run[], width: number, base: RunStyle, lineHeight: number): Line[] {
  const lines: Line[] = []
  let segments: Segment[] = []
  let used = 0
  let pendingSpace: Segment[] = []
  let softEnd: Segment | undefined
  const finish = (last: boolean) => {
    lines.push(lineOf(m, segments, used, base, lineHeight, last))
    segments = []
    used = 0
    pendingSpace = []
    softEnd = undefined
  }
  // A small tolerance: drawn text is measured as a whole, so kerning can differ by a hair from the sum.
  const limit = Math.max(width - 0.01, 1)
  const pieces = piecesOf(m, runs)
  pieces.forEach((whole, index) => {
    // A formula that may break inside goes to the next line whole when it fits there (TeX's penalties
    // keep it whole in a justified paragraph; a ragged line has no cheaper break to weigh).
    const formula = whole.formula && !pieces[index - 1]?.formula ? formulaWidth(pieces, index) : 0
    const parts = whole.width > limit ? splitWide(m, whole, limit) : [whole]
    for (const piece of parts) {
      const spaceWidth = sum(pendingSpace)
      const hyphen = piece.soft ? hyphenOf(m, piece.soft) : undefined
      const moves = formula > 0 && formula <= limit && used + spaceWidth + formula > limit
      if (segments.length > 0 && (moves || used + spaceWidth + piece.width + (hyphen?.width ?? 0) > limit) && piece.width > 0) {
        if (softEnd) {
          segments.push(softEnd)
          used += softEnd.width
        }
        finish(false)
      }
      if (segments.length > 0) {
        segments.push(...pendingSpace)
        used += sum(pendingSpace)
      }
      segments.push(...piece.segments)
      used += piece.width
      pendingSpace = piece.trailing
      softEnd = pendingSpace.length === 0 ? hyphen : undefined
      // A line feed (br) forces a break; the end of the text is not `required` in UAX #14 terms.
      if (piece.required) finish(true)
    }
  })
  if (segments.length > 0 || lines.length === 0) finish(true)
  return lines
}

/** Width of the formula whose first breakable piece is `pieces[index]`, to the piece that ends it. */
function formulaWidth(pieces: Piece[], index: number): number {
  let width = 0
  for (let at = index; at < pieces.length; at += 1) {
    const piece = pieces[at] as Piece
    width += piece.width
    if (!piece.formula) break
  }
  return width
}

function lineOf(m: Measurer, segments: Segment[], width: number, base: RunStyle, lineHeight: number, last: boolean): Line {
  let above = 0
  let below = 0
  for (const segment of segments)
    if (segment.box) {
      above = Math.max(above, segment.box.height + segment.style.shift)
      // A box lowered below the baseline (a formula's depth) needs that room under the line.
      below = Math.max(below, -segment.style.shift)
    }
  for (const item of [
    { style: base, font: m.fonts.key(base.family, base.bold, base.italic) },
    ...segments.filter((s) => !s.anchor && !s.box)
  ]) {
    const { ascender, descender } = m.fonts.metrics(item.font)
    const size = item.style.size
    const leading = (lineHeight * size - (ascender - descender) * size) / 2
    above = Math.max(above, leading + ascender * size + item.style.shift)
    below = Math.max(below, leading - descender * size - item.style.shift)
  }
  return { segments, width, ascent: above, height: above + below, last }
}

/** Natural width (no breaks but forced ones) and the widest unbreakable piece: for table columns. */
export function widthsOf(m: Measurer, runs: Run[]): { natural: number; minimum: number } {
  let natural = 0
  let line = 0
  let minimum = 0
  let space = 0
  for (const piece of piecesOf(m, runs)) {
    line += space + piece.width
    space = sum(piece.trailing)
    minimum = Math.max(minimum, piece.width)
    if (piece.required) {
      natural = Math.max(natural, line)
      line = 0
      space = 0
    }
  }
  return { natural: Math.max(natural, line), minimum }
}
