import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle, parseFile } from '../src/article/parse.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { projectRoot } from './helpers/articles.js'
import { assertTool, tool } from './helpers/tools.js'

const options = { ...resolveOptions({ cwd: projectRoot }), root: path.join(projectRoot, 'content') }

/** The body of an article as HTML, with no-break spaces shown as `~` and narrow ones as `^`. */
async function body(markdown: string, front = 'lang: en', extra: { typography?: boolean } = {}): Promise<{ html: string; title: string }> {
  const file = new VFile({
    path: 'content/a.md',
    cwd: projectRoot,
    value: `---\ntitle: A "quoted" title\nauthor: A\n${front}\n---\n\n${markdown}\n`
  })
  const article = await parseFile(file, { ...options, ...extra })
  const show = (text: string) => text.replace(/\u00A0/g, '~').replace(/\u202F/g, '^')
  return { html: show(toHtml(article.tree)), title: show(article.meta.title) }
}

describe('typographic punctuation', () => {
  it('curls quotes and apostrophes, across emphasis and links, and makes dashes and ellipses', async () => {
    const { html, title } = await body(
      `He said "hello *world*" and it's '[linked](https://example.com)' -- yes; x---y, pages 1--5, wait...`
    )
    expect(html).toContain(
      'He said “hello <em>world</em>” and it’s ‘<a href="https://example.com">linked</a>’~– yes; x—y, pages 1–5, wait…'
    )
    expect(title).toBe('A “quoted” title')
  })

  it('never touches code, keyboard input or code blocks, nor option flags and spreads typed in prose', async () => {
    const { html } = await body('Run `say "hi" -- ...` or <kbd>"</kbd> with --save-dev and ...args.\n\n```sh\necho "it\'s" -- ...\n```')
    expect(html).toContain('<code>say "hi" -- ...</code>')
    expect(html).toContain('<kbd>"</kbd> with --save-dev and ...args.')
    expect(html).toContain('<span class="hljs-string">"it\'s"</span> -- ...')
  })

  it('uses the marks of the language, and of a passage in another language', async () => {
    expect((await body(`Er sagte "Hallo 'Welt'" und geht's.`, 'lang: de')).html).toContain('Er sagte „Hallo ‚Welt‘“ und geht’s.')
    expect((await body(`Il a dit "bonjour" : oui ! Vraiment ?`, 'lang: fr')).html).toContain('Il a dit «^bonjour^»~: oui^! Vraiment^?')
    const mixed = await body(`English "here" and <span lang="de">"dort"</span>, then <span lang="el">απ' όσα</span>.`)
    expect(mixed.html).toContain('English “here” and <span lang="de">„dort“</span>')
    // An elision is an apostrophe in every language, not a closing quote.
    expect(mixed.html).toContain('<span lang="el">απ’ όσα</span>')
  })

  it('binds with no-break spaces what a line must not split', async () => {
    const { html } = await body('Needs Node ≥ v4 and 10 MB of memory; n = 3 in 2 months.')
    expect(html).toContain('Needs Node~≥~v4 and 10~MB of memory; n~=~3 in 2 months.')
  })

  it('leaves everything as typed with `typography: false`, in the front matter or the options', async () => {
    const typed = `"a" -- b... it's`
    expect((await body(typed, 'typography: false')).html).toContain(`<p>${typed}</p>`)
    expect((await body(typed, 'lang: en', { typography: false })).title).toBe('A "quoted" title')
    expect((await body(typed, 'typography: true', { typography: false })).html).toContain('“a”~– b… it’s')
  })

  it('draws the marks in the PDF, whose text gives them back', async () => {
    assertTool(tool('pdftotext', 'poppler-utils'))
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-typography-'))
    try {
      writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Marks\nauthor: A\nlang: fr\n---\n\nIl a dit "bonjour" -- et puis... rien ?\n`)
      const local = resolveOptions({ cwd: folder })
      const article = await parseArticle('a.md', local)
      const pdf = await renderPdf(article, local)
      writeFileSync(path.join(folder, 'a.pdf'), pdf)
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(folder, 'a.pdf'), '-'], { encoding: 'utf8' })
      expect(text.replace(/\s+/g, ' ')).toContain('Il a dit « bonjour » – et puis… rien ?')
      expect(article.file.messages.map((message) => message.reason)).toEqual([])
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
