import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasFatal } from '../src/article/article.js'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { accessibilityMetadata } from '../src/render/epub/accessibility.js'
import { renderEpub } from '../src/render/epub/index.js'
import { uuidV5 } from '../src/render/epub/identifier.js'
import { modified } from '../src/render/epub/opf.js'
import { readTemplate } from '../src/render/templates.js'
import { caseName, projectRoot, snapshotArticles } from './helpers/articles.js'
import { digestEpub } from './helpers/epub-digest.js'
import { epubcheck } from './helpers/epubcheck.js'
import { copyReadmes } from './helpers/readmes.js'
import { assertTool, tool, launchChromium } from './helpers/tools.js'

const context = resolveOptions({ cwd: projectRoot })
const out = mkdtempSync(path.join(tmpdir(), 'quire-epub-'))
// Every snapshot article's book; an article with a fatal problem has none, and its tests fail (`book`).
const books = new Map<string, Buffer>()
// The fatal messages of the articles renderAll could not render, by file.
const unbuilt = new Map<string, string[]>()

async function renderAll(files: string[], cwd = projectRoot, author?: string): Promise<Map<string, Buffer>> {
  const options = resolveOptions({ cwd, author })
  const result = new Map<string, Buffer>()
  for (const file of files) {
    const article = await parseArticle(file, options)
    if (!hasFatal(article)) result.set(file, await renderEpub(article, options))
    else
      unbuilt.set(
        file,
        article.file.messages.filter((message) => message.fatal === true).map((message) => `${message.reason} (${message.ruleId})`)
      )
  }
  return result
}

/** The article's book, which must exist: a snapshot article that does not build is a failure, not a skip. */
function book(file: string): Buffer {
  const epub = books.get(file)
  expect(epub, `no book for ${file}: ${unbuilt.get(file)?.join('; ') || 'not rendered'}`).toBeInstanceOf(Buffer)
  return epub!
}

beforeAll(async () => {
  for (const [file, epub] of await renderAll(snapshotArticles())) books.set(file, epub)
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe.each(snapshotArticles().map((file) => [caseName(file), file]))('%s', (_, file) => {
  it('matches the snapshot: file list and every text file', async () => {
    const epub = book(file)
    const digest = await digestEpub(epub)
    // The stylesheet is the same in every book: snapshot it once (below), not once per article.
    const css = digest.texts['EPUB/css/style.css']
    expect(css).toBe(stylesheet())
    digest.texts['EPUB/css/style.css'] = '(the stylesheet snapshot)'
    expect(digest).toMatchSnapshot()
  })

  it('starts with mimetype, stored, without extra field', async () => {
    const epub = book(file)
    const { mimetype, entries } = await digestEpub(epub)
    expect(mimetype).toEqual({ first: true, stored: true, localExtraFieldLength: 0, content: 'application/epub+zip' })
    expect(entries[0]).toBe('mimetype stored')
    // The local header's bytes, as OCF readers sniff them: signature, then `mimetype` at offset 30, content at 38.
    expect(epub.subarray(30, 58).toString('latin1')).toBe('mimetypeapplication/epub+zip')
  })

  it('is byte-identical when parsed and rendered again', async () => {
    const epub = book(file)
    const again = await renderAll([file])
    expect(again.get(file)!.equals(epub)).toBe(true)
  })
})

it('snapshots the stylesheet shared by every book (html/style.css + epub/epub.css)', () => {
  expect(stylesheet()).toMatchSnapshot()
})

it('gives the same bytes in every time zone (zip dates, dates in the text)', async () => {
  // Node re-reads TZ whenever process.env.TZ is set, so local-time Date getters (which yazl uses for
  // DOS dates) follow it. Zones with odd offsets on both sides of UTC, each checked to have taken effect.
  const before = process.env.TZ
  const files = [...books.keys()]
  try {
    for (const [zone, offset] of [
      ['Pacific/Chatham', -825],
      ['America/St_Johns', 150],
      ['UTC', 0]
    ] as const) {
      process.env.TZ = zone
      expect(new Date(Date.UTC(2024, 2, 14)).getTimezoneOffset()).toBe(offset)
      const again = await renderAll(files)
      for (const file of files) expect({ zone, file, same: again.get(file)!.equals(books.get(file)!) }).toEqual({ zone, file, same: true })
    }
  } finally {
    if (before === undefined) delete process.env.TZ
    else process.env.TZ = before
  }
})

it('passes EPUBCheck 5.1.0 with no fatal, error or warning: every article, and a sample of real READMEs', async () => {
  const written: string[] = []
  for (const [file, epub] of books) {
    const target = path.join(out, `${caseName(file)}.epub`)
    writeFileSync(target, epub)
    written.push(target)
  }
  // Real-world Markdown with raw HTML, badges (remote images), <picture>, relative links.
  const readmeSource = path.join(out, 'readme-src')
  const readmes = copyReadmes(readmeSource, 8).map((name) => `${name.replace('/', '__')}.md`)
  for (const [file, epub] of await renderAll(readmes, readmeSource, 'README author')) {
    const target = path.join(out, file.replace(/\.md$/, '.epub'))
    writeFileSync(target, epub)
    written.push(target)
  }
  expect(written.length).toBeGreaterThan(books.size + 10)

  const results = await epubcheck(written)
  const problems = results.filter((result) => result.fatal + result.errors + result.warnings > 0)
  expect(problems.map((result) => ({ file: path.basename(result.file), messages: result.messages }))).toEqual([])
  expect(results.map((result) => path.basename(result.file))).toEqual(written.map((file) => path.basename(file)))
})

it('shows a remote image as its alt text, or inside a link with no text as where the link goes, apart from the next one', async () => {
  const folder = path.join(out, 'remote-images')
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    path.join(folder, 'badges.md'),
    '---\ntitle: Badges\n---\n\n[![npm](https://example.com/n.svg)](https://example.org/npm)[![](https://example.com/b.svg)](https://example.org/ci) and ![Logo](https://example.com/logo.png).\n'
  )
  const options = resolveOptions({ cwd: folder })
  const { texts } = await digestEpub(await renderEpub(await parseArticle('badges.md', options), options))
  const chapter = Object.entries(texts).find(([name]) => name.endsWith('article.xhtml'))?.[1] ?? ''
  expect(chapter).toContain('<a href="https://example.org/npm"><span class="remote-image">npm</span> </a><a href="https://example.org/ci"')
  expect(chapter).toContain(
    '<span class="remote-image">https://example.org/ci</span></a> and <a class="remote-image" href="https://example.com/logo.png">Logo</a>.'
  )
})

const chromium = tool('chromium', 'chromium')

describe.skipIf(chromium.skip)('in headless Chromium', () => {
  it('has no axe-core WCAG 2.x A/AA violations in any XHTML document (what Ace by DAISY runs, minus its EPUB rules)', async () => {
    assertTool(chromium)
    const axeSource = (await import('axe-core')).default.source
    const documents: string[] = []
    for (const [file, epub] of books) {
      for (const [name, text] of Object.entries((await digestEpub(epub)).texts)) {
        if (!name.endsWith('.xhtml')) continue
        // Unpacked next to its stylesheet and images would not matter to these rules: text only.
        const target = path.join(out, 'xhtml', caseName(file), name)
        mkdirSync(path.dirname(target), { recursive: true })
        writeFileSync(target, text)
        documents.push(target)
      }
    }
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const violations: string[] = []
      for (const document of documents) {
        await page.goto(pathToFileURL(document).href)
        await page.addScriptTag({ content: axeSource })
        const result = (await page.evaluate(() =>
          (globalThis as unknown as { axe: { run: (options: object) => Promise<unknown> } }).axe.run({
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
            resultTypes: ['violations']
          })
        )) as { violations: { id: string; nodes: { target: string[] }[] }[] }
        for (const violation of result.violations)
          violations.push(
            `${path.relative(out, document)}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
          )
      }
      expect(violations).toEqual([])
    } finally {
      await browser.close()
    }
  })
})

it('gives every epub:type in the reading order the DPUB-ARIA role Ace matches it with', async () => {
  let checked = 0
  for (const epub of books.values()) {
    const { texts } = await digestEpub(epub)
    for (const name of ['EPUB/article.xhtml', 'EPUB/cover.xhtml']) {
      for (const match of texts[name]!.matchAll(/<[a-z]+\b([^>]*?)\bepub:type="([^"]+)"([^>]*)>/g)) {
        const role = /\brole="([^"]+)"/.exec(match[1]! + match[3]!)?.[1]
        expect({ name, type: match[2], role }).toEqual({ name, type: match[2], role: `doc-${match[2]}` })
        checked += 1
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(books.size)
})

describe('pieces', () => {
  it('derives UUID v5 as RFC 9562 does', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
  })

  it('writes dcterms:modified as CCYY-MM-DDThh:mm:ssZ', () => {
    expect(modified(0)).toBe('1970-01-01T00:00:00Z')
    expect(modified(1710412496)).toBe('2024-03-14T10:34:56Z')
  })

  it('claims textual sufficiency, alternativeText and conformance only when every image has alt text', () => {
    const png = 'image/png' as const
    expect(accessibilityMetadata({ images: [], notes: false })).toMatchObject({
      accessModes: ['textual'],
      accessModesSufficient: ['textual'],
      hazards: ['none'],
      conformsTo: expect.any(String)
    })
    const described = accessibilityMetadata({ images: [{ alt: 'A chart', mediaType: png }], notes: true })
    expect(described).toMatchObject({
      accessModes: ['textual', 'visual'],
      accessModesSufficient: ['textual,visual', 'textual'],
      conformsTo: expect.any(String)
    })
    expect(described.features).toContain('alternativeText')
    const undescribed = accessibilityMetadata({
      images: [
        { alt: 'A chart', mediaType: png },
        { alt: '', mediaType: 'image/gif' }
      ],
      notes: false
    })
    expect(undescribed).toMatchObject({ accessModesSufficient: ['textual,visual'], hazards: ['unknown'], conformsTo: undefined })
    expect(undescribed.features).not.toContain('alternativeText')
    expect(undescribed.summary).toContain('1 of 2 images has no text alternative')
  })
})

function stylesheet(): string {
  return `${readTemplate(context.templates, 'html/style.css')}\n${readTemplate(context.templates, 'epub/epub.css')}`
}
