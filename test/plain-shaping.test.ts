import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { shapePlainText } from '../src/render/pdf/fonts/fontkit/shape-plain-text.js'

const require = createRequire(import.meta.url)
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const theme = JSON.parse(readFileSync(new URL('../templates/pdf-theme.json', import.meta.url), 'utf8')) as {
  font_catalog: Record<string, Record<string, string>>
}
const faces = [...new Set(Object.values(theme.font_catalog).flatMap((family) => Object.values(family)))].sort()

interface Run {
  glyphs: { id: number; codePoints: number[] }[]
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]
  script: string
  language: string | null
  direction: string
  features: Record<string, boolean>
  advanceWidth: number
}

/** The words of every Markdown file under `folder`, with and without the space after them. */
function wordsUnder(folder: string, into: Set<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue
    for (const word of readFileSync(path.join(entry.parentPath, entry.name), 'utf8').split(/\s+/)) {
      if (word === '') continue
      into.add(word)
      into.add(`${word} `)
    }
  }
}

const words = new Set<string>()
wordsUnder(new URL('./fixtures', import.meta.url).pathname, words)
wordsUnder(new URL('../content', import.meta.url).pathname, words)
// Every string of two and three characters from letters that kern or ligate (f, i, l, T, V, A…),
// quotes and punctuation, and seeded random strings of plain characters and others.
const alphabet = [...'afijlotTVAWYy.,’-é']
for (const a of alphabet)
  for (const b of alphabet) {
    words.add(a + b)
    for (const c of alphabet) words.add(a + b + c)
  }
let seed = 20_261_127
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
for (let count = 0; count < 3000; count += 1) {
  let text = ''
  const length = 1 + Math.floor(random() * 7)
  for (let index = 0; index < length; index += 1)
    text += String.fromCharCode(random() < 0.8 ? 0x20 + Math.floor(random() * 0x230) : 0x2000 + Math.floor(random() * 0x100))
  words.add(text)
}

function shape(font: fontkit.Font, text: string | fontkit.Glyph[]): Run | Error {
  try {
    return font.layout(text as string) as unknown as Run
  } catch (error) {
    return error as Error
  }
}

/** What a reader of the run sees: glyphs and their characters, positions, script, features. */
function summary(run: Run | Error): unknown {
  if (run instanceof Error) return 'throws'
  return {
    glyphs: run.glyphs.map((glyph) => [glyph.id, glyph.codePoints.join(' ')]),
    positions: run.positions.map((position) => [position.xAdvance, position.yAdvance, position.xOffset, position.yOffset]),
    script: run.script,
    language: run.language,
    direction: run.direction,
    features: run.features,
    advanceWidth: run.advanceWidth
  }
}

describe('plain words shaped without fontkit', () => {
  it.each(faces)('%s: the same runs as fontkit for every word tried', (face) => {
    const data = readFileSync(path.join(dejavu, face))
    const theirs = fontkit.create(data)
    const ours = fontkit.create(data)
    shapePlainText(ours)
    const differing = [...words].filter(
      (word) => JSON.stringify(summary(shape(ours, word))) !== JSON.stringify(summary(shape(theirs, word)))
    )
    expect(differing).toEqual([])
    // The same words given as glyphs (as Quire asks whether a space changes a word's last glyph).
    const glyphs = (font: fontkit.Font, word: string) => [...word].map((char) => font.glyphForCodePoint(char.codePointAt(0) as number))
    const differingGlyphs = [...words].filter(
      (word) => JSON.stringify(summary(shape(ours, glyphs(ours, word)))) !== JSON.stringify(summary(shape(theirs, glyphs(theirs, word))))
    )
    expect(differingGlyphs).toEqual([])
  })

  it('asks fontkit nothing for a word whose glyphs and pairs it has seen, fi, fl and ff included, and leaves ffi to it', () => {
    const font = fontkit.create(readFileSync(path.join(dejavu, 'DejaVuSerif.ttf')))
    shapePlainText(font)
    const engine = (font as unknown as { _layoutEngine: { layout: (...args: unknown[]) => unknown } })._layoutEngine
    const layout = engine.layout.bind(engine)
    let asked = 0
    engine.layout = (...args: unknown[]) => {
      asked += 1
      return layout(...args)
    }
    font.layout('Typesetting')
    asked = 0
    const run = font.layout('setting') as unknown as Run
    expect(asked).toBe(0)
    expect(run.glyphs).toHaveLength(7)
    // Its glyphs too, given as glyphs.
    const glyphs = font.layout(
      ['s', 'e', 't'].map((char) => font.glyphForCodePoint(char.charCodeAt(0))) as unknown as string
    ) as unknown as Run
    expect(asked).toBe(0)
    expect(glyphs.glyphs.map((glyph) => glyph.id)).toEqual(run.glyphs.slice(0, 3).map((glyph) => glyph.id))
    // "fi" is one glyph in DejaVu Serif, made here from fontkit's answer for the pair: a word whose
    // glyphs and pairs were all seen asks nothing.
    const define = font.layout('define') as unknown as Run
    expect(define.glyphs).toHaveLength(5)
    asked = 0
    const fined = font.layout('fined') as unknown as Run
    expect(asked).toBe(0)
    expect(fined.glyphs.map((glyph) => glyph.codePoints)).toEqual([[102, 105], [110], [101], [100]])
    // "ff" too, where the glyph after it is not the "i" or "l" of a longer ligature.
    font.layout('offset')
    asked = 0
    const offs = font.layout('offs') as unknown as Run
    expect(asked).toBe(0)
    expect(offs.glyphs.map((glyph) => glyph.codePoints)).toEqual([[111], [102, 102], [115]])
    // "ffi" is one glyph in DejaVu Serif: fontkit shapes it.
    const office = font.layout('office') as unknown as Run
    expect(asked).toBeGreaterThan(0)
    expect(office.glyphs.length).toBeLessThan(6)
  })

  it('asks fontkit nothing for a pair that no lookup of the font reaches across', () => {
    const font = fontkit.create(readFileSync(path.join(dejavu, 'DejaVuSansMono.ttf')))
    shapePlainText(font)
    const engine = (font as unknown as { _layoutEngine: { layout: (...args: unknown[]) => unknown } })._layoutEngine
    const layout = engine.layout.bind(engine)
    const asked: number[] = []
    engine.layout = (...args: unknown[]) => {
      asked.push((args[0] as unknown[]).length)
      return layout(...args)
    }
    font.layout('mx')
    // The glyphs alone, once each: no pair.
    expect(asked.filter((length) => length > 1)).toEqual([])
    asked.length = 0
    font.layout('xmmx')
    expect(asked).toEqual([])
  })
})
