import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'
import { catalog } from './bad/catalog.js'
import { digestEpub } from './helpers/epub-digest.js'
import { digestPdf } from './helpers/pdf-digest.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'quire-bad-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

describe.each(catalog)('$name: $what', (bad) => {
  it(
    bad.builds ? 'builds, with the expected messages' : 'fails alone, with a positioned message, and writes nothing of its own',
    async () => {
      const folder = path.join(workspace, bad.name)
      mkdirSync(path.join(folder, 'content'), { recursive: true })
      writeFileSync(path.join(folder, 'content', `${bad.name}.md`), bad.article)
      writeFileSync(path.join(folder, 'content', 'good.md'), '---\ntitle: Good\nauthor: A\n---\n\nA good article beside the bad one.\n')
      for (const [name, data] of Object.entries(bad.files ?? {})) writeFileSync(path.join(folder, name), data)

      const result = await build({ cwd: folder, jobs: 1, cache: false, ...bad.options })
      const article = result.articles.find((entry) => entry.source === `content/${bad.name}.md`)!
      const messages = article.file.messages.map(
        (message) =>
          `${message.line ? `${message.line}:${message.column} ` : ''}${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.reason} (${message.ruleId})`
      )
      expect(messages).toHaveLength(bad.messages.length)
      bad.messages.forEach((expected, index) =>
        typeof expected === 'string' ? expect(messages[index]).toBe(expected) : expect(messages[index]).toMatch(expected)
      )
      expect(article.failed).toBe(!bad.builds)

      // The other article always builds.
      expect(result.articles.find((entry) => entry.slug === 'good')?.outputs.map((output) => output.format)).toEqual([
        'html',
        'pdf',
        'epub'
      ])
      const written = readdirSync(path.join(folder, 'out'))
      const base = bad.output ?? bad.name
      const own = written.filter((name) => name.startsWith(`${base}.`))
      expect(own.sort()).toEqual(bad.builds ? [`${base}.epub`, `${base}.html`, `${base}.pdf`] : [])
      expect(written.filter((name) => name.endsWith('.tmp'))).toEqual([])

      if (bad.builds) {
        // What is written is whole and valid: the PDF ends properly, the EPUB starts with its mimetype.
        const pdf = readFileSync(path.join(folder, 'out', `${base}.pdf`))
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
        expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true)
        const epub = readFileSync(path.join(folder, 'out', `${base}.epub`))
        expect(epub.subarray(30, 58).toString()).toBe('mimetypeapplication/epub+zip')
        const html = readFileSync(path.join(folder, 'out', `${base}.html`), 'utf8')
        const xhtml = Object.values((await digestEpub(epub)).texts).join('\n')
        for (const text of bad.never ?? []) {
          expect(html, `HTML holds ${text}`).not.toContain(text)
          expect(xhtml, `EPUB holds ${text}`).not.toContain(text)
        }
        if (bad.always?.length) {
          // What stands in for a problem (an image's alt text, the text around it) is there for a reader.
          const pdfText = (await digestPdf(pdf)).pageList
            .map((page) => page.text)
            .join('\n')
            .replace(/\s+/g, ' ')
          for (const text of bad.always) {
            expect(html, `HTML lacks ${text}`).toContain(text)
            expect(xhtml, `EPUB lacks ${text}`).toContain(text)
            expect(pdfText, `PDF lacks ${text}`).toContain(text)
          }
        }
        if (bad.never?.length) {
          // The PDF's streams are compressed: check what a reader gets, its text and its links' targets.
          const { pageList } = await digestPdf(pdf)
          const pdfText = pageList.map((page) => page.text).join('\n')
          const pdfLinks = pageList.flatMap((page) => page.links)
          expect(pdfText.trim(), 'PDF text extracted').not.toBe('')
          for (const text of bad.never) {
            expect(pdfText, `PDF text holds ${text}`).not.toContain(text)
            expect(
              pdfLinks.filter((uri) => uri.includes(text)),
              `PDF links hold ${text}`
            ).toEqual([])
          }
        }
      }
    },
    300_000
  )
})
