import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { compactCffIndexes } from '../src/render/pdf/fonts/fontkit/compact-cff-indexes.js'
import { flattenCffSubsets } from '../src/render/pdf/fonts/fontkit/flatten-cff-subsets.js'
import { changeOf, type CffTable, type FontInternals, type Range } from '../src/render/pdf/fonts/fontkit/internals.js'
import { readPostHeaderOnly } from '../src/render/pdf/fonts/fontkit/read-post-header-only.js'
import { fonts } from './helpers/tools.js'

const require = createRequire(import.meta.url)
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const faces = readdirSync(dejavu)
  .filter((name) => name.endsWith('.ttf'))
  .sort()

describe('post table read header first', () => {
  it.each(faces)('%s: the same fields and glyph names as fontkit decodes', (face) => {
    const data = readFileSync(path.join(dejavu, face))
    const theirs = fontkit.create(data) as fontkit.Font & { post: Record<string, unknown> }
    const ours = fontkit.create(data) as fontkit.Font & { post: Record<string, unknown>; _tables: Record<string, unknown> }
    readPostHeaderOnly(ours)
    // What pdfkit reads when it embeds a font, and fontkit's own getters, before any full decode.
    for (const field of [
      'italicAngle',
      'underlinePosition',
      'underlineThickness',
      'isFixedPitch',
      'minMemType42',
      'maxMemType42',
      'minMemType1',
      'maxMemType1'
    ]) {
      expect(ours.post[field], field).toBe(theirs.post[field])
    }
    expect(ours.italicAngle).toBe(theirs.italicAngle)
    expect(ours.underlinePosition).toBe(theirs.underlinePosition)
    // The rest of the table decodes when first asked for: glyph names are fontkit's.
    expect(ours.post['version']).toBe(theirs.post['version'])
    for (let id = 0; id < ours.numGlyphs; id += 37) expect(ours.getGlyph(id).name).toBe(theirs.getGlyph(id).name)
    expect(ours.post['names']).toEqual(theirs.post['names'])
  })

  it('leaves a font whose post table is already decoded alone', () => {
    const font = fontkit.create(readFileSync(path.join(dejavu, 'DejaVuSans.ttf'))) as fontkit.Font & { post: Record<string, unknown> }
    const decoded = font.post
    readPostHeaderOnly(font)
    expect(font.post).toBe(decoded)
  })
})

describe('CFF indexes kept as numbers', () => {
  const cjk = fonts('Noto Sans CJK', 'fonts-noto-cjk')
  const open = () => {
    const file = execFileSync('fc-match', ['--format', '%{file}', 'Noto Sans CJK JP:weight=bold'], { encoding: 'utf8' })
    return fontkit.create(readFileSync(file), /\.ttc$/.test(file) ? 'NotoSansCJKjp-Bold' : undefined)
  }
  /** Every index the change replaces: the charstrings, the global subroutines, each font dict's. */
  const indexes = (font: fontkit.Font): [string, Range[] | null | undefined][] => {
    const cff = (font as unknown as FontInternals)['CFF '] as CffTable
    return [
      ['CharStrings', cff.topDict.CharStrings],
      ['globalSubrIndex', cff.globalSubrIndex],
      ['Private.Subrs', cff.topDict.Private?.Subrs],
      ...(cff.topDict.FDArray ?? []).map((fd, index): [string, Range[] | null | undefined] => [
        `FDArray[${index}].Private.Subrs`,
        fd?.Private?.Subrs
      ])
    ]
  }

  it.skipIf(cjk.skip)("Noto Sans CJK: fontkit's ranges entry for entry, no object kept for an entry, the same outlines and subsets", () => {
    const theirs = open()
    const ours = open()
    compactCffIndexes(ours)
    const theirLists = indexes(theirs)
    const ourLists = indexes(ours)
    let entries = 0
    for (const [index, [name, list]] of ourLists.entries()) {
      const their = theirLists[index]![1]
      if (!their) {
        expect(list, name).toBe(their)
        continue
      }
      expect(changeOf(list), name).toBe('compact-cff-indexes')
      expect(Array.isArray(list), name).toBe(true)
      expect(list!.length, name).toBe(their.length)
      for (let entry = 0; entry < their.length; entry += 1) {
        const range = list![entry]!
        const expected = their[entry]!
        if (range.offset !== expected.offset || range.length !== expected.length)
          expect([name, entry, range]).toEqual([name, entry, expected])
      }
      expect(list![their.length], name).toBeUndefined()
      entries += their.length
    }
    expect(entries).toBeGreaterThan(100_000)
    // Outlines (fontkit's charstring interpreter, calling subroutines) and subsets, as fontkit's.
    const text = '漢字かなカナ한국어中文繁體'
    for (const char of text) {
      const gid = theirs.glyphForCodePoint(char.codePointAt(0)!).id
      expect(ours.getGlyph(gid).path.toSVG(), char).toBe(theirs.getGlyph(gid).path.toSVG())
    }
    for (const font of [theirs, ours]) flattenCffSubsets(font)
    const subsetOf = (font: fontkit.Font) => {
      const subset = font.createSubset()
      for (const char of text) subset.includeGlyph(font.glyphForCodePoint(char.codePointAt(0)!).id)
      return Buffer.from(subset.encode())
    }
    expect(subsetOf(ours).equals(subsetOf(theirs))).toBe(true)
  })
})
