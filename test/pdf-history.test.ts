import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { resolveOptions } from '../src/common/options.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { digestPdf } from './helpers/pdf-digest.js'

// Fonts, glyph runs and shaping answers are kept for every document of a process (workers build
// hundreds): a PDF must not depend on which articles the process built before it.
const folder = mkdtempSync(path.join(tmpdir(), 'quire-history-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function pdfOf(name: string, body: string): Promise<Buffer> {
  writeFileSync(path.join(folder, `${name}.md`), `---\ntitle: History\nauthor: A\n---\n\n${body}\n`)
  const options = resolveOptions({ cwd: folder })
  return renderPdf(await parseArticle(`${name}.md`, options), options)
}

it('gives an article the same text and bytes whatever was built before it in the process', async () => {
  const text = (pdf: Buffer) => digestPdf(pdf).then((digest) => digest.pageList.map((page) => page.text).join('\n'))
  // The emoji bare first in this process: Noto Emoji draws it and its form with the presentation
  // selector (U+FE0F) with the same glyph...
  const bare = await pdfOf('bare', 'Building 🏗 Usage, and ⏱ timing.')
  expect(await text(bare)).toContain('Building 🏗 Usage')
  // ...the selector's form then still reads as written, as it does in a process of its own...
  const selector = await pdfOf('selector', 'Building 🏗️ Usage, and ⏱️ timing 🏗️ again.')
  const read = await text(selector)
  expect(read).toContain('🏗\uFE0F Usage')
  expect(read).toContain('⏱\uFE0F timing🏗\uFE0F again')
  // ...and the bare form built again gives the bytes it gave the first time.
  expect((await pdfOf('bare', 'Building 🏗 Usage, and ⏱ timing.')).equals(bare)).toBe(true)
})

it('sets the same code block the same way after an article drew the emoji in it with its selector', async () => {
  const code = '```js\n"❤️👊🏽".match(/./);\n```'
  const first = await pdfOf('code', code)
  await pdfOf('prose', 'I ❤️ it.')
  expect((await pdfOf('code', code)).equals(first)).toBe(true)
})

it('reads a character as written when its glyph was first drawn for another character', async () => {
  const text = (pdf: Buffer) => digestPdf(pdf).then((digest) => digest.pageList.map((page) => page.text).join('\n'))
  // The halfwidth Hangul vowel (U+FFDC) and the compatibility one (U+3163) share a glyph in the CJK
  // font, and the hyphen (U+2010) shares one with the hyphen-minus: whichever came first must not
  // lend its character to the other.
  await pdfOf('halfwidth', 'The vowel ￜ in halfwidth form, and a ‐ hyphen.')
  const read = await text(await pdfOf('compatibility', 'The vowel ㅣ in its own form, and a - hyphen-minus.'))
  expect(read).toContain('vowel ㅣ in')
  expect(read).toContain('a - hyphen-minus')
})
