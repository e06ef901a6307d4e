import type * as fontkit from 'fontkit'
import { collectTtfGlyphs, fontBytes, tableEntry } from '../fontkit/internals.js'

// Quire's writer of fontkit's TrueType subsets (fonts/fontkit/write-ttf-subsets-directly.ts has the
// subsets use it): fontkit collects the glyphs, and the tables are written here directly instead of
// through fontkit's generic table encoder (restructure), which re-encodes every table field by field
// (the font programs byte by byte) for each document: ~10% of a warm article's PDF. With hinting
// kept the bytes are fontkit's (test/ttf-subset.test.ts compares them).

/**
 * The subset as fontkit's TTFSubset.encode() would write it; without `hinting`, the TrueType
 * instructions are left out: the font programs (`fpgm`, `prep`, the control values of `cvt `) and
 * each glyph's own. They snap outlines to the pixel grid of a screen at small sizes, in the viewers
 * that run them; they are most of the bytes of a hinted font such as DejaVu (59% of the subsets of
 * the bench's articles), and the outlines are the same without them.
 */
export function encode(subset: fontkit.Subset, { hinting }: { hinting: boolean }): Uint8Array {
  // The glyphs, as fontkit collects them (components are added as they are met).
  const collected = collectTtfGlyphs(subset)
  let glyf = collected.glyf
  let offsets = collected.offsets
  let length = collected.length
  if (!hinting) {
    // Short loca offsets count words: every glyph keeps an even length.
    const even = collected.locaVersion === 0
    glyf = glyf.map((glyph) => withoutInstructions(glyph, even))
    length = 0
    offsets = glyf.map((glyph) => {
      const offset = length
      length += glyph.length
      return offset
    })
  }
  offsets.push(length)

  const font = collected.font
  const source = fontBytes(font)
  const raw = (tag: string, size?: number): Uint8Array | undefined => {
    const entry = tableEntry(font, tag)
    return entry ? source.subarray(entry.offset, entry.offset + (size ?? entry.length)) : undefined
  }
  const numGlyphs = glyf.length

  // head: 54 bytes; fontkit's macStyle keeps its 7 named bits; indexToLocFormat is the loca's.
  const head = Uint8Array.from(raw('head', 54) as Uint8Array)
  const headView = view(head)
  headView.setUint16(44, headView.getUint16(44) & 0x7f)
  headView.setInt16(50, collected.locaVersion)
  // hhea: 36 bytes, the reserved words written as zeros, numberOfMetrics = glyphs.
  const hhea = Uint8Array.from(raw('hhea', 36) as Uint8Array)
  hhea.fill(0, 24, 32)
  view(hhea).setUint16(34, collected.metrics.length)
  // maxp: version 1.0, 32 bytes; numGlyphs = glyphs.
  const maxp = Uint8Array.from(raw('maxp', 32) as Uint8Array)
  view(maxp).setUint16(4, numGlyphs)
  // loca: halved 16-bit offsets (short format) or 32-bit ones.
  const short = collected.locaVersion === 0
  const loca = new Uint8Array(offsets.length * (short ? 2 : 4))
  const locaView = view(loca)
  offsets.forEach((offset, index) => (short ? locaView.setUint16(index * 2, offset >>> 1) : locaView.setUint32(index * 4, offset)))
  const hmtx = new Uint8Array(collected.metrics.length * 4)
  const hmtxView = view(hmtx)
  collected.metrics.forEach((metric, index) => {
    hmtxView.setUint16(index * 4, metric.advance)
    hmtxView.setInt16(index * 4 + 2, metric.bearing)
  })
  const cvtEntry = tableEntry(font, 'cvt ')
  const written: [string, Uint8Array | Uint8Array[] | undefined][] = [
    ['head', head],
    ['hhea', hhea],
    ['loca', loca],
    ['maxp', maxp],
    // The control values are int16s: fontkit drops an odd last byte.
    ['cvt ', cvtEntry && hinting ? raw('cvt ', cvtEntry.length - (cvtEntry.length % 2)) : undefined],
    ['prep', hinting ? raw('prep') : undefined],
    ['glyf', glyf],
    ['hmtx', hmtx],
    ['fpgm', hinting ? raw('fpgm') : undefined]
  ]
  const present = written.filter((entry): entry is [string, Uint8Array | Uint8Array[]] => entry[1] !== undefined)
  const sizeOf = (data: Uint8Array | Uint8Array[]) =>
    Array.isArray(data) ? data.reduce((total, part) => total + part.length, 0) : data.length
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

// Composite glyph flags (OpenType 'glyf'): what follows each component, and whether instructions end it.
const ARGS_ARE_WORDS = 0x1
const HAS_SCALE = 0x8
const MORE_COMPONENTS = 0x20
const HAS_X_AND_Y_SCALE = 0x40
const HAS_TWO_BY_TWO = 0x80
const HAS_INSTRUCTIONS = 0x100

/** A glyph's 'glyf' record without its instructions: the same outline, or the same components. */
function withoutInstructions(glyph: Uint8Array, even: boolean): Uint8Array {
  if (glyph.length === 0) return glyph
  const source = view(glyph)
  const contours = source.getInt16(0)
  let out: Uint8Array
  if (contours >= 0) {
    // Header (10 bytes), the contours' end points, then the instructions' length and the instructions.
    const at = 10 + contours * 2
    const length = source.getUint16(at)
    if (length === 0) return glyph
    out = new Uint8Array(glyph.length - length)
    out.set(glyph.subarray(0, at + 2))
    out.set(glyph.subarray(at + 2 + length), at + 2)
    view(out).setUint16(at, 0)
  } else {
    // Components, each: flags, glyph id, two arguments, an optional transform; instructions after the last.
    let at = 10
    let flags: number
    let instructed = false
    const starts: number[] = []
    do {
      starts.push(at)
      flags = source.getUint16(at)
      instructed ||= (flags & HAS_INSTRUCTIONS) !== 0
      at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2) + (flags & HAS_SCALE ? 2 : flags & HAS_X_AND_Y_SCALE ? 4 : flags & HAS_TWO_BY_TWO ? 8 : 0)
    } while (flags & MORE_COMPONENTS)
    if (!instructed) return glyph
    out = Uint8Array.from(glyph.subarray(0, at))
    const target = view(out)
    for (const start of starts) target.setUint16(start, target.getUint16(start) & ~HAS_INSTRUCTIONS)
  }
  if (even && out.length % 2 === 1) {
    const padded = new Uint8Array(out.length + 1)
    padded.set(out)
    out = padded
  }
  return out
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
