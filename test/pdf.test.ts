import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { loadTheme } from '../src/render/pdf/theme.js'
import { projectRoot, snapshotArticles } from './helpers/articles.js'
import { digestPdf, readingSequences, sequencesInOrder, STANDARD_FONTS, xmpOf } from './helpers/pdf-digest.js'

const options = resolveOptions({ cwd: projectRoot })
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** Parse and render one article written to a scratch folder (removed afterwards). */
async function renderScratch(name: string, markdown: string): Promise<{ article: Awaited<ReturnType<typeof parseArticle>>; pdf: Buffer }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-pdf-'))
  try {
    writeFileSync(path.join(folder, name), markdown)
    const local = resolveOptions({ cwd: folder })
    const article = await parseArticle(name, local)
    return { article, pdf: await renderPdf(article, local) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
const first = snapshotArticles()[0] as string
// Rendered before anything else: fonts, layouts and hyphenation are cached per process, and a cold
// render must give the same bytes as a warm one.
const coldHash = sha(await renderPdf(await parseArticle(first, options), options))

describe.each(snapshotArticles())('%s as PDF', async (file) => {
  const article = await parseArticle(file, options)
  const pdf = await renderPdf(article, options)
  const digest = await digestPdf(pdf)

  it('reads as reviewed: text per page, links, outline, fonts, structure', () => {
    expect(digest).toMatchSnapshot()
  })

  it('embeds every font it uses, and none of the 14 standard fonts', () => {
    expect(digest.fonts.length).toBeGreaterThan(0)
    for (const font of digest.fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(STANDARD_FONTS.has(font.name), font.name).toBe(false)
    }
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/)
  })

  it('never writes a fragment link as a URI action (pdfkit would: it is broken in readers)', () => {
    expect(pdf.toString('latin1')).not.toMatch(/\/URI \(#/)
    for (const page of digest.pageList) for (const link of page.links) expect(link).not.toMatch(/^\(other/)
  })

  it('has a named destination for every internal link, and one for every heading', () => {
    for (const page of digest.pageList)
      for (const link of page.links) if (link.startsWith('#')) expect(digest.destinations).toContain(link.slice(1))
    for (const heading of article.headings) expect(digest.destinations).toContain(heading.id)
  })

  it('keeps all text inside the side margins', () => {
    const theme = loadTheme(options.templates)
    const size = (article.meta.pageSize ?? options.pageSize).toLowerCase()
    const left = theme.num([`page_${size}`, 'page'], 'margin_left')
    const right = theme.num([`page_${size}`, 'page'], 'margin_right')
    digest.pageList.forEach((page, index) => {
      if (!page.ink) return
      expect(page.ink.left, `page ${index + 1}`).toBeGreaterThanOrEqual(left - 0.5)
      expect(page.ink.right, `page ${index + 1}`).toBeLessThanOrEqual(page.size[0] - right + 0.5)
    })
  })

  it('keeps every word of the article, in order', () => {
    const text = digest.pageList.map((page) => page.text).join('\n')
    const { found, total, missing } = sequencesInOrder(readingSequences(article.tree), text)
    expect(found / Math.max(1, total), `missing: ${missing.slice(0, 20).join(' ')}`).toBeGreaterThanOrEqual(0.99)
  })

  it('nests its content as tagged PDF requires: text objects, marked content, no drawing inside text', () => {
    expect(digest.contentProblems).toEqual([])
  })

  it('is tagged, states its language and carries the metadata', () => {
    expect(digest.tagged).toBe(true)
    expect(digest.lang).toBe(article.meta.lang)
    expect(digest.info.Title).toBe(article.meta.title)
    expect(digest.info.Creator).toBe('Quire')
    expect(digest.info.Producer).toBe('Quire')
    expect(digest.roles.Document).toBe(digest.pages)
  })
})

describe('PDF reproducibility', () => {
  const file = first

  it('writes the same bytes twice, cold and warm', async () => {
    const again = await renderPdf(await parseArticle(file, options), options)
    expect(sha(again)).toBe(coldHash)
  })

  it('writes the same bytes in any time zone', async () => {
    const saved = process.env.TZ
    const hashes: string[] = []
    const hours: number[] = []
    try {
      for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        // Node re-reads TZ when it is assigned: the check on getHours proves the switch took effect.
        process.env.TZ = zone
        hours.push(new Date(0).getHours())
        hashes.push(sha(await renderPdf(await parseArticle(file, options), options)))
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
    expect(new Set(hours).size).toBe(3)
    expect(new Set([...hashes, coldHash]).size).toBe(1)
  })
})

describe('PDF table spans', () => {
  it('draws spanning cells across their columns and rows, tagged with ColSpan and RowSpan', async () => {
    const article = await parseArticle('test/fixtures/table-spans/index.md', options)
    const pdf = (await renderPdf(article, options)).toString('latin1')
    expect(pdf.match(/\/ColSpan 2/g)?.length).toBe(1)
    expect(pdf.match(/\/ColSpan 3/g)?.length).toBe(2)
    expect(pdf.match(/\/RowSpan 2/g)?.length).toBe(3)
  })
})

describe('PDF wide content', async () => {
  const source = readFileSync('test/fixtures/wide/index.md', 'utf8')
  const pdf = await renderPdf(await parseArticle('test/fixtures/wide/index.md', options), options)
  const squeeze = (line: string) => line.replace(/\s+/g, ' ').trim()
  // The lines a reader sees, spaces collapsed as text extraction does.
  const lines = (await digestPdf(pdf)).pageList.flatMap((page) => page.text.split('\n').map(squeeze))
  // The size each piece of text is drawn at, by its first characters.
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise
  const sizes: { text: string; size: number }[] = []
  for (let number = 1; number <= document.numPages; number += 1)
    for (const item of (await (await document.getPage(number)).getTextContent()).items as TextItem[])
      sizes.push({ text: item.str, size: Math.round(Math.abs(item.transform[3] as number) * 100) / 100 })
  await document.destroy()
  const sizeOf = (start: string) => sizes.find((item) => item.text.startsWith(start))?.size
  const theme = loadTheme(options.templates)
  // A code block's lines, from the one that starts with `start`.
  const block = (start: string) => {
    const from = source.indexOf(`\n${start}`) + 1
    return source.slice(from, source.indexOf('\n```', from)).split('\n').map(squeeze)
  }

  it('sets a code block smaller rather than wrap it when its longest line fits so', () => {
    for (const line of block('fast-json-stringify')) expect(lines).toContain(line)
  })

  it('never wraps a drawing in box-drawing characters that fits at its least size', () => {
    for (const line of block('┌')) expect(lines).toContain(line)
    // Nor one in a comment, among lines of code.
    for (const line of block('const calls').filter((line) => line.startsWith('// '))) expect(lines).toContain(line)
  })

  it('sets each block at one size, smaller only when that makes its longest line fit', () => {
    const size = theme.num('code', 'font_size')
    expect(sizeOf('fast-json-stringify')).toBeLessThan(size)
    expect(sizeOf('fast-json-stringify')).toBeGreaterThanOrEqual(theme.num('code', 'min_font_size'))
    expect(sizeOf('┌')).toBeLessThan(theme.num('code', 'min_font_size'))
    expect(sizeOf('┌')).toBeGreaterThanOrEqual(theme.num('code', 'drawing_min_font_size'))
    // Too long for the least size: the theme's size, wrapped, as the blocks around it.
    expect(sizeOf('serialize(object)')).toBe(size)
    expect(lines).not.toContain(block('serialize(object)')[0])
  })
  it('sets a table of many columns smaller, scaled past its least size, rather than break its words', () => {
    const head = lines.find((line) => line.includes('IE9+')) ?? ''
    for (const word of ['Number', 'String', 'RegExp', 'Object', 'ArrayBuffer', 'TypedArray', 'DataView']) expect(head).toContain(word)
    expect(sizeOf('ArrayBuffer')).toBeLessThan(theme.num('table', 'min_font_size'))
    expect(sizeOf('ArrayBuffer')).toBeGreaterThanOrEqual(theme.num('table', 'overflow_min_font_size'))
  })

  it('keeps names whole in their column and wraps the prose beside them, at the size of tables', () => {
    for (const name of ['padding-around-after-all-blocks', 'no-unneeded-async-expect-function', 'prefer-importing-jest-globals'])
      expect(lines.some((line) => line.startsWith(name))).toBe(true)
    expect(sizeOf('padding-around-after-all-blocks')).toBe(theme.num('table', 'font_size'))
  })

  it('keeps a short Japanese label whole in its column beside a long description', async () => {
    const markdown = `---\ntitle: 表\nlang: ja\n---\n\n| 名前 | 説明 |\n| --- | --- |\n| 東京都 | ${'日本の首都であり、世界最大の都市圏の一つである。'.repeat(3)} |\n`
    const { pdf } = await renderScratch('table.md', markdown)
    const text = (await digestPdf(pdf)).pageList.map((page) => page.text).join('\n')
    expect(text).toMatch(/^名前 /m)
    expect(text).toMatch(/^東京都 /m)
  })
})

describe('PDF footnotes', () => {
  it('sets each note at the foot of the page that references it, linked both ways, tagged Note', async () => {
    // Forty paragraphs with notes of every length, so that references fall near page feet.
    const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ')
    const word = (index: number) => words[(index * 7 + 3) % words.length] as string
    const body: string[] = []
    const notes: string[] = []
    for (let paragraph = 0; paragraph < 40; paragraph += 1) {
      const text = Array.from({ length: 60 + (paragraph % 5) * 20 }, (_, index) => word(paragraph * 31 + index))
      if (paragraph % 2 === 0) {
        text[(paragraph * 13) % text.length] += `[^n${paragraph}]`
        notes.push(
          `[^n${paragraph}]: Note ${paragraph}: ${Array.from({ length: 5 + ((paragraph * 17) % 70) }, (_, index) => word(index + paragraph)).join(' ')}`
        )
      }
      body.push(text.join(' '))
    }
    const { pdf } = await renderScratch(
      'notes.md',
      `---\ntitle: Notes\nauthor: Ada Example\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n')}\n`
    )
    const digest = await digestPdf(pdf)
    expect(digest.pages).toBeGreaterThan(4)
    expect(digest.roles.Note).toBe(20)
    for (const [index, page] of digest.pageList.entries()) {
      const references = page.links.filter((link) => /^#fn-n\d+$/.test(link)).map((link) => link.slice(4))
      const backs = page.links.filter((link) => /^#fnref-n\d+$/.test(link)).map((link) => link.slice(7))
      expect(backs, `page ${index + 1}`).toEqual(references)
      // The note's text comes after the page's body text.
      for (const name of references)
        expect(page.text.lastIndexOf(`Note ${name.slice(1)}:`), `page ${index + 1}`).toBeGreaterThan(page.text.length / 3)
    }
    for (let note = 0; note < 40; note += 2) expect(digest.destinations).toEqual(expect.arrayContaining([`fn-n${note}`, `fnref-n${note}`]))
  })
})

describe('PDF headings', () => {
  it('keeps a heading with the heading under it and the start of what follows, wherever the page ends', async () => {
    // Paragraphs of every length push each heading pair to a different place on its page.
    const filler = 'sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam'.split(' ')
    const sections = Array.from({ length: 80 }, (_, index) => {
      const words = Array.from({ length: 20 + ((index * 37) % 90) }, (_, word) => filler[(word + index) % filler.length]).join(' ')
      return `${words}\n\n### Section ${index}\n\n#### Part ${index}\n\n\`\`\`\nsnippet${index}()\n\`\`\`\n`
    })
    const { pdf } = await renderScratch('headings.md', `---\ntitle: Headings\n---\n\n${sections.join('\n')}`)
    const digest = await digestPdf(pdf)
    expect(digest.pages).toBeGreaterThan(4)
    for (let index = 0; index < 80; index += 1) {
      const page = digest.pageList.findIndex((candidate) => candidate.text.includes(`Section ${index}\n`))
      expect(page, `Section ${index}`).toBeGreaterThanOrEqual(0)
      expect(digest.pageList[page]?.text, `Section ${index}`).toContain(`Part ${index}\n`)
      expect(digest.pageList[page]?.text, `Section ${index}`).toContain(`snippet${index}()`)
    }
  })

  it('starts a long code block or table under its heading rather than leaving the rest of the page empty', async () => {
    const filler = Array.from({ length: 180 }, (_, index) => ['lorem', 'ipsum', 'dolor', 'sit', 'amet'][index % 5]).join(' ')
    const code = Array.from({ length: 50 }, (_, index) => `code${String(index).padStart(2, '0')}()`).join('\n')
    const rows = Array.from({ length: 25 }, (_, index) => `| cell${String(index).padStart(2, '0')} | value |`).join('\n')
    const markdown = `---\ntitle: Long blocks\n---\n\n${filler}\n\n## Examples\n\n\`\`\`\n${code}\n\`\`\`\n\n${filler}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n${rows}\n`
    const digest = await digestPdf((await renderScratch('long.md', markdown)).pdf)
    const first = digest.pageList[0]?.text ?? ''
    // Both blocks are taller than the share of a page kept together but shorter than a page: they
    // start under their heading and split (the table's header repeated), nothing moves to a new page.
    expect(first).toContain('Examples\ncode00()')
    const values = digest.pageList.find((page) => page.text.includes('Values\n'))
    expect(values?.text).toContain('code49()')
    expect(values?.text).toContain('cell00')
    expect(digest.pages).toBe(3)
  })

  it('keeps a heading with a list whose first item introduces a nested list', async () => {
    const filler = 'sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque'.split(' ')
    const text = (length: number, offset: number) => Array.from({ length }, (_, word) => filler[(word + offset) % filler.length]).join(' ')
    const sections = Array.from(
      { length: 80 },
      (_, index) =>
        `${text(20 + ((index * 29) % 90), index)}\n\n## Features ${index}\n\n- Item${index} ${text(12, index)}:\n  - nested one\n  - nested two\n- Other item\n`
    )
    const digest = await digestPdf((await renderScratch('lists.md', `---\ntitle: Lists\nauthor: A\n---\n\n${sections.join('\n')}`)).pdf)
    for (let index = 0; index < 80; index += 1) {
      const page = digest.pageList.find((candidate) => candidate.text.includes(`Features ${index}\n`))
      expect(page?.text, `Features ${index}`).toContain(`Item${index} `)
    }
  })

  it('keeps a heading with a paragraph too short to split between pages', async () => {
    // A paragraph of three lines or fewer leaves a single line alone wherever it splits, so it moves whole.
    const filler = 'ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo'.split(' ')
    const text = (length: number, offset: number) => Array.from({ length }, (_, word) => filler[(word + offset) % filler.length]).join(' ')
    const sections = Array.from(
      { length: 150 },
      (_, index) =>
        `${text(20 + ((index * 37) % 90), index)}\n\n### Heading ${index}\n\nfirst${index} ${text(31 + ((index * 7) % 6), index + 3)}\n`
    )
    const digest = await digestPdf((await renderScratch('paragraphs.md', `---\ntitle: Paragraphs\n---\n\n${sections.join('\n')}`)).pdf)
    for (let index = 0; index < 150; index += 1) {
      const page = digest.pageList.find((candidate) => candidate.text.includes(`Heading ${index}\n`))
      expect(page?.text, `Heading ${index}`).toContain(`first${index} `)
    }
  })

  it('keeps a heading with a list whose first item is too short to split between pages', async () => {
    // The same with a list: its first item's three lines move whole, and the heading with them.
    const filler = 'ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo'.split(' ')
    const text = (length: number, offset: number) => Array.from({ length }, (_, word) => filler[(word + offset) % filler.length]).join(' ')
    const sections = Array.from(
      { length: 150 },
      (_, index) =>
        `${text(20 + ((index * 37) % 90), index)}\n\n###### Fields ${index}\n\n* first${index} ${text(31 + ((index * 7) % 6), index + 3)}\n* ${text(8, index)}\n`
    )
    const digest = await digestPdf((await renderScratch('list-items.md', `---\ntitle: Lists\n---\n\n${sections.join('\n')}`)).pdf)
    for (let index = 0; index < 150; index += 1) {
      const page = digest.pageList.find((candidate) => candidate.text.includes(`Fields ${index}\n`))
      expect(page?.text, `Fields ${index}`).toContain(`first${index} `)
    }
  })
})

describe('PDF figures', () => {
  it("keeps a numbered figure's caption on its image's page, wherever the page ends", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-pdf-'))
    try {
      // A drawing whose words a reader can find on its page.
      const svg = (index: number) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="160"><rect width="300" height="160" fill="#ddd"/><text x="20" y="80" font-family="sans-serif" font-size="20">drawing${index}</text></svg>`
      const filler = 'at vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium'.split(' ')
      const sections = Array.from({ length: 40 }, (_, index) => {
        writeFileSync(path.join(folder, `d${index}.svg`), svg(index))
        const words = Array.from({ length: 20 + ((index * 41) % 160) }, (_, word) => filler[(word + index) % filler.length]).join(' ')
        return `${words}

![A grey box](d${index}.svg "Caption${index}"){#fig:d${index}}
`
      })
      writeFileSync(path.join(folder, 'figures.md'), `---\ntitle: Figures\nauthor: A\n---\n\n${sections.join('\n')}`)
      const local = resolveOptions({ cwd: folder })
      const digest = await digestPdf(await renderPdf(await parseArticle('figures.md', local), local))
      expect(digest.pages).toBeGreaterThan(4)
      for (let index = 0; index < 40; index += 1) {
        const page = digest.pageList.find((candidate) => candidate.text.includes(`drawing${index}`))
        expect(page?.text, `figure ${index}`).toContain(`Figure ${index + 1}: Caption${index}`)
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

describe('PDF page fill', () => {
  it('splits a short code block rather than leave over a quarter of the page empty', async () => {
    const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ')
    const code = Array.from({ length: 22 }, (_, index) => `line${String(index).padStart(2, '0')}()`).join('\n')
    const theme = loadTheme(options.templates)
    const [top, bottom] = [theme.num('page', 'margin_top'), theme.num('page', 'margin_bottom')]
    let measured = 0
    let split = 0
    for (let words = 300; words <= 520; words += 20) {
      const text = Array.from({ length: words }, (_, index) => filler[index % filler.length]).join(' ')
      const { pdf } = await renderScratch('fill.md', `---\ntitle: Fill\nauthor: A\n---\n\n${text}\n\n\`\`\`\n${code}\n\`\`\`\n\nAfter.\n`)
      const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
      // Every length runs past the first page: the first page's fill is what is measured.
      expect(document.numPages, `${words} words: pages`).toBeGreaterThanOrEqual(2)
      const page = await document.getPage(1)
      const [, , , height] = page.view as [number, number, number, number]
      // The lowest text of the page's body (the running footer is an artifact).
      let lowest = Number.POSITIVE_INFINITY
      let body = ''
      const open: string[] = []
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
        if ('type' in item && (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps'))
          open.push(String((item as { tag?: string }).tag))
        else if ('type' in item && item.type === 'endMarkedContent') open.pop()
        else if ('str' in item && item.str.trim() !== '' && !open.includes('Artifact')) {
          lowest = Math.min(lowest, item.transform[5] as number)
          body += `${item.str}\n`
        }
      }
      expect(lowest, `${words} words: body text on page 1`).toBeLessThan(height - top)
      const empty = (lowest - bottom) / (height - top - bottom)
      expect(empty, `${words} words`).toBeLessThan(0.27)
      measured += 1
      // The code block starts on page 1 and ends on a later page.
      if (body.includes('line00()') && !body.includes('line21()')) split += 1
    }
    expect(measured).toBe(12)
    expect(split, 'lengths at which the code block was split across pages').toBeGreaterThan(0)
  })
})

describe('PDF justification', () => {
  it('sets a line ragged rather than stretch its spaces past half an em', async () => {
    const markdown =
      '---\ntitle: Spaces\nauthor: A\n---\n\nWriting `JSON.stringify()` and then `fs.writeFile()` and `JSON.parse()` with `fs.readFile()` enclosed in `try/catch` blocks became annoying.\n'
    const { pdf } = await renderScratch('spaces.md', markdown)
    const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
    const items = (await (await document.getPage(1)).getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    const size = loadTheme(options.templates).num('paragraph', 'font_size')
    const spaces = items.filter((item) => item.str === ' ').map((item) => item.width)
    expect(spaces.length).toBeGreaterThan(5)
    // A space is ~0.3 em, plus a code span's inset beside one; justified, at most 0.5 em more.
    expect(Math.max(...spaces)).toBeLessThan(size * 1.05)
  })
})

describe('PDF introducing paragraphs', () => {
  it('keeps an item of a tight list that ends in a colon with the code block under it', async () => {
    const filler = 'quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat duis aute'.split(' ')
    const text = (length: number, offset: number) => Array.from({ length }, (_, word) => filler[(word + offset) % filler.length]).join(' ')
    const sections = Array.from(
      { length: 60 },
      (_, index) =>
        `${text(20 + ((index * 37) % 90), index)}\n\n- Item ${index} throws with the following:\n  \`\`\`js\n  thrown${index}()\n  again()\n  \`\`\`\n`
    )
    const digest = await digestPdf((await renderScratch('items.md', `---\ntitle: Items\n---\n\n${sections.join('\n')}`)).pdf)
    for (let index = 0; index < 60; index += 1) {
      const page = digest.pageList.find((candidate) => candidate.text.includes(`Item ${index} throws`))
      expect(page?.text, `Item ${index}`).toContain(`thrown${index}()`)
    }
  })

  it("keeps a GitHub alert's title with the start of its text", async () => {
    const filler = 'duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla'.split(' ')
    const text = (length: number, offset: number) => Array.from({ length }, (_, word) => filler[(word + offset) % filler.length]).join(' ')
    // Alerts too long to keep on one page, at every height of a page.
    const sections = Array.from(
      { length: 60 },
      (_, index) => `${text(20 + ((index * 13) % 90), index)}\n\n> [!NOTE]\n> body${index} ${text(330, index)}\n`
    )
    const digest = await digestPdf((await renderScratch('alerts.md', `---\ntitle: Alerts\nauthor: A\n---\n\n${sections.join('\n')}`)).pdf)
    for (let index = 0; index < 60; index += 1) {
      const page = digest.pageList.find((candidate) => candidate.text.includes(`body${index} `))
      expect(page?.text, `alert ${index}`).toContain(`Note\nbody${index} `)
    }
  })
})

describe('PDF linked images', () => {
  it('shows where a linked remote image without alt text goes, as a link, and keeps image stand-ins apart', async () => {
    const badges =
      '[![npm](https://example.com/n.svg)](https://example.org/npm)[![Build Status](https://example.com/b.svg)](https://example.org/ci)'
    const markdown = `---\ntitle: Sponsors\n---\n\n[![](https://example.com/a.svg)](https://example.org/one)[![](https://example.com/b.svg)](https://example.org/two)[![Third](https://example.com/c.svg)](https://example.org/three)\n\n<p align="center"><a href="https://example.org/logo"><img src="https://example.com/logo.svg"></a></p>\n\n${badges} and more.\n`
    const digest = await digestPdf((await renderScratch('sponsors.md', markdown)).pdf)
    const page = digest.pageList[0]
    expect(page?.text).toContain('https://example.org/one https://example.org/two Third')
    expect(page?.text).toContain('https://example.org/logo')
    // Alt texts of images written side by side stay apart.
    expect(page?.text).toContain('npm Build Status and more.')
    expect(page?.links).toEqual(
      expect.arrayContaining([
        'https://example.org/one',
        'https://example.org/two',
        'https://example.org/three',
        'https://example.org/logo'
      ])
    )
  })

  it('keeps the alt text of a remote image in its line of text, as a link to the image', async () => {
    const markdown =
      '---\ntitle: Icons\n---\n\nClick the ![gear](https://example.com/gear.png) icon, then see ![npm](https://example.com/n.svg) ![CI](https://example.com/ci.svg) below.\n\n![Alone](https://example.com/alone.png)\n\n![](https://example.com/bare.png)\n'
    const page = (await digestPdf((await renderScratch('icons.md', markdown)).pdf)).pageList[0]
    expect(page?.text).toContain('Click the gear icon, then see npm CI below.')
    expect(page?.links).toEqual(
      expect.arrayContaining([
        'https://example.com/gear.png',
        'https://example.com/n.svg',
        'https://example.com/ci.svg',
        'https://example.com/alone.png'
      ])
    )
    // An image alone in its paragraph keeps its block stand-in.
    expect(page?.text).toContain('Image: Alone')
    // Without alt text, its URL once.
    expect(page?.text).toContain('Image: https://example.com/bare.png')
    expect(page?.text.match(/bare\.png/g)).toHaveLength(1)
    expect(page?.text.match(/Image:/g)).toHaveLength(2)
  })

  it('gives a remote image declared larger than a line (a screenshot) its box, whatever stands beside it', async () => {
    const shots = [1, 2, 3].map((n) => `<img width="647" alt="screen shot ${n}" src="https://example.com/shot${n}.png">`).join('\n')
    const markdown = `---\ntitle: Shots\n---\n\nHere are some examples:\n\n${shots}\n\nA <img height="20" alt="badge" src="https://example.com/b.svg"> stays in the line.\n`
    const page = (await digestPdf((await renderScratch('shots.md', markdown)).pdf)).pageList[0]
    expect(page?.text.match(/Image: screen shot \d/g)).toEqual(['Image: screen shot 1', 'Image: screen shot 2', 'Image: screen shot 3'])
    expect(page?.text).toContain('A badge stays in the line.')
  })
})

describe('PDF alignment from HTML', () => {
  it('centres what a README centres with align="center" (a paragraph, a heading, a block in a div), and keeps the rest as the theme sets it', async () => {
    const markdown =
      '---\ntitle: Centred\n---\n\n<p align="center">Centred words here</p>\n\n<div align="center">\n\n## Heading centred\n\nInside the div.\n\n</div>\n\n<p align="right">Right side</p>\n\nPlain start.\n'
    const { pdf } = await renderScratch('centred.md', markdown)
    const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
    const page = await document.getPage(1)
    const [, , width] = page.view as [number, number, number, number]
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
    const box = (text: string) => {
      const item = items.find((candidate) => candidate.str.startsWith(text))
      expect(item, text).toBeDefined()
      return { left: item!.transform[4] as number, right: (item!.transform[4] as number) + item!.width }
    }
    const plain = box('Plain start.')
    for (const text of ['Centred words here', 'Heading centred', 'Inside the div.']) {
      const { left, right } = box(text)
      expect(Math.abs((left + right) / 2 - width / 2), text).toBeLessThan(1)
    }
    const right = box('Right side')
    expect(right.right).toBeGreaterThan(width - plain.left - 1)
    expect(right.left).toBeGreaterThan(width / 2)
  })
})

describe('PDF metadata', () => {
  it('describes the article in XMP as in the info dictionary: each author, the subjects, escaped', async () => {
    const front = [
      'title: "Salt & <Pepper>: a \'seasoned\' guide"',
      'author: [Ada Example, Bo Ng]',
      'lang: fr',
      'date: 2024-05-06',
      'description: Of R&D',
      'subjects: [cuisine, "A&B"]'
    ]
    const { pdf } = await renderScratch('salt.md', `---\n${front.join('\n')}\n---\n\nBody.\n`)
    expect(await xmpOf(pdf)).toEqual({
      'dc:format': 'application/pdf',
      'dc:title': 'Salt & <Pepper>: a “seasoned” guide',
      'dc:creator': ['Ada Example', 'Bo Ng'],
      'dc:description': 'Of R&D',
      'dc:subject': ['cuisine', 'A&B'],
      'dc:language': 'fr',
      'xmp:createdate': '2024-05-06T00:00:00Z',
      'xmp:modifydate': '2024-05-06T00:00:00Z',
      'xmp:metadatadate': '2024-05-06T00:00:00Z',
      'xmp:creatortool': 'Quire',
      'pdf:producer': 'Quire',
      'pdf:keywords': 'cuisine, A&B'
    })
  })
})

describe('PDF emoji', () => {
  it('draws emoji a bundled font has in monochrome, extractable, with no missing-glyph warning', async () => {
    const { article, pdf } = await renderScratch(
      'emoji.md',
      '---\ntitle: Emoji\nauthor: Ada Example\n---\n\nCoffee ☕, scissors ✂, a smile 😀 and a laugh 😂 in serif text.\n'
    )
    const digest = await digestPdf(pdf)
    const text = digest.pageList.map((page) => page.text).join(' ')
    for (const emoji of ['☕', '✂', '😀', '😂']) expect(text).toContain(emoji)
    expect(article.file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph')).toEqual([])
    expect(digest.fonts.map((font) => font.name)).toContain('DejaVuSans')
  })

  it('draws emoji DejaVu lacks from the bundled Noto Emoji, a sequence as one glyph, with no missing-glyph warning', async () => {
    const { article, pdf } = await renderScratch(
      'emoji.md',
      '---\ntitle: Emoji\nauthor: Ada Example\n---\n\n## 🚀 Features\n\nA box 📦, an idea **💡**, a family 👨‍👩‍👧, a flag 🇩🇪, a keycap 1️⃣ and a heart ❤️.\n'
    )
    const digest = await digestPdf(pdf)
    const text = digest.pageList.map((page) => page.text).join(' ')
    for (const emoji of ['🚀', '📦', '💡', '🇩🇪', '❤']) expect(text).toContain(emoji)
    // The family is one glyph of the emoji font, read back as the whole sequence with its joiners.
    expect(text).toContain('👨\u200d👩\u200d👧')
    expect(article.file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph')).toEqual([])
    expect(digest.fonts.map((font) => font.name)).toContain('NotoEmoji-Regular')
  })
})

/** The TrueType font files embedded in a PDF: the FontFile2 streams, as pdfkit writes them (deflated). */
function embeddedTrueType(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1')
  return [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map(([, id]) => {
    const object = text.indexOf(`\n${id} 0 obj\n`)
    const start = text.indexOf('>>\nstream\n', object) + '>>\nstream\n'.length
    const file = inflateSync(pdf.subarray(start, text.indexOf('\nendstream', start)))
    // PDF 1.7 (Table 127) requires a TrueType font file's own length in its stream dictionary.
    expect(text.slice(object, start)).toContain(`/Length1 ${file.length}\n`)
    return file
  })
}

const tagsOf = (font: Buffer) =>
  Array.from({ length: font.readUInt16BE(4) }, (_, index) => font.toString('latin1', 12 + index * 16, 16 + index * 16))

describe('PDF font hinting', () => {
  it("leaves the fonts' TrueType hinting out, and keeps it when the theme sets font_hinting; states each font file's length", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-pdf-hinting-'))
    try {
      writeFileSync(path.join(folder, 'a.md'), '---\ntitle: Hinting\n---\n\nSome *text* and `code`.\n')
      const theme = JSON.parse(readFileSync(path.join(projectRoot, 'templates/pdf-theme.json'), 'utf8')) as Record<string, unknown>
      mkdirSync(path.join(folder, 'templates'))
      writeFileSync(path.join(folder, 'templates/pdf-theme.json'), JSON.stringify({ ...theme, font_hinting: true }))
      const plain = resolveOptions({ cwd: folder })
      const hinted = resolveOptions({ cwd: folder, templates: path.join(folder, 'templates') })
      const [without, kept] = [
        await renderPdf(await parseArticle('a.md', plain), plain),
        await renderPdf(await parseArticle('a.md', hinted), hinted)
      ]
      const fonts = embeddedTrueType(without)
      expect(fonts.length).toBeGreaterThanOrEqual(3)
      for (const font of fonts) expect(tagsOf(font)).toEqual(['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx'])
      const keptFonts = embeddedTrueType(kept)
      expect(keptFonts.length).toBe(fonts.length)
      for (const font of keptFonts) expect(tagsOf(font)).toEqual(expect.arrayContaining(['fpgm', 'prep', 'cvt ']))
      // The same text, drawn in the same fonts, in a smaller file.
      expect((await digestPdf(without)).pageList).toEqual((await digestPdf(kept)).pageList)
      expect(without.length).toBeLessThan(kept.length * 0.8)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
