import { readFileSync } from 'node:fs'
import * as fontkit from 'fontkit'
import * as hb from 'harfbuzzjs'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../src/common/options.js'
import { sourceOf } from '../src/render/pdf/fonts/font-files.js'
import { FontSet } from '../src/render/pdf/fonts/font-set.js'
import { pdfkitRun } from '../src/render/pdf/fonts/glyph-runs.js'
import { loadTheme } from '../src/render/pdf/theme.js'
import { projectRoot } from './helpers/articles.js'
import { assertTool, fonts } from './helpers/tools.js'

// HarfBuzz is the reference for shaping: for words and sentences of many scripts quoted in an English
// article, the glyphs Quire draws (ids, advances and offsets, word by word as it draws them) are
// those HarfBuzz gives for the same text in the same font file, with its default features and
// invisible format characters removed (Quire draws none). Each is shaped apart here, from the file,
// by harfbuzzjs; Quire's runs come from its fast path for plain words or its own use of HarfBuzz.

const SAMPLES: { script: string; text: string; font?: 'noto' | 'cjk' }[] = [
  { script: 'Latin (ligatures, kerning)', text: 'office affine flow AVATAR WAVE To Ty. Yes, Vowel “quoted” — fjord' },
  { script: 'Latin (combining marks)', text: 'cafe\u0301 n\u0303o a\u0308\u0301 Ǻngström Ḍ x\u0323\u0302' },
  { script: 'Greek', text: 'Καλημέρα κόσμε, ἀρχῇ ἦν ὁ λόγος' },
  { script: 'Cyrillic', text: 'Съешь же ещё этих мягких французских булок' },
  { script: 'Arabic', text: 'مرحبا بالعالم، لا إله إلا الله' },
  { script: 'Hebrew', text: 'שָׁלוֹם עוֹלָם, בְּרֵאשִׁית' },
  { script: 'Devanagari', text: 'हिन्दी क्षत्रिय श्री प्रेमचंद कि', font: 'noto' },
  { script: 'Bengali', text: 'বাংলা যুক্তাক্ষর ক্ষ্ম রবীন্দ্রনাথ', font: 'noto' },
  { script: 'Tamil', text: 'திராவிட தமிழ் கொண்டு ஸ்ரீ', font: 'noto' },
  { script: 'Telugu', text: 'తెలుగు శ్రీ ద్రావిడ', font: 'noto' },
  { script: 'Gujarati', text: 'ગુજરાતી ક્ષ શ્રી', font: 'noto' },
  { script: 'Gurmukhi', text: 'ਪੰਜਾਬੀ ਗੁਰਮੁਖੀ ਪ੍ਰੀਤ', font: 'noto' },
  { script: 'Malayalam', text: 'മലയാളം ക്ഷ കൂട്ടക്ഷരങ്ങൾ', font: 'noto' },
  { script: 'Kannada', text: 'ಕನ್ನಡ ಶ್ರೀ ಜ್ಞಾನಪೀಠ', font: 'noto' },
  { script: 'Sinhala', text: 'ශ්‍රී ලංකාව ව්‍යඤ්ජන', font: 'noto' },
  { script: 'Thai', text: 'ภาษาไทย กุ้ง ที่นี่ ผู้ใหญ่', font: 'noto' },
  { script: 'Lao', text: 'ພາສາລາວ ກໍ່ ເຂົ້າໃຈ', font: 'noto' },
  { script: 'Khmer', text: 'ភាសាខ្មែរ ស្ត្រី ប្រាសាទ', font: 'noto' },
  { script: 'Myanmar', text: 'မြန်မာ ကြွ သဏ္ဌာန်', font: 'noto' },
  { script: 'Tibetan', text: 'བོད་ཡིག་ བསྒྲུབས་ སྒྲ', font: 'noto' },
  { script: 'Georgian', text: 'ქართული ენა' },
  { script: 'Armenian', text: 'Հայերեն այբուբեն' },
  { script: 'Ethiopic', text: 'አማርኛ ፊደል', font: 'noto' },
  { script: 'Hangul', text: '한글 훈민정음', font: 'cjk' },
  { script: 'Japanese', text: '日本語のテキスト、「引用」。', font: 'cjk' },
  { script: 'Chinese', text: '中文字体，标点。', font: 'cjk' },
  { script: 'Emoji sequences', text: '👨‍👩‍👧 🇩🇪 1️⃣ ❤️ 👍🏽 🚀' }
]

const requirements = { noto: fonts('Noto Sans Tamil', 'fonts-noto-core'), cjk: fonts('Noto Sans CJK', 'fonts-noto-cjk') }
const fontSet = new FontSet(loadTheme(resolveOptions({ cwd: projectRoot }).templates))
const hbFonts = new Map<fontkit.Font, hb.Font>()

/** HarfBuzz's font for a font of the set, read from its file on its own. */
function reference(font: fontkit.Font): hb.Font {
  let found = hbFonts.get(font)
  if (!found) {
    const { file, postscriptName } = sourceOf(font) as { file: string; postscriptName: string }
    const data = readFileSync(file)
    const collection = fontkit.create(data) as unknown as { fonts?: fontkit.Font[] }
    const index = collection.fonts ? collection.fonts.findIndex((face) => face.postscriptName === postscriptName) : 0
    found = new hb.Font(new hb.Face(new hb.Blob(data), index))
    hbFonts.set(font, found)
  }
  return found
}

/** Glyph id, advances and offsets in font units, one string a glyph. */
function harfBuzzGlyphs(font: fontkit.Font, text: string): string[] {
  const buffer = new hb.Buffer()
  buffer.addText(text)
  buffer.guessSegmentProperties()
  buffer.setFlags(hb.BufferFlag.BOT | hb.BufferFlag.EOT | hb.BufferFlag.REMOVE_DEFAULT_IGNORABLES)
  hb.shape(reference(font), buffer)
  const positions = buffer.getGlyphPositions()
  return buffer.getGlyphInfos().map((info, index) => {
    const { xAdvance, yAdvance, xOffset, yOffset } = positions[index] as hb.GlyphPosition
    return `${info.codepoint}:${xAdvance},${yAdvance},${xOffset},${yOffset}`
  })
}

/** The glyphs Quire draws for a chunk (a word and the space after it), in font units. */
function quireGlyphs(font: fontkit.Font, text: string): string[] {
  const run = pdfkitRun(font, text)
  const units = (value: number) => Math.round((value * font.unitsPerEm) / 1000)
  return run.glyphs.map((glyph, index) => {
    const { xAdvance, yAdvance, xOffset, yOffset } = run.positions[index] as {
      xAdvance: number
      yAdvance: number
      xOffset: number
      yOffset: number
    }
    return `${glyph.id}:${units(xAdvance)},${units(yAdvance)},${units(xOffset)},${units(yOffset)}`
  })
}

describe.each(SAMPLES)('$script', ({ text, font }) => {
  const needed = font ? requirements[font] : undefined
  const missing = new Set<string>()
  const pieces = fontSet.split(text, 'serif', false, false, missing, 'en')

  it.skipIf(needed?.skip)('has a font for every character, each word in one font', () => {
    if (needed) assertTool(needed)
    expect([...missing]).toEqual([])
    // A word of one script is never split across fonts (its marks would lose their base: ◌).
    for (const [word] of text.matchAll(/\p{L}[\p{L}\p{M}\u200c\u200d]*/gu))
      expect(
        pieces.some((piece) => piece.text.includes(word)),
        `${word} in ${JSON.stringify(pieces)}`
      ).toBe(true)
  })

  it.skipIf(needed?.skip)('is drawn with the glyphs and positions HarfBuzz gives', () => {
    if (needed) assertTool(needed)
    const differences: string[] = []
    for (const { key, text: piece } of pieces) {
      const { font: parsed } = fontSet.get(key)
      for (const chunk of piece.match(/[^ \t]*[ \t]?/g)?.filter(Boolean) ?? []) {
        const quire = quireGlyphs(parsed, chunk)
        const harfBuzz = harfBuzzGlyphs(parsed, chunk)
        if (quire.join(' ') !== harfBuzz.join(' '))
          differences.push(`${key} «${chunk}»: ${quire.join(' ')} ≠ HarfBuzz ${harfBuzz.join(' ')}`)
      }
    }
    expect(differences).toEqual([])
  })
})
