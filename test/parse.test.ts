import { readFileSync } from 'node:fs'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { hasFatal } from '../src/article/article.js'
import { resolveOptions } from '../src/common/options.js'
import { parseArticle, parseFile } from '../src/article/parse.js'
import { projectRoot } from './helpers/articles.js'

const options = { ...resolveOptions({ cwd: projectRoot }), root: path.join(projectRoot, 'content') }

async function parseText(text: string, name = 'content/a.md') {
  const file = new VFile({ path: name, cwd: projectRoot, value: text })
  const article = await parseFile(file, options)
  return {
    article,
    messages: article.file.messages.map(
      (message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason} (${message.ruleId})`
    )
  }
}

describe('the seed article', async () => {
  const article = await parseArticle('content/leg-cramps-progesterone-deficiency.md', options)
  const text = toString(article.tree)
  const seed = readFileSync(path.join(projectRoot, 'test/seed/000_592b345fe8775f61.txt'), 'utf8')

  it('has the front matter the issue asks for, and no problems', () => {
    expect(article.file.messages.map(String)).toEqual([])
    expect(article.meta).toMatchObject({
      title: 'Leg cramps & progesterone deficiency',
      authors: ['Contributing writer'],
      lang: 'en-GB',
      publisher: 'eHow UK'
    })
    expect(article.meta.description).toBeTruthy()
  })

  it('keeps its two section headings as level-2 headings', () => {
    expect(article.headings).toEqual([
      { depth: 2, id: 'muscle-tension-in-knee-joints', text: 'Muscle Tension in Knee Joints' },
      { depth: 2, id: 'progesterone-therapy', text: 'Progesterone Therapy' }
    ])
  })

  it('keeps every paragraph and the photo caption word for word', () => {
    const start = seed.indexOf('Progesterone deficiency may cause leg cramps.')
    const end = seed.indexOf("Don't Miss")
    const paragraphs = seed
      .slice(start, end)
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/^<p>/, '').trim())
      .filter((paragraph) => paragraph && !/^(Muscle Tension in Knee Joints|Progesterone Therapy)$/.test(paragraph))
    expect(paragraphs.length).toBe(7)
    // The words as written; the apostrophes typed straight are set as ’ (typographic punctuation).
    for (const paragraph of paragraphs) expect(text).toContain(paragraph.replace(/(?<=\p{L})'(?=\p{L})/gu, '’'))
  })

  it('drops the page furniture', () => {
    for (const furniture of [
      'Share',
      'Tweet',
      'Pin',
      'Email',
      "Don't Miss",
      'No articles available',
      'cookies',
      'Slideshows',
      '<p>',
      'Written by'
    ]) {
      expect(text).not.toContain(furniture)
    }
  })
})

describe('front matter', () => {
  it('reports YAML syntax errors where they are', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: [B\n---\n\nText.\n')
    expect(hasFatal(article)).toBe(true)
    expect(messages[0]).toMatch(/^3:\d+ error Invalid YAML in front matter: .* \(front-matter-yaml\)$/)
  })

  it('reports ill-typed fields at the value, naming the field', async () => {
    const { article, messages } = await parseText(
      '---\ntitle: A\nauthor: B\ntoc: "yes"\ndate: 31/12/2024\nsubjects:\n  - ok\n  - 42\n---\n\nText.\n'
    )
    expect(hasFatal(article)).toBe(true)
    expect(messages).toEqual([
      '4:6 error Invalid front matter field `toc`: expected boolean (front-matter-field)',
      '5:7 error Invalid front matter field `date`: expected a date like 2024-05-31 or 2024-05-31T09:30:00Z (front-matter-field)',
      '8:5 error Invalid front matter field `subjects.1`: expected string (front-matter-field)'
    ])
  })

  it('warns about unknown fields without failing', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: B\ntitel: typo\n---\n\nText.\n')
    expect(hasFatal(article)).toBe(false)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^4:1 warning Unknown front matter field `titel`/)
  })

  it('rejects a slug that would leave the output folder', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: B\nslug: ../../etc/passwd\n---\n\nText.\n')
    expect(hasFatal(article)).toBe(true)
    expect(messages[0]).toMatch(/^4:7 error Invalid front matter field `slug`/)
  })

  it('takes a leading # heading as the title when front matter has none', async () => {
    const { article, messages } = await parseText('# The Title\n\nBody text.\n')
    expect(article.meta.title).toBe('The Title')
    expect(toString(article.tree)).not.toContain('The Title')
    expect(messages).toEqual([
      '1:1 warning Missing author: add `author:` to the front matter or set a default author in the options (author)'
    ])
  })

  it.each([
    // README headings: badges beside the name, raw HTML around them, formatting inside it.
    [
      '# kind-of [![NPM version](https://img.shields.io/npm/v/kind-of.svg)](https://www.npmjs.com/package/kind-of) [![Build](https://img.shields.io/travis/x.svg)](https://travis-ci.org/x)',
      'kind-of'
    ],
    [
      '# es-errors <sup>[![Version Badge][badge]][package]</sup>\n\n[badge]: https://example.com/b.svg\n[package]: https://example.com/p',
      'es-errors'
    ],
    [
      '# YAML <a href="https://www.npmjs.com/package/yaml"><img align="right" src="https://badge.fury.io/js/yaml.svg" title="npm package" /></a>',
      'YAML'
    ],
    ['# The `quire` tool, *really*', 'The quire tool, really'],
    // Nothing but a logo: its alt text.
    ['# ![Quire](https://example.com/logo.png)', 'Quire'],
    ['# <img src="https://example.com/logo.png" alt="Tom &amp; Jerry">', 'Tom & Jerry']
  ])('takes the words of a title heading, not its badges or HTML: %s', async (heading, title) => {
    const { article } = await parseText(`${heading}\n\nBody text.\n`)
    expect(article.meta.title).toBe(title)
  })

  it('takes a # heading after a logo and badges as the title, leaving them at the top of the body', async () => {
    const { article } = await parseText(
      '<img align="right" alt="Logo" width="160" src="https://example.com/logo.svg">\n&nbsp;\n\n[![npm](https://example.com/n.svg)](https://example.com/npm)\n\n# Ajv: a validator\n\nBody text.\n'
    )
    expect(article.meta.title).toBe('Ajv: a validator')
    expect(toString(article.tree)).not.toContain('Ajv: a validator')
    expect(JSON.stringify(article.tree)).toContain('https://example.com/logo.svg')
  })

  it.each([
    [
      '<h1 align="center">Neo-Async</h1>\n\n<p align="center">\n  <img src="https://example.com/logo.png" width="250px" />\n</p>',
      'Neo-Async',
      'https://example.com/logo.png'
    ],
    // A centred logo, the name and a tagline in one HTML block: the logo and the tagline stay.
    [
      '<p align="center">\n  <img src="https://example.com/logo.svg" width="200px" alt="Zod logo" />\n  <h1 align="center">Zod</h1>\n  <p align="center">TypeScript-first schema validation</p>\n</p>',
      'Zod',
      'TypeScript-first'
    ],
    [
      '<h1 align=center>\n  <a href="https://example.com"><img alt="ChaiJS" src="https://example.com/chai.png"></a>\n  <br>\n  chai &amp; friends\n</h1>',
      'chai & friends',
      undefined
    ],
    // Nothing but a logo: its alt text.
    ['<h1>\n  <img src="https://example.com/logo.svg" alt="vfile" />\n</h1>', 'vfile', undefined]
  ])('takes a raw HTML <h1> with no words before it as the title: %s', async (markdown, title, kept) => {
    const { article } = await parseText(`${markdown}\n\nBody text.\n`)
    expect(article.meta.title).toBe(title)
    expect(toString(article.tree)).not.toContain(title)
    if (kept) expect(JSON.stringify(article.tree)).toContain(kept)
  })

  it('leaves a raw HTML <h1> in the body when words come before it', async () => {
    const { article } = await parseText('Some words first.\n\n<h1>A chapter</h1>\n\nBody text.\n', 'content/notes.md')
    expect(article.meta.title).toBe('notes')
    expect(toString(article.tree)).toContain('A chapter')
  })

  it('names an untitled README.md after its folder, as GitHub shows it: title and output file', async () => {
    const { article, messages } = await parseText('Just text.\n', 'content/chai/README.md')
    expect(article.meta.title).toBe('chai')
    // Several READMEs build side by side (chai.pdf, mocha.pdf), not all as readme.pdf.
    expect(article.slug).toBe('chai')
    expect(messages[0]).toMatch(/^1:1 warning Missing title: .*; using `chai`/)
  })

  it("shows the light one of GitHub's light and dark twins of an image", async () => {
    const light = 'https://example.com/chart-light.png#gh-light-mode-only'
    const dark = 'https://example.com/chart-dark.png#gh-dark-mode-only'
    const { article } = await parseText(
      `# T\n\n<img width="680" alt="charts" src="${light}">\n<img width="680" alt="charts" src="${dark}">\n\n[![Logo](${light})](https://example.com) [![Logo](${dark})](https://example.com/dark)\n\nBody text.\n`
    )
    const json = JSON.stringify(article.tree)
    expect(json.split('chart-light.png').length - 1).toBe(2)
    expect(json).not.toContain('chart-dark.png')
    // The dark logo's link went with it.
    expect(json).not.toContain('https://example.com/dark')
  })

  it('leaves a # heading in the body when words come before it', async () => {
    const { article } = await parseText('Some words first.\n\n# A chapter\n\nBody text.\n', 'content/notes.md')
    expect(article.meta.title).toBe('notes')
    expect(toString(article.tree)).toContain('A chapter')
  })

  it('falls back to the file name, with a warning, for an article with no title at all', async () => {
    const { article, messages } = await parseText('---\nauthor: B\n---\n\nJust text.\n', 'content/notes-on-things.md')
    expect(hasFatal(article)).toBe(false)
    expect(article.meta.title).toBe('notes-on-things')
    expect(messages[0]).toMatch(/^1:1 warning Missing title/)
  })

  it('accepts a BOM and CRLF line endings', async () => {
    const { article, messages } = await parseText('\uFEFF---\r\ntitle: Windows\r\nauthor: B\r\n---\r\n\r\n## Heading\r\n\r\nText.\r\n')
    expect(messages).toEqual([])
    expect(article.meta.title).toBe('Windows')
    expect(article.headings).toEqual([{ depth: 2, id: 'heading', text: 'Heading' }])
  })
})

describe('images', () => {
  it('is a positioned warning when a local image is missing, and the image is marked for a stand-in', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: B\n---\n\nSee ![a chart](chart.png) here.\n')
    expect(hasFatal(article)).toBe(false)
    expect(messages).toEqual(['6:5 warning Cannot find image `chart.png` (looked for content/chart.png) (image-missing)'])
    expect(article.assets.size).toBe(0)
    expect(JSON.stringify(article.tree)).toContain('"dataUnavailable":true')
  })

  it('refuses images outside the content folder', async () => {
    const { messages } = await parseText(
      '---\ntitle: A\nauthor: B\n---\n\n![x](../package.json)\n\n![y](/etc/hostname)\n\n![z](file:///etc/hostname)\n'
    )
    expect(messages.map((message) => message.replace(/`.*`/, '`…`'))).toEqual([
      '6:1 warning Unexpected image `…` outside the content folder, expected a path inside content (image-outside)',
      '8:1 warning Unexpected image `…` outside the content folder, expected a path relative to the article (image-outside)',
      // The sanitiser drops file: URLs (only http, https and relative sources survive), so there is nothing to read.
      '10:1 warning Image without a usable source (only relative paths and http(s) URLs are kept): its alt text stands in (image-src)'
    ])
  })

  it('keeps remote images as references, never fetched', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: B\n---\n\n![remote](https://example.com/a.png)\n')
    expect(messages).toEqual([])
    expect(article.assets.size).toBe(0)
    expect(JSON.stringify(article.tree)).toContain('"dataRemote":true')
  })
})

describe("GitHub's alerts", () => {
  const html = async (markdown: string) =>
    toHtml((await parseText(`---\ntitle: A\nauthor: B\nlang: de\n---\n\n${markdown}\n`)).article.tree)

  it('titles a top-level quote whose first line is the marker, in the article language', async () => {
    expect(await html('> [!WARNING]\n> Careful.')).toBe(
      '<blockquote class="alert alert-warning">\n<p class="alert-title"><strong>Warnung</strong></p>\n<p>Careful.</p>\n</blockquote>'
    )
    // Any case; a hard break after the marker and a blank line inside the quote are taken as GitHub takes them.
    expect(await html('> [!tip]  \n> Easier.')).toContain('<strong>Tipp</strong></p>\n<p>Easier.</p>')
    expect(await html('> [!CAUTION]\r\n> Windows line ends.')).toContain('<strong>Vorsicht</strong></p>\n<p>Windows line ends.</p>')
    expect(await html('> [!NOTE]\n>\n> One.\n>\n> Two.')).toBe(
      '<blockquote class="alert alert-note">\n<p class="alert-title"><strong>Hinweis</strong></p>\n<p>One.</p>\n<p>Two.</p>\n</blockquote>'
    )
  })

  it('leaves other quotes as written: text on the marker line, nothing after it, an unknown kind, a quote in a list', async () => {
    for (const markdown of ['> [!NOTE] Same line.', '> [!NOTE]', '> [!DANGER]\n> Not a kind.', '- > [!NOTE]\n  > In a list.']) {
      const out = await html(markdown)
      expect(out, markdown).not.toContain('alert')
      expect(out, markdown).toMatch(/\[!(NOTE|DANGER)\]/)
    }
  })
})

describe('numbered figures and tables', () => {
  const image = '![A dot](dot.png)'
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '')
  const captions = (tree: Parameters<typeof toHtml>[0]) =>
    [...toHtml(tree).matchAll(/<(figcaption|caption)>(.*?)<\/\1>/g)].map((match) => match[2]!)

  it('numbers labelled figures and tables apart, in order, and prints the number where a reference is', async () => {
    const { article, messages } = await parseText(
      '---\ntitle: A\nauthor: B\n---\n\nSee [@fig:a], [@tbl:t] and [@fig:b].\n\n' +
        `${image}{#fig:a}\n\n| x |\n| - |\n| 1 |\n\n: Numbers {#tbl:t}\n\n![Alt words](dot.png "Named"){#fig:b}\n`
    )
    const html = toHtml(article.tree)
    expect(captions(article.tree).map(textOf)).toEqual(['Figure 1: A dot', 'Table 1: Numbers', 'Figure 2: Named'])
    expect(textOf(html)).toContain('See Figure 1, Table 1 and Figure 2.')
    expect([...html.matchAll(/<a href="(#[^"]+)" class="crossref"/g)].map((match) => match[1])).toEqual(['#fig:a', '#tbl:t', '#fig:b'])
    expect([...html.matchAll(/<(figure|table) id="([^"]+)"/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual([
      'figure fig:a',
      'table tbl:t',
      'figure fig:b'
    ])
    // The alt text still describes the image whose title became the caption.
    expect(html).toContain('alt="Alt words"')
    expect(messages.filter((message) => message.includes('warning') && !message.includes('image-missing'))).toEqual([])
  })

  it('prints “Figure ??” for a label no figure has, with a warning at the reference', async () => {
    const { article, messages } = await parseText('---\ntitle: A\nauthor: B\n---\n\nText, then [@fig:gone].\n')
    expect(toString(article.tree)).toContain('Text, then Figure ??.')
    expect(messages).toEqual([
      '6:12 warning Reference `[@fig:gone]` names no figure or table of this article: “Figure ??” stands in (crossref)'
    ])
  })

  it('keeps a label that captions nothing as written, with a warning; and the second of two labels alike', async () => {
    const { article, messages } = await parseText(
      `---\ntitle: A\nauthor: B\n---\n\nWords and ${image}{#fig:a}\n\n: No table here {#tbl:t}\n\n${image}{#fig:b}\n\n${image}{#fig:b}\n`
    )
    expect(toString(article.tree)).toContain('Words and {#fig:a}')
    expect(toString(article.tree)).toContain(': No table here {#tbl:t}')
    expect(messages.filter((message) => message.includes('crossref'))).toEqual([
      '6:28 warning Label `{#fig:a}` follows no image alone in its paragraph: kept as written (crossref-label)',
      '8:17 warning Label `{#tbl:t}` is on no caption (`: Caption {#tbl:…}`) beside a table: kept as written (crossref-label)',
      '12:18 warning Label `fig:b` is given twice: references go to the first (crossref-label)'
    ])
  })

  it('leaves the syntax as written with `crossref: false` in the front matter', async () => {
    const { article } = await parseText(`---\ntitle: A\nauthor: B\ncrossref: false\n---\n\nSee [@fig:a].\n\n${image}{#fig:a}\n`)
    expect(toString(article.tree)).toContain('See [@fig:a].')
    expect(toHtml(article.tree)).not.toContain('<figure')
  })
})
