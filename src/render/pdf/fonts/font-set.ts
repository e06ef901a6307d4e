import type * as fontkit from 'fontkit'
import { getScript } from 'unicode-properties'
import { load, resolveFontFile } from './font-files.js'
import { covers, fallbackChain, fontconfigLang, type SystemFace } from './system-fonts.js'
import type { FontFaces, Theme } from '../theme.js'
import { advance, clustersOf, glyphsOf } from './glyph-runs.js'

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
// Emoji sequences (Unicode's RGI set); every one of more than one character holds one of SEQUENCE_PART:
// a joiner, a presentation selector, the keycap mark, a regional indicator, a skin tone or a tag.
const EMOJI_SEQUENCE = new RegExp('\\p{RGI_Emoji}', 'gv')
// A class of single code points, none of them a sequence of its own: ESLint's combined-character check does not apply.
// eslint-disable-next-line no-misleading-character-class
const SEQUENCE_PART = /[\u200d\ufe0f\u20e3\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u
const ASCII = /^[\x20-\x7e]*$/

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

// Scripts whose letters stand apart in the catalog's fonts: a word of them missing a letter takes
// that letter (its cluster) alone from another font. Any other script's word (Tamil, Thai…) goes
// whole to one font that has all of it: its letters combine, and a font made for it shapes them.
const SEPARATE = new Set(['Latin', 'Greek', 'Cyrillic', 'Common', 'Inherited', 'Unknown'])

// The language fontconfig knows each script by (its orthographies), to find the font made for it
// (not Arabic or Hebrew, which the catalog's DejaVu is made for too).
const SCRIPT_LANG: Record<string, string> = {
  Armenian: 'hy',
  Bengali: 'bn',
  Devanagari: 'hi',
  Ethiopic: 'am',
  Georgian: 'ka',
  Gujarati: 'gu',
  Gurmukhi: 'pa',
  Hangul: 'ko',
  Kannada: 'kn',
  Khmer: 'km',
  Lao: 'lo',
  Malayalam: 'ml',
  Myanmar: 'my',
  Oriya: 'or',
  Sinhala: 'si',
  Syriac: 'syr',
  Tamil: 'ta',
  Telugu: 'te',
  Thaana: 'dv',
  Thai: 'th',
  Tibetan: 'bo'
}

/** The script of a grapheme cluster: that of its first character of a real script, else Common. */
function clusterScript(cluster: string): string {
  for (const char of cluster) {
    const script = getScript(char.codePointAt(0) ?? 32)
    if (script !== 'Common' && script !== 'Inherited' && script !== 'Unknown') return HAN.has(script) ? 'Han' : script
  }
  return 'Common'
}

// Chinese characters, kana and bopomofo are written together: one run, in one font.
const HAN = new Set(['Han', 'Hiragana', 'Katakana', 'Bopomofo'])
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u

/**
 * The language whose forms a run of Han characters is drawn in: Japanese where kana say so, the
 * article's language when it is Chinese, Japanese or Korean, and otherwise Chinese (Simplified, as
 * fontconfig reads `zh`) — not the fonts of the article's language, which for `en` are Japanese sans.
 */
/**
 * The language a paragraph's fallback fonts are chosen for: Japanese where its text has kana and the
 * article's language is not Chinese, Japanese or Korean (a Japanese README with no `lang`), so that
 * each of its Han characters, measured apart between break opportunities, takes Japanese forms too.
 */
export function fontLangOf(text: string, lang: string): string {
  return !/^(zh|ja|ko)\b/i.test(lang) && KANA.test(text) ? 'ja' : lang
}

function hanLang(run: string, lang: string): string | undefined {
  if (/^(zh|ko)\b/i.test(lang)) return undefined
  if (KANA.test(run) || /^ja\b/i.test(lang)) return 'ja'
  return 'zh'
}

/** The code points of `text` that are drawn (not invisible format characters). */
function visibleCodes(text: string): number[] {
  const codes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0) ?? 32
    if (code <= 0x7e || !ignorable(code)) codes.push(code)
  }
  return codes
}

// Whether a character is IGNORABLE, by code point (asked for every character beyond ASCII).
const ignorables = new Map<number, boolean>()
function ignorable(code: number): boolean {
  let found = ignorables.get(code)
  if (found === undefined) ignorables.set(code, (found = IGNORABLE.test(String.fromCodePoint(code))))
  return found
}

/** Add `text` in font `key` to the last piece, or as a new one when its font differs. */
function add(pieces: { key: string; text: string }[], key: string, text: string): void {
  const last = pieces[pieces.length - 1]
  if (last && last.key === key) last.text += text
  else pieces.push({ key, text })
}

export type Face = keyof FontFaces

export function faceOf(bold: boolean, italic: boolean): Face {
  return bold ? (italic ? 'bold_italic' : 'bold') : italic ? 'italic' : 'normal'
}

/** One registered font: `key` is the name the document knows it by, e.g. `serif-bold`. */
export interface LoadedFont {
  key: string
  font: fontkit.Font
}

/** fontconfig's name for the kind of face a catalog family is, for the system fallback. */
const GENERIC: Record<string, string> = { serif: 'serif', sans: 'sans-serif', mono: 'monospace' }

/**
 * The theme's fonts, each parsed on first use and registered with a document under its PostScript
 * name when the document first draws with it. A character missing from a family falls back,
 * character by character, to the next catalog family that has it (serif lacks ☐, for one), then to
 * the theme's `font_fallback` files, then to the fonts fontconfig offers for the article's language
 * (Noto CJK for Japanese), keyed `~<PostScript name>`. Parsing a face costs ~60 ms and most documents
 * use three or four of the twelve.
 */
export class FontSet {
  /** Font file of every face in the catalog, by key. */
  private readonly files = new Map<string, string>()
  private readonly loaded = new Map<string, LoadedFont>()
  /** Fallback fonts found so far (theme files, system fonts). */
  private readonly extra = new Map<string, LoadedFont | undefined>()
  private readonly families: string[]
  private readonly coverage = new Map<string, Map<number, boolean>>()
  private readonly vertical = new Map<string, { ascender: number; descender: number }>()
  /** Font key per character, per primary font and language (undefined: none has it). */
  private readonly resolved = new Map<string, Map<number, string | undefined>>()
  /** Font of each run or cluster met beyond the asked font, by scope, script and code points. */
  private readonly found = new Map<string, string | undefined>()
  /** Font of each emoji sequence met (undefined: no fallback font has all of it). */
  private readonly sequences = new Map<string, string | undefined>()
  private readonly system: boolean
  /** Whether the embedded TrueType subsets keep their fonts' hinting (`font_hinting`). */
  readonly hinting: boolean

  constructor(readonly theme: Theme) {
    this.families = Object.keys(theme.fonts)
    for (const family of this.families) {
      const faces = theme.fonts[family] as FontFaces
      for (const face of Object.keys(faces) as Face[]) this.files.set(`${family}-${face}`, resolveFontFile(faces[face], theme.folder))
    }
    this.system = theme.bool('font', 'system_fallback')
    this.hinting = theme.bool('font', 'hinting')
  }

  /** The first face of the catalog: the document's initial font. */
  get first(): LoadedFont {
    return this.font(this.files.keys().next().value as string)
  }

  /** The parsed face for a key of the catalog, loaded on first use. */
  private font(key: string): LoadedFont {
    let found = this.loaded.get(key)
    if (!found) {
      const file = this.files.get(key)
      if (file === undefined) throw new Error(`PDF theme: no font "${key}" in font_catalog`)
      found = { key, font: load(file) }
      this.loaded.set(key, found)
    }
    return found
  }

  key(family: string, bold: boolean, italic: boolean): string {
    const key = `${family}-${faceOf(bold, italic)}`
    if (!this.files.has(key)) throw new Error(`PDF theme: no font family "${family}" in font_catalog`)
    return key
  }

  /** A catalog or fallback font by key. */
  get(key: string): LoadedFont {
    const found = this.lookup(key)
    if (!found) throw new Error(`PDF: no font registered as ${key}`)
    return found
  }

  /** A catalog face (parsed on first use) or a fallback font found so far; undefined for neither. */
  private lookup(key: string): LoadedFont | undefined {
    return this.files.has(key) ? this.font(key) : this.extra.get(key)
  }

  private has(key: string, codePoint: number): boolean {
    let known = this.coverage.get(key)
    if (!known) {
      known = new Map()
      this.coverage.set(key, known)
    }
    let found = known.get(codePoint)
    if (found === undefined) {
      found = this.lookup(key)?.font.hasGlyphForCodePoint(codePoint) ?? false
      known.set(codePoint, found)
    }
    return found
  }

  /** A fallback face, parsed on first use; undefined when fontkit cannot read it. */
  private fallback(file: string, postscriptName?: string): string | undefined {
    const key = `~${postscriptName ?? file}`
    if (!this.extra.has(key)) {
      let loaded: LoadedFont | undefined
      try {
        const font = load(file, postscriptName)
        loaded = { key: `~${font.postscriptName}`, font }
      } catch {
        loaded = undefined
      }
      this.extra.set(key, loaded)
      if (loaded) this.extra.set(loaded.key, loaded)
    }
    return this.extra.get(key)?.key
  }

  /** The font that draws `codePoint` for text asked in `family`/`face`, or undefined when none has it. */
  private resolve(codePoint: number, family: string, face: Face, lang: string): string | undefined {
    const primary = `${family}-${face}`
    const scope = `${primary}|${lang}`
    let known = this.resolved.get(scope)
    if (!known) this.resolved.set(scope, (known = new Map()))
    if (known.has(codePoint)) return known.get(codePoint)
    let found: string | undefined
    const other = this.families.find((name) => this.has(`${name}-${face}`, codePoint))
    if (other) found = `${other}-${face}`
    for (const key of this.fallbackKeys()) {
      if (found) break
      if (this.has(key, codePoint)) found = key
    }
    if (!found && this.system) {
      for (const candidate of this.chain(family, face, lang)) {
        if (!covers(candidate, codePoint)) continue
        const key = this.fallback(candidate.file, candidate.postscriptName)
        if (key && this.has(key, codePoint)) {
          found = key
          break
        }
      }
    }
    known.set(codePoint, found)
    return found
  }

  /** The faces fontconfig falls back through for text asked in `family`/`face` in language `lang`. */
  private chain(family: string, face: Face, lang: string): SystemFace[] {
    const asked = this.theme.exact(family, 'font_fallback')
    const generic = typeof asked === 'string' && asked !== '' ? asked : (GENERIC[family] ?? 'sans-serif')
    const language = fontconfigLang(lang)
    return fallbackChain(
      `${generic}${face.includes('bold') ? ':weight=bold' : ''}${face.includes('italic') ? ':slant=italic' : ''}${language === 'und' ? '' : `:lang=${language}`}`
    )
  }

  /**
   * The first font that has every one of `codes` (a grapheme cluster, or a word of one script) for
   * text of `script` asked in `family`/`face`: an installed font made for the script (fontconfig's
   * choice for the script's language, named after the script: Noto Sans Tamil for Tamil), else the
   * catalog's other families, the theme's fallback files, and the fonts fontconfig offers for the
   * script's language, then for the article's. Undefined when none has them all.
   */
  private find(codes: number[], family: string, face: Face, lang: string, script: string, scriptLang?: string): string | undefined {
    const id = `${family}-${face}|${lang}|${script}|${scriptLang ?? ''}|${codes.join(' ')}`
    if (this.found.has(id)) return this.found.get(id)
    if (this.found.size > 50_000) this.found.clear()
    const all = (key: string) => codes.every((code) => this.has(key, code))
    const fromSystem = (faces: SystemFace[], made?: string): string | undefined => {
      for (const candidate of faces) {
        if (made !== undefined && !candidate.postscriptName.includes(made)) continue
        if (!codes.every((code) => covers(candidate, code))) continue
        const key = this.fallback(candidate.file, candidate.postscriptName)
        if (key && all(key)) return key
      }
      return undefined
    }
    // fontconfig is asked (a process each pattern) only when the fonts before do not have the text.
    let found = scriptLang && this.system ? fromSystem(this.chain(family, face, scriptLang), script.replace(/_/g, '')) : undefined
    found ??= this.families.map((name) => `${name}-${face}`).find(all)
    if (!found) for (const key of this.fallbackKeys()) if (!found && all(key)) found = key
    if (!found && this.system) {
      if (scriptLang) found = fromSystem(this.chain(family, face, scriptLang))
      found ??= fromSystem(this.chain(family, face, lang))
    }
    this.found.set(id, found)
    return found
  }

  /**
   * Split text into pieces each set in a font that has its glyphs: the asked font where it can.
   * Invisible format characters (variation selectors, joiners, soft hyphens) are not drawn; a
   * character no font has becomes U+FFFD (not a .notdef box of unknown width) and is added to `missing`.
   * An emoji sequence of several characters (a keycap 1️⃣, a family 👨‍👩‍👧, a flag 🇩🇪, a skin tone,
   * ❤️ with its selector) goes whole to the first fallback font that has all of them (Noto Emoji):
   * that font draws it as one glyph, where one character at a time would scatter it across fonts.
   */
  split(
    text: string,
    family: string,
    bold: boolean,
    italic: boolean,
    missing?: Set<string>,
    lang = 'und'
  ): { key: string; text: string }[] {
    const primary = this.key(family, bold, italic)
    // Printable ASCII is in every font of the catalog: the common case needs no look-ups.
    if (ASCII.test(text)) return [{ key: primary, text }]
    const sequences = SEQUENCE_PART.test(text)
    if (!sequences) {
      // Next most common: all of it in the asked font (typographic quotes and dashes, accented
      // letters, a word's soft hyphens), which `splitChars` would make one piece of, char by char.
      const whole = this.allIn(primary, text)
      if (whole !== undefined) return whole === '' ? [] : [{ key: primary, text: whole }]
    }
    const pieces: { key: string; text: string }[] = []
    let from = 0
    if (sequences) {
      for (const match of text.matchAll(EMOJI_SEQUENCE)) {
        const key = match[0].length > 1 ? this.sequenceFont(match[0]) : undefined
        if (!key) continue
        this.splitClusters(text.slice(from, match.index), family, bold, italic, missing, lang, pieces)
        add(pieces, key, match[0])
        from = match.index + match[0].length
      }
    }
    this.splitClusters(text.slice(from), family, bold, italic, missing, lang, pieces)
    return pieces
  }

  /** The theme's `font_fallback` fonts, in order, each loaded when it is first reached. */
  private *fallbackKeys(): Generator<string> {
    for (const spec of this.theme.fallbackFiles) {
      const [file = spec, name] = spec.split('#')
      const key = this.fallback(resolveFontFile(file, this.theme.folder), name)
      if (key) yield key
    }
  }

  /** The first fallback font that has every character of an emoji sequence. */
  private sequenceFont(sequence: string): string | undefined {
    if (!this.sequences.has(sequence)) {
      const codePoints = [...sequence].map((char) => char.codePointAt(0) ?? 32)
      let found: string | undefined
      for (const key of this.fallbackKeys()) {
        if (codePoints.every((codePoint) => this.has(key, codePoint))) {
          found = key
          break
        }
      }
      this.sequences.set(sequence, found)
    }
    return this.sequences.get(sequence)
  }

  /** `text` without its invisible format characters when font `key` has all the others, else undefined. */
  private allIn(key: string, text: string): string | undefined {
    let kept: string | undefined
    for (let index = 0; index < text.length; index += 1) {
      const code = text.codePointAt(index) as number
      const size = code > 0xffff ? 2 : 1
      if (code <= 0x7e || !ignorable(code)) {
        if (code > 0x7e && !this.has(key, code)) return undefined
        if (kept !== undefined) kept += text.slice(index, index + size)
      } else kept ??= text.slice(0, index)
      index += size - 1
    }
    return kept ?? text
  }

  /**
   * `split` by grapheme cluster, adding to `pieces`: a cluster is never drawn in two fonts (a Tamil
   * vowel sign from another font than its letter shows a dotted circle), and a word of a script whose
   * letters combine (anything but Latin, Greek and Cyrillic) goes whole to one font that has all of it.
   */
  private splitClusters(
    text: string,
    family: string,
    bold: boolean,
    italic: boolean,
    missing: Set<string> | undefined,
    lang: string,
    pieces: { key: string; text: string }[]
  ): void {
    const face = faceOf(bold, italic)
    const primary = this.key(family, bold, italic)
    const clusters = Array.from(graphemes.segment(text), ({ segment }) => segment)
    const scripts = clusters.map(clusterScript)
    for (let index = 0; index < clusters.length;) {
      const script = scripts[index] as string
      let end = index + 1
      if (!SEPARATE.has(script)) {
        // The run goes on through punctuation the asked font lacks (、 。 ।).
        while (
          end < clusters.length &&
          (scripts[end] === script ||
            (scripts[end] === 'Common' && !visibleCodes(clusters[end] as string).every((code) => this.has(primary, code))))
        )
          end += 1
        const run = clusters.slice(index, end).join('')
        const codes = visibleCodes(run)
        const scriptLang = script === 'Han' ? hanLang(run, lang) : SCRIPT_LANG[script]
        const key = codes.every((code) => this.has(primary, code)) ? primary : this.find(codes, family, face, lang, script, scriptLang)
        if (key) {
          add(pieces, key, this.drawn(key, run, true))
          index = end
          continue
        }
      }
      for (; index < end; index += 1) {
        const cluster = clusters[index] as string
        const codes = visibleCodes(cluster)
        if (codes.length === 0) continue
        const previous = pieces[pieces.length - 1]?.key
        let key: string | undefined
        if (codes.every((code) => this.has(primary, code))) key = primary
        // Spaces, punctuation and clusters of a lone mark stay with the font of the text before them where it has them.
        else if (previous && scripts[index] === 'Common' && codes.every((code) => this.has(previous, code))) key = previous
        else key = this.find(codes, family, face, lang, scripts[index] as string, SCRIPT_LANG[scripts[index] as string])
        if (key) add(pieces, key, this.drawn(key, cluster, !SEPARATE.has(scripts[index] as string)))
        else this.splitChars(cluster, family, bold, italic, missing, lang, pieces)
      }
    }
  }

  /** `text` as drawn in font `key`: without its invisible format characters, but (in a script whose letters combine) the joiners (ZWJ, ZWNJ) the font has, which shape. */
  private drawn(key: string, text: string, joiners: boolean): string {
    let kept = ''
    for (const char of text) {
      const code = char.codePointAt(0) ?? 32
      if (code <= 0x7e || !ignorable(code) || (joiners && (code === 0x200c || code === 0x200d) && this.has(key, code))) kept += char
    }
    return kept
  }

  /** `split` one character at a time, adding to `pieces` (a cluster no font has whole). */
  private splitChars(
    text: string,
    family: string,
    bold: boolean,
    italic: boolean,
    missing: Set<string> | undefined,
    lang: string,
    pieces: { key: string; text: string }[]
  ): void {
    const face = faceOf(bold, italic)
    const primary = this.key(family, bold, italic)
    for (let char of text) {
      const code = char.codePointAt(0) ?? 32
      let key = primary
      if (code > 0x7e && !this.has(primary, code)) {
        if (ignorable(code)) continue
        const previous = pieces[pieces.length - 1]?.key
        // Spaces and combining marks stay with the font of the character before them where it has them.
        if (previous && /\s|\p{M}/u.test(char) && this.has(previous, code)) key = previous
        else {
          const other = this.resolve(code, family, face, lang)
          if (other) key = other
          else {
            missing?.add(char)
            char = '\uFFFD'
            key = this.has(primary, 0xfffd)
              ? primary
              : `${this.families.find((name) => this.has(`${name}-${face}`, 0xfffd)) ?? family}-${face}`
          }
        }
      } else if (code > 0x7e && ignorable(code)) continue
      add(pieces, key, char)
    }
  }

  /** Width of `text` at `size`, split at spaces as pdfkit does so the sums agree with what it draws. */
  width(key: string, size: number, text: string): number {
    const font = this.get(key).font
    return (eachChunk(text, (chunk) => advance(font, chunk)) * size) / 1000
  }

  /** How many glyphs `text` is drawn with (ligatures are one): letter spacing adds after each. */
  glyphCount(key: string, text: string): number {
    const font = this.get(key).font
    return eachChunk(text, (chunk) => glyphsOf(font, chunk))
  }

  /**
   * Where shaping starts a cluster in `text` (a word of Thai, Lao, Khmer or Myanmar): justification
   * may space it there and nowhere else. Undefined where the run keeps no clusters, or `text` has spaces.
   */
  clusterStarts(key: string, text: string): ReadonlySet<number> | undefined {
    if (/[ \t]/.test(text)) return undefined
    const clusters = clustersOf(this.get(key).font, text)
    return clusters ? new Set(clusters) : undefined
  }

  /** Ascender and descender (negative) per point of size, for line boxes. */
  metrics(key: string): { ascender: number; descender: number } {
    let found = this.vertical.get(key)
    if (!found) {
      const font = this.get(key).font
      found = { ascender: font.ascent / font.unitsPerEm, descender: font.descent / font.unitsPerEm }
      this.vertical.set(key, found)
    }
    return found
  }
}

/** The sum of `measure` over `text`'s chunks as pdfkit draws them: each word with the space or tab after it. */
function eachChunk(text: string, measure: (chunk: string) => number): number {
  let total = 0
  let last = 0
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (char === ' ' || char === '\t') {
      total += measure(text.slice(last, index + 1))
      last = index + 1
    }
  }
  if (last < text.length) total += measure(text.slice(last))
  return total
}
