import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'
import { digestEpub } from './helpers/epub-digest.js'
import { digestPdf } from './helpers/pdf-digest.js'

// A docs folder as people keep one: articles in folders, a README per folder, links between them.
// out/ mirrors it, and each format links the other article's file in the same format.
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-site-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const files: Record<string, string> = {
  'content/home.md':
    '---\ntitle: Home\nauthor: A\n---\n\nSee [the guide](docs/guide.md#set-up), [the API](docs/api/) and [a note](notes.md) and [the licence](LICENSE).\n',
  'content/docs/guide.md': '---\ntitle: Guide\nauthor: A\n---\n\n## Set up\n\nBack [home](../home.md).\n',
  'content/docs/api/README.md': '---\ntitle: API\nauthor: A\n---\n\nSee [the guide](../guide.md).\n',
  'content/docs/changelog.md': '---\ntitle: Changes\nauthor: A\n---\n\nOne.\n',
  'content/docs/other.md': '---\ntitle: Other changes\nauthor: A\nslug: changelog\n---\n\nTwo.\n'
}

function tree(folder: string): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true })
    writeFileSync(path.join(folder, name), text)
  }
}

describe('a folder of articles', () => {
  it('is written as the same folders, a README beside its folder, a taken name with a suffix and a warning', async () => {
    const folder = path.join(workspace, 'layout')
    tree(folder)
    const result = await build({ cwd: folder, jobs: 1, cache: false })
    expect(result.failed).toBe(false)
    expect(result.articles.map((article) => `${article.source} -> ${article.outputs.map((file) => file.name).join(' ')}`)).toEqual([
      'content/docs/api/README.md -> docs/api.html docs/api.pdf docs/api.epub',
      'content/docs/changelog.md -> docs/changelog.html docs/changelog.pdf docs/changelog.epub',
      'content/docs/guide.md -> docs/guide.html docs/guide.pdf docs/guide.epub',
      'content/docs/other.md -> docs/changelog-1.html docs/changelog-1.pdf docs/changelog-1.epub',
      'content/home.md -> home.html home.pdf home.epub'
    ])
    const other = result.articles.find((article) => article.source === 'content/docs/other.md')!
    expect(other.file.messages.map((message) => `${message.fatal === false ? 'warning' : 'other'} ${message.reason}`)).toEqual([
      'warning Output name `docs/changelog` is taken by content/docs/changelog.md: written as `docs/changelog-1` (set a different `slug:` in the front matter)'
    ])
    const index = readFileSync(path.join(folder, 'out/index.html'), 'utf8')
    expect(index).toContain('<a href="docs/changelog-1.html">Other changes</a>')
    expect(
      JSON.parse(readFileSync(path.join(folder, 'out/manifest.json'), 'utf8')).articles.map((entry: { path: string }) => entry.path)
    ).toEqual(['docs/api', 'docs/changelog', 'docs/guide', 'docs/changelog-1', 'home'])
  })

  it('links another article in each format: its page, its PDF at the place, its book only where published', async () => {
    const folder = path.join(workspace, 'links')
    tree(folder)
    const result = await build({ cwd: folder, jobs: 1, cache: false })
    const home = readFileSync(path.join(folder, 'out/home.html'), 'utf8')
    expect(home).toContain('<a href="docs/guide.html#set-up">the guide</a>')
    expect(home).toContain('<a href="docs/api.html">the API</a>')
    // Not articles of the build: as written.
    expect(home).toContain('<a href="notes.md">a note</a>')
    expect(home).toContain('<a href="LICENSE">the licence</a>')
    expect(readFileSync(path.join(folder, 'out/docs/guide.html'), 'utf8')).toContain('<a href="../home.html">home</a>')
    expect(readFileSync(path.join(folder, 'out/docs/api.html'), 'utf8')).toContain('<a href="guide.html">the guide</a>')

    const pdfLinks = (await digestPdf(readFileSync(path.join(folder, 'out/home.pdf')))).pageList.flatMap((page) => page.links)
    // pdf.js writes a remote go-to's explicit destination (first page, fit) as JSON after the file.
    const start = '#[0,{"name":"Fit"}]'
    expect(pdfLinks).toEqual(['docs/guide.pdf#set-up', `docs/api.pdf${start}`])
    expect((await digestPdf(readFileSync(path.join(folder, 'out/docs/guide.pdf')))).pageList.flatMap((page) => page.links)).toEqual([
      `../home.pdf${start}`
    ])

    // A book cannot link a file beside it: text, and an info message.
    const book = Object.values((await digestEpub(readFileSync(path.join(folder, 'out/home.epub')))).texts).join('\n')
    expect(book).toContain('See the guide, the API')
    const messages = result.articles.find((article) => article.source === 'content/home.md')!.file.messages
    expect(messages.filter((message) => message.ruleId === 'epub-link').map((message) => message.fatal)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined
    ])
    expect(messages.find((message) => message.ruleId === 'link-article')?.reason).toBe(
      'Link to `notes.md`, which is not an article of this build: kept as written'
    )

    // With a base URL the book links where the other article is published.
    const published = await build({ cwd: folder, jobs: 1, cache: false, out: 'published', baseUrl: 'https://example.org/docs' })
    expect(published.failed).toBe(false)
    const linked = Object.values((await digestEpub(readFileSync(path.join(folder, 'published/home.epub')))).texts).join('\n')
    expect(linked).toContain('<a href="https://example.org/docs/docs/guide.html#set-up">the guide</a>')
  })

  it('rebuilds an article from the cache when an article it links to moves, and only then', async () => {
    const folder = path.join(workspace, 'cache')
    tree(folder)
    const first = await build({ cwd: folder, jobs: 1 })
    expect(first.articles.every((article) => !article.cached)).toBe(true)
    const again = await build({ cwd: folder, jobs: 1 })
    expect(again.articles.every((article) => article.cached)).toBe(true)
    // The guide takes another name: the articles linking to it are built again, the others are not.
    writeFileSync(
      path.join(folder, 'content/docs/guide.md'),
      files['content/docs/guide.md']!.replace('title: Guide', 'title: Guide\nslug: handbook')
    )
    const moved = await build({ cwd: folder, jobs: 1 })
    expect(moved.articles.filter((article) => !article.cached).map((article) => article.source)).toEqual([
      'content/docs/api/README.md',
      'content/docs/guide.md',
      'content/home.md'
    ])
    expect(readFileSync(path.join(folder, 'out/home.html'), 'utf8')).toContain('<a href="docs/handbook.html#set-up">the guide</a>')
  })
})
