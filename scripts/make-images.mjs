// Make the images that content/field-guide.md and the test fixtures use: `node scripts/make-images.mjs`.
// No dependencies: a PNG writer on node:zlib and a small baseline JPEG encoder (JFIF, 4:4:4, the
// Annex K tables). Every pixel comes from arithmetic on its coordinates and a seeded hash, never from
// the clock or Math.random, so the same Node gives the same bytes on every run.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))

// ---------------------------------------------------------------------------------------------
// Canvas: an RGB raster with a few drawing helpers.

function canvas(width, height, [r, g, b] = [255, 255, 255]) {
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < data.length; i += 3) {
    data[i] = r
    data[i + 1] = g
    data[i + 2] = b
  }
  return { width, height, data }
}

function setPixel(image, x, y, [r, g, b], alpha = 1) {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return
  const i = (y * image.width + x) * 3
  image.data[i] = Math.round(image.data[i] * (1 - alpha) + r * alpha)
  image.data[i + 1] = Math.round(image.data[i + 1] * (1 - alpha) + g * alpha)
  image.data[i + 2] = Math.round(image.data[i + 2] * (1 - alpha) + b * alpha)
}

function fillRect(image, x0, y0, w, h, colour, alpha = 1) {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) setPixel(image, x, y, colour, alpha)
}

/** A small integer hash in [0, 1): deterministic "noise" for texture. */
function hash(x, y, seed) {
  let h = (Math.imul(x, 374761393) + Math.imul(y, 668265263) + Math.imul(seed, 2147483647)) | 0
  h = Math.imul(h ^ (h >>> 13), 1274126177)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

const mix = (a, b, t) => a.map((value, i) => value + (b[i] - value) * t)
const clamp = (value) => Math.max(0, Math.min(255, Math.round(value)))

// A 5×7 bitmap font for the chart's digits and axis letters (only the glyphs used).
const GLYPHS = {
  0: ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  8: ['01110', '10001', '10001', '01110', '10001', '10001', '01110']
}

function drawText(image, text, x, y, colour, scale = 2) {
  for (const [index, char] of [...text].entries()) {
    const glyph = GLYPHS[char]
    if (!glyph) continue
    glyph.forEach((row, gy) => {
      ;[...row].forEach((bit, gx) => {
        if (bit === '1') fillRect(image, x + index * 6 * scale + gx * scale, y + gy * scale, scale, scale, colour)
      })
    })
  }
}

// ---------------------------------------------------------------------------------------------
// PNG (colour type 2, 8 bits, filter 0 on every row, zlib level 9).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, body) {
  const out = Buffer.alloc(12 + body.length)
  out.writeUInt32BE(body.length, 0)
  out.write(type, 4, 'latin1')
  Buffer.from(body).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length)
  return out
}

function encodePng({ width, height, data }) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const raw = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0
    Buffer.from(data.buffer, data.byteOffset + y * width * 3, width * 3).copy(raw, y * (1 + width * 3) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

// ---------------------------------------------------------------------------------------------
// Baseline JPEG: JFIF APP0, two quantisation tables, the standard Huffman tables, no subsampling.

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
]
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
]
const CHROMA_Q = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array(32).fill(99)
]

const DC_LUMA = { bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }
const DC_CHROMA = { bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }
const AC_LUMA = {
  bits: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  values: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91,
    0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a,
    0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53,
    0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79,
    0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9,
    0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2,
    0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa
  ]
}
const AC_CHROMA = {
  bits: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  values: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14,
    0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17,
    0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a,
    0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78,
    0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
    0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
    0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2,
    0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa
  ]
}

/** Canonical Huffman codes from a table's code-length counts: symbol → [code, length]. */
function huffmanCodes({ bits, values }) {
  if (bits.reduce((a, b) => a + b, 0) !== values.length) throw new Error('Huffman table: counts and values disagree')
  const codes = new Map()
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], [code++, length])
    code <<= 1
  }
  return codes
}

function scaledTable(base, quality) {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2
  return base.map((value) => Math.min(255, Math.max(1, Math.floor((value * scale + 50) / 100))))
}

// cos((2x + 1) u π / 16), and the DCT's normalisation, computed once.
const COS = Array.from({ length: 8 }, (_, x) => Array.from({ length: 8 }, (_, u) => Math.cos(((2 * x + 1) * u * Math.PI) / 16)))
const NORM = (u) => (u === 0 ? Math.SQRT1_2 : 1)

function forwardDct(block) {
  const rows = new Float64Array(64)
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0
      for (let x = 0; x < 8; x++) sum += block[y * 8 + x] * COS[x][u]
      rows[y * 8 + u] = sum
    }
  }
  const out = new Float64Array(64)
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0
      for (let y = 0; y < 8; y++) sum += rows[y * 8 + u] * COS[y][v]
      out[v * 8 + u] = 0.25 * NORM(u) * NORM(v) * sum
    }
  }
  return out
}

function bitWriter() {
  const bytes = []
  let buffer = 0
  let count = 0
  const put = (code, length) => {
    for (let i = length - 1; i >= 0; i--) {
      buffer = (buffer << 1) | ((code >>> i) & 1)
      count++
      if (count === 8) {
        bytes.push(buffer)
        if (buffer === 0xff) bytes.push(0x00)
        buffer = 0
        count = 0
      }
    }
  }
  const flush = () => {
    if (count > 0) put((1 << (8 - count)) - 1, 8 - count)
    return Buffer.from(bytes)
  }
  return { put, flush }
}

const category = (value) => (value === 0 ? 0 : 32 - Math.clz32(Math.abs(value)))
const magnitudeBits = (value, size) => (value < 0 ? value + (1 << size) - 1 : value)

function segment(marker, body) {
  const out = Buffer.alloc(4 + body.length)
  out.writeUInt16BE(marker, 0)
  out.writeUInt16BE(body.length + 2, 2)
  Buffer.from(body).copy(out, 4)
  return out
}

function encodeJpeg({ width, height, data }, quality = 82) {
  const tables = [scaledTable(LUMA_Q, quality), scaledTable(CHROMA_Q, quality)]
  const dc = [huffmanCodes(DC_LUMA), huffmanCodes(DC_CHROMA)]
  const ac = [huffmanCodes(AC_LUMA), huffmanCodes(AC_CHROMA)]
  const writer = bitWriter()
  const previous = [0, 0, 0]
  const planes = [new Float64Array(64), new Float64Array(64), new Float64Array(64)]

  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          // Past the edge, repeat the last row or column.
          const px = Math.min(bx + x, width - 1)
          const py = Math.min(by + y, height - 1)
          const i = (py * width + px) * 3
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]]
          planes[0][y * 8 + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128
          planes[1][y * 8 + x] = -0.168736 * r - 0.331264 * g + 0.5 * b
          planes[2][y * 8 + x] = 0.5 * r - 0.418688 * g - 0.081312 * b
        }
      }
      for (let c = 0; c < 3; c++) {
        const t = c === 0 ? 0 : 1
        const coefficients = forwardDct(planes[c])
        const quantised = ZIGZAG.map((natural) => Math.round(coefficients[natural] / tables[t][natural]))
        const diff = quantised[0] - previous[c]
        previous[c] = quantised[0]
        const size = category(diff)
        writer.put(...dc[t].get(size))
        if (size > 0) writer.put(magnitudeBits(diff, size), size)
        let run = 0
        for (let k = 1; k < 64; k++) {
          const value = quantised[k]
          if (value === 0) {
            run++
            continue
          }
          while (run > 15) {
            writer.put(...ac[t].get(0xf0))
            run -= 16
          }
          const bits = category(value)
          writer.put(...ac[t].get((run << 4) | bits))
          writer.put(magnitudeBits(value, bits), bits)
          run = 0
        }
        if (run > 0) writer.put(...ac[t].get(0x00))
      }
    }
  }

  const frame = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]
  const huffman = [
    [0x00, DC_LUMA],
    [0x10, AC_LUMA],
    [0x01, DC_CHROMA],
    [0x11, AC_CHROMA]
  ].flatMap(([id, table]) => [id, ...table.bits, ...table.values])
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xffe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xffdb, [0, ...ZIGZAG.map((n) => tables[0][n]), 1, ...ZIGZAG.map((n) => tables[1][n])]),
    segment(0xffc0, frame),
    segment(0xffc4, huffman),
    segment(0xffda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]),
    writer.flush(),
    Buffer.from([0xff, 0xd9])
  ])
}

// ---------------------------------------------------------------------------------------------
// The pictures.

/** A bar chart of how often each Markdown element turned up in a sample of articles. */
function chart() {
  const image = canvas(480, 240, [250, 248, 242])
  const ink = [51, 51, 51]
  const grid = [214, 210, 200]
  const left = 56
  const bottom = 204
  const top = 20
  const values = [86, 54, 41, 23, 12, 5]
  const colours = [
    [46, 94, 140],
    [62, 130, 110],
    [214, 140, 46],
    [170, 70, 80],
    [120, 96, 160],
    [110, 110, 110]
  ]
  for (let tick = 0; tick <= 100; tick += 20) {
    const y = bottom - Math.round(((bottom - top) * tick) / 100)
    fillRect(image, left, y, 404, 1, grid)
    const label = String(tick)
    drawText(image, label, left - 10 - label.length * 12, y - 7, ink)
  }
  fillRect(image, left, top, 2, bottom - top + 1, ink)
  fillRect(image, left, bottom, 404, 2, ink)
  values.forEach((value, index) => {
    const height = Math.round(((bottom - top) * value) / 100)
    const x = left + 18 + index * 66
    fillRect(image, x + 4, bottom - height + 4, 44, height - 4, [0, 0, 0], 0.12)
    fillRect(image, x, bottom - height, 44, height, colours[index])
    fillRect(image, x, bottom - height, 44, 3, [255, 255, 255], 0.35)
    const label = String(value)
    drawText(image, label, x + 22 - label.length * 6, bottom - height - 20, ink)
  })
  return image
}

/** A photograph-like dusk over a hay meadow: graded sky, a low sun, hills and grainy grass. */
function meadow() {
  const width = 400
  const height = 260
  const image = canvas(width, height)
  const sun = { x: 292, y: 150, r: 16 }
  const ridge = (x, base, amplitude, phase) =>
    base + amplitude * Math.sin(x / 53 + phase) + (amplitude / 2.5) * Math.sin(x / 17 + phase * 2)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = y / 170
      let colour =
        t < 0.55 ? mix([38, 52, 110], [150, 104, 150], t / 0.55) : mix([150, 104, 150], [252, 180, 110], Math.min(1, (t - 0.55) / 0.45))
      const distance = Math.hypot(x - sun.x, y - sun.y)
      if (distance < sun.r) colour = [255, 236, 190]
      else colour = mix(colour, [255, 214, 150], Math.max(0, 0.55 * Math.exp(-(distance - sun.r) / 38)))
      const far = ridge(x, 160, 9, 0.7)
      const near = ridge(x, 188, 14, 2.1)
      if (y > far) colour = mix([92, 84, 110], [70, 70, 88], Math.min(1, (y - far) / 40))
      if (y > near) {
        const depth = (y - near) / (height - near)
        colour = mix([96, 104, 52], [44, 58, 28], Math.min(1, depth * 1.2))
        // Grass: vertical streaks whose brightness wanders, finer near the horizon.
        const streak = hash(x, Math.floor(y / (2 + depth * 6)), 7) - 0.5
        colour = colour.map((value) => value + streak * 36 * (0.4 + depth))
      }
      const grain = (hash(x, y, 3) - 0.5) * 10
      const i = (y * width + x) * 3
      image.data[i] = clamp(colour[0] + grain)
      image.data[i + 1] = clamp(colour[1] + grain)
      image.data[i + 2] = clamp(colour[2] + grain)
    }
  }
  return image
}

/** A small book cover: a coloured field, a band and a ruled frame. */
function cover() {
  const image = canvas(160, 240, [34, 70, 96])
  fillRect(image, 10, 10, 140, 2, [236, 226, 200])
  fillRect(image, 10, 228, 140, 2, [236, 226, 200])
  fillRect(image, 10, 10, 2, 220, [236, 226, 200])
  fillRect(image, 148, 10, 2, 220, [236, 226, 200])
  fillRect(image, 12, 90, 136, 48, [214, 140, 46])
  for (let y = 160; y < 220; y += 10) fillRect(image, 30, y, 100, 2, [236, 226, 200], 0.6)
  return image
}

/** A tiny swatch for the images fixture: four squares. */
function swatch() {
  const image = canvas(64, 64)
  fillRect(image, 0, 0, 32, 32, [46, 94, 140])
  fillRect(image, 32, 0, 32, 32, [214, 140, 46])
  fillRect(image, 0, 32, 32, 32, [62, 130, 110])
  fillRect(image, 32, 32, 32, 32, [170, 70, 80])
  return image
}

/** A 24×24 dot for the raw HTML fixture's sized <img>. */
function dot() {
  const image = canvas(24, 24, [250, 248, 242])
  for (let y = 0; y < 24; y++) for (let x = 0; x < 24; x++) if (Math.hypot(x - 11.5, y - 11.5) < 10) setPixel(image, x, y, [170, 70, 80])
  return image
}

const PIPELINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="220" viewBox="0 0 560 220" role="img" aria-labelledby="title desc">
  <title id="title">One parse, three outputs</title>
  <desc id="desc">A Markdown file is parsed once into a shared tree; the HTML, PDF and EPUB renderers each read that tree.</desc>
  <defs>
    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
      <path d="M0 0 L10 5 L0 10 z" fill="#333333"/>
    </marker>
  </defs>
  <rect x="0" y="0" width="560" height="220" fill="#faf8f2"/>
  <rect x="20" y="80" width="120" height="60" rx="8" fill="#ffffff" stroke="#2e5e8c" stroke-width="2"/>
  <text x="80" y="107" font-family="sans-serif" font-size="15" text-anchor="middle" fill="#333333">Markdown</text>
  <text x="80" y="126" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#666666">article.md</text>
  <rect x="200" y="80" width="140" height="60" rx="8" fill="#2e5e8c"/>
  <text x="270" y="107" font-family="sans-serif" font-size="15" text-anchor="middle" fill="#ffffff">parse once</text>
  <text x="270" y="126" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#dde8f2">one shared tree</text>
  <line x1="140" y1="110" x2="198" y2="110" stroke="#333333" stroke-width="2" marker-end="url(#arrow)"/>
  <g font-family="sans-serif" font-size="15" text-anchor="middle">
    <rect x="420" y="16" width="120" height="44" rx="8" fill="#ffffff" stroke="#3e826e" stroke-width="2"/>
    <text x="480" y="43" fill="#333333">HTML</text>
    <rect x="420" y="88" width="120" height="44" rx="8" fill="#ffffff" stroke="#d68c2e" stroke-width="2"/>
    <text x="480" y="115" fill="#333333">PDF</text>
    <rect x="420" y="160" width="120" height="44" rx="8" fill="#ffffff" stroke="#aa4650" stroke-width="2"/>
    <text x="480" y="187" fill="#333333">EPUB</text>
  </g>
  <g stroke="#333333" stroke-width="2" fill="none" marker-end="url(#arrow)">
    <path d="M340 100 C380 100 380 38 418 38"/>
    <line x1="340" y1="110" x2="418" y2="110"/>
    <path d="M340 120 C380 120 380 182 418 182"/>
  </g>
</svg>
`

const SHAPES_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
  <title>A circle beside a triangle</title>
  <rect width="120" height="80" fill="#faf8f2"/>
  <circle cx="34" cy="40" r="24" fill="#2e5e8c"/>
  <path d="M70 64 L94 16 L118 64 z" fill="#d68c2e"/>
</svg>
`

const outputs = {
  'content/field-guide/diagram.svg': PIPELINE_SVG,
  'content/field-guide/chart.png': encodePng(chart()),
  'content/field-guide/meadow.jpg': encodeJpeg(meadow()),
  'test/fixtures/images/swatch.png': encodePng(swatch()),
  'test/fixtures/images/shapes.svg': SHAPES_SVG,
  'test/fixtures/front-matter/cover.png': encodePng(cover()),
  'test/fixtures/raw-html/dot.png': encodePng(dot())
}

for (const [name, bytes] of Object.entries(outputs)) {
  const target = path.join(root, name)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, bytes)
  console.log(`${name} ${Buffer.byteLength(bytes)} bytes`)
}
