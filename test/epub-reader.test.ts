import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { renderEpub } from '../src/render/epub/index.js'
import { projectRoot } from './helpers/articles.js'
import { assertTool, tool, launchChromium } from './helpers/tools.js'

// The field guide opened in a reading system, epub.js in Chromium: its cover, contents and a footnote
// link are followed as a reader would, and pages are captured to out/screenshots/ to look at.
const require = createRequire(import.meta.url)
const chromium = tool('chromium', 'chromium')
let server: Server
let base = ''

beforeAll(async () => {
  const options = resolveOptions({ cwd: projectRoot })
  const book = await renderEpub(await parseArticle('content/field-guide.md', options), options)
  const files: Record<string, [string, Buffer | string]> = {
    '/book.epub': ['application/epub+zip', book],
    '/jszip.js': ['text/javascript', readFileSync(require.resolve('jszip/dist/jszip.min.js'))],
    '/epub.js': ['text/javascript', readFileSync(path.join(path.dirname(require.resolve('epubjs/package.json')), 'dist/epub.min.js'))],
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><script src="/jszip.js"></script><script src="/epub.js"></script><div id="viewer" style="width:800px;height:1000px"></div>'
    ]
  }
  server = createServer((request, response) => {
    const file = files[request.url ?? '']
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' })
    response.end(file?.[1] ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

describe.skipIf(chromium.skip)('the EPUB in a reading system (epub.js)', () => {
  it('opens with its cover, its contents and footnotes that link to their notes', async () => {
    assertTool(chromium)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 1000 } })
      await page.goto(base)
      const opened = await page.evaluate(async () => {
        const ePub = (globalThis as any).ePub
        const book = ePub('/book.epub')
        const rendition = book.renderTo('viewer', { width: 800, height: 1000, flow: 'paginated', spread: 'none' })
        ;(globalThis as any).rendition = rendition
        await book.ready
        const navigation = await book.loaded.navigation
        const cover = await book.loaded.cover
        await rendition.display()
        const shown = rendition.getContents()[0].document
        const image = shown.querySelector('img[role="doc-cover"]') as HTMLImageElement | null
        if (image && !image.complete) await new Promise((resolve) => image.addEventListener('load', resolve, { once: true }))
        const first = image ? image.naturalWidth : 0
        const flat = (items: any[]): any[] => items.flatMap((item) => [item, ...flat(item.subitems ?? [])])
        return { title: book.packaging.metadata.title, toc: flat(navigation.toc).map((item: any) => item.label.trim()), cover, first }
      })
      expect(opened.title).toBe('A Field Guide to Markdown in Quire')
      expect(opened.cover).toMatch(/cover/)
      // The first page shown is the cover, and its picture loaded.
      expect(opened.first).toBeGreaterThan(0)
      expect(opened.toc).toEqual(expect.arrayContaining(['Part one: common species', 'Footnotes and quotations', 'Packing up']))
      const { mkdirSync } = await import('node:fs')
      mkdirSync(path.join(projectRoot, 'out/screenshots'), { recursive: true })
      await page.screenshot({ path: path.join(projectRoot, 'out/screenshots/epub-cover.png') })

      // A reader picks "Footnotes and quotations" in the contents, then follows the first note reference.
      const noteTarget = await page.evaluate(async () => {
        const rendition = (globalThis as any).rendition
        const toc = (await rendition.book.loaded.navigation).toc
        const flat = (items: any[]): any[] => items.flatMap((item) => [item, ...flat(item.subitems ?? [])])
        await rendition.display(flat(toc).find((item) => item.label.trim() === 'Footnotes and quotations').href)
        const contents = rendition.getContents()[0]
        const reference = contents.document.querySelector('a[epub\\:type="noteref"], a[role="doc-noteref"]')
        const id = decodeURIComponent(reference.getAttribute('href').split('#')[1])
        const note = contents.document.getElementById(id)
        return {
          href: reference.getAttribute('href'),
          noteText: note?.textContent?.trim().slice(0, 40),
          backlink: note?.querySelector('[role="doc-backlink"]')?.getAttribute('href')
        }
      })
      expect(noteTarget.href).toMatch(/#fn-/)
      expect(noteTarget.noteText).toBeTruthy()
      expect(noteTarget.backlink).toMatch(/#fnref-/)
      await page.screenshot({ path: path.join(projectRoot, 'out/screenshots/epub-footnotes.png') })

      // Then "Mathematics": the reading system draws the MathML itself, a fraction taller than a line of text.
      const math = await page.evaluate(async () => {
        const rendition = (globalThis as any).rendition
        const toc = (await rendition.book.loaded.navigation).toc
        const flat = (items: any[]): any[] => items.flatMap((item) => [item, ...flat(item.subitems ?? [])])
        await rendition.display(flat(toc).find((item) => item.label.trim() === 'Mathematics').href)
        const document = rendition.getContents()[0].document as Document
        const formulas = [...document.querySelectorAll('math')]
        const display = formulas.find((formula) => formula.getAttribute('display') === 'block')
        const line = Number.parseFloat(getComputedStyle(document.body).lineHeight) || 24
        return {
          count: formulas.length,
          namespace: formulas[0]?.namespaceURI,
          displayTaller: (display?.getBoundingClientRect().height ?? 0) > line,
          drawn: formulas.every((formula) => formula.getBoundingClientRect().width > 0)
        }
      })
      expect(math).toEqual({ count: 5, namespace: 'http://www.w3.org/1998/Math/MathML', displayTaller: true, drawn: true })
      await page.screenshot({ path: path.join(projectRoot, 'out/screenshots/epub-math.png') })
    } finally {
      await browser.close()
    }
  }, 180_000)
})
