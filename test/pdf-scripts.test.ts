import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { flattenCffSubsets } from '../src/render/pdf/fonts/fontkit/flatten-cff-subsets.js'
import { scriptOf } from '../src/render/pdf/inline/bidi.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { loadTheme } from '../src/render/pdf/theme.js'
import { projectRoot } from './helpers/articles.js'
import { digestPdf, openPdf, readingSequences, sequencesInOrder, STANDARD_FONTS } from './helpers/pdf-digest.js'
import { assertTool, fonts, tool } from './helpers/tools.js'

// The PDF of an article in each script: read back in order by poppler, every font embedded, every
// word on the page, lines starting on the side the script starts, and a font for every character.

const scripts = readdirSync(path.join(projectRoot, 'test/fixtures-scripts')).sort()
const options = resolveOptions({ cwd: projectRoot })
const CJK = new Set(['ja', 'zh', 'ko'])
// Scripts that put no spaces between words: compared letter by letter, as Chinese and Japanese.
const UNSPACED = new Set(['th', 'lo', 'km', 'my'])
const RTL = new Set(['ar', 'he'])
const poppler = tool('pdftotext', 'poppler-utils')
const cjkFonts = fonts('Noto Sans CJK', 'fonts-noto-cjk')
// Scripts neither DejaVu nor Noto CJK draw: from fonts-noto-core (Noto Sans Tamil, Thai, Myanmar…).
const DEJAVU = new Set(['ar', 'el', 'he', 'ru', 'hy', 'ka'])
const notoFonts = fonts('Noto Sans Tamil', 'fonts-noto-core')
const fontsFor = (lang: string) => (CJK.has(lang) ? cjkFonts : DEJAVU.has(lang) ? undefined : notoFonts)
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })
const folder = mkdtempSync(path.join(os.tmpdir(), 'quire-pdf-scripts-'))

interface Word {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Words with their boxes, page by page, as `pdftotext -bbox` finds them. */
function wordBoxes(file: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  return html
    .split('<page ')
    .slice(1)
    .map((page) => {
      const [, width = '0', height = '0'] = /width="([\d.]+)" height="([\d.]+)"/.exec(page) ?? []
      const words = [...page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map(
        (match) => ({
          text: match[5] as string,
          xMin: Number(match[1]),
          yMin: Number(match[2]),
          xMax: Number(match[3]),
          yMax: Number(match[4])
        })
      )
      return { width: Number(width), height: Number(height), words }
    })
}

describe.each(scripts)('%s as PDF', async (lang) => {
  const article = await parseArticle(`test/fixtures-scripts/${lang}/index.md`, options)
  const pdf = await renderPdf(article, options)
  const file = path.join(folder, `${lang}.pdf`)
  writeFileSync(file, pdf)
  const theme = loadTheme(options.templates)
  const margin = { left: theme.num('page', 'margin_left'), right: theme.num('page', 'margin_right') }

  const needed = fontsFor(lang)
  const letters = CJK.has(lang) || UNSPACED.has(lang)

  it.skipIf(poppler.skip || needed?.skip)(`reads back in order with pdftotext (99.5% of the ${letters ? 'characters' : 'words'})`, () => {
    assertTool(poppler)
    if (needed) assertTool(needed)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    // The body, then each footnote (set at the foot of its page); Chinese, Japanese, Thai, Lao, Khmer
    // and Myanmar put no spaces between words: compare letter by letter (grapheme cluster).
    const sequences = readingSequences(article.tree).map((words) =>
      letters ? Array.from(graphemes.segment(words.join('')), ({ segment }) => segment) : words
    )
    const { found, total, missing } = sequencesInOrder(sequences, text)
    expect(found / total, `missing: ${missing.slice(0, 20).join(' ')}`).toBeGreaterThanOrEqual(0.995)
  })

  it.skipIf(poppler.skip || needed?.skip)('draws no dotted circle (a mark split from its letter, U+25CC)', () => {
    assertTool(poppler)
    if (needed) assertTool(needed)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    expect(text).toContain(article.meta.title.replace(/\s+/g, ' '))
    expect(text.includes('\u25cc')).toBe(false)
  })

  it.skipIf(poppler.skip)('embeds every font it uses (pdffonts), none of the 14 standard ones', () => {
    assertTool(poppler)
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const fields = row.trim().split(/\s+/)
      const name = (fields[0] as string).replace(/^[A-Z]{6}\+/, '')
      expect(fields[fields.length - 5], row).toBe('yes')
      expect(STANDARD_FONTS.has(name), name).toBe(false)
    }
  })

  it.skipIf(poppler.skip)('keeps every word on the page and inside the side margins', () => {
    assertTool(poppler)
    for (const [index, page] of wordBoxes(file).entries()) {
      for (const word of page.words) {
        const where = `page ${index + 1}: ${word.text}`
        expect(word.xMin, where).toBeGreaterThanOrEqual(margin.left - 0.5)
        expect(word.xMax, where).toBeLessThanOrEqual(page.width - margin.right + 0.5)
        expect(word.yMin, where).toBeGreaterThanOrEqual(0)
        expect(word.yMax, where).toBeLessThanOrEqual(page.height)
      }
    }
  })

  it.skipIf(poppler.skip)(`sets the title against the ${RTL.has(lang) ? 'right' : 'left'} margin`, () => {
    assertTool(poppler)
    const [page] = wordBoxes(file)
    const first = page?.words[0] as Word
    const line = (page?.words ?? []).filter((word) => Math.abs(word.yMin - first.yMin) < 1)
    if (RTL.has(lang)) expect(Math.max(...line.map((word) => word.xMax))).toBeCloseTo((page?.width ?? 0) - margin.right, 0)
    else expect(Math.min(...line.map((word) => word.xMin))).toBeCloseTo(margin.left, 0)
  })

  it.runIf(UNSPACED.has(lang)).skipIf(poppler.skip || needed?.skip)(
    'breaks its lines between words, found by dictionary (no spaces to break at)',
    () => {
      assertTool(poppler)
      if (needed) assertTool(needed)
      // Each paragraph longer than a line, and the word boundaries ICU finds in it (spaces left out).
      const source = readFileSync(path.join(projectRoot, `test/fixtures-scripts/${lang}/index.md`), 'utf8')
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      let checked = 0
      for (const block of source.split('\n\n').filter((block) => /^\p{L}/u.test(block) && block.length > 150)) {
        const paragraph = block.replace(/\[\^\d+\]/g, '')
        const bounds = new Set<number>()
        let squeezed = 0
        for (const { segment, index } of new Intl.Segmenter(lang, { granularity: 'word' }).segment(paragraph)) {
          if (index > 0) bounds.add(squeezed)
          squeezed += segment.replace(/\s/g, '').length
        }
        const whole = paragraph.replace(/\s/g, '')
        const lines = text
          .split('\n')
          .map((line) => line.replace(/\s|\d+$/g, ''))
          .filter((line) => line.length > 10 && whole.includes(line))
        for (const line of lines) {
          const end = whole.indexOf(line) + line.length
          if (end < whole.length) expect(bounds.has(end), `${line} | ${whole.slice(end, end + 12)}`).toBe(true)
          checked += 1
        }
      }
      expect(checked).toBeGreaterThan(2)
    }
  )

  it.skipIf(needed?.skip)('has a font for every character (no "no font has" warning)', () => {
    if (needed) assertTool(needed)
    expect(article.file.messages.map(String)).toEqual([])
    if (CJK.has(lang)) expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoS(ans|erif)CJK/)
  })

  it('nests its content as tagged PDF requires (right-to-left and mark-placed glyphs included)', async () => {
    expect((await digestPdf(pdf)).contentProblems).toEqual([])
  })

  it('writes the same bytes twice', async () => {
    const again = await renderPdf(await parseArticle(`test/fixtures-scripts/${lang}/index.md`, options), options)
    expect(again.equals(pdf)).toBe(true)
  })
})

/** A glyph that takes room on the page, where pdf.js places it (points from the page's left edge). */
interface Placed {
  /** What it reads as, with the marks drawn after it (which take no room). */
  text: string
  x: number
  width: number
  size: number
  line: number
}

/** The glyphs of page 1 that take room, each with the marks drawn after it, in the order drawn. */
async function placedGlyphs(pdf: Uint8Array): Promise<Placed[]> {
  const document = await openPdf(pdf)
  const { fnArray, argsArray } = await (await document.getPage(1)).getOperatorList()
  await document.destroy()
  const glyphs: Placed[] = []
  let size = 0
  let spacing = 0
  let x = 0
  let y = 0
  fnArray.forEach((fn, index) => {
    const args = argsArray[index] as unknown[]
    if (fn === OPS.setFont) size = args[1] as number
    else if (fn === OPS.setCharSpacing) spacing = args[0] as number
    else if (fn === OPS.setTextMatrix) [x, y] = [(args[0] as number[])[4] as number, (args[0] as number[])[5] as number]
    else if (fn === OPS.showText)
      for (const glyph of args[0] as (number | { unicode: string; width: number })[]) {
        if (typeof glyph === 'number') x -= (glyph / 1000) * size
        else {
          const width = (glyph.width / 1000) * size
          if (width > 0) glyphs.push({ text: glyph.unicode, x, width, size, line: Math.round(y) })
          else if (glyphs.length > 0) (glyphs[glyphs.length - 1] as Placed).text += glyph.unicode
          x += width + spacing
        }
      }
  })
  return glyphs
}

describe('a justified paragraph of Thai, Lao, Khmer or Myanmar with no space in it', () => {
  const SPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
  it.skipIf(notoFonts.skip).each(['th', 'lo', 'km', 'my'])(
    '%s: its letters are spaced a little where a line needs it, never at the words or inside a unit',
    async (lang) => {
      assertTool(notoFonts)
      // The fixture's paragraph without spaces, three times over: lines broken only between words.
      const source = readFileSync(path.join(projectRoot, `test/fixtures-scripts/${lang}/index.md`), 'utf8')
      const block = source.split('\n\n').find((one) => /^\p{L}/u.test(one) && one.length > 100 && !/\s/u.test(one.trim())) as string
      const file = path.join(folder, `unspaced-${lang}`, 'index.md')
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, `---\ntitle: Justified\nauthor: A. Writer\nlang: ${lang}\n---\n\n${block.trim().repeat(3)}\n`)
      // The body's glyphs (10.5 pt): the title, byline and date are set larger or smaller.
      const glyphs = (await placedGlyphs(await renderPdf(await parseArticle(file, options), options))).filter(
        (glyph) => glyph.size === 10.5
      )
      const lines = [...new Set(glyphs.map((glyph) => glyph.line))]
      expect(lines.length).toBeGreaterThan(3)
      const right = Math.max(...glyphs.map((glyph) => glyph.x + glyph.width))
      let flush = 0
      for (const line of lines.slice(0, -1)) {
        const drawn = glyphs.filter((glyph) => glyph.line === line)
        // A line reaches the right margin, or, when its letters would have to be spaced too far (a long
        // word next), it is set ragged, as written.
        const justified = Math.abs(Math.max(...drawn.map((glyph) => glyph.x + glyph.width)) - right) < 0.5
        if (justified) flush += 1
        drawn.slice(1).forEach((glyph, index) => {
          const before = drawn[index] as Placed
          if (!SPACED.test(before.text) || !SPACED.test(glyph.text)) return
          const gap = (glyph.x - before.x - before.width) / glyph.size
          // No gap between two letters reads as a space (a tenth of an em, where poppler starts a word)...
          expect(gap, `${before.text}|${glyph.text} at ${line}`).toBeLessThan(justified ? 0.1 : 0.015)
          // ...and none is inside a unit: a mark after its letter (a vowel sign drawn before it comes first), a
          // subscript (coeng, virama) with the letter above it, a Myanmar final (asat) with its syllable,
          // Thai and Lao sara am with its consonant.
          const prebase = /^(?:[\u1031\u103c\u17be-\u17c5]|\u17d2\u179a)/u.test(glyph.text)
          const inside = (/^[\p{M}\u0e33\u0eb3]|\u103a/u.test(glyph.text) && !prebase) || /[\u17d2\u1039]$/u.test(before.text)
          if (gap > 0.015) expect(inside, `${before.text}|${glyph.text}`).toBe(false)
        })
      }
      expect(flush).toBeGreaterThanOrEqual(((lines.length - 1) * 2) / 3)
    }
  )
})

describe('a word of another script quoted in an English article', () => {
  it.skipIf(poppler.skip || notoFonts.skip)('is drawn whole in the font made for its script: திராவிட with no dotted circle', async () => {
    assertTool(poppler)
    assertTool(notoFonts)
    const source = path.join(folder, 'quoted', 'index.md')
    mkdirSync(path.dirname(source), { recursive: true })
    const quotes = 'திராவிட (Dravidian), ශ්‍රී ලංකා, ภาษาไทย, မြန်မာ and हिन्दी'
    writeFileSync(source, `---\ntitle: Quoted\nauthor: A. Writer\nlang: en\n---\n\nThe words ${quotes} are quoted.\n`)
    const article = await parseArticle(source, options)
    const file = path.join(folder, 'quoted.pdf')
    writeFileSync(file, await renderPdf(article, options))
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    expect(text).not.toContain('\u25cc')
    expect(text.replace(/\s+/g, ' ')).toContain(quotes)
    const fontsUsed = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    expect(fontsUsed).toContain('NotoSansTamil')
    expect(fontsUsed).not.toContain('Grantha')
  })
})

describe('Chinese, Japanese and Korean quoted in an English article', () => {
  const serifCjk = fonts('Noto Serif CJK', 'fonts-noto-cjk')
  it.skipIf(poppler.skip || serifCjk.skip)(
    'takes the forms of the text: Chinese in a Chinese font, Japanese (with kana) in a Japanese one, serif beside serif',
    async () => {
      assertTool(poppler)
      assertTool(serifCjk)
      const render = async (name: string, body: string) => {
        const source = path.join(folder, name, 'index.md')
        mkdirSync(path.dirname(source), { recursive: true })
        writeFileSync(source, `---\ntitle: Quoted\nauthor: A. Writer\nlang: en\n---\n\n${body}\n`)
        const file = path.join(folder, `${name}.pdf`)
        writeFileSync(file, await renderPdf(await parseArticle(source, options), options))
        return execFileSync('pdffonts', [file], { encoding: 'utf8' })
      }
      // 直 and 骨 are drawn differently in China and Japan: a Japanese face misdraws them for a Chinese reader.
      const chinese = await render('chinese', 'In Chinese, 直接骨骼 means "direct skeleton".')
      expect(chinese).toMatch(/NotoSerifCJKsc/)
      expect(chinese).not.toMatch(/CJKjp/)
      const japanese = await render('japanese', 'In Japanese, 骨を直す is written with kana.')
      expect(japanese).toMatch(/NotoSerifCJKjp/)
      expect(japanese).not.toMatch(/CJKsc/)
    }
  )
})

describe('a character no installed font has', () => {
  // Scripts neither DejaVu nor Noto CJK covers; the first one fontconfig knows no font for is used.
  const candidates = ['\u{10000}', '\u{1E800}', '\u{16A40}', '\u{1E2C0}', '\u{1B000}']
  const uncovered = candidates.find((char) => {
    const answer = spawnSync('fc-list', [`:charset=${(char.codePointAt(0) ?? 0).toString(16)}`, 'family'], { encoding: 'utf8' })
    return answer.status !== 0 || answer.stdout.trim() === ''
  })

  it.skipIf(!uncovered)('is drawn as U+FFFD with a warning at its place, naming the character and its script', async () => {
    const char = uncovered as string
    const source = path.join(folder, 'missing', 'index.md')
    mkdirSync(path.dirname(source), { recursive: true })
    writeFileSync(source, `---\ntitle: Missing\nauthor: A. Writer\nlang: en\n---\n\nPlain text first.\n\nA sign: ${char} and more.\n`)
    const article = await parseArticle(source, options)
    await renderPdf(article, options)
    const warnings = article.file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph')
    expect(warnings).toHaveLength(1)
    const [warning] = warnings
    const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}`
    expect(warning?.reason).toContain(`${char} ${code}`)
    expect(warning?.reason).toContain(`(${scriptOf(char)} script)`)
    expect([warning?.line, warning?.column]).toEqual([9, 9])
  })
})

describe('CFF subsets with flattened charstrings', () => {
  // Quire's own subsetting of CFF fonts (src/render/pdf/fonts/subset/cff-subset.ts, fonts/fontkit/flatten-cff-subsets.ts) against fontkit's: the same pixels.
  it.skipIf(poppler.skip || cjkFonts.skip)('draw every glyph as fontkit subsets do', async () => {
    assertTool(poppler)
    assertTool(cjkFonts)
    const file = execFileSync('fc-match', ['--format', '%{file}', 'Noto Sans CJK JP:weight=bold'], { encoding: 'utf8' })
    let text = 'あいうえおアイウエオ、。「」한글'
    for (let code = 0x4e00; code < 0x9fff; code += 37) text += String.fromCodePoint(code)
    const pages: Buffer[] = []
    const sizes: number[] = []
    for (const flat of [false, true]) {
      const font = fontkit.create(readFileSync(file), /\.ttc$/.test(file) ? 'NotoSansCJKjp-Bold' : undefined)
      if (flat) flattenCffSubsets(font)
      const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } })
      const chunks: Buffer[] = []
      doc.on('data', (chunk: Buffer) => chunks.push(chunk))
      const done = new Promise((resolve) => doc.on('end', resolve))
      doc.registerFont('cjk', font as never)
      doc.font('cjk').fontSize(9).text(text, 20, 20, { width: 555 })
      doc.end()
      await done
      const pdf = path.join(folder, `flat-${flat}.pdf`)
      writeFileSync(pdf, Buffer.concat(chunks))
      sizes.push(Buffer.concat(chunks).length)
      pages.push(execFileSync('pdftoppm', ['-r', '100', '-gray', '-f', '1', '-l', '1', pdf], { maxBuffer: 64 << 20 }))
    }
    // Flattened, not fontkit's subset after a fallback: no subroutine index, a smaller file.
    expect(sizes[1]).toBeLessThan((sizes[0] as number) * 0.9)
    expect(pages[1]?.length).toBeGreaterThan(100_000)
    expect(pages[1]?.equals(pages[0] as Buffer)).toBe(true)
  })
})
