// Local declarations for the parts of fontkit 2, linebreak 1, svg-to-pdfkit, bidi-js, unicode-properties and hyphenopoly 5 that Quire uses:
// none ships its own types, and @types/pdfkit (0.17) lags pdfkit 0.20 (see layout/pdfkit-types.ts for pdfkit).

declare module 'fontkit' {
  export interface Glyph {
    advanceWidth: number
  }
  /** fontkit's positions hold xAdvance, yAdvance, xOffset and yOffset. */
  export type GlyphPosition = Record<string, number>
  export interface GlyphRun {
    glyphs: Glyph[]
    positions: GlyphPosition[]
    readonly advanceWidth: number
  }
  export interface Font {
    postscriptName: string
    unitsPerEm: number
    ascent: number
    descent: number
    hasGlyphForCodePoint(codePoint: number): boolean
    layout(text: string): GlyphRun
    characterSet: number[]
    glyphForCodePoint(codePoint: number): unknown
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font
}

declare module 'linebreak' {
  interface Break {
    /** Index where the next line may start. */
    position: number
    required: boolean
  }
  class LineBreaker {
    constructor(text: string)
    nextBreak(): Break | null
  }
  export default LineBreaker
}

declare module 'svg-to-pdfkit' {
  interface SvgOptions {
    width?: number
    height?: number
    preserveAspectRatio?: string
    assumePt?: boolean
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string
    imageCallback?: (link: string) => string | undefined
    documentCallback?: (file: string) => unknown
    warningCallback?: (message: string) => void
  }
  function SVGtoPDF(doc: unknown, svg: string, x: number, y: number, options?: SvgOptions): void
  export default SVGtoPDF
}

declare module 'bidi-js' {
  interface Bidi {
    getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] }
    getMirroredCharacter(char: string): string | null
  }
  export default function bidiFactory(): Bidi
}

declare module 'unicode-properties' {
  /** The Unicode Script property, e.g. `Latin`, `Han`, `Linear_B`. */
  export function getScript(codePoint: number): string
}

// Hyphenopoly 5: the node module's configuration, as Quire uses it (synchronous loading of one language).
declare module 'hyphenopoly' {
  interface Config {
    require: string[]
    sync: true
    loaderSync: (file: string, patternsDirectory: URL) => Uint8Array
    hyphen?: string
    minWordLength?: number
    leftmin?: number
    rightmin?: number
  }
  const hyphenopoly: {
    supportedLanguages: string[]
    /** With one language required and `sync`, the function hyphenating a text in it. */
    config(config: Config): (text: string) => string
  }
  export default hyphenopoly
}
