import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { resolveOptions } from '../src/common/options.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { newReport } from '../src/render/pdf/report.js'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { digestPdf, headingsAtPageFoot, openPdf } from './helpers/pdf-digest.js'

// What a typesetter looks at first in technical prose, counted by the layout as it draws (the same
// counts `npm run typeset-check` reports over the real-world corpus; docs/pdf.md has the definitions).
it('sets technical prose justified, code spaces as written, identifiers whole', async () => {
  const options = resolveOptions({ cwd: path.resolve('test/fixtures/typeset') })
  const report = newReport()
  const pdf = await renderPdf(await parseArticle('index.md', options), { ...options, report })
  expect(report.justifiedLines).toBeGreaterThan(12)
  // Every line of a justified paragraph but its last reaches the right margin, its word gaps no wider
  // than twice a space; a paragraph that cannot be set so is set ragged right as a whole...
  expect(report.raggedLines).toEqual([])
  expect(report.looseLines).toEqual([])
  expect(report.raggedParagraphs.length).toBeGreaterThan(0)
  // ...without stretching the spaces inside inline code...
  expect(report.stretchedCode).toEqual([])
  // ...or hyphenating a name (camelCase, capitals inside, ALL CAPS, digits).
  expect(report.hyphenatedIdentifiers).toEqual([])
  const text = (await digestPdf(pdf)).pageList.map((page) => page.text).join('\n')
  // Numbers and character classes stay whole on their line.
  expect(text).toContain('192.168.0.1')
  expect(text).toContain('[A-Za-z0-9_]')
  // A hash breaks between its groups of four (no ragged line before it), and reads back whole.
  expect(text.replace(/\s+/g, '')).toContain('6f002b8e543ca39d3ee23681e28848d7f1724fae')
})

it('sets a paragraph ragged right when justifying it would leave a line gaping (paragraph_justify_max_gap)', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-gape-'))
  try {
    const source = path.resolve('test/fixtures/typeset')
    const set = async (theme: object) => {
      mkdirSync(path.join(folder, 'templates'), { recursive: true })
      writeFileSync(path.join(folder, 'templates/pdf-theme.json'), JSON.stringify(theme))
      const options = resolveOptions({ cwd: source, templates: path.join(folder, 'templates') })
      const report = newReport()
      const pdf = await renderPdf(await parseArticle('index.md', options), { ...options, report })
      return { report, pdf }
    }
    // Justified at any cost, the fixture's technical paragraphs gape: a few words before a long identifier.
    const justified = await set({ paragraph_justify_max_gap: 0 })
    expect(justified.report.raggedParagraphs).toEqual([])
    expect(justified.report.looseLines.length + justified.report.raggedLines.length).toBeGreaterThan(0)
    // By default those paragraphs are set ragged right: their lines start at the margin and end short
    // of it by different amounts, the rag; no justified line is left loose.
    const { report, pdf } = await set({})
    expect(report.looseLines).toEqual([])
    expect(report.raggedLines).toEqual([])
    const document = await openPdf(pdf)
    const items = (await (await document.getPage(1)).getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    await document.destroy()
    // The first paragraph's lines ("Technical writing mixes prose…" to "…came from a user."), by baseline.
    const first = items.findIndex((item) => item.str.startsWith('Technical writing'))
    const last = items.findIndex((item) => item.str.includes('from a user'))
    const lines = new Map<number, { left: number; right: number }>()
    for (const item of items.slice(first, last + 1)) {
      if (item.str.trim() === '') continue
      const y = Math.round(item.transform[5])
      const line = lines.get(y) ?? { left: Infinity, right: -Infinity }
      lines.set(y, { left: Math.min(line.left, item.transform[4]), right: Math.max(line.right, item.transform[4] + item.width) })
    }
    const all = [...lines.values()]
    expect(all.length).toBeGreaterThan(3)
    // (a line that starts with inline code starts with the code's tint, its text a hair further in)
    const margin = Math.min(...all.map((line) => line.left))
    expect(all.every((line) => line.left - margin < 3)).toBe(true)
    const rights = all.slice(0, -1).map((line) => line.right)
    expect(Math.max(...rights) - Math.min(...rights)).toBeGreaterThan(5)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

it('sets a tight list ragged right whole when one of its items cannot be justified (list_ragged_whole)', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-list-ragged-'))
  try {
    // Items of two lines or more that justify well, and one that cannot: a few words, then a long identifier.
    const plain =
      'Updated the documentation of the options and the examples that go with them, so that readers find each option where they look for it first.'
    const items = [
      plain,
      plain,
      'A narrow list item names [isValidCIDRFourPartDecimal](#api), [subnetMaskFromPrefixLength](#api), `ipaddr.IPv6.parse(string)` and `ipaddr.IPv4.broadcastAddressFromCIDR(string)`, one after another.',
      plain
    ]
    writeFileSync(path.join(folder, 'a.md'), `---\ntitle: List\nauthor: A\n---\n\n${items.map((item) => `- ${item}`).join('\n')}\n`)
    const set = async (theme: object) => {
      mkdirSync(path.join(folder, 'templates'), { recursive: true })
      writeFileSync(path.join(folder, 'templates/pdf-theme.json'), JSON.stringify(theme))
      const options = resolveOptions({ cwd: folder, templates: path.join(folder, 'templates') })
      const report = newReport()
      await renderPdf(await parseArticle('a.md', options), { ...options, report })
      return report
    }
    // Item by item, the plain items are justified and the third is ragged right.
    const apart = await set({ list_ragged_whole: false })
    expect(apart.raggedParagraphs).toHaveLength(1)
    expect(apart.justifiedLines).toBeGreaterThan(0)
    // By default the list is set ragged right whole: no item justified beside a ragged one.
    const whole = await set({})
    expect(whole.raggedParagraphs).toHaveLength(items.length)
    expect(whole.justifiedLines).toBe(0)
    expect(whole.looseLines).toEqual([])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

it('prints the title once, badges as small labels outside headings, and code headings as headings', async () => {
  const options = resolveOptions({ cwd: path.resolve('test/fixtures/typeset') })
  const pdf = await renderPdf(await parseArticle('index.md', options), options)
  const document = await openPdf(pdf)
  const content = await (await document.getPage(1)).getTextContent()
  const items = content.items.filter((item): item is TextItem => 'str' in item)
  const page = items.map((item) => item.str).join(' ')
  // The front matter's title and the `# Heading` that repeats it: once.
  expect(page.match(/Setting technical prose/g)).toHaveLength(1)
  // Badges: their labels, small and upright, not a phrase of italic words; none in a heading.
  const badge = items.find((item) => item.str.includes('Build Status'))
  expect(badge).toBeDefined()
  expect(badge!.transform[0]).toBeLessThan(9)
  expect(content.styles[badge!.fontName]?.fontFamily).toBe('sans-serif')
  const text = (await digestPdf(pdf)).pageList.map((one) => one.text).join('\n')
  expect(text).toMatch(/^Reference$/m)
  expect(text).not.toMatch(/Reference docs/)
  // A heading of code only: the heading's size (h3, 13 pt), not the code span's.
  const heading = (await (await document.getPage(document.numPages)).getTextContent()).items.find(
    (item): item is TextItem => 'str' in item && item.str.includes('subnetMaskFromPrefixLength(prefix)')
  )
  expect(heading?.transform[0]).toBeCloseTo(13, 1)
  await document.destroy()
})

it('keeps a heading with what follows when an anchor stands between them, with no gap for the anchor', async () => {
  // Sections whose headings fall at every height of the page: the filler before each grows by a line.
  const sections = Array.from({ length: 36 }, (_, index) => {
    const filler = 'Filler words set to push the next heading down the page by one more line each time. '.repeat(index % 12)
    return `${filler}\n\n## Section ${index + 1}\n\n<a id="anchor-${index + 1}"></a>\n\nThe text the heading introduces, long enough to be split between two pages if it had to be, which it may be: a paragraph of three lines or more runs on here for a while.`
  })
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-keep-'))
  try {
    writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Keeps\nauthor: A\n---\n\n${sections.join('\n\n')}\n\n## Plain\n\nThe text.\n`)
    const options = resolveOptions({ cwd: folder })
    const pdf = await renderPdf(await parseArticle('a.md', options), options)
    expect(await headingsAtPageFoot(pdf)).toEqual([])
    // The heading's first line and the text's are as far apart with the anchor between them as without.
    const document = await openPdf(pdf)
    const spacing: number[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const items = (await (await document.getPage(number)).getTextContent()).items.filter((item): item is TextItem => 'str' in item)
      items.forEach((item, index) => {
        const next = items.slice(index + 1).find((other) => other.str.trim() !== '')
        if (/^(Section \d+|Plain)$/.test(item.str) && next && next.transform[5] < item.transform[5])
          spacing.push(Math.round(item.transform[5] - next.transform[5]))
      })
    }
    await document.destroy()
    expect(spacing.length).toBeGreaterThan(20)
    expect(new Set(spacing).size).toBe(1)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

it('decides a keep chain once, at its head: no heading left at a foot, no page left a quarter empty', async () => {
  // A heading, a lead-in paragraph ending in a colon and a block kept together when short (a code
  // block, a table) or never (a list), at every height of the page: the filler before each grows.
  const code = Array.from({ length: 16 }, (_, line) => `const value${line} = compute(${line}) // step ${line}`).join('\n')
  const table = ['| Name | Value |', '| --- | --- |', ...Array.from({ length: 14 }, (_, row) => `| row ${row} | ${row * 7} |`)].join('\n')
  const list = Array.from({ length: 12 }, (_, item) => `- Item ${item}: a line of text about it.`).join('\n')
  const blocks = ['```js\n' + code + '\n```', table, list]
  const sections = Array.from({ length: 45 }, (_, index) => {
    const filler = 'Filler words set to push the next heading down the page by one more line each time. '.repeat(index % 15)
    return `${filler}\n\n## Section ${index + 1}\n\nThe block below shows what this section is about:\n\n${blocks[index % 3]}`
  })
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-chain-'))
  try {
    writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Chains\nauthor: A\n---\n\n${sections.join('\n\n')}\n`)
    const options = resolveOptions({ cwd: folder })
    const report = newReport()
    const pdf = await renderPdf(await parseArticle('a.md', options), { ...options, report })
    expect(report.pages).toBeGreaterThan(10)
    expect(await headingsAtPageFoot(pdf)).toEqual([])
    expect(report.emptyPages).toEqual([])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

it('keeps a short table together, and splits a long one leaving at least two rows on each page (table_split_rows)', async () => {
  // Tables of 3 to 14 rows at every height of the page: the filler before each grows by a line.
  const tables = Array.from({ length: 40 }, (_, index) => {
    const rows = Array.from({ length: 3 + (index % 12) }, (_, row) => `| t${index}r${row} | ${row * 7} |`)
    const filler = 'Filler words set to push the next table down the page by one more line each time. '.repeat(index % 13)
    return `${filler}\n\n| Name | Value |\n| --- | --- |\n${rows.join('\n')}`
  })
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-table-split-'))
  try {
    writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Tables\nauthor: A\n---\n\n${tables.join('\n\n')}\n`)
    const options = resolveOptions({ cwd: folder })
    const pages = (await digestPdf(await renderPdf(await parseArticle('a.md', options), options))).pageList.map((page) => page.text)
    expect(pages.length).toBeGreaterThan(8)
    const fragments: string[] = []
    let split = 0
    for (let table = 0; table < 40; table += 1) {
      const counts = pages.map((text) => (text.match(new RegExp(`\\bt${table}r\\d+\\b`, 'g')) ?? []).length).filter((count) => count > 0)
      if (counts.length > 1) split += 1
      if (counts.length > 1 && counts.some((count) => count < 2)) fragments.push(`table ${table}: ${counts.join(' + ')} rows`)
      // A table of five rows or fewer is short enough never to split.
      if (counts.length > 1 && 3 + (table % 12) <= 5) fragments.push(`table ${table}: short, split ${counts.join(' + ')}`)
    }
    expect(split).toBeGreaterThan(0)
    expect(fragments).toEqual([])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

it('ends at most two lines in a row with a hyphen (paragraph_max_hyphenated_lines)', async () => {
  const { totalFit } = await import('../src/render/pdf/inline/total-fit.js')
  // Lines that fit exactly only when each ends inside a word: a word's end (30), a space (10) and
  // the next word's first part (57) with its hyphen (3) make 100. Without the ladder every line ends
  // with a hyphen; with it every third ends at a space, loose as that line then is.
  const items = Array.from({ length: 24 }, (_, index) => ({
    width: index % 2 === 0 ? 30 : 57,
    glue: index % 2 === 0 ? 10 : 0,
    elastic: index % 2 === 0 ? 10 : 0,
    flex: 0,
    hyphen: index % 2 === 0 ? 0 : 3,
    required: false,
    emergency: false
  }))
  const options = { stretch: 2, flex: 0, shrink: 0.3, hyphenPenalty: 50, doubleHyphenDemerits: 0 }
  const run = (breaks: number[]) => {
    let most = 0
    let row = 0
    for (const at of breaks.slice(0, -1)) {
      row = items[at]!.hyphen > 0 ? row + 1 : 0
      most = Math.max(most, row)
    }
    return most
  }
  expect(run(totalFit(items, 100, options))).toBeGreaterThan(2)
  expect(run(totalFit(items, 100, { ...options, maxHyphenatedLines: 2 }))).toBeLessThanOrEqual(2)
})
