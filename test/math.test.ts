import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { afterAll, describe, expect, it } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { resolveOptions } from '../src/common/options.js'
import { renderEpub } from '../src/render/epub/index.js'
import { renderHtml } from '../src/render/html/index.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { setMath } from '../src/render/pdf/math/typeset.js'
import { digestEpub } from './helpers/epub-digest.js'
import { digestPdf, openPdf } from './helpers/pdf-digest.js'
import { projectRoot } from './helpers/articles.js'
import { assertTool, launchChromium, tool } from './helpers/tools.js'

// Math as a reader meets it: MathML in the page and the book, formulas set in the PDF's lines and
// centred on their own, each a Formula with its TeX, and text that copies as the formula.

const folder = mkdtempSync(path.join(tmpdir(), 'quire-math-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function build(markdown: string) {
  writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Math\nauthor: A\n---\n\n${markdown}`)
  const options = resolveOptions({ cwd: folder })
  const article = await parseArticle('a.md', options)
  return { article, options }
}

const ARTICLE = [
  'Energy is $E = mc^2$ here, costs \\$5, and GitHub writes $`\\sqrt{2}`$.',
  '',
  '$$',
  '\\int_0^1 x\\,dx = \\frac{1}{2} \\tag{7}',
  '$$',
  '',
  '```math',
  '\\alpha + \\beta',
  '```',
  '',
  '$$\\frac{a}{b}$$',
  ''
].join('\n')

interface StructNode {
  role?: string
  alt?: string
  children?: StructNode[]
}

describe('math in HTML and EPUB', async () => {
  const { article, options } = await build(ARTICLE)
  const html = renderHtml(article, options).toString('utf8')

  it('writes inline math as MathML in the line, with its TeX as alttext, and keeps a \\$ as text', () => {
    expect(html).toContain(
      '<p>Energy is <math alttext="E = mc^2"><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> here'
    )
    expect(html).toContain('costs $5,')
    expect(html).toContain('<math alttext="\\sqrt{2}"><msqrt><mn>2</mn></msqrt></math>')
  })

  it('sets $$…$$, ```math and a lone $$…$$ paragraph apart as display math, a \\tag at the side', () => {
    const displays = html.match(/<div class="math-display"><math display="block"/g) ?? []
    expect(displays).toHaveLength(3)
    expect(html).toContain('alttext="\\int_0^1 x\\,dx = \\frac{1}{2}"')
    expect(html).toContain('<span class="math-tag">(7)</span></div>')
    expect(html).not.toContain('language-math')
  })

  it('writes \\mathbf, \\mathbb, \\mathcal and \\mathfrak letters as their mathematical characters, which Chromium draws', async () => {
    const { article: styled, options: styledOptions } = await build(
      '$\\mathbf{E} + \\mathbb{R} + \\mathcal{L} + \\mathfrak{g} + \\mathbf{2} + \\boldsymbol{\\alpha}$'
    )
    const page = renderHtml(styled, styledOptions).toString('utf8')
    expect(page).toContain('<mi>\u{1D404}</mi>')
    expect(page).toContain('<mi>\u211D</mi>')
    expect(page).toContain('<mi>\u2112</mi>')
    expect(page).toContain('<mi>\u{1D524}</mi>')
    expect(page).toContain('<mn>\u{1D7D0}</mn>')
    // Greek has no place in these tables: it keeps its mathvariant.
    expect(page).toMatch(/<mi mathvariant="bold-italic">α<\/mi>/)
    expect(page).not.toMatch(/mathvariant="(bold|double-struck|script|fraktur)"/)
  })

  it('declares MathML in the EPUB package and its accessibility metadata, only when the chapter has some', async () => {
    const book = await digestEpub(await renderEpub(article, options))
    const opf = book.texts['EPUB/package.opf'] as string
    expect(opf).toContain('href="article.xhtml" media-type="application/xhtml+xml" properties="mathml"')
    expect(opf).toContain('<meta property="schema:accessibilityFeature">MathML</meta>')
    expect(book.texts['EPUB/article.xhtml']).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="E = mc^2">')
    const plain = await build('No formulas, only $5 and $6.\n')
    const plainOpf = (await digestEpub(await renderEpub(plain.article, plain.options))).texts['EPUB/package.opf'] as string
    expect(plainOpf).not.toContain('mathml')
    expect(plainOpf).not.toContain('MathML')
  })
})

describe('math in the PDF', async () => {
  const long = Array.from({ length: 40 }, (_, index) => `x_{${index + 1}}`).join(' + ')
  const { article, options } = await build(`${ARTICLE}\nA long sum $S = ${long}$ must break.\n`)
  const pdf = await renderPdf(article, options)
  const document = await openPdf(pdf)
  const page = await document.getPage(1)
  const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
  const tree = (await page.getStructTree()) as StructNode
  const formulas: StructNode[] = []
  const walk = (node: StructNode) => {
    if (node.role === 'Formula') formulas.push(node)
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree)
  const at = (text: string) => {
    const item = items.find((candidate) => candidate.str.includes(text))
    if (!item) throw new Error(`no text ${text} in ${items.map((candidate) => candidate.str).join('|')}`)
    return { x: item.transform[4] as number, y: item.transform[5] as number, right: (item.transform[4] as number) + item.width }
  }
  const [left, , right] = [72, 0, (page.view[2] as number) - 72]

  it('tags every formula as a Formula whose alternative text is its TeX', () => {
    expect(formulas.map((formula) => formula.alt)).toEqual([
      'E = mc^2',
      '\\sqrt{2}',
      '\\int_0^1 x\\,dx = \\frac{1}{2}',
      '\\alpha + \\beta',
      '\\frac{a}{b}',
      `S = ${long}`
    ])
  })

  it('gives the formulas back as text, in reading order, on the line they sit on', () => {
    const text = items.map((item) => item.str).join('')
    expect(text).toContain('E=mc^2')
    expect(text).toContain('√2')
    expect(text).toContain('α+β')
    expect(text).toContain('a/b')
    expect(items.find((item) => item.str === 'E')?.transform[5]).toBeCloseTo(at('Energy is').y, 1)
    expect(at('mc^2').y).toBeCloseTo(at('Energy is').y, 1)
  })

  it('centres display math in the column and sets its \\tag number at the right margin', () => {
    const formula = at('α+β')
    const column = items.find((item) => item.str.includes('Energy'))!.transform[4] as number
    const columnRight = Math.max(...items.map((item) => (item.transform[4] as number) + item.width))
    expect(column).toBeGreaterThanOrEqual(left - 30)
    expect((formula.x + formula.right) / 2).toBeCloseTo((column + columnRight) / 2, 0)
    expect(at('(7)').right).toBeCloseTo(columnRight, 0)
    expect(at('(7)').y).toBeCloseTo(at('x dx').y, 0)
  })

  it('breaks a long inline formula after an operator, inside the margins', () => {
    const pieces = items.filter((item) => /x_\(?\d|^\s*[+=]\s*$/.test(item.str))
    const lines = [...new Set(pieces.map((item) => Math.round(item.transform[5] as number)))]
    expect(lines.length).toBeGreaterThan(1)
    for (const piece of pieces) expect((piece.transform[4] as number) + piece.width).toBeLessThanOrEqual(right + 30)
    // Every line but the formula's last ends with its operator.
    const ends = lines.map((y) =>
      pieces
        .filter((item) => Math.round(item.transform[5] as number) === y)
        .at(-1)!
        .str.trim()
    )
    expect(ends.slice(0, -1).every((end) => /[+=]$/.test(end))).toBe(true)
    expect(ends.at(-1)).toMatch(/x_\(?40/)
  })

  it('is the same bytes when another process builds it again', () => {
    // Formulas are kept per process: two processes, each with its own MathJax, must agree.
    const cli = path.join(projectRoot, 'dist/bundle/quire.js')
    writeFileSync(path.join(folder, 'b.md'), `---\ntitle: Math\nauthor: A\n---\n\n${ARTICLE}\nA long sum $S = ${long}$ must break.\n`)
    const built = ['one', 'two'].map((out) => {
      execFileSync(process.execPath, [cli, 'build', 'b.md', '--out', out, '--format', 'pdf', '--no-cache'], { cwd: folder, stdio: 'pipe' })
      return readFileSync(path.join(folder, out, 'b.pdf'))
    })
    expect(Buffer.compare(built[0] as Buffer, built[1] as Buffer)).toBe(0)
  })
})

describe("formulas in the PDF's lines", async () => {
  // Each paragraph and heading a word longer before its formulas, so they pass every place in the line.
  const words = (n: number) => 'Word '.repeat(n)
  const short = 'then $a + b = c + d$ and H$_2$O and the $n$th term'
  const paragraphs = Array.from({ length: 30 }, (_, n) => `${words(n)}${short} sit in running text and go on for a while.`)
  const headings = Array.from({ length: 30 }, (_, n) => `## ${words(n % 10)}${'q'.repeat(1 + Math.floor(n / 10) * 7)} ${short}`)
  const expansion =
    'The expansion $(x_1 + x_2 + x_3 + x_4 + x_5 + x_6)^2 = x_1^2 + x_2^2 + x_3^2 + x_4^2 + x_5^2 + x_6^2 + 2x_1x_2 + 2x_1x_3 + 2x_1x_4 + 2x_1x_5 + 2x_1x_6 + 2x_2x_3 + 2x_2x_4$ must break at its operators.'
  // A heading (set ragged) with a formula long enough to break, but that fits on a line of its own.
  const medium = Array.from({ length: 12 }, (_, n) => `## ${words(n)}with $S = x_1 + x_2 + x_3 + x_4 + x_5 + x_6 + x_7$`)
  const { article, options } = await build([expansion, ...paragraphs, ...headings, ...medium].join('\n\n'))
  const pdf = await renderPdf(article, options)
  const document = await openPdf(pdf)
  const pages: { str: string; x: number; y: number; right: number; size: number }[][] = []
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(
      content.items
        .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
        .map((item) => ({
          str: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          right: (item.transform[4] as number) + item.width,
          size: item.transform[0] as number
        }))
    )
  }
  // The text of each line, as a reader sees it: a line break between lines, spaces dropped.
  const lines = pages.flatMap((items) => {
    const rows = new Map<number, string>()
    for (const item of items) rows.set(Math.round(item.y), (rows.get(Math.round(item.y)) ?? '') + item.str.replace(/\s+/g, ''))
    return [...rows.values()]
  })
  const text = lines.join('\n')

  it('keeps a short formula whole, and never breaks between a formula and the letters it touches', () => {
    const count = (what: string) => text.split(what).length - 1
    const split = lines.filter((line) => /(a\+b?=?c?\+?|H|then|and)$/.test(line) && !/(then|and)$/.test(line.replace(/a\+b=c\+d/g, '')))
    expect(split).toEqual([])
    expect(count('a+b=c+d')).toBe(60)
    expect(count('H_2O')).toBe(60)
    expect(count('nth')).toBe(60)
  })

  it('moves a long formula whole to the next line of a ragged heading when it fits there', () => {
    expect(text.split('S=x_1+x_2+x_3+x_4+x_5+x_6+x_7').length - 1).toBe(12)
  })

  it('spaces a justified line holding a long formula evenly: its gaps widen, not only the spaces between words', () => {
    const items = pages[0]!
    const word = items.find((item) => item.str.trimEnd().endsWith('expansion'))!
    const formula = items.find((item) => item.str.startsWith('(x_1'))!
    expect(formula.y).toBeCloseTo(word.y, 1)
    // A word space, stretched a little: far from the two ems each it took when only the spaces widened.
    expect(formula.x - word.right).toBeLessThan(0.6 * word.size)
  })
})

describe("the PDF's text layer", async () => {
  const { article, options } = await build(
    [
      'Accents $\\hat{x}$, $\\tilde{n}$ and $\\bar{z}$, a determinant $\\det A$ and a sine $\\sin x$.',
      '',
      'A variable $y$ alone.',
      '',
      '$$',
      '\\sum_{k=1}^{n} k^2 = \\int_0^1 f(x)\\,dx',
      '$$',
      '',
      '$$',
      '\\begin{aligned}',
      '(a + b)^2 &= a^2 + 2ab + b^2 \\\\',
      '(a - b)^2 &= a^2 - 2ab + b^2',
      '\\end{aligned}',
      '$$',
      '',
      '$$',
      'A = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}',
      '$$',
      ''
    ].join('\n')
  )
  const pdf = await renderPdf(article, options)
  const text = (await digestPdf(pdf)).pageList.map((page) => page.text).join('\n')

  it("sizes a formula so that its x-height is the text's, as MathJax does in a browser", async () => {
    const items = (await (await (await openPdf(pdf)).getPage(1)).getTextContent()).items.filter(
      (item): item is TextItem => 'str' in item && item.str === 'y'
    )
    // The text is DejaVu Serif at 10.5 pt, whose x is 1063/2048 em high; MathJax's TeX fonts have an x-height of 0.442 em.
    const size = (10.5 * 1063) / 2048 / 0.442
    expect(items).toHaveLength(1)
    expect(items[0]!.width).toBeCloseTo(setMath('y', false)!.width * size, 1)
  })

  it('gives accents as combining marks, spaces after function names and big operators, and aligned equations whole', () => {
    for (const accented of ['x\u0302', 'n\u0303', 'z\u0304']) expect(text).toContain(accented)
    expect(text).toContain('a determinant det A and a sine sin x.')
    // Not `^nk^2`, which reads as an exponent nk.
    expect(text).toContain('∑_(k=1)^n k^2=∫_0^1 f(x) dx')
    // The aligned columns read as one equation, not `(a+b)^2, =a^2…`.
    expect(text).toContain('(a+b)^2=a^2+2ab+b^2; (a−b)^2=a^2−2ab+b^2')
    // A matrix keeps its cells apart.
    expect(text).toContain('A=(a, b; c, d)')
  })
})

describe('display math at a page break in the PDF', () => {
  it('never leaves the line that introduces a display formula at a page foot without it', async () => {
    // One short paragraph more each time, so the introducing line and the formula pass the page's foot.
    const parted: string[] = []
    for (let count = 40; count < 62; count += 1) {
      const { article, options } = await build(
        [
          ...Array.from({ length: count }, () => 'Lorem ipsum dolor sit amet.'),
          'The roots of $ax^2 + bx + c = 0$ are',
          '',
          '$$',
          'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}',
          '$$',
          '',
          'and that is all.'
        ].join('\n\n')
      )
      const pages = (await digestPdf(await renderPdf(article, options))).pageList.map((page) => page.text)
      const intro = pages.findIndex((text) => text.includes('are\n'))
      const formula = pages.findIndex((text) => text.includes('x=(−b±'))
      if (intro !== formula)
        parted.push(`${count} paragraphs: the introducing line on page ${intro + 1}, the formula on page ${formula + 1}`)
    }
    expect(parted).toEqual([])
  }, 120_000)
})

const chromium = tool('chromium', 'chromium')

describe.skipIf(chromium.skip)('math in the HTML page, as Chromium draws it', () => {
  it('centres a numbered formula in the column, its number at the right, and aligns the rows of aligned equations at =', async () => {
    assertTool(chromium)
    const { article, options } = await build(
      [
        'Some text.',
        '',
        '$$',
        'a = b \\tag{2.1}',
        '$$',
        '',
        '$$',
        '\\begin{aligned}',
        'f(x) &= x^2 + 2x + 1 \\\\',
        '&= (x + 1)^2',
        '\\end{aligned}',
        '$$',
        ''
      ].join('\n')
    )
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } })
      await page.setContent(renderHtml(article, options).toString('utf8'))
      const seen = await page.evaluate(() => {
        const box = (element: Element | null | undefined) => element!.getBoundingClientRect()
        const [tagged, aligned] = [...document.querySelectorAll('.math-display')]
        const column = box(tagged)
        const formula = box(tagged!.querySelector('mi'))
        const formulaRight = box(tagged!.querySelector('mi:last-of-type'))
        const equals = [...aligned!.querySelectorAll('mtr')].map(
          (row) => box([...row.querySelectorAll('mo')].find((mo) => mo.textContent === '=')).left
        )
        return {
          offCentre: (formula.left + formulaRight.right) / 2 - (column.left + column.right) / 2,
          numberToRight: column.right - box(tagged!.querySelector('.math-tag')).right,
          equals
        }
      })
      expect(Math.abs(seen.offCentre)).toBeLessThan(2)
      expect(Math.abs(seen.numberToRight)).toBeLessThan(1)
      expect(seen.equals).toHaveLength(2)
      expect(Math.abs(seen.equals[0]! - seen.equals[1]!)).toBeLessThan(1)
    } finally {
      await browser.close()
    }
  }, 60_000)

  it('wraps a long formula in a line inside the column, after its operators, and keeps a short one whole', async () => {
    assertTool(chromium)
    const long = Array.from({ length: 40 }, (_, index) => `x_{${index + 1}}`).join(' + ')
    const { article, options } = await build(`Energy is $E = mc^2$ here, and a long sum $S = ${long}$ must wrap.\n`)
    const browser = await launchChromium()
    try {
      // A phone's width: the page must not scroll sideways, nor a reading system cut the formula off.
      const page = await browser.newPage({ viewport: { width: 400, height: 900 } })
      await page.setContent(renderHtml(article, options).toString('utf8'))
      const seen = await page.evaluate(() => {
        const [short, sum] = [...document.querySelectorAll('.article-body math')]
        const column = document.querySelector('.article-body p')!.getBoundingClientRect()
        const rows = new Set(
          [...sum!.querySelectorAll('mo')].filter((mo) => mo.textContent === '+').map((mo) => Math.round(mo.getBoundingClientRect().bottom))
        )
        // Each row of the sum ends with its +: the last + of a row is the last thing drawn in it.
        const ends = [...sum!.children].map((row) => row.lastElementChild?.textContent)
        return {
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          sumRight: sum!.getBoundingClientRect().right - column.right,
          rows: rows.size,
          ends: ends.slice(0, -1).every((end) => end === '+' || end === '='),
          shortWraps: short!.classList.contains('math-long')
        }
      })
      expect(seen.overflow).toBe(0)
      expect(seen.sumRight).toBeLessThanOrEqual(0.5)
      expect(seen.rows).toBeGreaterThan(1)
      expect(seen.ends).toBe(true)
      expect(seen.shortWraps).toBe(false)
    } finally {
      await browser.close()
    }
  }, 60_000)
})
