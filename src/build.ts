import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { hasFatal, type Article } from './article.js'
import { discover } from './discover.js'
import { resolveOptions, type BuildOptions, type Format, type ResolvedOptions } from './options.js'
import { parseArticle } from './parse.js'
import type { RenderContext } from './render/context.js'
import { writeAtomic } from './write.js'

export interface OutputFile {
  format: Format
  /** Absolute path of the written file. */
  path: string
  bytes: number
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

type Renderer = (article: Article, context: RenderContext) => Buffer | Promise<Buffer>

// Renderers are loaded on first use: a build asked for HTML never loads pdfkit.
const loaders: Record<Format, () => Promise<Renderer>> = {
  html: async () => (await import('./render/html/index.js')).renderHtml,
  pdf: async () => (await import('./render/pdf/index.js')).renderPdf,
  epub: async () => (await import('./render/epub/index.js')).renderEpub
}

/** Build every article the inputs name into `out`: each article fails alone, outputs are whole or absent. */
export async function build(userOptions: BuildOptions = {}): Promise<BuildResult> {
  const options = resolveOptions(userOptions)
  const { sources, missing } = discover(options.inputs, options.cwd)
  const problems = missing.map((input) => {
    const file = new VFile({ path: input, cwd: options.cwd })
    file.message('Cannot find input: no such file or folder', { ruleId: 'input', source: 'quire' }).fatal = true
    return file
  })
  await mkdir(options.out, { recursive: true })
  const renderers = new Map<Format, Renderer>()
  for (const format of options.formats) renderers.set(format, await loaders[format]())

  const slugs = new Map<string, string>()
  const articles: ArticleResult[] = []
  for (const source of sources) {
    const article = await parseArticle(source.path, { ...options, root: source.root })
    const earlier = slugs.get(article.slug)
    if (earlier !== undefined) {
      article.file.message(`Duplicate slug \`${article.slug}\`, already used by ${earlier}: set a different \`slug:\` in the front matter`, { place: { line: 1, column: 1 }, ruleId: 'slug-duplicate', source: 'quire' }).fatal = true
    } else {
      slugs.set(article.slug, article.file.path)
    }
    articles.push(await buildArticle(article, renderers, options, earlier !== undefined))
  }
  await writeIndex(articles, options)
  return { options, articles, problems, failed: problems.length > 0 || articles.some((article) => article.failed) }
}

/** `index.html` in the output folder lists what this build wrote. */
async function writeIndex(articles: ArticleResult[], options: ResolvedOptions): Promise<void> {
  const { renderIndexPage } = await import('./render/html/index-page.js')
  const entries = articles
    .filter((article) => !article.failed)
    .map((article) => ({
      slug: article.slug,
      title: article.title,
      description: article.description,
      date: article.date,
      lang: article.lang,
      files: article.outputs.map((output) => ({ format: output.format, name: path.basename(output.path), bytes: output.bytes }))
    }))
  await writeAtomic(path.join(options.out, 'index.html'), renderIndexPage(entries, options))
}

async function buildArticle(article: Article, renderers: Map<Format, Renderer>, options: ResolvedOptions, duplicate: boolean): Promise<ArticleResult> {
  const { meta } = article
  const result: ArticleResult = { source: article.file.path, slug: article.slug, title: meta.title, description: meta.description, date: meta.date, lang: meta.lang, file: article.file, outputs: [], failed: false }
  const target = (format: Format) => path.join(options.out, `${article.slug}.${format}`)

  const rendered: { format: Format; data: Buffer }[] = []
  if (!hasFatal(article)) {
    for (const [format, render] of renderers) {
      try {
        rendered.push({ format, data: await render(article, options) })
      } catch (error) {
        const message = article.file.message(`Cannot render ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`, { ruleId: `render-${format}`, source: 'quire', cause: error as Error })
        message.fatal = true
        break
      }
    }
  }
  if (hasFatal(article)) {
    result.failed = true
    // A failed article leaves nothing of its own behind, not even a stale file from an earlier build.
    if (!duplicate) await Promise.all([...renderers.keys()].map((format) => rm(target(format), { force: true })))
    return result
  }
  for (const { format, data } of rendered) {
    await writeAtomic(target(format), data)
    result.outputs.push({ format, path: target(format), bytes: data.length })
  }
  return result
}
