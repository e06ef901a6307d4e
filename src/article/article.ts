import type { Root as HastRoot } from 'hast'
import type { VFile } from 'vfile'

/** Metadata of one article: front matter merged with defaults, validated. */
export interface ArticleMeta {
  title: string
  subtitle?: string
  /** Each author on their own; at least one. */
  authors: string[]
  /** BCP 47 language tag, e.g. `en-GB`. */
  lang: string
  /** Text direction derived from `lang`. */
  dir: 'ltr' | 'rtl'
  /** Publication date as written in the front matter (`YYYY-MM-DD` or ISO date-time). */
  date?: string
  /** Last change, as written in the front matter. */
  updated?: string
  description?: string
  publisher?: string
  /** Rights statement; only when the front matter gives one. */
  rights?: string
  subjects: string[]
  /** Stable identifier of the work (front matter `id`); renderers derive one from the slug otherwise. */
  id?: string
  /** Cover image, resolved like any other local asset. */
  cover?: Asset
  /** Whether a table of contents is asked for. */
  toc: boolean
  /** PDF page size from front matter, overriding the build option. */
  pageSize?: string
}

/** A local file the article refers to (an image), read once at parse time. */
export interface Asset {
  /** The reference as written in the Markdown. */
  src: string
  /** Absolute path on disk. */
  path: string
  /** File name used inside outputs that package assets (EPUB): derived, stable. */
  name: string
  mediaType: 'image/png' | 'image/jpeg' | 'image/svg+xml' | 'image/gif' | 'image/webp'
  width: number
  height: number
  data: Buffer
}

export interface HeadingEntry {
  depth: 1 | 2 | 3 | 4 | 5 | 6
  id: string
  text: string
}

/**
 * One article, parsed once. Every renderer takes this value; none reads Markdown or HTML again.
 * `tree` is hast: GFM, footnotes, sanitised raw HTML, heading ids, highlighted code, resolved images
 * (each `img` carries `src` pointing at its asset via `dataAsset`, and `width`/`height`).
 */
export interface Article {
  /** The source file; its `messages` collect every problem found, positioned. */
  file: VFile
  /** Output base name: front matter `slug`, else the file name without extension. */
  slug: string
  /** Where the build writes it: relative to `out`, `/` separators, no extension (`docs/guide`). */
  path: string
  /** Markdown files the article links to, and the output path of each that is an article of the build (null: none). */
  links: Record<string, string | null>
  meta: ArticleMeta
  tree: HastRoot
  headings: HeadingEntry[]
  /** Local assets by the key stored on `img` elements as `dataAsset`. */
  assets: Map<string, Asset>
  /** Epoch seconds used wherever a format needs a timestamp: never the clock. */
  timestamp: number
}

/** True when parsing reported a fatal problem: the article must not be rendered. */
export function hasFatal(article: Pick<Article, 'file'>): boolean {
  return article.file.messages.some((message) => message.fatal === true)
}
