import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'
import { DEFAULT_TEMPLATES, type BuildOptions } from '../src/common/options.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'quire-cache-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

// A 1×1 PNG, and another with a different colour.
const red = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64')
const blue = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC', 'base64')

let folder = ''
const options = (extra: BuildOptions = {}): BuildOptions => ({
  cwd: folder,
  formats: ['html', 'epub'],
  jobs: 1,
  templates: path.join(folder, 'templates'),
  ...extra
})
const rebuilt = async (extra: BuildOptions = {}) => {
  const result = await build(options(extra))
  expect(result.failed).toBe(false)
  return result.articles
    .filter((article) => !article.cached)
    .map((article) => article.slug)
    .sort()
}

beforeEach(async () => {
  folder = mkdtempSync(path.join(workspace, 'project-'))
  mkdirSync(path.join(folder, 'content'))
  cpSync(DEFAULT_TEMPLATES, path.join(folder, 'templates'), { recursive: true })
  writeFileSync(path.join(folder, 'content/dot.png'), red)
  writeFileSync(path.join(folder, 'content/a.md'), '---\ntitle: A\nauthor: W\n---\n\n![A dot](dot.png)\n')
  writeFileSync(path.join(folder, 'content/b.md'), '---\ntitle: B\nauthor: W\n---\n\nText.\n')
  expect(await rebuilt()).toEqual(['a', 'b'])
})

describe('the build cache', () => {
  it('skips articles whose inputs are unchanged, and their files stay listed', async () => {
    const result = await build(options())
    expect(result.articles.map((article) => [article.slug, article.cached, article.outputs.map((output) => output.name)])).toEqual([
      ['a', true, ['a.html', 'a.epub']],
      ['b', true, ['b.html', 'b.epub']]
    ])
    expect(JSON.parse(readFileSync(path.join(folder, 'out/manifest.json'), 'utf8')).articles).toHaveLength(2)
  })

  it('rebuilds an article whose Markdown changed', async () => {
    appendFileSync(path.join(folder, 'content/b.md'), '\nMore.\n')
    expect(await rebuilt()).toEqual(['b'])
  })

  it('rebuilds an article whose image changed', async () => {
    writeFileSync(path.join(folder, 'content/dot.png'), blue)
    expect(await rebuilt()).toEqual(['a'])
  })

  it('rebuilds everything when an option, a template or the output changes', async () => {
    expect(await rebuilt({ lang: 'de' })).toEqual(['a', 'b'])
    appendFileSync(path.join(folder, 'templates/html/style.css'), '\n/* changed */\n')
    expect(await rebuilt({ lang: 'de' })).toEqual(['a', 'b'])
    expect(await rebuilt({ lang: 'de' })).toEqual([])
  })

  it('rebuilds an article whose output was deleted or altered', async () => {
    rmSync(path.join(folder, 'out/a.epub'))
    writeFileSync(path.join(folder, 'out/b.html'), 'tampered')
    expect(await rebuilt()).toEqual(['a', 'b'])
    expect(readFileSync(path.join(folder, 'out/b.html'), 'utf8')).toContain('<!doctype html>')
  })

  it('rebuilds an article whose output was altered to the same size, after outputs were checked once', async () => {
    // The second build records each output's size and time with its checked sha256; the third trusts those.
    expect(await rebuilt()).toEqual([])
    const file = path.join(folder, 'out/b.html')
    const html = readFileSync(file, 'utf8')
    writeFileSync(file, html.replace('Text.', 'Tex!.'))
    expect(readFileSync(file).length).toBe(Buffer.byteLength(html))
    expect(await rebuilt()).toEqual(['b'])
    expect(readFileSync(file, 'utf8')).toContain('Text.')
  })

  it('rebuilds only the articles without a date when SOURCE_DATE_EPOCH changes (a commit-dated CI build)', async () => {
    writeFileSync(path.join(folder, 'content/dated.md'), '---\ntitle: Dated\nauthor: W\ndate: 2026-01-02\n---\n\nText.\n')
    expect(await rebuilt({ sourceDateEpoch: 1767225600 })).toEqual(['a', 'b', 'dated'])
    expect(await rebuilt({ sourceDateEpoch: 1767225600 })).toEqual([])
    expect(await rebuilt({ sourceDateEpoch: 1767312000 })).toEqual(['a', 'b'])
  })

  it('is bypassed by cache: false (--no-cache)', async () => {
    expect(await rebuilt({ cache: false })).toEqual(['a', 'b'])
  })
})
