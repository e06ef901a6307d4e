/** Bounds on what one article may hold; past them it is built smaller or fails alone, with a message. */
export interface Limits {
  /** Largest Markdown file read, in bytes. Default: 8 MB. */
  articleBytes: number
  /** Largest image, in pixels (width × height): guards against decompression bombs. Default: 50 million. */
  imagePixels: number
  /** Deepest nesting of block quotes and lists drawn; deeper levels are flattened. Default: 24. */
  nestingDepth: number
  /** Most cells in one table. Default: 40,000. */
  tableCells: number
}

export const DEFAULT_LIMITS: Limits = {
  articleBytes: 8_000_000,
  imagePixels: 50_000_000,
  nestingDepth: 24,
  tableCells: 40_000
}
