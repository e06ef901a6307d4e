/**
 * Knuth and Plass's total-fit line breaking (TeX's, "Breaking Paragraphs into Lines", 1981), reduced
 * to what justified running text needs: choose the breaks of a whole paragraph so its lines are evenly
 * spaced, instead of filling each line greedily and leaving the next one to gape.
 *
 * Items are the unbreakable pieces of a paragraph; a break may follow any piece. The glue after a piece
 * is its trailing space: it stretches by `stretch` and shrinks by `shrink` of its width (but for the
 * spaces inside inline code, which are the code's and keep their width), and vanishes at a break. Between CJK characters, and between
 * two words of Thai, Lao, Khmer or Myanmar, the glue has no width but may stretch (`flex`); the units
 * of those four scripts inside an item may be spaced too (`inner`). A break at a hyphenation point adds a hyphen and costs `hyphenPenalty`.
 */
export interface FitItem {
  width: number
  /** Width of the space after the item (0: none). */
  glue: number
  /** How much of that space may stretch and shrink: all of it but the spaces inside inline code. */
  elastic: number
  /** How far the gap after the item may stretch though it has no width (between CJK characters, or two units of Thai, Lao, Khmer, Myanmar). */
  flex: number
  /** How far the item itself may stretch: the gaps between its units of Thai, Lao, Khmer or Myanmar. */
  inner?: number
  /** Width of the hyphen shown when the line breaks here (0: not a hyphenation point). */
  hyphen: number
  /** A break must follow (a line feed). */
  required: boolean
  /** A break here cuts a word that fits no line (a long URL): allowed, but only as a last resort. */
  emergency: boolean
  /** What a break here costs, when the item says (inside a formula: TeX's `\relpenalty`, `\binoppenalty`). */
  penalty?: number
  /** How far letter spacing may widen the item (its glyphs of running text); weighed only with `maxGap`. */
  letters?: number
}

export interface FitOptions {
  stretch: number
  /** Stretch of a gap between CJK characters, in ems. */
  flex: number
  /** Stretch of a gap between two units of Thai, Lao, Khmer or Myanmar, in ems. */
  cluster: number
  shrink: number
  hyphenPenalty: number
  /** Added when two lines in a row end with a hyphen. */
  doubleHyphenDemerits: number
  /** The most lines in a row that may end with a hyphen (TeX's hyphenation ladder). */
  maxHyphenatedLines?: number
  /**
   * Ragged right: the lines' ends stretch by this many points and their gaps keep their width (TeX's
   * `\rightskip` of `\raggedright`), so the breaks even out the rag instead of the spacing.
   */
  ragged?: number
  /**
   * A line (but a paragraph's last) whose spaces would have to widen past this many times their width,
   * once its letters are spaced as far as `letters` allows, is not a choice (TeX's tolerance, in the
   * terms of the typeset report's loose line). Absent: any line is, at a cost.
   */
  maxGap?: number
  /** How far letter spacing may widen each glyph of running text, in ems (with `maxGap`). */
  letter?: number
}

const EMERGENCY_PENALTY = 5000
const BREAK_PENALTY = 50

/** Indices of the items after which the lines break; the last item always ends a line. None: held to `maxGap`, no setting is possible. */
export function totalFit(items: FitItem[], width: number, options: FitOptions): number[] {
  const n = items.length
  if (n === 0) return []
  // Prefix sums: widths of items and of the glue between them.
  const w = [0]
  const g = [0]
  const e = [0]
  const f = [0]
  const u = [0]
  const l = [0]
  for (const item of items) {
    l.push((l[l.length - 1] as number) + (item.letters ?? 0))
    u.push((u[u.length - 1] as number) + (item.inner ?? 0))
    w.push((w[w.length - 1] as number) + item.width)
    g.push((g[g.length - 1] as number) + item.glue)
    e.push((e[e.length - 1] as number) + item.elastic)
    f.push((f[f.length - 1] as number) + item.flex)
  }
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY)
  const from = new Int32Array(n + 1).fill(-1)
  const hyphened = new Uint16Array(n + 1)
  best[0] = 0 // best[k]: least demerits for lines covering items before index k.
  for (let end = 0; end < n; end += 1) {
    const item = items[end] as FitItem
    const last = end === n - 1 || item.required
    for (let start = end; start >= 0; start -= 1) {
      if (start < end && (items[start] as FitItem).required) break
      const glue = (g[end] as number) - (g[start] as number)
      const elastic = (e[end] as number) - (e[start] as number)
      const natural = (w[end + 1] as number) - (w[start] as number) + glue + item.hyphen
      const shrink = options.ragged === undefined ? elastic * options.shrink : 0
      if (natural - shrink > width + 0.01) {
        // An item too wide even alone (its hyphen, a rounding hair) still gets a line of its own.
        if (start === end) relax(end, start, 1e12)
        break
      }
      if (best[start] === Number.POSITIVE_INFINITY) continue
      if (options.maxGap !== undefined && !last && start < end) {
        const room =
          elastic * (options.maxGap - 1) +
          (l[end + 1] as number) -
          (l[start] as number) +
          (f[end] as number) -
          (f[start] as number) +
          (u[end + 1] as number) -
          (u[start] as number)
        if (width - natural > room) continue
      }
      let ratio: number
      const stretch =
        options.ragged ??
        elastic * options.stretch + (f[end] as number) - (f[start] as number) + (u[end + 1] as number) - (u[start] as number)
      // A line with nothing to stretch (one long piece) is as bad as one stretching by a tenth of a point.
      if (natural <= width) ratio = last ? 0 : (width - natural) / Math.max(stretch, 0.1)
      else ratio = shrink > 0 ? (width - natural) / shrink : 0
      // Not capped as TeX caps it at 10,000: a line a few points loose must cost less than one left
      // half empty, or the least total could put a short line anywhere (all capitals, few spaces).
      const badness = 100 * Math.abs(ratio) ** 3
      const penalty = item.emergency
        ? EMERGENCY_PENALTY
        : item.hyphen > 0
          ? options.hyphenPenalty
          : item.penalty !== undefined && !last
            ? item.penalty
            : item.glue > 0 || item.flex > 0 || last
              ? 0
              : BREAK_PENALTY
      let demerits = (10 + badness) ** 2 + penalty ** 2
      if (item.hyphen > 0 && hyphened[start]) demerits += options.doubleHyphenDemerits
      // One more hyphen at a line's end than the ladder allows: only if nothing else is possible.
      if (item.hyphen > 0 && (hyphened[start] as number) >= (options.maxHyphenatedLines ?? Number.POSITIVE_INFINITY)) demerits += 1e30
      relax(end, start, demerits)
    }
  }
  // Held to `maxGap`, a paragraph may have no setting at all (a line left with one item too short to fill).
  if (options.maxGap !== undefined && !((best[n] as number) < 1e12)) return []
  const breaks: number[] = []
  for (let at = n; at > 0; at = from[at] as number) breaks.unshift(at - 1)
  return breaks

  function relax(end: number, start: number, demerits: number): void {
    const total = (best[start] as number) + demerits
    if (total < (best[end + 1] as number)) {
      best[end + 1] = total
      from[end + 1] = start
      hyphened[end + 1] = (items[end] as FitItem).hyphen > 0 ? (hyphened[start] as number) + 1 : 0
    }
  }
}
