/**
 * The catalog of bad and hostile inputs: what a user may put in content/, and what Quire answers.
 * Each case is written to a fresh folder as `content/<name>.md` (plus any extra files) and built in
 * all three formats. README.md "Bad input" lists the same table.
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
  { name: 'bad-yaml', what: 'invalid YAML front matter', article: '---\ntitle: [unclosed\nauthor: A\n---\n\nText.\n', messages: [/^3:\d+ error Invalid YAML in front matter: .* \(front-matter-yaml\)$/], builds: false },
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
  { name: 'front-matter-only', what: 'front matter and no body', article: front(), messages: ['6:1 warning Article has no body: only front matter (empty-body)'], builds: true },
  { name: 'binary', what: 'binary content (a PNG named .md)', article: PNG, messages: ['3:1 error File looks binary (it holds NUL bytes), expected Markdown text (encoding)'], builds: false },
  { name: 'latin-1', what: 'invalid UTF-8 (Latin-1 bytes)', article: Buffer.from(front() + 'Caf\xe9 cr\xe8me.\n', 'latin1'), messages: ['6:4 error File is not valid UTF-8 text: save it as UTF-8 (encoding)'], builds: false },
  { name: 'bom-crlf', what: 'a BOM and CRLF line endings', article: '\uFEFF' + front().replace(/\n/g, '\r\n') + '## Heading\r\n\r\nText.\r\n', messages: [], builds: true },
  { name: 'control', what: 'control characters', article: front() + 'Bell\u0007 and escape\u001b[31m here.\n', messages: ['6:5 warning Control character U+0007 removed (and any others) (control-character)'], builds: true },
  { name: 'deep-quotes', what: '3,000 nested block quotes', article: front() + '> '.repeat(3000) + 'Deep.\n', messages: ['6:49 warning Block quotes and lists nest deeper than 24 levels: deeper levels are flattened (limit-nesting)'], builds: true },
  {
    name: 'deep-lists',
    what: '1,000 nested list levels',
    article: front() + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n') + '\n',
    messages: ['55:97 warning Indentation deeper than 96 columns is flattened (lists nested too deep) (limit-nesting)', '30:49 warning Block quotes and lists nest deeper than 24 levels: deeper levels are flattened (limit-nesting)'],
    builds: true
  },
  { name: 'long-word', what: 'a 10,000-character word and long URLs', article: front() + 'x'.repeat(10_000) + '\n\nhttps://example.org/' + 'segment/'.repeat(60) + 'end\n\n[' + 'link '.repeat(50) + '](https://example.org/' + 'a'.repeat(400) + ')\n', messages: [], builds: true },
  {
    name: 'wide-table',
    what: 'a 40-column, 400-row table',
    article: front() + ['|' + Array.from({ length: 40 }, (_, c) => ` H${c} |`).join(''), '|' + ' --- |'.repeat(40), ...Array.from({ length: 400 }, (_, r) => '|' + Array.from({ length: 40 }, (_, c) => ` ${r}.${c} |`).join(''))].join('\n') + '\n',
    messages: [],
    builds: true
  },
  { name: 'huge', what: 'a 2 MB article', article: front() + 'A paragraph of ordinary words that goes on for a while to fill the page.\n\n'.repeat(27_000), messages: [], builds: true },
  { name: 'over-limit', what: 'an article over the size limit', article: front() + 'x'.repeat(2000), options: { limits: { articleBytes: 1000 } }, messages: ['error Article is 0.0 MB, over the limit of 0.0 MB (limit-article-size)'], builds: false },
  { name: 'missing-image', what: 'a missing image', article: front() + '![A chart](chart.png)\n', messages: ['6:1 error Cannot find image `chart.png` (looked for content/chart.png) (image-missing)'], builds: false },
  { name: 'parent-image', what: 'an image outside the content folder (`../`)', article: front() + '![Secrets](../secret.png)\n', files: { 'secret.png': PNG }, messages: ['6:1 error Unexpected image `../secret.png` outside the content folder, expected a path inside content (image-outside)'], builds: false, never: ['secret'] },
  { name: 'absolute-image', what: 'an absolute image path', article: front() + '![Host](/etc/hostname)\n', messages: ['6:1 error Unexpected image `/etc/hostname` outside the content folder, expected a path relative to the article (image-outside)'], builds: false },
  { name: 'file-url-image', what: 'a `file:` image URL', article: front() + '![Host](file:///etc/hostname)\n', messages: ['6:1 warning Image without a usable source (only relative paths and http(s) URLs are kept): its alt text stands in (image-src)'], builds: true, never: ['/etc/hostname'] },
  { name: 'remote-image', what: 'a remote image', article: front() + '![Logo](https://example.org/logo.png)\n', messages: ['6:1 info Remote image `https://example.org/logo.png` replaced by a link in the EPUB, which cannot load remote resources (epub-remote-image)'], builds: true },
  { name: 'not-an-image', what: 'a file that is not the image its name says', article: front() + '![Fake](fake.png)\n', files: { 'content/fake.png': 'just text' }, messages: ['6:1 error Cannot read image `fake.png`: not a PNG, JPEG, GIF, WebP or SVG file (image-format)'], builds: false },
  { name: 'wrong-type', what: 'a PNG named .jpg', article: front() + '![Dot](dot.jpg)\n', files: { 'content/dot.jpg': PNG }, messages: ['6:1 error Image `dot.jpg` is named .jpg but holds image/png (image-format)'], builds: false },
  { name: 'truncated', what: 'a truncated image', article: front() + '![Dot](cut.png)\n', files: { 'content/cut.png': PNG.subarray(0, 40) }, messages: ['6:1 error Image `cut.png` is truncated: its file ends before the image does (image-format)'], builds: false },
  { name: 'bomb', what: 'an image declaring enormous dimensions', article: front() + '![Bomb](bomb.png)\n', files: { 'content/bomb.png': bomb }, messages: ['6:1 error Image `bomb.png` declares 100000×100000 pixels, over the limit of 50 million (limit-image-pixels)'], builds: false },
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
    never: ['alert(', 'steal', 'javascript:', 'vbscript:', 'data:text/html', 'evil.example', '<iframe', '<form', '<object', '<embed', 'http-equiv', '<base', 'display:none', 'onerror', 'onclick']
  },
  { name: 'escape-slug', what: 'a slug that tries to leave the output folder', article: front('slug: ../../escape\n') + 'Text.\n', messages: ['4:7 error Invalid front matter field `slug`: expected lowercase letters, digits and single - _ . between them (front-matter-field)'], builds: false },
  { name: 'reserved-slug', what: 'a slug the build uses for its own index page', article: front('slug: index\n') + 'Text.\n', messages: ['1:1 error The slug `index` is taken by the build\'s own index.html: set a different `slug:` in the front matter (slug-reserved)'], builds: false }
]
