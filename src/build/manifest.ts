import { createHash } from 'node:crypto'
import type { Format } from '../common/options.js'

/** `manifest.json`: what a build published, for CI to upload or link without globbing. */
export interface Manifest {
  /** Bumped on any incompatible change of this shape. */
  schemaVersion: 1
  generator: string
  articles: ManifestArticle[]
  /** Books (book.yml), when the build has any; their site's pages are `html` files. */
  books?: ManifestBook[]
}

export interface ManifestBook {
  slug: string
  /** Where its files are, relative to the output folder, without extension: `handbook.pdf`, `handbook/index.html`. */
  path: string
  title: string
  /** The book file, relative to the working directory, with `/` separators. */
  source: string
  lang: string
  /** Its chapters' sources, in order. */
  chapters: string[]
  files: ManifestFile[]
}

export interface ManifestArticle {
  slug: string
  /** Where its files are, relative to the output folder, without extension (`docs/guide`). */
  path: string
  title: string
  /** Source path relative to the working directory, with `/` separators. */
  source: string
  lang: string
  date?: string
  description?: string
  files: ManifestFile[]
}

export interface ManifestFile {
  format: Format
  /** Path relative to the output folder, with `/` separators (`docs/guide.pdf`). */
  name: string
  bytes: number
  sha256: string
  /** PDF only. */
  pages?: number
}

export function describeFile(format: Format, name: string, data: Buffer): ManifestFile {
  const file: ManifestFile = { format, name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') }
  if (format === 'pdf') file.pages = pdfPageCount(data)
  return file
}

/** Page objects in a PDF pdfkit wrote (it never hides them in object streams). */
export function pdfPageCount(data: Buffer): number {
  return data.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

/** Articles in source order, so a merge of shards equals the manifest of a whole build, byte for byte. */
export function serialiseManifest(articles: ManifestArticle[], generator: string, books: ManifestBook[] = []): Buffer {
  const bySource = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)
  const sorted = [...articles].sort(bySource)
  const manifest: Manifest = { schemaVersion: 1, generator, articles: sorted }
  if (books.length > 0) manifest.books = [...books].sort(bySource)
  return Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8')
}
