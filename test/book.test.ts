import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../src/build/index.js'
import { merge } from '../src/build/merge.js'
import type { Manifest } from '../src/build/manifest.js'
import { projectRoot } from './helpers/articles.js'
import { digestEpub } from './helpers/epub-digest.js'
import { epubcheck } from './helpers/epubcheck.js'
import { digestPdf } from './helpers/pdf-digest.js'
import { assertTool, launchChromium, tool } from './helpers/tools.js'

// The book of content/ (content/book.yml): a reader's guide, then a part holding the two articles.
const require = createRequire(import.meta.url)
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-book-'))
const out = path.join(workspace, 'out')
let result: BuildResult
const TITLES = ['Reading this book', 'A Field Guide to Markdown in Quire', 'Leg cramps & progesterone deficiency']

beforeAll(async () => {
  result = await build({ cwd: projectRoot, inputs: ['content'], out, cache: false, jobs: 1 })
}, 120_000)
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

describe('the book of content/', () => {
  it('is built beside the articles and listed in the manifest with its files and checksums', () => {
    expect(result.failed).toBe(false)
    expect(result.books.map((book) => [book.source, book.path, book.failed])).toEqual([['content/book.yml', 'field-notes', false]])
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest.books?.map((book) => book.chapters)).toEqual([
      ['content/book/reading-this-book.md', 'content/field-guide.md', 'content/leg-cramps-progesterone-deficiency.md']
    ])
    expect(manifest.books?.[0]?.files.map((file) => file.name)).toEqual([
      'field-notes/field-guide.html',
      'field-notes/index.html',
      'field-notes/leg-cramps-progesterone-deficiency.html',
      'field-notes/one-page.html',
      'field-notes/reading-this-book.html',
      'field-notes.pdf',
      'field-notes.epub'
    ])
    for (const file of manifest.books![0]!.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/)
    // The build's index page lists the book first: its contents page, its PDF and its EPUB.
    const index = readFileSync(path.join(out, 'index.html'), 'utf8')
    expect(index).toContain('<h2><a href="field-notes/index.html">Field Notes</a></h2>')
    expect(index.indexOf('field-notes.pdf')).toBeLessThan(index.indexOf('field-guide.pdf'))
  })

  it('EPUB: one XHTML document per chapter, a nav listing the part and chapters, links between chapters', async () => {
    const digest = await digestEpub(readFileSync(path.join(out, 'field-notes.epub')))
    expect(Object.keys(digest.texts).filter((name) => /chapter-\d+\.xhtml$/.test(name))).toEqual([
      'EPUB/chapter-01.xhtml',
      'EPUB/chapter-02.xhtml',
      'EPUB/chapter-03.xhtml'
    ])
    const nav = digest.texts['EPUB/nav.xhtml']!
    const listed = [...nav.matchAll(/<a href="(chapter-\d+\.xhtml)">([^<]+)<\/a>/g)].map((match) => `${match[1]} ${match[2]}`)
    expect(listed).toEqual([
      'chapter-01.xhtml Reading this book',
      'chapter-02.xhtml The articles',
      'chapter-02.xhtml A Field Guide to Markdown in Quire',
      'chapter-03.xhtml Leg cramps &#x26; progesterone deficiency'
    ])
    expect(nav).toContain('epub:type="landmarks"')
    expect(digest.texts['EPUB/package.opf']).toContain('<dc:title id="title">Field Notes</dc:title>')
    expect(digest.texts['EPUB/chapter-01.xhtml']).toContain('href="chapter-02.xhtml#tables"')
    expect(digest.texts['EPUB/chapter-01.xhtml']).toContain('href="chapter-03.xhtml#muscle-tension-in-knee-joints"')
  })

  it('EPUB: passes EPUBCheck with no error or warning', async (context) => {
    const java = tool('java', 'openjdk-17-jre-headless')
    if (java.skip) return context.skip(java.reason)
    assertTool(java)
    const [report] = await epubcheck([path.join(out, 'field-notes.epub')])
    expect(report!.messages).toEqual([])
    expect([report!.fatal, report!.errors, report!.warnings]).toEqual([0, 0, 0])
  }, 120_000)

  it('site: a contents page and one page per chapter with previous and next links', () => {
    const site = path.join(out, 'field-notes')
    const contents = readFileSync(path.join(site, 'index.html'), 'utf8')
    expect([...contents.matchAll(/<li><a href="([^"]+\.html)">([^<]+)<\/a>/g)].map((match) => match[1])).toEqual([
      'reading-this-book.html',
      'field-guide.html',
      'leg-cramps-progesterone-deficiency.html'
    ])
    const relations = (name: string) =>
      [...readFileSync(path.join(site, name), 'utf8').matchAll(/<a href="([^"]+)" rel="(prev|next)"/g)].map(
        (match) => `${match[2]} ${match[1]}`
      )
    // Each link is in the navigation above and below the chapter.
    expect(relations('reading-this-book.html')).toEqual(['next field-guide.html', 'next field-guide.html'])
    expect(relations('field-guide.html')).toEqual([
      'prev reading-this-book.html',
      'next leg-cramps-progesterone-deficiency.html',
      'prev reading-this-book.html',
      'next leg-cramps-progesterone-deficiency.html'
    ])
    expect(relations('leg-cramps-progesterone-deficiency.html')).toEqual(['prev field-guide.html', 'prev field-guide.html'])
    expect(readFileSync(path.join(site, 'reading-this-book.html'), 'utf8')).toContain('href="field-guide.html#tables"')
  })

  it('site: the whole book on one page, every id unique, links between chapters inside the page', () => {
    const page = readFileSync(path.join(out, 'field-notes/one-page.html'), 'utf8')
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
    expect(new Set(ids).size).toBe(ids.length)
    // Both chapters have a "Tables" heading.
    expect(ids).toEqual(expect.arrayContaining(['c1-tables', 'c2-tables', 'c1-article-title', 'c2-article-title', 'c3-article-title']))
    expect(page).toContain('href="#c2-tables"')
    expect(page).toContain('href="#c3-muscle-tension-in-knee-joints"')
    for (const href of [...page.matchAll(/ href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!)))
      expect(ids, `#${href}`).toContain(href)
    expect(readFileSync(path.join(out, 'field-notes/index.html'), 'utf8')).toContain('href="one-page.html"')
  })

  it('site: every page passes the Nu HTML Checker', (context) => {
    const java = tool('java', 'openjdk-17-jre-headless')
    if (java.skip) return context.skip(java.reason)
    assertTool(java)
    const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
    const pages = readdirSync(path.join(out, 'field-notes')).map((name) => path.join(out, 'field-notes', name))
    const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--also-check-css', ...pages], { encoding: 'utf8' })
    const messages = (JSON.parse(run.stderr) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages
    expect(pages).toHaveLength(5)
    expect(messages.map((message) => `${path.basename(message.url)}:${message.lastLine} ${message.type} ${message.message}`)).toEqual([])
  }, 120_000)

  it('site: no axe-core violation on any page, in light and dark colour schemes', async (context) => {
    const chromium = tool('chromium', 'chromium')
    if (chromium.skip) return context.skip(chromium.reason)
    assertTool(chromium)
    const axeSource = (await import('axe-core')).default.source
    const browser = await launchChromium()
    const violations: string[] = []
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ colorScheme })
        for (const name of readdirSync(path.join(out, 'field-notes'))) {
          await page.goto(pathToFileURL(path.join(out, 'field-notes', name)).href)
          await page.addScriptTag({ content: axeSource })
          const result = (await page.evaluate(() =>
            (globalThis as unknown as { axe: { run: (options: object) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] })
          )) as { violations: { id: string; nodes: { target: string[] }[] }[] }
          for (const violation of result.violations)
            violations.push(
              `${name} (${colorScheme}): ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
            )
        }
        await page.close()
      }
    } finally {
      await browser.close()
    }
    expect(violations).toEqual([])
  }, 300_000)

  it('EPUB: Ace by DAISY finds no violation', async (context) => {
    const chromium = tool('chromium', 'chromium')
    if (chromium.skip) return context.skip(chromium.reason)
    assertTool(chromium)
    const ace = path.join(path.dirname(require.resolve('@daisy/ace-cli/package.json')), 'bin/ace.js')
    const report = path.join(workspace, 'ace')
    await new Promise((resolve, reject) =>
      spawn(process.execPath, [ace, '--silent', '--force', '--outdir', report, path.join(out, 'field-notes.epub')], {
        env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' },
        stdio: 'ignore'
      })
        .on('error', reject)
        .on('exit', resolve)
    )
    const json = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')) as {
      'earl:result': { 'earl:outcome': string }
      assertions: {
        'earl:testSubject': { url: string }
        assertions: { 'earl:test': { 'dct:title': string }; 'earl:result': { 'earl:outcome': string } }[]
      }[]
    }
    const violations = json.assertions.flatMap((document) =>
      document.assertions
        .filter((entry) => entry['earl:result']['earl:outcome'] === 'fail')
        .map((entry) => `${document['earl:testSubject'].url}: ${entry['earl:test']['dct:title']}`)
    )
    expect(violations).toEqual([])
    expect(json['earl:result']['earl:outcome']).toBe('pass')
  }, 300_000)

  it('PDF: a contents page whose page numbers are where each chapter starts; a bookmark per chapter', async (context) => {
    const pdftotext = tool('pdftotext', 'poppler-utils')
    if (pdftotext.skip) return context.skip(pdftotext.reason)
    assertTool(pdftotext)
    const file = path.join(out, 'field-notes.pdf')
    const pages = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.split('\f')
    const contents = pages[1]!
    expect(contents).toMatch(/^\s*Contents/)
    for (const title of TITLES) {
      const line = contents.split('\n').find((text) => text.trim().startsWith(title))
      expect(line, `${title} in the contents`).toBeDefined()
      const number = Number(/(\d+)\s*$/.exec(line!)?.[1])
      // The chapter opens its page: its title comes first there (a long one on two lines).
      expect(pages[number - 1]!.trim().replace(/\s+/g, ' ').startsWith(title), `page ${number}: ${pages[number - 1]!.slice(0, 80)}`).toBe(
        true
      )
      // Numbered through the book.
      expect(pages[number - 1]).toMatch(new RegExp(`Page ${number} of ${pages.length - 1}`))
    }
    const digest = await digestPdf(readFileSync(file))
    expect(digest.tagged).toBe(true)
    // A Part for the part, a Sect per chapter (pdf.js counts an element once on each page it reaches).
    expect(digest.roles.Part).toBeGreaterThan(0)
    expect(digest.roles.Sect).toBeGreaterThan(0)
    expect(digest.outline.map((item) => [item.title, item.items?.map((child) => child.title) ?? []])).toEqual([
      ['Reading this book', ['What is inside', 'How the links work', 'Tables']],
      ['The articles', ['A Field Guide to Markdown in Quire', 'Leg cramps & progesterone deficiency']]
    ])
    // Ids unique across the book: both chapters' `tables` headings are there, told apart.
    expect(digest.destinations).toEqual(expect.arrayContaining(['c1-tables', 'c2-tables', 'chapter-1', 'chapter-2', 'chapter-3']))
    // Links between chapters jump inside the book: the reader's guide links the guide's and the article's sections.
    expect(digest.pageList[2]!.links).toEqual(
      expect.arrayContaining([
        '#chapter-2',
        '#c2-tables',
        '#c2-footnotes-and-quotations',
        '#chapter-3',
        '#c3-muscle-tension-in-knee-joints'
      ])
    )
    // The running header names the book and the chapter.
    expect(pages[5]).toContain('Field Notes · A Field Guide to Markdown in Quire')
  }, 120_000)
})

describe('the book of content/, as a reader gets it (snapshots)', () => {
  // Reviewed as the article snapshots are (html, epub, pdf tests). The site's pages inline the style
  // sheet (reviewed in templates/html/style.css) and the chapters' images (reviewed with their
  // articles): each stands as a marker here, an image's with a hash of its bytes, so a change shows.
  // The contents page's sizes of the PDF and EPUB change with any byte of them: marked too.
  const marked = (page: string) => {
    const css = readFileSync(path.join(projectRoot, 'templates/html/style.css'), 'utf8')
    expect(page).toContain(`<style>${css}</style>`)
    return page
      .replace(`<style>${css}</style>`, '<style>/* templates/html/style.css */</style>')
      .replace(
        /data:(image\/[\w+.-]+);base64,([A-Za-z0-9+/=]+)/g,
        (_, type: string, data: string) =>
          `data:${type};base64,(${createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex').slice(0, 16)})`
      )
      .replace(/<\/a> \([\d.]+ [kM]?B\)<\/li>/g, '</a> (size)</li>')
  }

  it.each(['index.html', 'reading-this-book.html', 'field-guide.html', 'leg-cramps-progesterone-deficiency.html', 'one-page.html'])(
    'site: %s matches the reviewed page',
    async (name) => {
      const page = readFileSync(path.join(out, 'field-notes', name), 'utf8')
      await expect(marked(page)).toMatchFileSnapshot(`__snapshots__/book/field-notes/${name}`)
    }
  )

  it('EPUB: file list and every text file match the snapshot', async () => {
    const digest = await digestEpub(readFileSync(path.join(out, 'field-notes.epub')))
    const css = `${readFileSync(path.join(projectRoot, 'templates/html/style.css'), 'utf8')}\n${readFileSync(path.join(projectRoot, 'templates/epub/epub.css'), 'utf8')}`
    expect(digest.texts['EPUB/css/style.css']).toBe(css)
    digest.texts['EPUB/css/style.css'] = '(templates/html/style.css and templates/epub/epub.css)'
    expect(digest).toMatchSnapshot()
  })

  it('PDF: text per page, links, outline, fonts and structure match the snapshot', async () => {
    expect(await digestPdf(readFileSync(path.join(out, 'field-notes.pdf')))).toMatchSnapshot()
  })
})

describe('book files', () => {
  const project = () => {
    const folder = mkdtempSync(path.join(workspace, 'project-'))
    mkdirSync(path.join(folder, 'content'))
    writeFileSync(path.join(folder, 'content/a.md'), '---\ntitle: A\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\nSee [B](b.md#same).\n')
    writeFileSync(path.join(folder, 'content/b.md'), '---\ntitle: B\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\nText.\n')
    return folder
  }

  it('reports a wrong field and a chapter that is not an article at their line and column', async () => {
    const folder = project()
    writeFileSync(
      path.join(folder, 'content/book.yml'),
      'title: T\nlang: 42\nchapters:\n  - a.md\n  - part: P\n    chapters: [missing.md]\n'
    )
    const built = await build({ cwd: folder, formats: ['html'], write: false, jobs: 1 })
    expect(built.failed).toBe(true)
    expect(built.books[0]!.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)).toEqual(
      [
        '2:7 book-field Invalid book field `lang`: expected string',
        '6:16 book-chapter Chapter `missing.md` is not an article of this build: no such Markdown file among the inputs'
      ]
    )
    // The articles still build.
    expect(built.articles.map((article) => article.failed)).toEqual([false, false])
  })

  it('without `chapters`, takes the articles beside the book file in name order', async () => {
    const folder = project()
    writeFileSync(path.join(folder, 'content/book.json'), '{ "title": "Both" }\n')
    const built = await build({ cwd: folder, formats: ['epub'], write: false, jobs: 1 })
    expect(built.failed).toBe(false)
    expect(built.books[0]!.chapters).toEqual(['content/a.md', 'content/b.md'])
  })

  it('links another chapter at its place; a fragment it lacks goes to its start, with a warning', async () => {
    const folder = project()
    writeFileSync(
      path.join(folder, 'content/a.md'),
      '---\ntitle: A\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\n[B](b.md#same), [gone](b.md#gone), [licence](LICENSE).\n'
    )
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\n')
    const built = await build({ cwd: folder, formats: ['html', 'epub'], write: false, jobs: 1 })
    expect(built.failed).toBe(false)
    // The EPUB's note on `LICENSE` is the article's, said once: not again for the book.
    expect(built.articles[0]!.file.messages.filter((message) => message.reason.includes('`LICENSE`'))).toHaveLength(1)
    const [book] = built.books
    expect(
      book!.chapterFiles.flatMap((file) =>
        file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`)
      )
    ).toEqual(['content/a.md:9:17 book-link'])
    const page = book!.outputs.find((file) => file.name === 't/a.html')!.data!.toString('utf8')
    expect(page).toContain('<a href="b.html#same">B</a>, <a href="b.html">gone</a>')
    const epub = await digestEpub(book!.outputs.find((file) => file.format === 'epub')!.data!)
    expect(epub.texts['EPUB/chapter-01.xhtml']).toContain('<a href="chapter-02.xhtml#same">B</a>, <a href="chapter-02.xhtml">gone</a>')
  })

  it('numbers chapters and sections in every format with `numbering: true`', async () => {
    const folder = project()
    writeFileSync(
      path.join(folder, 'content/b.md'),
      '---\ntitle: B\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\n### Deeper\n\n## Other\n\nText.\n'
    )
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\nnumbering: true\n')
    const built = await build({ cwd: folder, formats: ['html', 'pdf', 'epub'], write: false, jobs: 1 })
    expect(built.failed).toBe(false)
    const file = (name: string) => built.books[0]!.outputs.find((output) => output.name === name)!.data!
    const epub = await digestEpub(file('t.epub'))
    const nav = [...epub.texts['EPUB/nav.xhtml']!.matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)].map((match) => match[1])
    expect(nav).toEqual(['1 A', '1.1 Same', '2 B', '2.1 Same', '2.1.1 Deeper', '2.2 Other'])
    expect(file('t/b.html').toString('utf8')).toContain('<span class="section-number">2.1.1</span> Deeper')
    const pdf = await digestPdf(file('t.pdf'))
    expect(pdf.outline.map((item) => [item.title, item.items?.map((child) => child.title)])).toEqual([
      ['1 A', ['1.1 Same']],
      ['2 B', ['2.1 Same', '2.2 Other']]
    ])
    expect(pdf.pageList[1]!.text).toContain('2 B')
  })

  it('numbers figures and tables per chapter with `numbering: true`, and prints and links references between chapters in every format', async () => {
    // test/fixtures-books/numbering: a figure in each chapter, a table in the second, references both ways.
    const built = await build({ cwd: projectRoot, inputs: ['test/fixtures-books/numbering'], write: false, jobs: 1, cache: false })
    expect(built.failed).toBe(false)
    const [book] = built.books
    // A chapter built as an article cannot see its book: a reference it cannot resolve is an info
    // there (so `--strict` passes), and the book warns only for the one no chapter has.
    const seedsArticle = built.articles.find((article) => article.file.path.endsWith('seeds.md'))!
    const notes = seedsArticle.file.messages.filter((message) => message.ruleId === 'crossref')
    expect(notes.map((message) => [message.reason.match(/\[@[^\]]+\]/)![0], message.fatal])).toEqual([
      ['[@tbl:months]', undefined],
      ['[@fig:nowhere]', undefined]
    ])
    expect(book!.file.messages).toEqual([])
    expect(
      book!.chapterFiles.flatMap((file) =>
        file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`)
      )
    ).toEqual([
      'test/fixtures-books/numbering/seeds.md:9:81 Reference `[@fig:nowhere]` names no figure or table of this book: “??” stands in for its number'
    ])
    const file = (name: string) => book!.outputs.find((output) => output.name === name)!.data!
    const seeds = 'Sow as Figure 1.1 shows; the months are in Table 2.1, in the next chapter. Figure ?? is in no chapter.'
    const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

    const site = (name: string) => file(`a-year-of-seeds/${name}`).toString('utf8')
    expect(textOf(site('seeds.html'))).toContain(seeds)
    expect(site('seeds.html')).toContain('href="harvest.html#tbl:months">Table 2.1</a>')
    expect(site('harvest.html')).toContain('href="seeds.html#fig:tray">Figure 1.1</a>')
    expect(textOf(site('harvest.html'))).toContain('Figure 2.1: A basket')
    expect(textOf(site('harvest.html'))).toContain('Table 2.1: Months of the harvest')
    expect(site('one-page.html')).toContain('href="#c2-tbl%3Amonths">Table 2.1</a>')

    const epub = await digestEpub(file('a-year-of-seeds.epub'))
    expect(textOf(epub.texts['EPUB/chapter-01.xhtml']!)).toContain(seeds)
    expect(epub.texts['EPUB/chapter-01.xhtml']).toContain('href="chapter-02.xhtml#tbl%3Amonths">Table 2.1</a>')
    expect(epub.texts['EPUB/chapter-02.xhtml']).toContain('href="chapter-01.xhtml#fig%3Atray">Figure 1.1</a>')

    const pdf = await digestPdf(file('a-year-of-seeds.pdf'))
    const text = pdf.pageList.map((page) => page.text.replace(/\s+/g, ' ')).join(' ')
    expect(text).toContain(seeds)
    expect(text).toContain('Figure 1.1: A seed tray')
    expect(text).toContain('The tray of Figure 1.1 is empty by now, and the basket of Figure 2.1 is full.')
    expect(pdf.pageList.flatMap((page) => page.links)).toEqual(expect.arrayContaining(['#c2-tbl:months', '#c1-fig:tray', '#c2-fig:basket']))
    expect(pdf.destinations).toEqual(expect.arrayContaining(['c1-fig:tray', 'c2-fig:basket', 'c2-tbl:months']))
  })

  it('numbers figures through the book when its chapters have no numbers; `crossref: false` leaves the syntax as written', async () => {
    const folder = mkdtempSync(path.join(workspace, 'project-'))
    cpSync(path.join(projectRoot, 'test/fixtures-books/numbering'), path.join(folder, 'content'), { recursive: true })
    const pageOf = async (book: string) => {
      writeFileSync(path.join(folder, 'content/book.yml'), book)
      const built = await build({ cwd: folder, formats: ['html'], write: false, jobs: 1, cache: false })
      expect(built.failed).toBe(false)
      return built.books[0]!.outputs.find((output) => output.name === 't/harvest.html')!.data!.toString('utf8')
    }
    const through = await pageOf('title: T\nchapters: [seeds.md, harvest.md]\n')
    expect(through).toContain('href="seeds.html#fig:tray">Figure 1</a>')
    expect(through).toContain('>Figure 2</span>: A basket')
    expect(through).toContain('>Table 1</span>: Months of the harvest')
    const off = await pageOf('title: T\ncrossref: false\nchapters: [seeds.md, harvest.md]\n')
    expect(off).toContain('The tray of [@fig:tray] is empty by now')
    expect(off).not.toContain('<figure')
  })

  it('EPUB: `tocDepth` sets how many levels of the nav are listed; a wrong one is an error at its place', async () => {
    const folder = project()
    writeFileSync(
      path.join(folder, 'content/b.md'),
      '---\ntitle: B\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\n### Deeper\n\n## Other\n\nText.\n'
    )
    const navOf = async (book: string) => {
      writeFileSync(path.join(folder, 'content/book.yml'), book)
      const built = await build({ cwd: folder, formats: ['epub'], write: false, jobs: 1, cache: false })
      if (built.failed) return built.books[0]!.file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)
      const epub = await digestEpub(built.books[0]!.outputs[0]!.data!)
      const listed = (name: string) =>
        [...epub.texts[name]!.matchAll(/<(?:a href="[^"]+"|navLabel>\s*<text)>([^<]+)</g)].map((match) => match[1])
      return [...listed('EPUB/nav.xhtml'), '|', ...listed('EPUB/toc.ncx')]
    }
    expect(await navOf('title: T\n')).toEqual([
      'A',
      'Same',
      'B',
      'Same',
      'Deeper',
      'Other',
      '|',
      'A',
      'Same',
      'B',
      'Same',
      'Deeper',
      'Other'
    ])
    expect(await navOf('title: T\ntocDepth: 2\n')).toEqual(['A', 'Same', 'B', 'Same', 'Other', '|', 'A', 'Same', 'B', 'Same', 'Other'])
    expect(await navOf('title: T\ntocDepth: 1\n')).toEqual(['A', 'B', '|', 'A', 'B'])
    expect(await navOf('title: T\ntocDepth: 0\n')).toEqual([
      '2:11 Invalid book field `tocDepth`: expected a whole number of levels, 1 or more (1: the chapters)'
    ])
  })

  it('PDF: with `openRight: true`, each chapter opens on a right-hand page, after a blank one if needed', async () => {
    const folder = project()
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\nopenRight: true\n')
    const built = await build({ cwd: folder, formats: ['pdf'], write: false, jobs: 1 })
    expect(built.failed).toBe(false)
    const pdf = await digestPdf(built.books[0]!.outputs[0]!.data!)
    // Title page, contents, chapter A on page 3, a blank page 4 (no running header or page number), B on page 5.
    expect(pdf.pageList.map((page) => page.text.split('\n')[0])).toEqual(['T', 'Contents', 'A', undefined, 'B'].map((text) => text ?? ''))
  })

  it('PDF: numbers the title and contents pages i, ii… and the body from 1 when the theme says so', async () => {
    const folder = project()
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\n')
    const pdfOf = async (theme: string) => {
      mkdirSync(path.join(folder, 'templates'), { recursive: true })
      writeFileSync(path.join(folder, 'templates/pdf-theme.json'), theme)
      const built = await build({ cwd: folder, formats: ['pdf'], templates: 'templates', write: false, jobs: 1, cache: false })
      expect(built.failed).toBe(false)
      return digestPdf(built.books[0]!.outputs[0]!.data!)
    }
    const roman = await pdfOf('{ "page_front_matter_numerals": "roman" }\n')
    const footers = roman.pageList.map((page) => page.text.split('\n').at(-1))
    // The title page has no footer; the contents page shows its numeral alone; the body counts its own pages.
    expect(footers).toEqual(['By W', 'ii', 'Page 1 of 2', 'Page 2 of 2'])
    // The contents' page numbers are written after the entries: they are the body's.
    expect(roman.pageList[1]!.text).toBe('Contents\nA\nB\n1\n2\nii')
    expect(roman.pageLabels).toEqual(['i', 'ii', '1', '2'])
    const arabic = await pdfOf('{}\n')
    expect(arabic.pageList.map((page) => page.text.split('\n').at(-1))).toEqual(['By W', 'Page 2 of 4', 'Page 3 of 4', 'Page 4 of 4'])
    expect(arabic.pageList[1]!.text).toBe('Contents\nA\nB\n3\n4\nPage 2 of 4')
    expect(arabic.pageLabels).toBeUndefined()
  })

  it('takes its cover from the book file', async () => {
    const folder = project()
    // A 1×1 PNG.
    writeFileSync(
      path.join(folder, 'content/dot.png'),
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64')
    )
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\ncover: dot.png\nidentifier: urn:isbn:9780000000002\n')
    const built = await build({ cwd: folder, formats: ['epub'], write: false, jobs: 1 })
    expect(built.failed).toBe(false)
    const epub = await digestEpub(built.books[0]!.outputs[0]!.data!)
    expect(epub.texts['EPUB/package.opf']).toMatch(
      /<item id="cover-image" href="images\/dot-[0-9a-f]+\.png" media-type="image\/png" properties="cover-image" \/>/
    )
    expect(epub.texts['EPUB/package.opf']).toContain('<dc:identifier id="pub-id">urn:isbn:9780000000002</dc:identifier>')
  })

  it('is rebuilt when a chapter, the order or the book file changes, and only then', async () => {
    const folder = project()
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\nchapters: [a.md, b.md]\n')
    const cached = async () => {
      const built = await build({ cwd: folder, formats: ['html', 'epub'], jobs: 1 })
      expect(built.failed).toBe(false)
      return built.books[0]!.cached
    }
    expect(await cached()).toBe(false)
    expect(await cached()).toBe(true)
    writeFileSync(path.join(folder, 'content/b.md'), '---\ntitle: B\nauthor: W\ndate: 2026-01-01\n---\n\n## Same\n\nMore text.\n')
    expect(await cached()).toBe(false)
    expect(await cached()).toBe(true)
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T\nchapters: [b.md, a.md]\n')
    expect(await cached()).toBe(false)
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T2\nchapters: [b.md, a.md]\n')
    expect(await cached()).toBe(false)
    expect(await cached()).toBe(true)
    // A chapter taken out of the book leaves no page of its own in the site.
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: T2\nchapters: [b.md]\n')
    expect(await cached()).toBe(false)
    expect(readdirSync(path.join(folder, 'out/t2')).sort()).toEqual(['b.html', 'index.html', 'one-page.html'])
  })

  it('--shard: each book is built by one shard, and the merge lists every book', async () => {
    const folder = project()
    mkdirSync(path.join(folder, 'content/two'))
    writeFileSync(path.join(folder, 'content/two/c.md'), '---\ntitle: C\nauthor: W\ndate: 2026-01-01\n---\n\nText.\n')
    writeFileSync(path.join(folder, 'content/book.yml'), 'title: One\nchapters: [a.md, b.md]\n')
    writeFileSync(path.join(folder, 'content/two/book.yml'), 'title: Two\nchapters: [c.md, ../a.md]\n')
    const shards = []
    for (const index of [1, 2]) {
      const built = await build({
        cwd: folder,
        formats: ['epub'],
        jobs: 1,
        cache: false,
        out: `shard-${index}`,
        shard: { index, count: 2 }
      })
      expect(built.failed).toBe(false)
      shards.push(built.books.map((book) => book.path))
    }
    expect(shards).toEqual([['one'], ['two/two']])
    const merged = await merge(['shard-1', 'shard-2'], { cwd: folder, out: 'merged' })
    expect(merged.problems).toEqual([])
    const manifest = JSON.parse(readFileSync(path.join(folder, 'merged/manifest.json'), 'utf8')) as Manifest
    expect(manifest.books?.map((book) => book.files.map((file) => file.name))).toEqual([['one.epub'], ['two/two.epub']])
    // The same bytes as one whole build writes.
    const whole = await build({ cwd: folder, formats: ['epub'], jobs: 1, cache: false, out: 'whole' })
    expect(whole.failed).toBe(false)
    for (const name of ['manifest.json', 'index.html', 'one.epub', 'two/two.epub'])
      expect(readFileSync(path.join(folder, 'merged', name)).equals(readFileSync(path.join(folder, 'whole', name))), name).toBe(true)
  })
})
