import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { encode } from '../src/render/pdf/fonts/subset/ttf-subset.js'

const require = createRequire(import.meta.url)
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const faces = readdirSync(dejavu)
  .filter((name) => name.endsWith('.ttf'))
  .sort()

type Subset = Parameters<typeof encode>[0] & { includeGlyph(gid: number): number }

// A fixed pseudo-random sequence, so a failure is the same on every run.
function* numbers(seed: number): Generator<number> {
  let state = seed
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    yield state
  }
}

/** Subsets of the same glyphs by fontkit and by `encode`, each from a font of its own (neither sees glyphs the other decoded). */
function subsets(face: string): { theirs: Subset; ours: Subset }[] {
  const data = readFileSync(path.join(dejavu, face))
  const theirs = fontkit.create(data) as fontkit.Font
  const ours = fontkit.create(data) as fontkit.Font
  const random = numbers(face.length)
  const sets = [
    // Accented letters are composites: their components join the subset as it is written.
    [...'Quire sets the field guide: ύ é ñ Å ǅ ẞ ﬁ → ☐ 😀'].map((char) => theirs.glyphForCodePoint(char.codePointAt(0) ?? 32).id),
    Array.from({ length: 300 }, () => (random.next().value as number) % theirs.numGlyphs),
    // Latin, Greek and Cyrillic with their accented letters: composites with instructions of their own among them.
    Array.from({ length: Math.min(1200, theirs.numGlyphs) }, (_, id) => id),
    []
  ]
  return sets.map((glyphs) => {
    const pair = { theirs: theirs.createSubset() as unknown as Subset, ours: ours.createSubset() as unknown as Subset }
    for (const gid of glyphs) {
      pair.theirs.includeGlyph(gid)
      pair.ours.includeGlyph(gid)
    }
    return pair
  })
}

/** Each table of a font file by tag. */
function tablesOf(font: Uint8Array): Map<string, Buffer> {
  const bytes = Buffer.from(font)
  const tables = new Map<string, Buffer>()
  for (let index = 0; index < bytes.readUInt16BE(4); index += 1) {
    const entry = 12 + index * 16
    const offset = bytes.readUInt32BE(entry + 8)
    tables.set(bytes.toString('latin1', entry, entry + 4), bytes.subarray(offset, offset + bytes.readUInt32BE(entry + 12)))
  }
  return tables
}

/** How many glyphs carry instructions: a simple glyph's own, or a composite's after its components. */
function instructedGlyphs(font: Uint8Array): number {
  const tables = tablesOf(font)
  const [head, loca, maxp, glyf] = ['head', 'loca', 'maxp', 'glyf'].map((tag) => tables.get(tag) as Buffer) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer
  ]
  const short = head.readInt16BE(50) === 0
  const offset = (id: number) => (short ? loca.readUInt16BE(id * 2) * 2 : loca.readUInt32BE(id * 4))
  let instructed = 0
  for (let id = 0; id < maxp.readUInt16BE(4); id += 1) {
    const start = offset(id)
    if (offset(id + 1) === start) continue
    const contours = glyf.readInt16BE(start)
    if (contours >= 0) {
      if (glyf.readUInt16BE(start + 10 + contours * 2) > 0) instructed += 1
      continue
    }
    let at = start + 10
    let flags: number
    let any = false
    do {
      flags = glyf.readUInt16BE(at)
      any ||= (flags & 0x100) !== 0
      at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0)
    } while (flags & 0x20)
    if (any) instructed += 1
  }
  return instructed
}

describe('TrueType subsets written directly', () => {
  it('the fonts tested carry instructions in simple and composite glyphs', () => {
    const sans = subsets('DejaVuSans.ttf')[2] as { theirs: Subset }
    expect(instructedGlyphs(sans.theirs.encode())).toBeGreaterThan(100)
    const composites = subsets('DejaVuSansCondensed.ttf')[2] as { theirs: Subset }
    // DejaVu Sans Condensed instructs only composites.
    expect(instructedGlyphs(composites.theirs.encode())).toBeGreaterThan(10)
  })

  it.each(faces)('%s, hinting kept: the same bytes as fontkit writes, for text and random glyph sets', (face) => {
    for (const { theirs, ours } of subsets(face))
      expect(Buffer.from(encode(ours, { hinting: true })).equals(Buffer.from(theirs.encode()))).toBe(true)
  })

  it.each(faces)("%s, hinting left out: the same outlines and widths as fontkit's subset, no instructions", (face) => {
    for (const { theirs, ours } of subsets(face)) {
      const expectedBytes = theirs.encode()
      const actualBytes = encode(ours, { hinting: false })
      const expected = fontkit.create(Buffer.from(expectedBytes)) as fontkit.Font
      const actual = fontkit.create(Buffer.from(actualBytes)) as fontkit.Font
      expect(actual.numGlyphs).toBe(expected.numGlyphs)
      for (let id = 0; id < expected.numGlyphs; id += 1) {
        const want = expected.getGlyph(id)
        const got = actual.getGlyph(id)
        expect(got.path.toSVG()).toBe(want.path.toSVG())
        expect(got.advanceWidth).toBe(want.advanceWidth)
      }
      expect(instructedGlyphs(actualBytes)).toBe(0)
      expect([...tablesOf(actualBytes).keys()]).toEqual(['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx'])
      expect(actualBytes.length).toBeLessThan(expectedBytes.length)
    }
  })
})
