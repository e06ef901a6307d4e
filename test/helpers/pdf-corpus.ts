import { spawnSync } from 'node:child_process'
import type { Theme } from '../../src/render/pdf/theme.js'

/** What poppler and qpdf say about one PDF, against the words of its source. */
export interface CorpusResult {
  name: string
  /** qpdf --check output when it is not clean. */
  qpdf: string
  /** Fonts pdffonts lists as not embedded. */
  unembedded: string[]
  tagged: boolean
  words: number
  /** Words outside the text column (left/right margins, off the page, in the top or bottom margin but for the running header and footer). */
  offPage: string[]
  /** Pairs of words whose boxes overlap. */
  overlaps: string[]
  /** Share of the source words found in order in the text as drawn (`pdftotext -raw`: content order, as tagged). */
  fidelity: number
  missing: string[]
  /** The same in `pdftotext`'s default reading order, rebuilt from positions (columns, blocks). */
  fidelityLayout: number
  missingLayout: string[]
  /** Headings left at the foot of a page (`headingsAtPageFoot`). */
  strandedHeadings: string[]
}

interface Word {
  text: string
  x0: number
  y0: number
  x1: number
  y1: number
}

interface Page {
  width: number
  height: number
  words: Word[]
}

/** The margins (less the room wide code may take in them) and running header/footer bands words may use, from the theme, for one page size. */
export interface PageFrame {
  left: number
  right: number
  top: number
  bottom: number
  /** Baselines and sizes of the running header and footer, from the top and bottom margins. */
  headerBaseline: number
  headerSize: number
  footerOffset: number
  footerSize: number
}

export function pageFrame(theme: Theme, size = 'a4'): PageFrame {
  const scopes = [`page_${size.toLowerCase()}`, 'page']
  const top = theme.num(scopes, 'margin_top')
  // A code block too wide for the text may reach `code_breakout` into each side margin, no further.
  const breakout = Math.max(0, theme.num('code', 'breakout'))
  return {
    left: theme.num(scopes, 'margin_left') - breakout,
    right: theme.num(scopes, 'margin_right') - breakout,
    top,
    bottom: theme.num(scopes, 'margin_bottom'),
    headerBaseline: top - theme.num('header', 'offset'),
    headerSize: theme.num('header', 'font_size'),
    footerOffset: theme.num('footer', 'offset'),
    footerSize: theme.num('footer', 'font_size')
  }
}

function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' }
}

function entity(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&')
}

/** Words and their boxes per page, as `pdftotext -bbox-layout` gives them (points from the top left). */
export function wordBoxes(file: string): Page[] {
  const { stdout } = run('pdftotext', ['-bbox-layout', file, '-'])
  const pages: Page[] = []
  const pattern =
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g
  for (const match of stdout.matchAll(pattern)) {
    if (match[1]) pages.push({ width: Number(match[1]), height: Number(match[2]), words: [] })
    else
      pages[pages.length - 1]?.words.push({
        x0: Number(match[3]),
        y0: Number(match[4]),
        x1: Number(match[5]),
        y1: Number(match[6]),
        text: entity(match[7] ?? '')
      })
  }
  return pages
}

/** A box on a page, in points from the top left. */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

/**
 * Words outside the text column: the running header and footer alone may sit in the top and bottom
 * margins. pdftotext boxes a word by its font's ascent and descent, not its ink, so a glyph from a
 * fallback font with a tall ascent (Noto Sans Symbols 2) gets a box reaching into the top margin while
 * its ink stays inside: with `inked`, a word past the top or bottom edge only counts when there is
 * ink in the part of its box beyond the edge.
 */
export function offPageWords(pages: Page[], frame: PageFrame, tolerance = 1, inked?: (page: number, box: Box) => boolean): string[] {
  const found: string[] = []
  pages.forEach((page, index) => {
    const footerBaseline = page.height - frame.bottom + frame.footerOffset
    const header = { y0: frame.headerBaseline - frame.headerSize * 1.5, y1: frame.headerBaseline + frame.headerSize * 0.5 }
    const footer = { y0: footerBaseline - frame.footerSize * 1.5, y1: footerBaseline + frame.footerSize * 0.5 }
    const within = (word: Word, band: { y0: number; y1: number }) => word.y0 >= band.y0 && word.y1 <= band.y1
    const bottom = page.height - frame.bottom + tolerance
    for (const word of page.words) {
      const sideways = word.x0 < frame.left - tolerance || word.x1 > page.width - frame.right + tolerance
      const above = word.y0 < frame.top - tolerance && !within(word, header)
      const below = word.y1 > bottom && !within(word, footer)
      let flagged = sideways || above || below
      if (!sideways && flagged && inked) {
        // The parts of the box beyond the column and outside the header and footer bands.
        const outside = [
          ...(above ? without({ y0: word.y0, y1: Math.min(word.y1, frame.top - tolerance) }, header) : []),
          ...(below ? without({ y0: Math.max(word.y0, bottom), y1: word.y1 }, footer) : [])
        ]
        flagged = outside.some((band) => inked(index + 1, { x0: word.x0, x1: word.x1, ...band }))
      }
      if (flagged)
        found.push(
          `p${index + 1} "${word.text}" (${word.x0.toFixed(1)},${word.y0.toFixed(1)})-(${word.x1.toFixed(1)},${word.y1.toFixed(1)})`
        )
    }
  })
  return found
}

/** The parts of `span` outside `band`. */
function without(span: { y0: number; y1: number }, band: { y0: number; y1: number }): { y0: number; y1: number }[] {
  const parts = [
    { y0: span.y0, y1: Math.min(span.y1, band.y0) },
    { y0: Math.max(span.y0, band.y1), y1: span.y1 }
  ]
  return parts.filter((part) => part.y1 - part.y0 > 0.5)
}

/** Whether a box of a page has any ink: that part of the page rendered by pdftoppm, in grey. */
export function inkProbe(file: string): (page: number, box: Box) => boolean {
  const dpi = 144
  const scale = dpi / 72
  return (page, box) => {
    const args = [
      '-f',
      String(page),
      '-l',
      String(page),
      '-r',
      String(dpi),
      '-gray',
      '-x',
      String(Math.floor(box.x0 * scale)),
      '-y',
      String(Math.floor(box.y0 * scale)),
      '-W',
      String(Math.max(1, Math.ceil((box.x1 - box.x0) * scale))),
      '-H',
      String(Math.max(1, Math.ceil((box.y1 - box.y0) * scale))),
      file
    ]
    const result = spawnSync('pdftoppm', args, { maxBuffer: 64 * 1024 * 1024 })
    const image = result.stdout
    // Binary PGM: "P5", width, height, maximum, each after whitespace, then one byte a pixel.
    const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(image.subarray(0, 64).toString('latin1'))
    if (result.status !== 0 || !header) throw new Error(`pdftoppm could not render page ${page} of ${file}: ${String(result.stderr)}`)
    return image.subarray(header[0].length).some((pixel) => pixel < 192)
  }
}

/**
 * Pairs of words drawn over each other: boxes that share more than `share` of the smaller one's area.
 * Boxes are taken at the middle 60% of their height, where letters have their ink: a box is as tall
 * as its font's ascent and descent, and a fallback font's (emoji, control pictures) reach well into
 * the lines above and below in a code block, whose ink they never touch.
 */
export function overlappingWords(pages: Page[], share = 0.15): string[] {
  const found: string[] = []
  pages.forEach((page, index) => {
    const core = (word: Word): Word => ({ ...word, y0: word.y0 + (word.y1 - word.y0) * 0.2, y1: word.y1 - (word.y1 - word.y0) * 0.2 })
    // A word pdftotext starts at a combining mark (`cafe` + U+0301, drawn over the `e`) sits on the
    // letter before it by design: not an overlap.
    const words = page.words
      .filter((word) => !/^\p{M}/u.test(word.text))
      .map(core)
      .sort((a, b) => a.x0 - b.x0)
    for (let i = 0; i < words.length; i += 1) {
      const a = words[i] as Word
      for (let j = i + 1; j < words.length; j += 1) {
        const b = words[j] as Word
        if (b.x0 >= a.x1) break
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
        if (w <= 0.5 || h <= 0.5) continue
        const smaller = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
        if (w * h > share * smaller) found.push(`p${index + 1} "${a.text}" over "${b.text}" at (${a.x0.toFixed(1)},${a.y0.toFixed(1)})`)
      }
    }
  })
  return found
}

/** Every check on one written PDF by poppler and qpdf: validity, fonts, tags, word boxes, words in reading order. */
export function checkPdf(name: string, file: string, sequences: string[][], frame: PageFrame): Omit<CorpusResult, 'strandedHeadings'> {
  const qpdf = run('qpdf', ['--check', file])
  const fonts = run('pdffonts', [file])
    .stdout.split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
  // Columns: name type encoding emb sub uni object ID; the name and type never hold "yes"/"no" alone.
  const unembedded = fonts.filter((line) => {
    const cells = line.trim().split(/\s+/)
    return cells[cells.length - 5] !== 'yes'
  })
  const info = run('pdfinfo', [file]).stdout
  const pages = wordBoxes(file)
  const raw = wordsKept(sequences, run('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-']).stdout)
  const physical = wordsKept(sequences, run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout)
  return {
    name,
    qpdf: qpdf.status === 0 ? '' : `${qpdf.stdout}${qpdf.stderr}`.trim(),
    unembedded,
    tagged: /^Tagged:\s+yes$/m.test(info),
    words: raw.total,
    offPage: offPageWords(pages, frame, 1, inkProbe(file)),
    overlaps: overlappingWords(pages),
    fidelity: raw.total === 0 ? 1 : raw.found / raw.total,
    missing: raw.missing,
    fidelityLayout: physical.total === 0 ? 1 : physical.found / physical.total,
    missingLayout: physical.missing
  }
}

/**
 * How many source words the extracted text has in order: the longest common subsequence of the
 * source's words (the body, then each footnote) and the extracted words, so a block a reader's
 * extraction moves elsewhere (a table cell, a code comment) costs its own words, not all that follow.
 * A word hyphenated or cut at a line end is joined again when the joined word is one of the source's
 * and its parts are not both (`http-proxy-` + `agent` stays apart though the source has ProxyAgent).
 */
export function wordsKept(sequences: string[][], extracted: string): { found: number; total: number; missing: string[] } {
  const vocabulary = new Set(sequences.flat())
  const tokens: string[] = []
  let joinable = false
  for (const line of extracted.normalize('NFC').toLowerCase().split('\n')) {
    const words = line.match(/[\p{L}\p{N}]+/gu) ?? []
    const first = words[0]
    const last = tokens[tokens.length - 1]
    let from = 0
    if (
      first !== undefined &&
      last !== undefined &&
      joinable &&
      vocabulary.has(last + first) &&
      !(vocabulary.has(first) && vocabulary.has(last))
    ) {
      tokens[tokens.length - 1] = last + first
      from = 1
    }
    tokens.push(...words.slice(from))
    const end = line.trimEnd()
    joinable = /[\p{L}\p{N}]-?$/u.test(end)
  }
  const ids = new Map<string, number>()
  const id = (word: string) => {
    let found = ids.get(word)
    if (found === undefined) {
      found = ids.size
      ids.set(word, found)
    }
    return found
  }
  const stream = Int32Array.from(tokens, id)
  let found = 0
  let total = 0
  const left = new Map<string, number>()
  for (const token of tokens) left.set(token, (left.get(token) ?? 0) + 1)
  const missing: string[] = []
  for (const sequence of sequences) {
    total += sequence.length
    found += commonSubsequence(Int32Array.from(sequence, id), stream)
    for (const word of sequence) {
      const count = left.get(word) ?? 0
      if (count > 0) left.set(word, count - 1)
      else missing.push(word)
    }
  }
  return { found, total, missing }
}

/**
 * Length of the longest common subsequence, by Myers' O((N+M)·D) algorithm (D: the words one has that
 * the other lacks): the same number as the usual table, without its N·M cost on long articles that
 * mostly agree (a 300 KB licence notice against its PDF's text).
 */
export function commonSubsequence(a: Int32Array, b: Int32Array): number {
  const n = a.length
  const m = b.length
  const max = n + m
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  for (let d = 0; d <= max; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x += 1
        y += 1
      }
      v[offset + k] = x
      if (x >= n && y >= m) return (n + m - d) / 2
    }
  }
  return 0
}

/** Figures over many results, for the test's log and `npm run pdf-corpus`. */
export function summarise(results: CorpusResult[], excluded: { name: string; reason: string }[]): string {
  const figures = (key: 'fidelity' | 'fidelityLayout') => {
    const values = results.map((result) => result[key])
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)
    const worst = [...results].sort((a, b) => a[key] - b[key]).slice(0, 4)
    return `mean ${(mean * 100).toFixed(2)}%, minimum ${(Math.min(1, ...values) * 100).toFixed(2)}% (lowest: ${worst.map((result) => `${result.name} ${(result[key] * 100).toFixed(2)}%`).join(', ')})`
  }
  const lines = [
    `PDF corpus: ${results.length} files checked (${results.reduce((sum, result) => sum + result.words, 0)} words), ${excluded.length} excluded`,
    `  qpdf --check not clean: ${results.filter((result) => result.qpdf).length}`,
    `  fonts not embedded: ${results.reduce((sum, result) => sum + result.unembedded.length, 0)}`,
    `  not tagged: ${results.filter((result) => !result.tagged).length}`,
    `  words outside the margins: ${results.reduce((sum, result) => sum + result.offPage.length, 0)}`,
    `  overlapping words: ${results.reduce((sum, result) => sum + result.overlaps.length, 0)}`,
    `  headings left at the foot of a page: ${results.reduce((sum, result) => sum + result.strandedHeadings.length, 0)}`,
    `  words in order, as drawn (pdftotext -raw): ${figures('fidelity')}`,
    `  words in order, as pdftotext rebuilds it from positions: ${figures('fidelityLayout')}`,
    ...[...results]
      .sort((a, b) => a.fidelity - b.fidelity)
      .slice(0, 6)
      .filter((result) => result.missing.length > 0)
      .map((result) => `  not found in order in ${result.name}: ${result.missing.slice(0, 12).join(' ')}`),
    ...excluded.map((entry) => `  excluded ${entry.name}: ${entry.reason}`)
  ]
  return lines.join('\n')
}
