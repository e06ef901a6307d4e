import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { parseFile } from '../src/article/parse.js'
import { renderHtml } from '../src/render/html/index.js'
import { projectRoot } from './helpers/articles.js'

// The shared tree is valid HTML whatever the raw HTML in the Markdown (transforms/content-model.ts)
// and every id in it is valid and unique (transforms/ids.ts). The corpus check measures the same on
// real files; these are the kinds it found, one small case each.
const options = { ...resolveOptions({ cwd: projectRoot }), root: projectRoot }

async function parse(body: string) {
  const file = new VFile({ path: 'content/a.md', cwd: projectRoot, value: `---\ntitle: A\nauthor: B\n---\n\n${body}\n` })
  const article = await parseFile(file, options)
  return {
    html: toHtml(article.tree),
    messages: article.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`),
    article
  }
}

describe('content models', () => {
  it('leaves out a <code> left open across list items and headings, keeping their structure', async () => {
    const { html, messages } = await parse('- item with <code>unclosed code\n- next item\n\n## Heading after\n\nA paragraph.')
    expect(html).toBe(
      '<ul>\n<li>item with <code>unclosed code</code></li>\n<li>next item</li>\n</ul>\n<h2 id="heading-after">Heading after</h2>\n<p>A paragraph.</p>'
    )
    expect(messages).toEqual([
      '6:13 html-content-model Raw HTML `<code>` holds a `<li>` (a tag left open?): the `<code>` is left out around it'
    ])
  })

  it('gives a <details> its <summary> first: a missing one added in the article language, a late one moved', async () => {
    expect((await parse('<details>\nContent without summary.\n</details>')).html).toBe(
      '<details><summary>Details</summary>\nContent without summary.\n</details>'
    )
    expect((await parse('<details>\nText first\n<summary>Late</summary>\n<summary>Again</summary>\n</details>')).html).toBe(
      '<details><summary>Late</summary>\nText first\n\n<div>Again</div>\n</details>'
    )
  })

  it('keeps the content of a block inside a line of text, without the block', async () => {
    // The HTML parser closes the paragraph the span was in before the div: valid as it is.
    expect((await parse('<span><div>block in span</div></span>')).html).toBe('<p><span></span></p><div>block in span</div>')
    expect((await parse('<h2><a href="#a"><div>block in a link</div></a> text</h2>')).html).toBe(
      '<h2 id="block-in-a-link-text"><a href="#a">block in a link</a> text</h2>'
    )
    expect((await parse('<h2><p>p in h2</p></h2>')).html).toBe('<h2 id="p-in-h2">p in h2</h2>')
    expect((await parse('<h3><sub><p>para in sub</p></sub></h3>')).html).toBe('<h2 id="para-in-sub">para in sub</h2>')
  })

  it('puts what a list holds besides items into the item before it', async () => {
    expect((await parse('<ul><div>first</div><li>item</li><p>after</p></ul>')).html).toBe(
      '<ul><li><div>first</div></li><li>item<p>after</p></li></ul>'
    )
    expect((await parse('<ul><li>item</li><ul><li>nested</li></ul></ul>')).html).toBe('<ul><li>item<ul><li>nested</li></ul></li></ul>')
    expect((await parse('<dl><dt>term</dt><p>p in dl</p><dd>def</dd></dl>')).html).toBe(
      '<dl><dt>term</dt><dd><p>p in dl</p></dd><dd>def</dd></dl>'
    )
  })

  it('writes obsolete elements as their HTML5 equivalents', async () => {
    expect((await parse('<tt>mono</tt> and <strike>gone</strike>')).html).toBe('<p><code>mono</code> and <s>gone</s></p>')
  })
})

describe('addresses', () => {
  it('writes link addresses as HTML requires, leaving valid ones as written', async () => {
    const { html, messages } = await parse(
      '<a href="https:\\\\example.com\\path">a</a> <a href="docs\\a b.md">b</a> <a href="#x y">c</a> <a href="http://[bad">d</a> [e](https://example.org/a_(b)) [f](./ok.md#sec)'
    )
    expect(html).toBe(
      '<p><a href="https://example.com/path">a</a> <a href="docs/a%20b.md">b</a> <a href="#x%20y">c</a> <a>d</a> <a href="https://example.org/a_(b)">e</a> <a href="./ok.md#sec">f</a></p>'
    )
    expect(messages.filter((message) => message.includes('link-url'))).toEqual([
      '6:91 link-url Link address `http://[bad` is not a valid URL: its text is kept without the link'
    ])
  })
})

describe('attributes', () => {
  it('drops attributes GitHub allows everywhere but HTML only on some elements', async () => {
    expect((await parse('<a href="https://x.y/" alt="logo" start="2">x</a> <img src="https://x.y/i.png" alt="i">')).html).toBe(
      '<p><a href="https://x.y/">x</a> <img src="https://x.y/i.png" alt="i" data-remote></p>'
    )
  })

  it('leaves credentials out of a link address', async () => {
    expect((await parse('[login](http://username:secret@hostname/path)')).html).toBe('<p><a href="http://hostname/path">login</a></p>')
  })

  it('lets a picture whose image is missing stand in whole, sources and all', async () => {
    const { article } = await parse(
      '<picture><source media="(prefers-color-scheme: dark)" srcset="dark.png"><img src="light.png" alt="Logo"></picture> text'
    )
    const page = renderHtml(article, options).toString('utf8')
    expect(page).toContain('<span class="image-unavailable">Image: Logo</span>')
    expect(page).not.toContain('<picture')
  })
})

describe('addresses the URL parser reads differently', () => {
  it('writes them as HTML requires: a second #, ^ in a path, https:/host, an empty host label', async () => {
    const { html, messages } = await parse(
      '[a](https://x.org/v.html##state) ![b](https://badgen.net/npm/v/pinia/^4) [c](https:/github.com/a/b) <https://../>'
    )
    expect(html).toBe(
      '<p><a href="https://x.org/v.html#%23state">a</a> <img src="https://badgen.net/npm/v/pinia/%5E4" alt="b" data-remote> <a href="https://github.com/a/b">c</a> <a>https://../</a></p>'
    )
    expect(messages.filter((message) => message.includes('link-url'))).toEqual([
      '6:101 link-url Link address `https://../` is not a valid URL: its text is kept without the link'
    ])
  })
})

describe('links inside links', () => {
  it('keeps an anchor written as <a name="x" /> empty, not wrapped around the rest of the article', async () => {
    const { html } = await parse('<a name="type-check" />\n\n## Syntax\n\nText.')
    expect(html).toBe('<a id="type-check"></a>\n<h2 id="syntax">Syntax</h2>\n<p>Text.</p>')
  })

  it('gives no self-link to a heading inside a link, so links do not nest in the page', async () => {
    const { article } = await parse('<a href="https://a.example/">\n\n## Inside a link\n\n</a>\n\n## Outside')
    const page = renderHtml(article, options).toString('utf8')
    expect(page).toContain('<h2 id="inside-a-link">Inside a link</h2>')
    expect(page).toContain('<h2 id="outside"><a class="heading-link" href="#outside">Outside</a></h2>')
  })
})

describe('ids', () => {
  it('keeps every id valid and unique, and links follow a renamed target', async () => {
    const { html, article } = await parse(
      '<a id="kubernetes"></a>\n## Kubernetes\n\n<a id="foo bar"></a>Text, [to foo](#foo%20bar), [to k](#kubernetes).\n\n## \n\n## Article title\n\nNote[^1].\n\n<a id="fn-1"></a>\n\n[^1]: The note.'
    )
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((match) => match[1])
    expect(ids).toEqual(['kubernetes', 'kubernetes-1', 'foo-bar', 'article-title-1', 'fnref-1', 'fn-1-1', 'footnote-label', 'fn-1'])
    expect(new Set(ids).size).toBe(ids.length)
    expect(html).toContain('<a href="#foo-bar">to foo</a>')
    expect(html).toContain('<a href="#kubernetes">to k</a>')
    // The note's reference still reaches the note, not the anchor that took its id first in the text.
    expect(html).toContain('href="#fn-1"')
    expect(html).toMatch(/<li id="fn-1">/)
    // The empty heading has no id, so no outline or contents entry.
    expect(article.headings.map((heading) => heading.id)).toEqual(['kubernetes-1', 'article-title-1'])
  })
})

describe("GitHub's Markdown as people write it", () => {
  it('turns emoji shortcodes into the emoji, but not in code', async () => {
    const { html } = await parse(':bug: fixed, :white_check_mark: done, :not_a_shortcode: and `:bug:`')
    expect(html).toBe('<p>🐛 fixed, ✅ done, :not_a_shortcode: and <code>:bug:</code></p>')
  })
})

describe('anchors as docs write them', () => {
  it('keeps an empty <a name> as the anchor it is, and a fragment in another case finds its heading', async () => {
    const { html, messages } = await parse(
      '- <a href="#api_free"><code>Free()</code></a>\n- [Theming](#Theming)\n\n<a name="api_free"></a>\n### Free()\n\n## Theming'
    )
    expect(html).toContain('<a id="api_free"></a>')
    expect(html).toContain('<a href="#theming">Theming</a>')
    expect(messages.filter((message) => message.includes('link-target'))).toEqual([])
  })
})
