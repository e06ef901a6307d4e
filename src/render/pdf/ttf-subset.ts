import type * as fontkit from 'fontkit'

/** The parts of fontkit's TrueType subset (TTFSubset) that its encode() fills and reads. */
interface TtfSubsetInternals {
  font: { stream: { buffer: Uint8Array }; directory: { tables: Record<string, { offset: number; length: number } | undefined> }; loca: { version: number } }
  glyphs: number[]
  glyf: Uint8Array[]
  offset: number
  loca: { offsets: number[]; version: number }
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] }
  _addGlyph(gid: number): number
  encode(): Uint8Array
}

/**
 * Write fontkit's TrueType subsets directly instead of through its generic table encoder (restructure),
 * which re-encodes every table field by field (the font programs byte by byte) for each document:
 * ~10% of a warm article's PDF. The bytes are the same as fontkit's (a test compares them); the
 * glyphs are still collected by fontkit. Fonts with variations or without glyf are left to fontkit.
 */
export function writeTtfSubsetsDirectly(font: fontkit.Font): void {
  const internals = font as unknown as { createSubset(): TtfSubsetInternals; directory: TtfSubsetInternals['font']['directory']; _variationProcessor?: unknown; 'CFF '?: unknown }
  if (internals['CFF '] || !internals.directory.tables['glyf'] || !internals.directory.tables['head']) return
  const create = internals.createSubset.bind(font)
  internals.createSubset = () => {
    const subset = create()
    const fontkitWay = subset.encode.bind(subset)
    subset.encode = () => ((font as unknown as { _variationProcessor?: unknown })._variationProcessor ? fontkitWay() : encode(subset))
    return subset
  }
}

/** The subset as fontkit's TTFSubset.encode() would write it. */
export function encode(subset: TtfSubsetInternals): Uint8Array {
  // The glyphs, as fontkit collects them (components are added as they are met).
  subset.glyf = []
  subset.offset = 0
  subset.loca = { offsets: [], version: subset.font.loca.version }
  subset.hmtx = { metrics: [], bearings: [] }
  for (let index = 0; index < subset.glyphs.length; index += 1) subset._addGlyph(subset.glyphs[index] as number)
  subset.loca.offsets.push(subset.offset)

  const { tables } = subset.font.directory
  const source = subset.font.stream.buffer
  const raw = (tag: string, length?: number): Uint8Array | undefined => {
    const entry = tables[tag]
    return entry ? source.subarray(entry.offset, entry.offset + (length ?? entry.length)) : undefined
  }
  const numGlyphs = subset.glyf.length

  // head: 54 bytes; fontkit's macStyle keeps its 7 named bits; indexToLocFormat is the loca's.
  const head = Uint8Array.from(raw('head', 54) as Uint8Array)
  const headView = view(head)
  headView.setUint16(44, headView.getUint16(44) & 0x7f)
  headView.setInt16(50, subset.loca.version)
  // hhea: 36 bytes, the reserved words written as zeros, numberOfMetrics = glyphs.
  const hhea = Uint8Array.from(raw('hhea', 36) as Uint8Array)
  hhea.fill(0, 24, 32)
  view(hhea).setUint16(34, subset.hmtx.metrics.length)
  // maxp: version 1.0, 32 bytes; numGlyphs = glyphs.
  const maxp = Uint8Array.from(raw('maxp', 32) as Uint8Array)
  view(maxp).setUint16(4, numGlyphs)
  // loca: halved 16-bit offsets (short format) or 32-bit ones.
  const short = subset.loca.version === 0
  const loca = new Uint8Array(subset.loca.offsets.length * (short ? 2 : 4))
  const locaView = view(loca)
  subset.loca.offsets.forEach((offset, index) => (short ? locaView.setUint16(index * 2, offset >>> 1) : locaView.setUint32(index * 4, offset)))
  const hmtx = new Uint8Array(subset.hmtx.metrics.length * 4)
  const hmtxView = view(hmtx)
  subset.hmtx.metrics.forEach((metric, index) => {
    hmtxView.setUint16(index * 4, metric.advance)
    hmtxView.setInt16(index * 4 + 2, metric.bearing)
  })
  const cvtEntry = tables['cvt ']
  const written: [string, Uint8Array | Uint8Array[] | undefined][] = [
    ['head', head],
    ['hhea', hhea],
    ['loca', loca],
    ['maxp', maxp],
    // The control values are int16s: fontkit drops an odd last byte.
    ['cvt ', cvtEntry ? raw('cvt ', cvtEntry.length - (cvtEntry.length % 2)) : undefined],
    ['prep', raw('prep')],
    ['glyf', subset.glyf],
    ['hmtx', hmtx],
    ['fpgm', raw('fpgm')]
  ]
  const present = written.filter((entry): entry is [string, Uint8Array | Uint8Array[]] => entry[1] !== undefined)
  const sizeOf = (data: Uint8Array | Uint8Array[]) => (Array.isArray(data) ? data.reduce((total, part) => total + part.length, 0) : data.length)
  const count = present.length
  const headerSize = 12 + 16 * count
  const out = new Uint8Array(headerSize + present.reduce((total, [, data]) => total + sizeOf(data), 0))
  const outView = view(out)
  // The table directory as fontkit writes it: sfnt version 'true', no checksums, tables back to back.
  out.set([0x74, 0x72, 0x75, 0x65], 0)
  const power = 2 ** Math.floor(Math.log2(count))
  outView.setUint16(4, count)
  outView.setUint16(6, power * 16)
  outView.setUint16(8, Math.log2(power))
  outView.setUint16(10, count * 16 - power * 16)
  let offset = headerSize
  present.forEach(([tag, data], index) => {
    const entry = 12 + index * 16
    for (let char = 0; char < 4; char += 1) out[entry + char] = tag.charCodeAt(char)
    outView.setUint32(entry + 4, 0)
    outView.setUint32(entry + 8, offset)
    outView.setUint32(entry + 12, sizeOf(data))
    for (const part of Array.isArray(data) ? data : [data]) {
      out.set(part, offset)
      offset += part.length
    }
  })
  return out
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
