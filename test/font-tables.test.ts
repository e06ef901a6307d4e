import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { readPostHeaderOnly } from '../src/render/pdf/fonts/fontkit/read-post-header-only.js'

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
