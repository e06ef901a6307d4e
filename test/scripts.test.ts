import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { labelsFor } from '../src/common/i18n.js'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { renderEpub } from '../src/render/epub/index.js'
import { renderHtml } from '../src/render/html/index.js'
import { projectRoot } from './helpers/articles.js'
import { digestEpub } from './helpers/epub-digest.js'

// Articles in Japanese, Chinese, Korean, Russian, Greek, Arabic, Hebrew, and the scripts of South and
// Southeast Asia, the Caucasus and Ethiopia.
const scripts = readdirSync(path.join(projectRoot, 'test/fixtures-scripts')).sort()
const options = resolveOptions({ cwd: projectRoot })
const RTL = new Set(['ar', 'he'])
// The languages Quire has labels for (src/common/i18n.ts); the others (Telugu, Gujarati, Punjabi,
// Malayalam, Kannada, Sinhala, Tibetan, Georgian, Armenian, Amharic, Khmer, Lao, Myanmar) get the
// English ones until a careful translation comes.
const LABELLED = new Set(['ar', 'bn', 'el', 'he', 'hi', 'ja', 'ko', 'ru', 'ta', 'th', 'zh'])

describe.each(scripts)('%s', async (lang) => {
  const article = await parseArticle(`test/fixtures-scripts/${lang}/index.md`, options)
  const dir = RTL.has(lang) ? 'rtl' : 'ltr'
  const labels = labelsFor(article.meta.lang)

  it('parses with no problem', () => {
    expect(article.file.messages.map(String)).toEqual([])
    expect(article.meta.dir).toBe(dir)
  })

  it('carries its language, direction and labels in HTML', () => {
    const html = renderHtml(article, options).toString('utf8')
    expect(html).toContain(`<html lang="${article.meta.lang}" dir="${dir}">`)
    expect(html).toContain(`<h2 class="sr-only" id="footnote-label">${labels.footnotes}</h2>`)
    // Each language Quire has labels for gets its own, not the English fallback; the others get English.
    if (LABELLED.has(lang)) expect(labels.footnotes).not.toBe('Footnotes')
    else expect(labels).toBe(labelsFor('en'))
  })

  it('carries its language and direction in the EPUB, with the page progression of its script', async () => {
    const { texts } = await digestEpub(await renderEpub(article, options))
    const opf = Object.entries(texts).find(([name]) => name.endsWith('.opf'))![1]
    expect(opf).toContain(`<dc:language>${article.meta.lang}</dc:language>`)
    expect(opf).toMatch(new RegExp(`<package [^>]*xml:lang="${article.meta.lang}"[^>]*dir="${dir}"`))
    if (dir === 'rtl') expect(opf).toContain('page-progression-direction="rtl"')
    else expect(opf).not.toContain('page-progression-direction="rtl"')
    const chapter = Object.entries(texts).find(([name]) => name.endsWith('article.xhtml'))![1]
    expect(chapter).toMatch(new RegExp(`<html [^>]*lang="${article.meta.lang}"`))
    expect(chapter).toMatch(new RegExp(`<html [^>]*xml:lang="${article.meta.lang}"`))
    expect(chapter).toMatch(new RegExp(`<html [^>]*dir="${dir}"`))
  })
})
