/**
 * The catalog of bad and hostile inputs: what a user may put in content/, and what Quire answers.
 * Each case is written to a fresh folder as `content/<name>.md` (plus any extra files) and built in
 * all three formats. docs/writing.md "Bad input" lists the same table.
 */
export interface BadCase {
  name: string
  /** What the case is, for the README. */
  what: string
  /** The article (string or bytes); extra files beside it by relative path. */
  article: string | Buffer
  files?: Record<string, string | Buffer>
  /** Every message, as `line:column severity reason (rule)` (the path left out). */
  messages: (string | RegExp)[]
  /** Whether the article is built (true) or fails alone (false). */
  builds: boolean
  /** Text that must never reach any output. */
  never?: string[]
  /** Text a reader must find in every output (HTML, the EPUB's XHTML, the PDF's text). */
  always?: string[]
  /** Base name of its output files when it is not the case's name. */
  output?: string
  options?: Record<string, unknown>
}

const front = (extra = '') => `---\ntitle: Case\nauthor: Tester\n${extra}---\n\n`
// A valid 1×1 PNG.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64')
// The same PNG claiming to be 100,000 × 100,000 pixels: a decompression bomb's header.
const bomb = Buffer.from(PNG)
bomb.writeUInt32BE(100_000, 16)
bomb.writeUInt32BE(100_000, 20)

export const catalog: BadCase[] = [
  // The YAML parser notices an unclosed flow sequence where the next line starts, and says so there.
  {
    name: 'bad-yaml',
    what: 'invalid YAML front matter',
    article: '---\ntitle: [unclosed\nauthor: A\n---\n\nText.\n',
    messages: [/^3:\d+ error Invalid YAML in front matter: .* \(front-matter-yaml\)$/],
    builds: false
  },
  {
    name: 'ill-typed',
    what: 'ill-typed front matter fields',
    article: '---\ntitle: Case\nauthor: 42\ntoc: "yes"\ndate: 31/12/2024\n---\n\nText.\n',
    messages: [
      '3:9 error Invalid front matter field `author`: expected a string or a list of strings (front-matter-field)',
      '4:6 error Invalid front matter field `toc`: expected boolean (front-matter-field)',
      '5:7 error Invalid front matter field `date`: expected a date like 2024-05-31 or 2024-05-31T09:30:00Z (front-matter-field)'
    ],
    builds: false
  },
  { name: 'empty', what: 'an empty file', article: '', messages: ['error Empty article: nothing to publish (empty)'], builds: false },
  {
    name: 'front-matter-only',
    what: 'front matter and no body',
    article: front(),
    messages: ['6:1 warning Article has no body: only front matter (empty-body)'],
    builds: true
  },
  {
    name: 'binary',
    what: 'binary content (a PNG named .md)',
    article: PNG,
    messages: ['error File looks binary (mostly bytes that are not text), expected Markdown text (encoding)'],
    builds: false
  },
  {
    name: 'latin-1',
    what: 'Latin-1 text, not UTF-8',
    article: Buffer.from(front() + 'Caf\xe9 cr\xe8me.\n', 'latin1'),
    messages: ['6:4 warning File is not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 (encoding)'],
    builds: true,
    always: ['Café crème']
  },
  {
    name: 'bad-utf8',
    what: 'UTF-8 text with a stray byte',
    article: Buffer.concat([Buffer.from(front() + 'Ünïcödé ok, then '), Buffer.from([0xff]), Buffer.from(' there.\n')]),
    messages: ['6:18 warning Bytes that are not UTF-8 replaced by U+FFFD (and any others): save the file as UTF-8 (encoding)'],
    builds: true,
    always: ['Ünïcödé ok, then \uFFFD there.']
  },
  {
    name: 'nul',
    what: 'a NUL byte in otherwise normal text',
    article: front() + 'Before\u0000after, the rest of the article.\n',
    messages: ['6:7 warning NUL character replaced by U+FFFD (and any others) (control-character)'],
    builds: true,
    always: ['Before\uFFFDafter']
  },
  {
    name: 'bom-crlf',
    what: 'a BOM and CRLF line endings',
    article: '\uFEFF' + front().replace(/\n/g, '\r\n') + '## Heading\r\n\r\nText.\r\n',
    messages: [],
    builds: true
  },
  {
    name: 'control',
    what: 'control characters (C0, C1) and noncharacters',
    article: front() + 'Bell\u0007 and escape\u001b[31m here, a C1\u008f and \uFFFEtoo.\n',
    messages: ['6:5 warning Control character U+0007 removed (and any others) (control-character)'],
    builds: true,
    always: ['Bell and escape[31m here, a C1 and too.']
  },
  {
    name: 'deep-quotes',
    what: '3,000 nested block quotes',
    article: front() + '> '.repeat(3000) + 'Deep.\n',
    messages: ['6:49 warning Block quotes and lists nest deeper than 24 levels: deeper levels are flattened (limit-nesting)'],
    builds: true
  },
  {
    name: 'deep-lists',
    what: '1,000 nested list levels',
    article: front() + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n') + '\n',
    messages: [
      '55:97 warning Indentation deeper than 96 columns is flattened (lists nested too deep) (limit-nesting)',
      '30:49 warning Block quotes and lists nest deeper than 24 levels: deeper levels are flattened (limit-nesting)'
    ],
    builds: true
  },
  {
    name: 'long-word',
    what: 'a 10,000-character word and long URLs',
    article:
      front() +
      'x'.repeat(10_000) +
      '\n\nhttps://example.org/' +
      'segment/'.repeat(60) +
      'end\n\n[' +
      'link '.repeat(50) +
      '](https://example.org/' +
      'a'.repeat(400) +
      ')\n',
    messages: [],
    builds: true
  },
  {
    name: 'wide-table',
    what: 'a 40-column, 400-row table',
    article:
      front() +
      [
        '|' + Array.from({ length: 40 }, (_, c) => ` H${c} |`).join(''),
        '|' + ' --- |'.repeat(40),
        ...Array.from({ length: 400 }, (_, r) => '|' + Array.from({ length: 40 }, (_, c) => ` ${r}.${c} |`).join(''))
      ].join('\n') +
      '\n',
    messages: [],
    builds: true
  },
  {
    name: 'huge',
    what: 'a 2 MB article',
    article: front() + 'A paragraph of ordinary words that goes on for a while to fill the page.\n\n'.repeat(27_000),
    messages: [],
    builds: true
  },
  {
    name: 'over-limit',
    what: 'an article over the size limit',
    article: front() + 'x'.repeat(2000),
    options: { limits: { articleBytes: 1000 } },
    messages: ['error Article is 0.0 MB, over the limit of 0.0 MB (limit-article-size)'],
    builds: false
  },
  {
    name: 'missing-image',
    what: 'a missing image',
    article: front() + '![A chart](chart.png)\n\nThe text goes on.\n',
    messages: ['6:1 warning Cannot find image `chart.png` (looked for content/chart.png) (image-missing)'],
    builds: true,
    always: ['Image: A chart', 'The text goes on.']
  },
  {
    name: 'parent-image',
    what: 'an image outside the content folder (`../`)',
    article: front() + '![Secrets](../secret.png)\n',
    files: { 'secret.png': PNG },
    messages: ['6:1 warning Unexpected image `../secret.png` outside the content folder, expected a path inside content (image-outside)'],
    builds: true,
    never: ['../secret.png', 'data:image/png'],
    always: ['Image: Secrets']
  },
  {
    name: 'absolute-image',
    what: 'an absolute image path',
    article: front() + 'See ![](/etc/hostname) here.\n',
    messages: [
      '6:5 warning Image without alt text: describe it for readers who cannot see it (image-alt)',
      '6:5 warning Unexpected image `/etc/hostname` outside the content folder, expected a path relative to the article (image-outside)'
    ],
    builds: true,
    never: ['/etc/hostname'],
    always: ['Image: hostname']
  },
  {
    name: 'file-url-image',
    what: 'a `file:` image URL',
    article: front() + '![Host](file:///etc/hostname)\n',
    messages: [
      '6:1 warning Image without a usable source (only relative paths and http(s) URLs are kept): its alt text stands in (image-src)'
    ],
    builds: true,
    never: ['/etc/hostname']
  },
  {
    name: 'remote-image',
    what: 'a remote image',
    article: front() + '![Logo](https://example.org/logo.png)\n',
    messages: [
      '6:1 info Remote image `https://example.org/logo.png` replaced by a link in the EPUB, which cannot load remote resources (epub-remote-image)'
    ],
    builds: true
  },
  {
    name: 'not-an-image',
    what: 'a file that is not the image its name says',
    article: front() + '![Fake](fake.png)\n',
    files: { 'content/fake.png': 'just text' },
    messages: ['6:1 warning Cannot read image `fake.png`: not a PNG, JPEG, GIF, WebP or SVG file (image-format)'],
    builds: true,
    always: ['Image: Fake']
  },
  {
    name: 'wrong-type',
    what: 'a PNG named .jpg',
    article: front() + '![Dot](dot.jpg)\n',
    files: { 'content/dot.jpg': PNG },
    messages: ['6:1 warning Image `dot.jpg` is named .jpg but holds image/png (image-format)'],
    builds: true
  },
  {
    name: 'truncated',
    what: 'a truncated image',
    article: front() + '![Dot](cut.png)\n',
    files: { 'content/cut.png': PNG.subarray(0, 40) },
    messages: ['6:1 warning Image `cut.png` is truncated: its file ends before the image does (image-format)'],
    builds: true
  },
  {
    name: 'bomb',
    what: 'an image declaring enormous dimensions',
    article: front() + '![Bomb](bomb.png)\n',
    files: { 'content/bomb.png': bomb },
    messages: ['6:1 warning Image `bomb.png` declares 100000×100000 pixels, over the limit of 50 million (limit-image-pixels)'],
    builds: true,
    always: ['Image: Bomb']
  },
  {
    name: 'hostile-html',
    what: 'hostile raw HTML',
    article:
      front() +
      [
        '<script>alert("x")</script>',
        '',
        '<p onclick="steal()">Click <a href="javascript:alert(1)">me</a> or <a href="vbscript:msgbox">this</a> or <a href="data:text/html,<script>x</script>">that</a>.</p>',
        '',
        '<iframe src="https://evil.example"></iframe>',
        '',
        '<form action="https://evil.example"><input name="q"></form>',
        '',
        '<object data="x.swf"></object><embed src="x.swf">',
        '',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '',
        '<base href="https://evil.example/">',
        '',
        '<style>body{display:none}</style>',
        '',
        '<img src="x.png" onerror="steal()" alt="x">',
        '',
        'Safe: <kbd>Ctrl</kbd>, H<sub>2</sub>O, E=mc<sup>2</sup>.',
        '',
        '<details><summary>More</summary>Hidden text.</details>'
      ].join('\n') +
      '\n',
    files: { 'content/x.png': PNG },
    messages: [],
    builds: true,
    never: [
      'alert(',
      'steal',
      'javascript:',
      'vbscript:',
      'data:text/html',
      'evil.example',
      '<iframe',
      '<form',
      '<object',
      '<embed',
      'http-equiv',
      '<base',
      'display:none',
      'onerror',
      'onclick'
    ]
  },
  {
    name: 'escape-slug',
    what: 'a slug that tries to leave the output folder',
    article: front('slug: ../../escape\n') + 'Text.\n',
    messages: [
      '4:7 error Invalid front matter field `slug`: expected lowercase letters, digits and single - _ . between them (front-matter-field)'
    ],
    builds: false
  },
  {
    name: 'reserved-slug',
    what: 'a slug the build uses for its own index page',
    article: front('slug: index\n') + 'Text.\n',
    messages: [
      "1:1 warning Output name `index` is taken by the build's own index: written as `index-1` (set a different `slug:` in the front matter) (slug-duplicate)"
    ],
    builds: true,
    output: 'index-1'
  },
  {
    name: 'hostile-missing-image',
    what: 'hostile raw HTML around an image that is not there',
    article: front() + '<img src="x.png" onerror="steal()" alt="x">\n\nThe text after it.\n',
    messages: ['6:1 warning Cannot find image `x.png` (looked for content/x.png) (image-missing)'],
    builds: true,
    never: ['onerror', 'steal'],
    always: ['The text after it.']
  },
  {
    name: 'unknown-reference',
    what: 'a reference to a label no figure or table has',
    article: front() + 'As [@fig:nowhere] shows.\n\nThe text after it.\n',
    messages: ['6:4 warning Reference `[@fig:nowhere]` names no figure or table of this article: “Figure ??” stands in (crossref)'],
    builds: true,
    never: ['[@fig:nowhere]'],
    always: ['Figure ??', 'shows.', 'The text after it.']
  },
  {
    name: 'label-on-nothing',
    what: 'a figure label after an image with words beside it',
    article: front() + 'A dot in a sentence: ![dot](dot.png){#fig:dot}\n\nThe text after it.\n',
    files: { 'content/dot.png': PNG },
    messages: ['6:37 warning Label `{#fig:dot}` follows no image alone in its paragraph: kept as written (crossref-label)'],
    builds: true,
    never: ['Figure 1'],
    always: ['A dot in a sentence:', '{#fig:dot}', 'The text after it.']
  },
  {
    name: 'math-unbalanced',
    what: 'a formula with unbalanced braces, inline and on its own',
    article: front() + 'Half of it: $\\frac{1}{2$ and more.\n\n$$\n\\sqrt{x\n$$\n\nThe text after it.\n',
    messages: [
      '6:13 warning Formula cannot be read: Missing close brace; its TeX source stands in (math)',
      '8:1 warning Formula cannot be read: Missing close brace; its TeX source stands in (math)'
    ],
    builds: true,
    always: ['\\frac{1}{2', '\\sqrt{x', 'and more.', 'The text after it.']
  },
  {
    name: 'math-unknown-command',
    what: 'a formula with a command TeX does not know',
    article: front() + 'A $\\foo{x} + 1$ here.\n',
    messages: ['6:3 warning Formula cannot be read: Undefined control sequence \\foo; its TeX source stands in (math)'],
    builds: true,
    always: ['\\foo{x} + 1', 'here.']
  },
  {
    name: 'math-huge',
    what: 'a 10,000-character formula',
    article: front() + 'Before.\n\n$$\n' + 'x+'.repeat(5000) + '\n$$\n\nAfter.\n',
    messages: ['8:1 warning Formula of 10000 characters, over the 5000 typeset: its TeX source stands in (math)'],
    builds: true,
    always: ['Before.', 'x+x+x+x+', 'After.']
  }
]
