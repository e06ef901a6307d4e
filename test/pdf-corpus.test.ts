import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { afterAll, describe, expect, it } from 'vitest'
import { hasFatal } from '../src/article/article.js'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { loadTheme } from '../src/render/pdf/theme.js'
import { projectRoot, snapshotArticles } from './helpers/articles.js'
import { checkPdf, offPageWords, overlappingWords, pageFrame, summarise, wordsKept, type CorpusResult } from './helpers/pdf-corpus.js'
import { emptyHeadingsAtPageFoot, headingsAtPageFoot, readingSequences } from './helpers/pdf-digest.js'
import { copyReadmes } from './helpers/readmes.js'
import { assertTool, tool } from './helpers/tools.js'

// Measured quality over real Markdown: the fixtures, the articles and the READMEs of the installed
// packages (pinned by package-lock.json): every QUIRE_PDF_CORPUS_STEP-th of them in name order, 10 by
// default (~40 files); `npm run pdf-corpus` checks all of them and prints the same figures.

const step = Math.max(1, Number(process.env.QUIRE_PDF_CORPUS_STEP) || 10)
const tools = [
  tool('pdftotext', 'poppler-utils'),
  tool('pdffonts', 'poppler-utils'),
  tool('pdfinfo', 'poppler-utils'),
  tool('qpdf', 'qpdf')
]
const out = path.join(tmpdir(), `quire-pdf-corpus-${process.pid}`)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe.skipIf(tools.some((check) => check.skip))('PDF corpus: fixtures, articles and README.md files from node_modules', () => {
  it(
    'is valid, embeds its fonts, is tagged, keeps words inside the margins and apart, leaves no heading at a page foot, and reads in order',
    { timeout: 1_800_000 },
    async () => {
      for (const check of tools) assertTool(check)
      const readmes = path.join(out, 'readmes')
      const names = copyReadmes(readmes, step)
      const inputs = [
        ...snapshotArticles().map((file) => ({ name: file, file, cwd: projectRoot, author: undefined })),
        ...names.map((name) => ({
          name: `node_modules/${name}/README.md`,
          file: `${name.replace('/', '__')}.md`,
          cwd: readmes,
          author: 'README author'
        }))
      ]
      const theme = loadTheme(resolveOptions({ cwd: projectRoot }).templates)
      const results: CorpusResult[] = []
      const excluded: { name: string; reason: string }[] = []
      mkdirSync(path.join(out, 'pdf'), { recursive: true })
      for (const input of inputs) {
        const options = resolveOptions({ cwd: input.cwd, author: input.author })
        const article = await parseArticle(input.file, options)
        // A README Quire refuses (over a size limit, say) has no PDF to check: it is listed, not failed.
        if (hasFatal(article)) {
          excluded.push({
            name: input.name,
            reason: article.file.messages
              .filter((message) => message.fatal)
              .map((message) => message.reason)
              .join('; ')
          })
          continue
        }
        const target = path.join(out, 'pdf', `${results.length}.pdf`)
        const pdf = await renderPdf(article, options)
        writeFileSync(target, pdf)
        results.push({
          ...checkPdf(input.name, target, readingSequences(article.tree), pageFrame(theme, article.meta.pageSize ?? options.pageSize)),
          strandedHeadings: await headingsAtPageFoot(pdf)
        })
      }
      console.log(summarise(results, excluded))

      expect(results.length).toBeGreaterThan(snapshotArticles().length + 30 / step)
      expect(results.filter((result) => result.qpdf).map((result) => `${result.name}: ${result.qpdf}`)).toEqual([])
      expect(results.flatMap((result) => result.unembedded.map((font) => `${result.name}: ${font}`))).toEqual([])
      expect(results.filter((result) => !result.tagged).map((result) => result.name)).toEqual([])
      expect(results.flatMap((result) => result.offPage.map((word) => `${result.name}: ${word}`))).toEqual([])
      expect(results.flatMap((result) => result.overlaps.map((pair) => `${result.name}: ${pair}`))).toEqual([])
      expect(results.flatMap((result) => result.strandedHeadings.map((heading) => `${result.name}: ${heading}`))).toEqual([])
      // In the order drawn (which is the tagged reading order): the bar, on average and per file.
      const mean = results.reduce((sum, result) => sum + result.fidelity, 0) / results.length
      expect(mean).toBeGreaterThanOrEqual(0.995)
      const low = results
        .filter((result) => result.fidelity < 0.98)
        .map((result) => `${result.name} ${(result.fidelity * 100).toFixed(2)}%: ${result.missing.slice(0, 15).join(' ')}`)
      expect(low).toEqual([])
      // In the order pdftotext rebuilds from positions: it reads aligned columns in code (a help text)
      // and a cell spanning rows as blocks of their own, so only the average is held, as a regression bar.
      const meanLayout = results.reduce((sum, result) => sum + result.fidelityLayout, 0) / results.length
      expect(meanLayout).toBeGreaterThanOrEqual(0.99)
    }
  )
})

describe('PDF corpus checks themselves', () => {
  const frame = { left: 72, right: 72, top: 68, bottom: 68, headerBaseline: 38, headerSize: 8, footerOffset: 34, footerSize: 8 }
  const page = (words: [string, number, number, number, number][]) => [
    { width: 595, height: 842, words: words.map(([text, x0, y0, x1, y1]) => ({ text, x0, y0, x1, y1 })) }
  ]

  it('finds a heading that ends a page, not one followed by text or only by the running footer, and tells one with an empty section apart', async () => {
    // Two pages each ending in a heading, the first under its footer artifact; the last page's heading does not count.
    const doc = new PDFDocument({ tagged: true, compress: false, font: 'Helvetica' })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    const ended = new Promise((resolve) => doc.on('end', resolve))
    const mark = (tag: string, text: string) => {
      doc.markContent(tag)
      doc.text(text)
      doc.endMarkedContent()
    }
    mark('P', 'Body')
    mark('H2', 'Stranded')
    mark('Artifact', 'Page 1 of 4')
    doc.addPage()
    mark('P', 'Its text')
    mark('H2', 'Kept')
    mark('P', 'Its own text')
    mark('H3', 'Empty')
    doc.addPage()
    // A heading of the same level first on the next page: the one before it has an empty section.
    mark('H3', 'Next')
    mark('P', 'Next text')
    doc.addPage()
    mark('H1', 'Last page heading')
    doc.end()
    await ended
    expect(await headingsAtPageFoot(Buffer.concat(chunks))).toEqual(['page 1: Stranded'])
    expect(await emptyHeadingsAtPageFoot(Buffer.concat(chunks))).toEqual(['page 2: Empty'])
  })

  it('flags a word in a side margin or in the top margin away from the running header, not the header or footer', () => {
    expect(
      offPageWords(
        page([
          ['in', 72, 100, 90, 110],
          ['header', 200, 31, 240, 40],
          ['footer', 200, 801, 240, 810]
        ]),
        frame
      )
    ).toEqual([])
    expect(
      offPageWords(
        page([
          ['left', 60, 100, 90, 110],
          ['right', 500, 100, 530, 110],
          ['high', 100, 50, 120, 60],
          ['low', 100, 780, 120, 790]
        ]),
        frame
      )
    ).toHaveLength(4)
  })

  it('lets a tall font box reach into the top margin when its ink does not, and only then', () => {
    // A fallback glyph boxed from 64 to 100: the 4 points above the margin are blank in one PDF, inked in the other.
    const tall = page([
      ['🛣', 72, 64, 100, 100],
      ['left', 60, 100, 90, 110]
    ])
    const probed: number[][] = []
    const blank = (_page: number, box: { y0: number; y1: number }) => (probed.push([box.y0, box.y1]), false)
    expect(offPageWords(tall, frame, 1, blank)).toEqual(['p1 "left" (60.0,100.0)-(90.0,110.0)'])
    expect(probed).toEqual([[64, 67]])
    expect(offPageWords(tall, frame, 1, () => true)).toHaveLength(2)
  })

  it('flags words drawn over each other, not neighbours', () => {
    expect(
      overlappingWords(
        page([
          ['a', 100, 100, 120, 110],
          ['b', 120, 100, 140, 110],
          ['c', 100, 111, 120, 121]
        ])
      )
    ).toEqual([])
    expect(
      overlappingWords(
        page([
          ['a', 100, 100, 120, 110],
          ['b', 110, 102, 140, 112]
        ])
      )
    ).toHaveLength(1)
    // A combining mark pdftotext reads as a word of its own, over the letter it belongs to.
    expect(
      overlappingWords(
        page([
          ["m.test('cafe", 79, 204.9, 141.1, 214.9],
          ["\u0301')", 136, 204.9, 151.5, 214.9]
        ])
      )
    ).toEqual([])
    // An emoji from a fallback font, boxed 14.6 points tall in a code block of 11.6-point lines, over the next line's box.
    expect(
      overlappingWords(
        page([
          ['👉', 104.9, 306.8, 115.4, 321.4],
          ['If', 104.9, 319.6, 112.6, 329.6]
        ])
      )
    ).toEqual([])
    // Half a line lower over another word is still over it.
    expect(
      overlappingWords(
        page([
          ['a', 100, 100, 120, 110],
          ['b', 100, 105, 120, 115]
        ])
      )
    ).toHaveLength(1)
  })

  it('counts words in order as a common subsequence: a moved block costs only its own words', () => {
    const source = ['one', 'two', 'three', 'four', 'five', 'six']
    expect(wordsKept([source], 'one two five six\nthree four').found).toBe(4)
    expect(wordsKept([['amateur', 'naturalist']], 'ama-\nteur naturalist').found).toBe(2)
  })
})
