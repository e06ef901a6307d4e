import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle } from '../src/article/parse.js'
import { renderHtml } from '../src/render/html/index.js'
import { caseName, projectRoot, snapshotArticles } from './helpers/articles.js'

const options = resolveOptions({ cwd: projectRoot })

describe.each(snapshotArticles())('%s as HTML', async (file) => {
  const article = await parseArticle(file, options)
  const html = renderHtml(article, options).toString('utf8')

  it('matches the reviewed page', async () => {
    // The page as written, except the inlined style sheet when it is exactly templates/html/style.css:
    // it is reviewed there, once, not in every snapshot.
    const css = readFileSync(path.join(options.templates, 'html/style.css'), 'utf8')
    expect(html).toContain(`<style>${css}</style>`)
    const page = html.replace(`<style>${css}</style>`, '<style>/* templates/html/style.css */</style>')
    await expect(page).toMatchFileSnapshot(`__snapshots__/html/${caseName(file)}.html`)
  })

  it('is one self-contained file: no script to run, nothing loaded from elsewhere but remote images', () => {
    expect(html.match(/<script\b[^>]*>/g) ?? []).toEqual(['<script type="application/ld+json">'])
    expect(html).not.toMatch(/<link\b(?! rel="canonical")|<iframe\b|<object\b|<embed\b|<form\b|<base\b|<meta http-equiv/i)
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=|(?:href|src|action)="\s*(?:javascript:|vbscript:|data:text)/i)
    for (const src of html.match(/<img\b[^>]*\ssrc="([^"]*)"/g) ?? []) expect(src).toMatch(/src="(data:image\/|https?:)/)
  })

  it('states the language, title and every heading id once', () => {
    expect(html).toContain(`<html lang="${article.meta.lang}" dir="${article.meta.dir}">`)
    expect(html).toContain('<title>')
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1])
    expect(new Set(ids).size).toBe(ids.length)
    for (const heading of article.headings) expect(ids).toContain(heading.id)
  })

  it('has an anchor for every internal link', () => {
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]))
    for (const [, target] of html.matchAll(/\shref="#([^"]*)"/g)) expect(ids, `#${target}`).toContain(decodeURIComponent(target!))
  })
})
