import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { hasFatal, type Article } from './article.js'
import { discover, type Source } from './discover.js'
import { describeFile, serialiseManifest, type ManifestArticle, type ManifestFile } from './manifest.js'
import { resolveOptions, type BuildOptions, type Format, type ResolvedOptions } from './options.js'
import { VERSION } from './package-root.js'
import { parseArticle } from './parse.js'
import type { RenderContext } from './render/context.js'
import { selectShard } from './shard.js'
import { writeAtomic } from './write.js'

export interface OutputFile extends ManifestFile {
  /** Absolute path of the written file. */
  path: string
}

export interface ArticleResult {
  /** Source path relative to the working directory. */
  source: string
  slug: string
  title: string
  description?: string
  date?: string
  lang: string
  /** The source file with every message found while parsing and rendering it. */
  file: VFile
  outputs: OutputFile[]
  failed: boolean
}

export interface BuildResult {
  options: ResolvedOptions
  articles: ArticleResult[]
  /** Problems with the build itself (an input that does not exist). */
  problems: VFile[]
  failed: boolean
}

export interface BuildHooks {
  /** Called as each article starts, with how many are done and the total: for progress lines. */
  onStart?: (source: string, done: number, total: number) => void
}

type Renderer = (article: Article, context: RenderContext) => Buffer | Promise<Buffer>

// Renderers are loaded on first use: a build asked for HTML never loads pdfkit.
const loaders: Record<Format, () => Promise<Renderer>> = {
  html: async () => (await import('./render/html/index.js')).renderHtml,
  pdf: async () => (await import('./render/pdf/index.js')).renderPdf,
  epub: async () => (await import('./render/epub/index.js')).renderEpub
}

const GENERATOR = `Quire ${VERSION}`

/**
 * Build every article the inputs name into `out`: each article fails alone, outputs are whole or
 * absent, and `manifest.json` and `index.html` list what was built. With `check`, parse and report only.
 */
export async function build(userOptions: BuildOptions = {}, hooks: BuildHooks = {}): Promise<BuildResult> {
  const options = resolveOptions(userOptions)
  const found = discover(options.inputs, options.cwd)
  const problems = found.missing.map((input) => {
    const file = new VFile({ path: input, cwd: options.cwd })
    file.message('Cannot find input: no such file or folder', { ruleId: 'input', source: 'quire' }).fatal = true
    return file
  })
  const sources = options.shard ? selectShard(found.sources, options.shard) : found.sources
  if (!options.check) await mkdir(options.out, { recursive: true })
  const renderers = new Map<Format, Renderer>()
  if (!options.check) for (const format of options.formats) renderers.set(format, await loaders[format]())

  const slugs = new Map<string, string>()
  const articles: ArticleResult[] = []
  for (const [index, source] of sources.entries()) {
    hooks.onStart?.(path.relative(options.cwd, source.path), index, sources.length)
    articles.push(await buildArticle(source, renderers, options, slugs))
  }
  if (!options.check) await writeListings(articles, options)
  return { options, articles, problems, failed: problems.length > 0 || articles.some((article) => article.failed) }
}

async function buildArticle(source: Source, renderers: Map<Format, Renderer>, options: ResolvedOptions, slugs: Map<string, string>): Promise<ArticleResult> {
  const article = await parseArticle(source.path, { ...options, root: source.root })
  const { meta, file } = article
  const result: ArticleResult = { source: file.path, slug: article.slug, title: meta.title, description: meta.description, date: meta.date, lang: meta.lang, file, outputs: [], failed: false }

  const earlier = slugs.get(article.slug)
  if (earlier !== undefined) {
    file.message(`Duplicate slug \`${article.slug}\`, already used by ${earlier}: set a different \`slug:\` in the front matter`, { place: { line: 1, column: 1 }, ruleId: 'slug-duplicate', source: 'quire' }).fatal = true
  } else {
    slugs.set(article.slug, file.path)
  }

  const rendered: { format: Format; data: Buffer }[] = []
  for (const [format, render] of renderers) {
    if (hasFatal(article)) break
    try {
      rendered.push({ format, data: await render(article, options) })
    } catch (error) {
      file.message(`Cannot render ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`, { ruleId: `render-${format}`, source: 'quire', cause: error as Error }).fatal = true
    }
  }
  if (options.strict) for (const message of file.messages) if (message.fatal === false) message.fatal = true

  const target = (format: Format) => path.join(options.out, `${article.slug}.${format}`)
  if (hasFatal(article)) {
    result.failed = true
    // A failed article leaves nothing of its own behind, not even a stale file from an earlier build
    // (unless its slug belongs to another article of this build).
    if (earlier === undefined && !options.check) await Promise.all([...renderers.keys()].map((format) => rm(target(format), { force: true })))
    return result
  }
  for (const { format, data } of rendered) {
    await writeAtomic(target(format), data)
    result.outputs.push({ ...describeFile(format, path.basename(target(format)), data), path: target(format) })
  }
  return result
}

/** `manifest.json` and `index.html` list what this build (or shard) wrote. */
async function writeListings(articles: ArticleResult[], options: ResolvedOptions): Promise<void> {
  await writeListingFiles(articles.filter((article) => !article.failed).map(manifestEntry), options)
}

/** Write `manifest.json` and `index.html` for these entries, in source order. */
export async function writeListingFiles(entries: ManifestArticle[], options: Pick<ResolvedOptions, 'out' | 'templates' | 'lang' | 'pageSize' | 'baseUrl'>): Promise<void> {
  const sorted = [...entries].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
  await writeAtomic(path.join(options.out, 'manifest.json'), serialiseManifest(sorted, GENERATOR))
  const { renderIndexPage } = await import('./render/html/index-page.js')
  await writeAtomic(path.join(options.out, 'index.html'), renderIndexPage(sorted, options))
}

function manifestEntry(article: ArticleResult): ManifestArticle {
  const entry: ManifestArticle = { slug: article.slug, title: article.title, source: article.source.split(path.sep).join('/'), lang: article.lang, files: article.outputs.map(({ path: _path, ...file }) => file) }
  if (article.date) entry.date = article.date
  if (article.description) entry.description = article.description
  return entry
}
