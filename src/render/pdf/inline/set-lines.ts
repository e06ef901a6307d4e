import type { State } from '../state.js'
import type { FontSet } from '../fonts/font-set.js'
import type { LinkTarget } from './collect.js'
import { inkText, visualOrder } from './bidi.js'
import { trackable, type Line, type Segment } from './linebreak.js'
import { isIdentifier, type TypesetReport } from '../report.js'
import { CLUSTERED, spacedBetween, unitStarts } from './clusters.js'

/** `start` is the left in left-to-right text, the right in right-to-left text. */
export type Align = 'start' | 'left' | 'center' | 'right' | 'justify'

/** Ids that start in a line (a footnote reference among them). */
export function anchorsOf(line: Line): string[] {
  const anchors: string[] = []
  for (const segment of line.segments) if (segment.anchor) anchors.push(segment.anchor)
  return anchors
}

/** The link whose structure element is open while its text is drawn; it may span lines and pages. */
export interface LinkState {
  open: LinkTarget | undefined
}

export function closeLink(state: State, links: LinkState): void {
  if (links.open?.tag) state.ink.close(links.open.tag)
  links.open = undefined
}

interface Placed {
  segment: Segment
  x: number
  width: number
}

/** Same look, same link, same direction: drawn with one text operation. */
function sameRun(a: Segment, b: Segment): boolean {
  return (
    !a.box &&
    !b.box &&
    (a.level ?? 0) === (b.level ?? 0) &&
    a.font === b.font &&
    a.style.size === b.style.size &&
    a.style.color === b.style.color &&
    a.style.shift === b.style.shift &&
    a.style.link === b.style.link &&
    a.style.background === b.style.background &&
    a.style.border === b.style.border &&
    a.style.strike === b.style.strike &&
    a.style.underline === b.style.underline
  )
}

/** How a line is spaced across its column: what `drawLine` draws, and what `gapes` judges. */
interface Spacing {
  /** The line's segments in visual order. */
  segments: Segment[]
  /** Whether a segment's gap widens with justification (spaces but those inside inline code, gaps between CJK characters). */
  stretches: (segment: Segment, index: number) => boolean
  gaps: number
  /** The gaps between units of Thai, Lao, Khmer and Myanmar (clusters.ts), in each segment and after it. */
  units: Map<Segment, UnitGaps> | undefined
  /** The column's width less the line's. */
  slack: number
  /** Points added to each gap. */
  extra: number
  /** Points added after each glyph of running text, and after each unit of Thai, Lao, Khmer, Myanmar. */
  tracking: number
  cluster: number
  /** Glyphs of each segment letter spacing spreads. */
  glyphs: Map<Segment, number>
  /** Whether the line fills its column (else it sits on its start side). */
  justified: boolean
}

/** How `line` is spaced in a column of `width` (the theme's limits on word and letter spacing). */
function spacingOf(state: Pick<State, 'fonts' | 'theme'>, line: Line, width: number, align: Align): Spacing {
  // Right-to-left and mixed lines are drawn in visual order (the bidi algorithm's rule L2).
  const segments = visualOrder(line.segments)
  const lastIndex = segments.reduce((found, segment, index) => (segment.anchor ? found : index), -1)
  // Justification widens the spaces, but those inside inline code, and the gaps between CJK characters.
  const stretches = (segment: Segment, index: number) =>
    (segment.space === true && !segment.style.code) || (segment.flex === true && index !== lastIndex)
  const gaps = segments.filter(stretches).length
  const units = align === 'justify' && !line.last ? unitGaps(state.fonts, segments, lastIndex) : undefined
  const unitCount = units ? [...units.values()].reduce((total, gap) => total + gap.starts.length + (gap.after ? 1 : 0), 0) : 0
  const opportunities = gaps > 0 || unitCount > 0
  // Justified lines may be a little wider than the column before their spaces shrink (total fit).
  const slack = align === 'justify' && opportunities ? width - line.width : Math.max(0, width - line.width)
  let extra = align === 'justify' && gaps > 0 && (!line.last || slack < 0) ? slack / gaps : 0
  // Spaces widen up to `paragraph_max_word_stretch`; past that, letters are spaced a little too (up to
  // `paragraph_max_letter_stretch` a glyph, in running text of alphabets that do not join; the units
  // of Thai, Lao, Khmer and Myanmar up to `paragraph_max_cluster_stretch`), and only then the spaces
  // widen further. A line that would still gape past `paragraph_max_gap_stretch` a space (a few words
  // before a long unbreakable piece), or that its units alone cannot fill, is set ragged instead.
  const spaceSize = (segments.find(stretches) ?? segments.find((segment) => units?.has(segment)))?.style.size ?? 0
  let tracking = 0
  let cluster = 0
  const glyphs = new Map<Segment, number>()
  const wordCap = spaceSize * state.theme.num('paragraph', 'max_word_stretch')
  if (extra > wordCap || (gaps === 0 && unitCount > 0 && slack > 0)) {
    for (const segment of segments) if (trackable(segment)) glyphs.set(segment, state.fonts.glyphCount(segment.font, segment.text))
    const count = [...glyphs.values()].reduce((total, value) => total + value, 0)
    // Capitals are spaced more readily: a line of them only (a licence's disclaimer) may take more.
    const capitals = [...glyphs.keys()].every((segment) => !/\p{Ll}/u.test(segment.text))
    const letterCap =
      spaceSize *
      (capitals ? state.theme.num('paragraph', 'max_capitals_letter_stretch') : state.theme.num('paragraph', 'max_letter_stretch'))
    const letters = count > 0 && !segments.some((segment) => segment.flex) ? count : 0
    const rest = slack - gaps * wordCap
    if (unitCount === 0) {
      if (letters > 0) tracking = Math.min(letterCap, rest / letters)
    } else {
      // Letters and units share what is left evenly, each up to its own limit.
      const clusterCap = spaceSize * state.theme.num('paragraph', 'max_cluster_stretch')
      const share = rest / (letters + unitCount)
      if (letters > 0 && share > letterCap) {
        tracking = letterCap
        cluster = Math.min(clusterCap, (rest - letterCap * letters) / unitCount)
      } else if (share > clusterCap) {
        cluster = clusterCap
        tracking = letters > 0 ? Math.min(letterCap, (rest - clusterCap * unitCount) / letters) : 0
      } else {
        tracking = letters > 0 ? share : 0
        cluster = share
      }
    }
    const left = slack - tracking * count - cluster * unitCount
    extra = gaps > 0 ? left / gaps : 0
    if (gaps > 0 ? extra > spaceSize * state.theme.num('paragraph', 'max_gap_stretch') : left > 0.01) {
      extra = 0
      tracking = 0
      cluster = 0
    }
  }
  const justified = extra !== 0 || cluster !== 0
  return { segments, stretches, gaps, units, slack, extra, tracking, cluster, glyphs, justified }
}

/**
 * Whether `line`, justified in a column of `width`, would gape: drawn ragged and short of the column
 * by more than an em, or with its word gaps wider than `paragraph_justify_max_gap` normal spaces (the
 * typeset report's ragged and loose lines). A justified paragraph with such a line is set ragged right.
 */
export function gapes(state: Pick<State, 'fonts' | 'theme'>, line: Line, width: number): boolean {
  if (line.last) return false
  const { segments, slack, extra, gaps, units, justified } = spacingOf(state, line, width, 'justify')
  const space = segments.find((segment) => segment.space && !segment.style.code)
  // Lines of CJK, Thai, Lao, Khmer or Myanmar without spaces are filled by spacing their characters:
  // one that cannot be (a long word next) is set ragged alone, as their typesetters do.
  if (!space && (units?.size || segments.some((segment) => segment.flex))) return false
  const size = segments.find((segment) => !segment.anchor)?.style.size ?? 10
  if (!justified) return slack > size
  return gaps > 0 && space !== undefined && extra > space.width * (state.theme.num('paragraph', 'justify_max_gap') - 1)
}

/** Draw one measured line with its top at `top`, in a column from `x` of `width`. */
export function drawLine(state: State, line: Line, x: number, top: number, width: number, align: Align, links: LinkState): void {
  const baseline = top + line.ascent
  const { segments, stretches, gaps, units, slack, extra, tracking, cluster, glyphs, justified } = spacingOf(state, line, width, align)
  // Unjustified lines of a justified paragraph (its last, or one that would gape) sit on the start side.
  const side = align === 'start' || (align === 'justify' && !justified) ? (state.direction === 'rtl' ? 'right' : 'left') : align
  let cursor = x + (side === 'right' ? Math.max(0, slack) : side === 'center' ? Math.max(0, slack) / 2 : 0)
  const unitsOf = (segment: Segment) => {
    const gap = cluster === 0 ? undefined : units?.get(segment)
    return gap ? gap.starts.length + (gap.after ? 1 : 0) : 0
  }
  const placed: Placed[] = segments.map((segment, index) => {
    const spaced = tracking * (glyphs.get(segment) ?? 0) + cluster * unitsOf(segment)
    const item = { segment, x: cursor, width: segment.width + spaced + (stretches(segment, index) ? extra : 0) }
    cursor += item.width
    return item
  })
  if (state.report && !state.ink.dry)
    record(state.report, line, placed, { align, slack, extra, gaps, justified, full: width >= state.column.width - 0.5 })
  for (const item of placed) if (item.segment.anchor) state.ink.destination(item.segment.anchor, top)
  if (state.notes.active && !state.ink.dry) state.notes.reserve(state, anchorsOf(line), Math.max(state.flow.cursor.y, top + line.height))

  // Group neighbours that look alike; a group never starts with a space (pdfkit trims it). A justified
  // line is set word by word at the computed places: pdfkit's own word spacing counts no-break spaces
  // as spaces and would drift from the measured line. So is right-to-left text (see below).
  const groups: Placed[][] = []
  let open = false
  for (const item of placed) {
    if (item.segment.anchor) continue
    const group = groups[groups.length - 1]
    const previous = group?.[group.length - 1]
    // Right-to-left words too: pdfkit lays text out word by word, so fontkit would reverse each word
    // with its trailing space, and the space would land on the wrong side.
    if (item.segment.space && ((extra !== 0 && !item.segment.style.code) || (item.segment.level ?? 0) % 2 === 1)) open = false
    else if (
      open &&
      group &&
      previous &&
      sameRun(previous.segment, item.segment) &&
      (tracking === 0 || trackable(previous.segment) === trackable(item.segment))
    )
      group.push(item)
    else if (!item.segment.space) {
      groups.push([item])
      open = true
    } else open = false // A space left out of the group (another font): what follows starts afresh.
    if (item.segment.flex && extra !== 0) open = false
  }

  // Tints and frames go under the text.
  for (const group of groups) {
    const style = (group[0] as Placed).segment.style
    if (!style.background && !style.border) continue
    const box = groupBox(state, group, baseline, x, width)
    if (style.background) state.ink.box(box, { fill: style.background, radius: style.radius ?? 0 })
    if (style.border) state.ink.box(box, { stroke: style.border, lineWidth: style.borderWidth ?? 0.5, radius: style.radius ?? 0 })
  }

  let span: { link: LinkTarget; from: number; to: number } | undefined
  const annotate = () => {
    if (span?.link.tag)
      state.ink.link({ x: span.from, y: top, w: span.to - span.from, h: line.height }, span.link, span.link.tag, span.link.label)
    span = undefined
  }
  for (const group of groups) {
    const first = group[0] as Placed
    const style = first.segment.style
    if (style.link !== links.open) {
      annotate()
      closeLink(state, links)
      if (style.link) {
        style.link.tag = state.ink.open('Link')
        links.open = style.link
      }
    }
    if (first.segment.box) {
      first.segment.box.draw(first.x, baseline - style.shift - first.segment.box.height)
      if (style.link) span = span ? { ...span, to: first.x + first.width } : { link: style.link, from: first.x, to: first.x + first.width }
      continue
    }
    const text = group.map((item) => item.segment.text).join('')
    const right = group.reduce((edge, item) => Math.max(edge, item.x + item.width), first.x)
    const ink = text.replace(/ +$/, '')
    const inkEnd = right - (text.length - ink.length > 0 ? trailingWidth(group) : 0)
    // A right-to-left group is in visual order: its text goes back to logical order for shaping.
    const level = first.segment.level ?? 0
    const logical =
      level % 2 === 1
        ? group
            .map((item) => item.segment.text)
            .reverse()
            .join('')
            .trim()
        : ink
    const spacing = cluster !== 0 && level === 0 ? unitSpacing(group, units, cluster) : undefined
    state.ink.text(
      inkText(logical, level),
      first.x + (first.segment.lead ?? 0),
      baseline - style.shift,
      first.segment.font,
      style.size,
      style.color,
      tracking !== 0 && trackable(first.segment) ? tracking : 0,
      spacing
    )
    if (style.link) span = span ? { ...span, to: inkEnd } : { link: style.link, from: first.x, to: inkEnd }
    if (style.strike)
      state.ink.line(
        first.x,
        baseline - style.shift - style.size * 0.3,
        inkEnd,
        baseline - style.shift - style.size * 0.3,
        style.color,
        Math.max(0.4, style.size / 18)
      )
    if (style.underline)
      state.ink.line(
        first.x,
        baseline - style.shift + style.size * 0.12,
        inkEnd,
        baseline - style.shift + style.size * 0.12,
        style.color,
        Math.max(0.4, style.size / 20)
      )
  }
  annotate()
}

/** Where justification may space the units of Thai, Lao, Khmer and Myanmar in a line: per segment, inside it and after it. */
function unitGaps(fonts: FontSet, segments: Segment[], lastIndex: number): Map<Segment, UnitGaps> {
  const found = new Map<Segment, UnitGaps>()
  const spaceable = (segment: Segment | undefined) =>
    segment !== undefined && !segment.space && !segment.box && !segment.anchor && !segment.style.code && segment.text !== ''
  segments.forEach((segment, index) => {
    if (!spaceable(segment) || (segment.level ?? 0) % 2 === 1 || !CLUSTERED.test(segment.text)) return
    const starts = unitStarts(segment.text, fonts.clusterStarts(segment.font, segment.text))
    // The next segment drawn (anchors take no room); none after the line's last.
    const next = index < lastIndex ? segments.slice(index + 1).find((other) => !other.anchor) : undefined
    const after = spaceable(next) && spacedBetween(segment.text, (next as Segment).text)
    if (starts.length > 0 || after) found.set(segment, { starts, after })
  })
  return found
}

interface UnitGaps {
  /** Offsets in the segment's text where a unit starts that may be spaced from the one before. */
  starts: number[]
  /** Whether the gap after the segment, before the next one's first unit, may be spaced. */
  after: boolean
}

/** The offsets in a group's text before which `extra` points go (the units of Thai, Lao, Khmer, Myanmar). */
function unitSpacing(
  group: Placed[],
  units: Map<Segment, UnitGaps> | undefined,
  extra: number
): { at: number[]; extra: number } | undefined {
  const at: number[] = []
  let offset = 0
  group.forEach((item, index) => {
    const gap = units?.get(item.segment)
    if (gap) {
      for (const start of gap.starts) at.push(offset + start)
      if (gap.after && index < group.length - 1) at.push(offset + item.segment.text.length)
    }
    offset += item.segment.text.length
  })
  return at.length > 0 ? { at, extra } : undefined
}

/** Counts what a typesetter would look at in one drawn line (report.ts has the definitions). */
function record(
  report: TypesetReport,
  line: Line,
  placed: Placed[],
  {
    align,
    slack,
    extra,
    gaps,
    justified,
    full
  }: { align: Align; slack: number; extra: number; gaps: number; justified: boolean; full: boolean }
): void {
  const segments = placed.map((item) => item.segment)
  const text = segments.map((segment) => (segment.anchor ? '' : segment.text)).join('')
  // A word broken at a hyphenation point: its letters, digits and underscores around the break.
  const plain = text.replace(/[\u00AD\u200B]/g, '')
  if (report.broken !== undefined) {
    const word = `${report.broken}${/^[\p{L}\p{M}\p{N}_]*/u.exec(plain)?.[0] ?? ''}`
    if (isIdentifier(word)) report.hyphenatedIdentifiers.push(word)
    report.broken = undefined
  }
  const end = segments.filter((segment) => !segment.anchor).at(-1)
  if (end?.hyphen) report.broken = /[\p{L}\p{M}\p{N}_]*$/u.exec(plain.slice(0, -1))?.[0] ?? ''
  if (align !== 'justify' || line.last) return
  report.justifiedLines += 1
  if (full) {
    report.fullLines += 1
    report.fullLineCharacters += [...graphemes.segment(plain.trimEnd())].length
  }
  const size = segments.find((segment) => !segment.anchor)?.style.size ?? 10
  if (!justified && slack > size) report.raggedLines.push(`${Math.round(slack)} pt short: ${plain.slice(0, 80)}`)
  if (extra > 0 && gaps > 0) {
    const space = segments.find((segment) => segment.space && !segment.style.code)
    if (space && extra > space.width)
      report.looseLines.push(`gap ${((space.width + extra) / space.width).toFixed(1)}×: ${plain.slice(0, 80)}`)
    if (placed.some((item) => item.segment.space && item.segment.style.code && item.width > item.segment.width + 0.01))
      report.stretchedCode.push(plain.slice(0, 80))
  }
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

function trailingWidth(group: Placed[]): number {
  let width = 0
  for (let index = group.length - 1; index >= 0 && (group[index] as Placed).segment.space; index -= 1)
    width += (group[index] as Placed).width
  return width
}

/** The box behind a group (inline code, kbd), kept inside the column. */
function groupBox(
  state: State,
  group: Placed[],
  baseline: number,
  left: number,
  width: number
): { x: number; y: number; w: number; h: number } {
  const first = group[0] as Placed
  const style = first.segment.style
  const { ascender, descender } = state.fonts.metrics(first.segment.font)
  // Framed runs carry their own inset; others get a hairline of room that may reach into the spaces.
  const pad = style.inset ? 0 : style.size * 0.12
  const x0 = Math.max(left, first.x - pad)
  const x1 = Math.min(
    left + width,
    group.reduce((right, item) => Math.max(right, item.x + (item.segment.space ? 0 : item.width)), first.x) + pad
  )
  const y0 = baseline - style.shift - ascender * style.size * 0.92
  const y1 = baseline - style.shift - descender * style.size * 0.92
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

export type { Line }
