import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import path from 'node:path'
import { deflateRawSync } from 'node:zlib'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { applyFontkitChanges } from '../src/render/pdf/fonts/fontkit/index.js'
import { changeOf as fontkitChangeOf, entryAt, type FontInternals, type Processor } from '../src/render/pdf/fonts/fontkit/internals.js'
import { makeComponentGlyphsFirst } from '../src/render/pdf/fonts/fontkit/component-glyphs-first.js'
import { mapRtlLigaturesBackwards } from '../src/render/pdf/fonts/fontkit/map-rtl-ligatures-backwards.js'
import { flattenCffSubsets } from '../src/render/pdf/fonts/fontkit/flatten-cff-subsets.js'
import { shareRuns } from '../src/render/pdf/fonts/glyph-runs.js'
import type { Doc } from '../src/render/pdf/ink/pdfkit-types.js'
import { applyDocumentChanges, applyFontChanges, applyPageChanges } from '../src/render/pdf/ink/pdfkit/index.js'
import {
  changeOf as pdfkitChangeOf,
  currentFont,
  embeddedFont,
  internalsOf,
  setCatalogEntry,
  type DocInternals
} from '../src/render/pdf/ink/pdfkit/internals.js'
import { projectRoot } from './helpers/articles.js'
import { fonts } from './helpers/tools.js'

// What Quire relies on in pdfkit's and fontkit's private internals (src/render/pdf/ink/pdfkit/,
// src/render/pdf/fonts/fontkit/, docs/dependencies.md) and what scripts/bundle.mjs rewrites
// (scripts/bundle-rewrites/): each private name, method and shape checked against the installed
// packages, so that an upgrade fails here, by name, rather than as a broken PDF; and each change
// checked to be in place once applied.

const require = createRequire(import.meta.url)
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const fontFile = (face: string) => readFileSync(path.join(dejavu, face))
const cjk = fonts('Noto Sans CJK', 'fonts-noto-cjk')

type Method = (...args: unknown[]) => unknown
/** `owner[name]` is a function taking `arity` declared parameters (before any default). */
function expectMethod(owner: object, name: string, arity: number): void {
  const value = (owner as Record<string, unknown>)[name]
  expect(typeof value, `${name} is a function`).toBe('function')
  expect((value as Method).length, `${name} takes ${arity} parameters`).toBe(arity)
}

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
}

describe('the versions the changes were written for', () => {
  // An upgrade fails here first: check each entry of docs/dependencies.md against the new version
  // (the tests below say what no longer holds), then change the version here and in the files' headers.
  it.each([
    ['pdfkit', '0.20.2'],
    ['fontkit', '2.0.4'],
    ['unist-util-visit-parents', '6.1.0'],
    ['tiny-inflate', '1.0.3'],
    ['brotli', '1.3.3'],
    ['@noble/ciphers', '1.3.0'],
    ['zod', '4.6.7']
  ])('%s %s', (name, version) => {
    expect(versionOf(name)).toBe(version)
  })
})

// pdfkit ---------------------------------------------------------------------------------------------

function parsedFont(face = 'DejaVuSerif.ttf'): fontkit.Font {
  return fontkit.create(fontFile(face))
}

/** A document as Quire opens one (a parsed font as its first font), with pdfkit's internals in view. */
function pdfkitDocument(font = parsedFont()): { doc: Doc; internals: DocInternals } {
  const doc = new PDFDocument({
    size: 'A4',
    font,
    bufferPages: true,
    compress: false,
    tagged: true,
    pdfVersion: '1.7',
    info: { CreationDate: new Date(0) }
  } as unknown as PDFKit.PDFDocumentOptions) as unknown as Doc
  return { doc, internals: internalsOf(doc) }
}

/** The bytes of a document whose output Quire's changes collect (the stream's own chunks, then the collected ones). */
async function bytesOf(doc: Doc, written: () => Buffer[], chunks: Buffer[]): Promise<Buffer> {
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  doc.end()
  await ended
  return Buffer.concat([...chunks, ...written()])
}

describe('pdfkit: the private parts Quire relies on', () => {
  it('PDFDocument#_write(data) writes every piece after the header, advancing _offset; the header is pushed before', () => {
    const chunks: Buffer[] = []
    const { doc, internals } = pdfkitDocument()
    doc.on('data', (chunk) => chunks.push(chunk))
    expectMethod(internals, '_write', 1)
    expect(typeof internals._offset).toBe('number')
    expect(internals._offset).toBeGreaterThan(0)
    const before = internals._offset
    internals._write('1 0 obj')
    expect(internals._offset).toBe(before + '1 0 obj'.length + 1)
    internals._write(new Uint8Array(5))
    expect(internals._offset).toBe(before + 8 + 5)
  })

  it('PDFDocument#endMetadata() writes the metadata stream when the document ends; _root.data is the catalog; ref(data) makes a stream', async () => {
    const { doc, internals } = pdfkitDocument()
    expectMethod(internals, 'endMetadata', 0)
    expect(internals._root.data['Type']).toBe('Catalog')
    expectMethod(internals, 'ref', 1)
    const stream = internals.ref({ Type: 'Test' })
    expect(stream.data).toEqual({ Type: 'Test' })
    expect(typeof stream.compress).toBe('boolean')
    expectMethod(stream, 'write', 1)
    expectMethod(stream, 'end', 1)
    stream.end()
    let called = 0
    const endMetadata = internals.endMetadata.bind(internals)
    internals.endMetadata = () => {
      called += 1
      endMetadata()
    }
    doc.on('data', () => undefined)
    const ended = new Promise((resolve) => doc.on('end', resolve))
    doc.end()
    await ended
    expect(called).toBe(1)
  })

  it('_root.data is written as the catalog when the document ends: an entry set there (PageLabels) is in the file', async () => {
    const { doc } = pdfkitDocument()
    setCatalogEntry(doc, 'PageLabels', { Nums: [0, { S: 'r' }, 2, { S: 'D' }] })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    const ended = new Promise((resolve) => doc.on('end', resolve))
    doc.end()
    await ended
    expect(Buffer.concat(chunks).toString('latin1')).toMatch(
      /\/Type \/Catalog[\s\S]*\/PageLabels <<\n\/Nums \[0 <<\n\/S \/r\n>> 2 <<\n\/S \/D\n>>\]/
    )
  })

  it("PDFDocument#page.content is the page's content stream, written through addContent; page.fonts its font resources", () => {
    const { doc, internals } = pdfkitDocument()
    const content = internals.page.content
    expectMethod(content, 'write', 1)
    expectMethod(content, 'end', 1)
    const written: unknown[] = []
    const write = content.write.bind(content)
    content.write = (chunk) => {
      written.push(chunk)
      write(chunk)
    }
    doc.addContent('0 g')
    expect(written).toEqual(['0 g'])
    expect(internals.page.fonts).toEqual({})
    expect(internals.page.fonts).toBe(internals.page.fonts)
  })

  it('PDFDocument#_normalizeColor(color) gives RGB channels from 0 to 1', () => {
    const { internals } = pdfkitDocument()
    expectMethod(internals, '_normalizeColor', 1)
    expect(internals._normalizeColor('#ff8000')).toEqual([1, 128 / 255, 0])
    expect(internals._normalizeColor('navy')).toEqual([0, 0, 128 / 255])
  })

  it("PDFDocument#_font is the current font: a parsed fontkit font, registered, becomes an EmbeddedFont with Quire's fields", () => {
    const font = parsedFont()
    const { doc, internals } = pdfkitDocument(font)
    doc.registerFont(font.postscriptName, font)
    doc.font(font.postscriptName)
    const face = embeddedFont(internals._font)
    expect((face as unknown as { font: unknown }).font).toBe(font)
    expect(face.id).toMatch(/^F\d+$/)
    expect(face.name).toBe(font.postscriptName)
    expect(face.document).toBe(internals)
    expect(face.scale).toBe(1000 / font.unitsPerEm)
    expect(face.widths).toHaveLength(1)
    expect(face.unicode).toEqual([[0]])
    expectMethod(face.subset, 'includeGlyph', 1)
    expect(face.subset.cff).toBeUndefined()
    expectMethod(face, 'ref', 0)
    expectMethod(face, 'embed', 0)
    expectMethod(face, 'layoutCached', 1)
    expect(currentFont(doc)).toBe(internals._font)
  })

  it("EmbeddedFont#layout asks layoutCached(chunk) for each chunk, split after spaces, and reads its run's glyphs, positions and advanceWidth", () => {
    const font = parsedFont()
    const { doc, internals } = pdfkitDocument(font)
    const face = embeddedFont(internals._font)
    const asked: string[] = []
    const layoutCached = face.layoutCached.bind(face)
    face.layoutCached = (chunk) => {
      asked.push(chunk)
      return layoutCached(chunk)
    }
    const run = (
      face as unknown as { layout(text: string): { glyphs: unknown[]; positions: Record<string, number>[]; advanceWidth: number } }
    ).layout('two words')
    expect(asked).toEqual(['two ', 'words'])
    expect(run.glyphs).toHaveLength(9)
    expect(Object.keys(run.positions[0] as object).sort()).toEqual(['advanceWidth', 'xAdvance', 'xOffset', 'yAdvance', 'yOffset'])
    expect(run.advanceWidth).toBeGreaterThan(0)
    expect(doc.widthOfString('two words')).toBeCloseTo((run.advanceWidth * 12) / 1000)
  })

  it('EmbeddedFont#embed asks the document for the font file first and ends it with the whole program', () => {
    const font = parsedFont()
    const { internals } = pdfkitDocument(font)
    const face = embeddedFont(internals._font)
    face.subset.includeGlyph(font.glyphForCodePoint(65).id)
    // The font's dictionary, made when a page first uses the font.
    face.ref()
    const made: { data: unknown; ended: unknown }[] = []
    const ref = internals.ref.bind(internals)
    internals.ref = (data?: object) => {
      const stream = ref(data)
      const entry = { data, ended: undefined as unknown }
      made.push(entry)
      const end = stream.end.bind(stream)
      stream.end = (chunk) => {
        entry.ended = chunk
        end(chunk)
      }
      return stream
    }
    face.embed()
    expect(made[0]?.data).toBeUndefined()
    const program = made[0]?.ended as Uint8Array
    expect(program).toBeInstanceOf(Uint8Array)
    // A TrueType font file: sfnt version 'true' as fontkit writes it.
    expect(Buffer.from(program.subarray(0, 4)).toString('latin1')).toBe('true')
  })

  it("PDFStructureElement#dictionary.data holds the element's attributes (A) as struct() wrote them", () => {
    const { doc } = pdfkitDocument()
    const element = doc.struct('TH', { scope: 'Column' })
    expect((element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data['A']).toEqual({
      O: 'Table',
      Scope: 'Column'
    })
  })
})

describe("pdfkit: Quire's changes, once applied", () => {
  it('a document: its writes collected, its metadata its own, its pages buffered; the same file', async () => {
    const { doc, internals } = pdfkitDocument()
    const chunks: Buffer[] = []
    doc.on('data', (chunk) => chunks.push(chunk))
    const written = applyDocumentChanges(doc, '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    expect(pdfkitChangeOf(internals._write)).toBe('collect-writes')
    expect(pdfkitChangeOf(internals.endMetadata)).toBe('write-own-metadata')
    expect(pdfkitChangeOf(internals.page.content.write)).toBe('buffer-page-content')
    expect(pdfkitChangeOf(internals.page.content.end)).toBe('buffer-page-content')
    doc.addContent('0 g')
    doc.addPage({ size: 'A4' })
    expect(pdfkitChangeOf(internals.page.content.write)).toBeUndefined()
    applyPageChanges(doc)
    expect(pdfkitChangeOf(internals.page.content.write)).toBe('buffer-page-content')
    doc.addContent('1 g')
    const pdf = (await bytesOf(doc, written, chunks)).toString('latin1')
    expect(pdf.startsWith('%PDF-1.7')).toBe(true)
    expect(pdf).toContain('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    expect(pdf).toContain('0 g\n')
    expect(pdf).toContain('1 g\n')
    // The cross-reference table's offsets are where the objects are.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1])
    expect(pdf.slice(xref, xref + 4)).toBe('xref')
    const first = /\n0000000000 65535 f \n(\d{10}) 00000 n /.exec(pdf)
    expect(pdf.slice(Number(first?.[1]), Number(first?.[1]) + 7)).toBe('1 0 obj')
  })

  it("a font: its file's length stated, its runs shared", async () => {
    const font = parsedFont()
    const { doc } = pdfkitDocument(font)
    const chunks: Buffer[] = []
    doc.on('data', (chunk) => chunks.push(chunk))
    const written = applyDocumentChanges(doc, '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    doc.registerFont(font.postscriptName, font)
    const face = currentFont(doc.font(font.postscriptName))
    shareRuns(face, font)
    applyFontChanges(face, font)
    expect(pdfkitChangeOf(embeddedFont(face).embed)).toBe('embed-truetype-length1')
    expect(pdfkitChangeOf(embeddedFont(face).layoutCached)).toBe('share-layouts')
    ;(doc as unknown as { text(text: string): void }).text('Quire')
    const pdf = (await bytesOf(doc, written, chunks)).toString('latin1')
    expect(pdf).toMatch(/\/Length1 \d+/)
  })
})

// fontkit --------------------------------------------------------------------------------------------

describe('fontkit: the private parts Quire relies on', () => {
  const font = parsedFont()
  const internals = font as unknown as FontInternals & { _glyphs: Record<number, unknown> }

  it('TTFFont#directory.tables, stream.buffer: where each table is in the file', () => {
    const entry = internals.directory.tables['post']
    expect(entry).toMatchObject({ tag: 'post', offset: expect.any(Number), length: expect.any(Number) })
    expect(internals.stream.buffer).toBeInstanceOf(Uint8Array)
    const bytes = internals.stream.buffer
    // The header's first field, italicAngle (16.16), read from the bytes.
    expect(new DataView(bytes.buffer, bytes.byteOffset).getInt32((entry?.offset as number) + 4) / 65536).toBe(font.italicAngle)
    for (const tag of ['glyf', 'head', 'loca', 'hhea', 'maxp', 'hmtx', 'cvt ', 'prep', 'fpgm'])
      expect(internals.directory.tables[tag], tag).toBeDefined()
  })

  it('TTFFont#_tables caches decoded tables, which the table getters return; _decodeTable(entry) decodes one', () => {
    const fresh = parsedFont() as unknown as FontInternals & { post: unknown }
    expect(fresh._tables).toEqual({})
    expectMethod(fresh, '_decodeTable', 1)
    const decoded = fresh._decodeTable(fresh.directory.tables['post'] as never)
    expect(decoded).toMatchObject({ italicAngle: expect.any(Number), isFixedPitch: expect.any(Number), names: expect.any(Array) })
    const mine = { italicAngle: 1 }
    fresh._tables['post'] = mine
    expect(fresh.post).toBe(mine)
  })

  it('TTFFont#_variationProcessor, morx, kern, GDEF.glyphClassDef, loca.version: what a font has', () => {
    expect(internals._variationProcessor).toBeNull()
    expect(internals.morx).toBeUndefined()
    expect(internals.kern).toBeDefined()
    expect(typeof internals.GDEF?.glyphClassDef).toBe('object')
    expect([0, 1]).toContain(internals.loca?.version)
  })

  it('TTFFont#layout(text or glyphs, features, script, language, direction)', () => {
    expectMethod(internals, 'layout', 5)
    const glyphs = [...'Ta'].map((char) => font.glyphForCodePoint(char.charCodeAt(0)))
    const run = internals.layout(glyphs, undefined, 'latn')
    expect(run.glyphs.map((glyph) => glyph.id)).toEqual(glyphs.map((glyph) => glyph.id))
    expect(run.script).toBe('latn')
    expect(run.direction).toBe('ltr')
    expect(run.language).toBeNull()
    expect(typeof run.features).toBe('object')
    expect(internals.layout([]).script).toBeDefined()
  })

  it('TTFFont#layout(text) gives each character the glyph glyphForCodePoint gives it, the missing glyph (0) for one the font lacks: no Unicode normalization', () => {
    // The plain-word shaper builds a word from the cmap's glyphs (shaping/plain-shaping.ts). fontkit 3
    // decomposes a character the font lacks into ones it has (ǻ: å and a combining acute).
    const mono = parsedFont('DejaVuSansMono.ttf')
    expect(mono.hasGlyphForCodePoint(0x1fb)).toBe(false)
    const run = mono.layout('aǻb')
    expect(run.glyphs.map((glyph) => glyph.id)).toEqual([...'aǻb'].map((char) => mono.glyphForCodePoint(char.codePointAt(0) as number).id))
    expect(run.glyphs[1]).toMatchObject({ id: 0, codePoints: [0x1fb] })
  })

  it("fontkit's GlyphRun and GlyphPosition classes make runs from (glyphs, features, script) and (xAdvance, yAdvance, xOffset, yOffset)", () => {
    const sample = font.layout('T')
    const Run = sample.constructor as new (glyphs: fontkit.Glyph[], features: undefined, script: string) => fontkit.GlyphRun
    const Position = (sample.positions[0] as object).constructor as new (...numbers: number[]) => fontkit.GlyphPosition
    const run = new Run(sample.glyphs, undefined, 'latn')
    expect(run).toMatchObject({ glyphs: sample.glyphs, script: 'latn', language: null, direction: 'ltr', features: {} })
    expect({ ...new Position(1, 2, 3, 4) }).toEqual({ xAdvance: 1, yAdvance: 2, xOffset: 3, yOffset: 4 })
  })

  it('TTFFont#_layoutEngine.engine.GSUBProcessor and GPOSProcessor: scripts, features, lookups, coverage and classes', () => {
    const engine = internals._layoutEngine.engine
    for (const processor of [engine?.GSUBProcessor, engine?.GPOSProcessor] as Processor[]) {
      expect(processor).toBeDefined()
      expectMethod(processor, 'findScript', 1)
      expectMethod(processor, 'selectScript', 3)
      expectMethod(processor, 'lookupsForFeatures', 0)
      expectMethod(processor, 'getClassID', 2)
      expectMethod(processor, 'coverageIndex', 2)
      expect(processor.findScript('latn')).toBeTruthy()
      expect(processor.findScript('xxxx')).toBeNull()
      expect(processor.selectScript('latn', null, 'ltr')).toBe('latn')
      expect(processor.scriptTag).toBe('latn')
      expect(typeof processor.features).toBe('object')
      const lookups = processor.lookupsForFeatures(Object.keys(processor.features))
      expect(lookups.length).toBeGreaterThan(0)
      for (const { lookup } of lookups) {
        expect(typeof lookup.lookupType).toBe('number')
        expect(typeof lookup.flags.flags.ignoreBaseGlyphs).toBe('boolean')
        expect(typeof lookup.flags.flags.ignoreLigatures).toBe('boolean')
        expect([...lookup.subTables].length).toBeGreaterThan(0)
      }
    }
    expect(engine?.GPOSProcessor?.features['kern']).toBeDefined()
  })

  it("decoded GSUB and GPOS subtables carry the OpenType specification's field names; lists decode lazily through get(index)", () => {
    const engine = internals._layoutEngine.engine
    const subtables = (processor: Processor | null | undefined, type: number) => {
      processor?.selectScript('latn', null, 'ltr')
      return (processor?.lookupsForFeatures(Object.keys(processor.features)) ?? [])
        .filter(({ lookup }) => lookup.lookupType === type)
        .flatMap(({ lookup }) => [...lookup.subTables])
    }
    const ligatures = subtables(engine?.GSUBProcessor, 4)[0] as Record<string, unknown>
    expect(ligatures).toMatchObject({ coverage: { version: expect.any(Number) }, ligatureSets: expect.anything() })
    expect(typeof (ligatures['ligatureSets'] as { get?: unknown }).get).toBe('function')
    expect(Array.isArray((entryAt(entryAt(ligatures['ligatureSets'], 0), 0) as { components: unknown }).components)).toBe(true)
    const chained = subtables(engine?.GSUBProcessor, 6)[0] as Record<string, unknown>
    expect(chained).toMatchObject({
      version: 2,
      coverage: expect.anything(),
      inputClassDef: expect.anything(),
      chainClassSet: expect.anything()
    })
    const pairs = subtables(engine?.GPOSProcessor, 2)[0] as Record<string, unknown>
    expect(pairs).toMatchObject({
      version: 2,
      coverage: expect.anything(),
      classDef1: { version: expect.any(Number) },
      classDef2: { version: expect.any(Number) },
      classRecords: expect.anything()
    })
    expect(entryAt(entryAt(pairs['classRecords'], 0), 0)).toMatchObject({ value1: expect.anything() })
    expect(subtables(engine?.GPOSProcessor, 4)[0]).toMatchObject({ markCoverage: expect.anything() })
    expect(subtables(engine?.GPOSProcessor, 6)[0]).toMatchObject({ mark1Coverage: expect.anything() })
  })

  it('Glyph objects: one per id, kept with the characters of the first request (_glyphs); TrueType glyphs share _decode() and know _font', () => {
    const fresh = parsedFont()
    const upsilon = fresh.glyphForCodePoint(0x3c5)
    expect(fresh.glyphForCodePoint(0x3c5)).toBe(upsilon)
    expect(fresh.getGlyph(upsilon.id)).toBe(upsilon)
    expect((fresh as unknown as { _glyphs: Record<number, unknown> })._glyphs[upsilon.id]).toBe(upsilon)
    const proto = Object.getPrototypeOf(upsilon) as Record<string, unknown>
    expectMethod(proto, '_decode', 0)
    expect((upsilon as unknown as { _font: unknown })._font).toBe(fresh)
    // What component-glyphs-first.ts is for: a subset with ύ makes υ (its component) without characters.
    const other = parsedFont()
    const subset = other.createSubset()
    subset.includeGlyph(other.glyphForCodePoint(0x3cd).id)
    subset.encode()
    expect(other.glyphForCodePoint(0x3c5).codePoints).toEqual([])
  })

  it("TTFFont#createSubset() gives a TTFSubset: glyphs, _addGlyph(gid) filling glyf, offset, loca, hmtx from the font's loca", () => {
    expectMethod(internals, 'createSubset', 0)
    const subset = parsedFont().createSubset() as unknown as Record<string, unknown> & {
      glyphs: number[]
      _addGlyph(gid: number): number
      font: FontInternals
    }
    expect(subset.glyphs).toEqual([0])
    expectMethod(subset, '_addGlyph', 1)
    expectMethod(subset, 'encode', 0)
    subset.glyf = []
    subset.offset = 0
    subset.loca = { offsets: [], version: subset.font.loca?.version }
    subset.hmtx = { metrics: [], bearings: [] }
    subset.includeGlyph = subset.includeGlyph as never
    expect(subset._addGlyph(36)).toBe(0)
    expect((subset.glyf as Uint8Array[])[0]).toBeInstanceOf(Uint8Array)
    expect((subset.loca as { offsets: number[] }).offsets).toEqual([0])
    expect(subset.offset).toBe((subset.glyf as Uint8Array[])[0]?.length)
    expect((subset.hmtx as { metrics: unknown[] }).metrics[0]).toEqual({ advance: expect.any(Number), bearing: expect.any(Number) })
  })

  it.skipIf(cjk.skip)('a CFF font (Noto Sans CJK): its CFF table and CFFSubset', () => {
    const file = execFileSync('fc-match', ['--format', '%{file}', 'Noto Sans CJK JP'], { encoding: 'utf8' })
    const cffFont = fontkit.create(readFileSync(file), /\.ttc$/.test(file) ? 'NotoSansCJKjp-Regular' : undefined)
    const cffInternals = cffFont as unknown as FontInternals
    const cff = cffInternals['CFF ']
    expect(cff).toBeDefined()
    expect(cffInternals.CFF2).toBeUndefined()
    expect(cff?.stream.buffer).toBeInstanceOf(Uint8Array)
    const gid = cffFont.glyphForCodePoint(0x4e00).id
    expect(cff?.topDict.CharStrings[gid]).toEqual({ offset: expect.any(Number), length: expect.any(Number) })
    expect(Array.isArray(cff?.globalSubrIndex)).toBe(true)
    expectMethod(cff as object, 'privateDictForGlyph', 1)
    expect(Array.isArray(cff?.privateDictForGlyph(gid)?.Subrs)).toBe(true)
    // compact-cff-indexes replaces the Subrs of each font dict's private dict: privateDictForGlyph answers one of them.
    const fdArray = cff?.topDict.FDArray ?? []
    expect(fdArray.length).toBeGreaterThan(1)
    expect(fdArray.map((fd) => fd?.Private)).toContain(cff?.privateDictForGlyph(gid))
    const subset = cffFont.createSubset() as unknown as Record<string, unknown> & { cff: unknown }
    expect(subset.cff).toBe(cff)
    expectMethod(subset, 'subsetCharstrings', 0)
    expectMethod(subset, 'subsetSubrs', 2)
    // encode() fills charstrings and gsubrs through subsetCharstrings().
    let asked = 0
    const subsetCharstrings = (subset.subsetCharstrings as () => void).bind(subset)
    subset.subsetCharstrings = () => {
      asked += 1
      subsetCharstrings()
    }
    ;(subset as unknown as fontkit.Subset).includeGlyph(gid)
    ;(subset as unknown as fontkit.Subset).encode()
    expect(asked).toBe(1)
    expect(subset.charstrings).toHaveLength(2)
    expect(Array.isArray(subset.gsubrs)).toBe(true)
    flattenCffSubsets(cffFont)
    expect(fontkitChangeOf(cffInternals.createSubset)).toBe('flatten-cff-subsets')
    expect(fontkitChangeOf((cffFont.createSubset() as unknown as { subsetCharstrings: unknown }).subsetCharstrings)).toBe(
      'flatten-cff-subsets'
    )
  })
})

describe("fontkit: Quire's changes, once applied", () => {
  it('every change of fonts/fontkit/ is in place on a TrueType font', () => {
    const font = parsedFont()
    applyFontkitChanges(font)
    const internals = font as unknown as FontInternals
    expect(fontkitChangeOf(internals.layout)).toBe('shape-plain-text')
    expect(fontkitChangeOf(internals.createSubset)).toBe('write-ttf-subsets-directly')
    expect(fontkitChangeOf(font.createSubset().encode)).toBe('write-ttf-subsets-directly')
    expect(fontkitChangeOf((Object.getPrototypeOf(font.glyphForCodePoint(65)) as { _decode: unknown })._decode)).toBe(
      'keep-decoded-outlines'
    )
    const engine = internals._layoutEngine.engine
    for (const processor of [engine?.GSUBProcessor, engine?.GPOSProcessor]) {
      expect(fontkitChangeOf(processor?.selectScript)).toBe('keep-feature-lookups')
      expect(fontkitChangeOf(processor?.lookupsForFeatures)).toBe('keep-feature-lookups')
    }
    // The post table's header read, the rest left to decode.
    const post = internals._tables['post'] as object
    expect(Object.getOwnPropertyDescriptor(post, 'names')?.get).toBeTypeOf('function')
    // The component glyphs made first: υ keeps its character after a subset with ύ.
    const subset = font.createSubset()
    subset.includeGlyph(font.glyphForCodePoint(0x3cd).id)
    subset.encode()
    expect(font.glyphForCodePoint(0x3c5).codePoints).toEqual([0x3c5])
  })

  it.skipIf(cjk.skip)('every change of fonts/fontkit/ for CFF outlines is in place on Noto Sans CJK', () => {
    const file = execFileSync('fc-match', ['--format', '%{file}', 'Noto Sans CJK JP'], { encoding: 'utf8' })
    const font = fontkit.create(readFileSync(file), /\.ttc$/.test(file) ? 'NotoSansCJKjp-Regular' : undefined)
    applyFontkitChanges(font)
    const internals = font as unknown as FontInternals
    const cff = internals['CFF ']!
    const gid = font.glyphForCodePoint(0x4e00).id
    for (const list of [cff.topDict.CharStrings, cff.globalSubrIndex, cff.privateDictForGlyph(gid)?.Subrs]) {
      expect(fontkitChangeOf(list)).toBe('compact-cff-indexes')
    }
    expect(fontkitChangeOf(internals.createSubset)).toBe('flatten-cff-subsets')
    expect(fontkitChangeOf(internals.layout)).toBe('shape-plain-text')
  })

  it("a right-to-left ligature's characters backwards (the lam-alef of DejaVu Sans), under the plain-word shaper", () => {
    const font = parsedFont('DejaVuSans.ttf')
    mapRtlLigaturesBackwards(font)
    expect(fontkitChangeOf((font as unknown as FontInternals).layout)).toBe('map-rtl-ligatures-backwards')
    const other = parsedFont('DejaVuSans.ttf')
    applyFontkitChanges(other)
    for (const one of [font, other]) {
      const run = one.layout('لا')
      expect(run.direction).toBe('rtl')
      expect(run.glyphs.map((glyph) => glyph.codePoints)).toEqual([[0x627, 0x644]])
    }
  })

  it('the component glyphs first: on its own, υ keeps its character', () => {
    const font = parsedFont()
    makeComponentGlyphsFirst(font)
    const subset = font.createSubset()
    subset.includeGlyph(font.glyphForCodePoint(0x3cd).id)
    subset.encode()
    expect(font.glyphForCodePoint(0x3c5).codePoints).toEqual([0x3c5])
  })
})

describe('private names stay in the two folders', () => {
  // Every name of pdfkit's or fontkit's private parts that Quire uses, as a property access; outside
  // src/render/pdf/ink/pdfkit/ and src/render/pdf/fonts/fontkit/ no code (comments aside) names one.
  const PRIVATE =
    /\._[A-Za-z]\w*|\['CFF '\]|\.(GSUBProcessor|GPOSProcessor|lookupsForFeatures|selectScript|findScript|getClassID|coverageIndex|createSubset|subsetCharstrings|subsetSubrs|privateDictForGlyph|globalSubrIndex|CharStrings|layoutCached|layoutRun|endMetadata|glyphClassDef|morx)\b|\.loca\.(version|offsets)|\.hmtx\.metrics|\.directory\.tables|\.page\.(fonts|content)|\.subset\.|\.dictionary\.data|\.stream\.buffer/
  const folders = [path.join('src', 'render', 'pdf', 'ink', 'pdfkit'), path.join('src', 'render', 'pdf', 'fonts', 'fontkit')]
  const files = (readdirSync(path.join(projectRoot, 'src'), { recursive: true }) as string[])
    .map((file) => path.join('src', file))
    .filter((file) => file.endsWith('.ts') && !folders.some((folder) => file.startsWith(folder + path.sep)))

  it.each(files)('%s', (file) => {
    const code = readFileSync(path.join(projectRoot, file), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .map((line) => line.replace(/\s\/\/ .*$/, ''))
    const found = code.filter((line) => PRIVATE.test(line))
    expect(found).toEqual([])
  })
})

// scripts/bundle.mjs ---------------------------------------------------------------------------------

describe('what the bundle rewrites', () => {
  it('unist-util-visit-parents: the per-node renaming is where the rewrite finds it, in every copy bundled', async () => {
    const { NAMING, withoutNaming } = (await import('../scripts/bundle-rewrites/unnamed-visits.mjs')) as {
      NAMING: RegExp
      withoutNaming(source: string, path: string): string
    }
    const copies = (readdirSync(path.join(projectRoot, 'node_modules'), { recursive: true }) as string[]).filter((file) =>
      file.endsWith(path.join('unist-util-visit-parents', 'lib', 'index.js'))
    )
    expect(copies.length).toBeGreaterThan(0)
    for (const copy of copies) {
      const source = readFileSync(path.join(projectRoot, 'node_modules', copy), 'utf8')
      expect(NAMING.test(source), copy).toBe(true)
      const rewritten = withoutNaming(source, copy)
      expect(rewritten).not.toContain("Object.defineProperty(visit, 'name'")
      expect(rewritten).toContain('function visit(')
    }
    expect(() => withoutNaming('export function visitParents() {}', 'new.js')).toThrow(/not found/)
  })

  it("tiny-inflate: inflate(source, dest) as unicode-trie calls it; Node's zlib in its place gives the same bytes", async () => {
    const { NATIVE_INFLATE } = (await import('../scripts/bundle-rewrites/native-inflate.mjs')) as { NATIVE_INFLATE: string }
    const tinyInflate = require('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array
    expect(tinyInflate.length).toBe(2)
    const module = { exports: undefined as unknown }
    new Function('require', 'module', NATIVE_INFLATE)(require, module)
    const native = module.exports as typeof tinyInflate
    const data = Buffer.from(readFileSync(path.join(projectRoot, 'templates', 'pdf-theme.json')))
    const source = deflateRawSync(data)
    expect(Buffer.from(native(source, new Uint8Array(data.length)))).toEqual(Buffer.from(tinyInflate(source, new Uint8Array(data.length))))
    expect(Buffer.from(native(source, new Uint8Array(data.length)))).toEqual(data)
    // unicode-trie's use: it inflates into a buffer of the inflated size it stored.
    expect(readFileSync(require.resolve('unicode-trie'), 'utf8')).toMatch(/inflate\(/)
  })

  it('the bundle reads no file beside its chunks but those Quire never asks for', () => {
    // What a bundled module finds beside its own file through import.meta.url is not there: the
    // bundle carries the JavaScript only (fontkit 3's unicode-properties reads data.trie that way).
    const bundle = path.join(projectRoot, 'dist', 'bundle')
    expect(readdirSync(bundle), 'dist/bundle is missing: run `npm run build` (npm test does)').toContain('quire.js')
    const found = new Set<string>()
    for (const file of readdirSync(bundle, { recursive: true }) as string[]) {
      if (!file.endsWith('.js')) continue
      for (const match of readFileSync(path.join(bundle, file), 'utf8').matchAll(/new URL\(("[^"]*"|'[^']*'),\s*import\.meta\.url\)/g))
        found.add((match[1] as string).slice(1, -1))
    }
    // Quire's worker; pdfkit's PDF/A colour profile (Quire writes plain PDF 1.7); hyphenopoly's own
    // loader of patterns (Quire gives it one, inline/hyphenate.ts).
    expect([...found].sort()).toEqual(['./data/sRGB_IEC61966_2_1.icc', './patterns/', './worker.js'])
  })

  it('brotli: fontkit imports brotli/decompress.js, a function, by that name', () => {
    const fontkitModule = readFileSync(path.join(projectRoot, 'node_modules', 'fontkit', 'dist', 'module.mjs'), 'utf8')
    expect(fontkitModule).toMatch(/from "brotli\/decompress\.js"/)
    expect(typeof require('brotli/decompress.js')).toBe('function')
  })

  it('@noble/ciphers: pdfkit imports cbc and ecb, and nothing else, from @noble/ciphers/aes (built on first use in the bundle)', () => {
    const pdfkitModule = readFileSync(path.join(projectRoot, 'node_modules', 'pdfkit', 'js', 'pdfkit.node.mjs'), 'utf8')
    expect(
      [...pdfkitModule.matchAll(/import \{([^}]*)\} from '@noble\/ciphers\/([^']*)'/g)].map((m) => `${m[2]}: ${m[1]!.trim()}`)
    ).toEqual(['aes: cbc, ecb'])
    const aes = require('@noble/ciphers/aes') as Record<string, unknown>
    expect([typeof aes.cbc, typeof aes.ecb]).toEqual(['function', 'function'])
  })

  it('zod: the z and z.core namespaces export locales from ../locales/index.js; English is locales/en.js, which zod imports itself', () => {
    const zod = path.join(projectRoot, 'node_modules', 'zod', 'v4')
    for (const file of ['classic/external.js', 'core/index.js'])
      expect(readFileSync(path.join(zod, file), 'utf8'), file).toContain('export * as locales from "../locales/index.js";')
    expect(readFileSync(path.join(zod, 'classic', 'schemas.js'), 'utf8')).toContain('import en from "../locales/en.js";')
    // The bundle, with English only, words zod's messages as zod does.
    const dir = mkdtempSync(path.join(tmpdir(), 'quire-zod-'))
    try {
      writeFileSync(path.join(dir, 'a.md'), '---\ntitle: T\nauthor: A\nlang: 7\n---\n\nText.\n')
      const run = spawnSync(
        process.execPath,
        [path.join(projectRoot, 'dist', 'bundle', 'quire.js'), 'build', 'a.md', '--format', 'html', '--no-cache', '--out', 'out'],
        {
          cwd: dir,
          encoding: 'utf8'
        }
      )
      expect(run.stderr).toContain('Invalid front matter field `lang`: expected string')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('brotli: the bundle leaves it out; a theme font in WOFF2, the one use fontkit has for it, fails the PDF with a message saying so', () => {
    const bundle = path.join(projectRoot, 'dist', 'bundle')
    const chunks = readdirSync(bundle, { recursive: true }) as string[]
    // brotli's dictionary (~490 KB of source) is not compiled by every process that loads the PDF renderer.
    for (const file of chunks.filter((name) => name.endsWith('.js')))
      expect(readFileSync(path.join(bundle, file), 'utf8'), file).not.toContain('BrotliDecompressBuffer')
    const dir = mkdtempSync(path.join(tmpdir(), 'quire-woff2-'))
    try {
      // KaTeX's fonts are WOFF2 files of an installed package (remark-math's dependency). fontkit reads
      // them, but its subsets of them draw nothing: the text would be invisible.
      writeFileSync(path.join(dir, 'a.md'), '---\ntitle: W\nauthor: A\n---\n\nHello world in KaTeX.\n')
      writeFileSync(
        path.join(dir, 'pdf-theme.json'),
        JSON.stringify({ font_catalog: { serif: { normal: 'katex/dist/fonts/KaTeX_Math-Italic.woff2' } } })
      )
      const run = spawnSync(
        process.execPath,
        [path.join(bundle, 'quire.js'), 'build', 'a.md', '--templates', '.', '--format', 'pdf', '--no-cache', '--out', 'out'],
        { cwd: dir, encoding: 'utf8' }
      )
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('KaTeX_Math-Italic.woff2 is a WOFF2 font, which the PDF cannot embed')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
