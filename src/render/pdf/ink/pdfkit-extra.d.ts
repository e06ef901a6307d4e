// Local declarations for the parts of linebreak 1, svg-to-pdfkit, bidi-js, unicode-properties and hyphenopoly 5 that Quire uses:
// none ships its own types (fontkit's public part: fonts/fontkit/fontkit.d.ts; pdfkit's: ink/pdfkit-types.ts, as
// @types/pdfkit 0.17 lags pdfkit 0.20).

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
    getEmbeddingLevels(
      text: string,
      direction?: 'ltr' | 'rtl' | 'auto'
    ): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] }
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
