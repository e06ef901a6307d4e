import type { Article } from '../article/article.js'
import { hasFatal } from '../article/article.js'
import type { Source } from './discover.js'
import type { Format, ResolvedOptions } from '../common/options.js'
import { parseArticle } from '../article/parse.js'
import { describeFile, type ManifestFile } from './manifest.js'
import type { Download, RenderContext } from '../render/context.js'

/** One article's work, the same in the main thread or a worker: parse once, render each format. */
export interface JobInput {
  source: Source
  options: ResolvedOptions
  /** Where the article is written (site.ts): relative to `out`, no extension. */
  output: string
  /**
   * Output paths of the build's articles by source. In a worker it comes once, with the worker's
   * start (worker.ts), not with every article.
   */
  site?: ReadonlyMap<string, string>
  /** The article is a chapter of a book of this build: a reference it cannot resolve may be in another chapter. */
  chapter?: boolean
}

/** A message as it crosses threads: plain data. */
export interface JobMessage {
  reason: string
  line?: number
  column?: number
  ruleId?: string
  fatal?: boolean | null
  stack?: string
}

/** What the build needs to know of an article once it is parsed, built or taken from the cache. */
export interface ArticleSummary {
  slug: string
  title: string
  description?: string
  date?: string
  lang: string
  messages: JobMessage[]
  /** SOURCE_DATE_EPOCH when the article took its timestamp from it (it has no date); else absent. */
  epoch?: number
}

export interface JobOutput extends ArticleSummary {
  /** The source path as messages show it. */
  path: string
  /** Each file with its manifest entry (size, sha256, pages), worked out here rather than in the thread that writes it. */
  rendered: { format: Format; data: Uint8Array; file: ManifestFile }[]
  /** Files the article read besides itself (images), for the cache. */
  assets: string[]
  /** The Markdown files it links to and where each went, for the cache (see Article.links). */
  links: Record<string, string | null>
}

type Renderer = (article: Article, context: RenderContext) => Buffer | Promise<Buffer>

// Renderers are loaded on first use: a build asked for HTML never loads pdfkit.
const loaders: Record<Format, () => Promise<Renderer>> = {
  html: async () => (await import('../render/html/index.js')).renderHtml,
  pdf: async () => (await import('../render/pdf/index.js')).renderPdf,
  epub: async () => (await import('../render/epub/index.js')).renderEpub
}
const loaded = new Map<Format, Promise<Renderer>>()
const renderer = (format: Format) => {
  let promise = loaded.get(format)
  if (!promise) loaded.set(format, (promise = loaders[format]()))
  return promise
}

/** A file of the article as its page links it: beside the page, by name. */
function downloadOf(output: string, format: Format, data: Uint8Array): Download {
  return { format, name: `${output.split('/').pop()}.${format}`, bytes: data.byteLength }
}

export async function runJob({ source, options, output, site, chapter }: JobInput): Promise<JobOutput> {
  const data = options.document?.path === source.path ? options.document.data : undefined
  const article = await parseArticle(source.path, { ...options, root: source.root, output, site, data, chapter })
  const { file, meta } = article
  const rendered: JobOutput['rendered'] = []
  // The page last: it links the article's other files, with their sizes.
  const formats = options.check ? [] : [...options.formats].sort((a, b) => Number(a === 'html') - Number(b === 'html'))
  for (const format of formats) {
    if (hasFatal(article)) break
    try {
      const downloads = format === 'html' ? rendered.map(({ format: other, data }) => downloadOf(article.path, other, data)) : undefined
      const data = await (await renderer(format))(article, { ...options, downloads })
      rendered.push({
        format,
        data,
        file: describeFile(format, `${output}.${format}`, Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      })
    } catch (error) {
      file.message(`Cannot render ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`, {
        ruleId: `render-${format}`,
        source: 'quire',
        cause: error as Error
      }).fatal = true
    }
  }
  rendered.sort((a, b) => options.formats.indexOf(a.format) - options.formats.indexOf(b.format))
  return {
    path: file.path,
    slug: article.slug,
    title: meta.title,
    description: meta.description,
    date: meta.date,
    lang: meta.lang,
    epoch: (meta.updated ?? meta.date) ? undefined : options.sourceDateEpoch,
    messages: file.messages.map(plainMessage),
    rendered,
    assets: [...new Set([...article.assets.values()].map((asset) => asset.path).concat(meta.cover ? [meta.cover.path] : []))],
    links: article.links
  }
}

/** A message as it crosses threads: plain data, its cause's stack kept. */
export function plainMessage(message: import('vfile-message').VFileMessage): JobMessage {
  return {
    reason: message.reason,
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    ruleId: message.ruleId ?? undefined,
    fatal: message.fatal,
    stack: message.cause instanceof Error ? message.cause.stack : undefined
  }
}
