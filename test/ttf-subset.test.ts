import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { encode } from '../src/render/pdf/ttf-subset.js'

const require = createRequire(import.meta.url)
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const faces = readdirSync(dejavu).filter((name) => name.endsWith('.ttf')).sort()

type Subset = Parameters<typeof encode>[0] & { includeGlyph(gid: number): number }

// A fixed pseudo-random sequence, so a failure is the same on every run.
function* numbers(seed: number): Generator<number> {
  let state = seed
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    yield state
  }
}

describe('TrueType subsets written directly', () => {
  it.each(faces)('%s: the same bytes as fontkit writes, for text and random glyph sets', (face) => {
    const data = readFileSync(path.join(dejavu, face))
    // Two fonts, so neither subset sees glyphs the other decoded.
    const theirs = fontkit.create(data) as fontkit.Font
    const ours = fontkit.create(data) as fontkit.Font
    const random = numbers(face.length)
    const sets = [
      // Accented letters are composites: their components join the subset as it is written.
      [...'Quire sets the field guide: ύ é ñ Å ǅ ẞ ﬁ → ☐ 😀'].map((char) => theirs.glyphForCodePoint(char.codePointAt(0) ?? 32).id),
      Array.from({ length: 300 }, () => (random.next().value as number) % theirs.numGlyphs),
      []
    ]
    for (const glyphs of sets) {
      const expected = theirs.createSubset() as unknown as Subset
      const actual = ours.createSubset() as unknown as Subset
      for (const gid of glyphs) {
        expected.includeGlyph(gid)
        actual.includeGlyph(gid)
      }
      expect(Buffer.from(encode(actual)).equals(Buffer.from(expected.encode()))).toBe(true)
    }
  })
})
