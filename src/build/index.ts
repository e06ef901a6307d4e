import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { BuildCache } from './cache.js'
import { discover, type Source } from './discover.js'
import type { JobInput, JobMessage, JobOutput } from './job.js'
import { serialiseManifest, type ManifestArticle, type ManifestFile } from './manifest.js'
import { resolveOptions, type BuildOptions, type Format, type ResolvedOptions } from '../common/options.js'
import { pluginsCloneable, PluginNotFound, resolvePlugins, type ResolvedPlugin } from '../common/plugins.js'
import { VERSION } from '../common/package-root.js'
import { selectShard } from './shard.js'
import { readTheme } from '../render/pdf/theme-file.js'
import { pageSettingsProblems } from '../render/html/page-settings.js'
import { planSite, type SitePlan } from './site.js'
import { writeAtomic } from './write.js'
import { isBookFile } from './book.js'
import { buildBooks, manifestBook, readBooks, type BookResult } from './books.js'
import type { ManifestBook } from './manifest.js'

export interface OutputFile extends ManifestFile {
  /** Absolute path of the written file (where it would be, with `write: false`). */
  path: string
  /** The file's bytes, with `write: false` only. */
  data?: Buffer
}

export interface ArticleResult {
  /** Source path relative to the working directory. */
  source: string
  slug: string
  /** Where its files are, relative to the output folder, without extension (`docs/guide`). */
  path: string
  title: string
  description?: string
  date?: string
  lang: string
  /** The source file with every message found while parsing and rendering it. */
  file: VFile
  outputs: OutputFile[]
  failed: boolean
  /** Unchanged since the last build: its files were verified, not rebuilt. */
  cached: boolean
}

export interface BuildResult {
  options: ResolvedOptions
  articles: ArticleResult[]
  /** The books of the inputs (book.yml), built from their chapters' Articles. */
  books: BookResult[]
  /** Problems with the build itself (an input that does not exist). */
  problems: VFile[]
  failed: boolean
}

export interface BuildHooks {
  /** Called as each article starts, with how many are done and the total: for progress lines. */
  onStart?: (source: string, done: number, total: number) => void
  /** The worker module. Default: `worker.js` beside this module (in dist/build/, and in the bundle, where both are in dist/bundle/). */
  workerUrl?: URL
}

const GENERATOR = `Quire ${VERSION}`
// Below this many articles a worker's start-up costs more than it saves.
const MIN_ARTICLES_FOR_WORKERS = 4

/**
 * Build every article the inputs name into `out`: each article fails alone, outputs are whole or
 * absent, and `manifest.json` and `index.html` list what was built. With `check`, parse and report only.
 */
export async function build(userOptions: BuildOptions = {}, hooks: BuildHooks = {}): Promise<BuildResult> {
  const given = resolveOptions(userOptions)
  let plugins: ResolvedPlugin[]
  try {
    // Found once, here; each worker imports them (job.ts).
    plugins = resolvePlugins(given.plugins, given.cwd)
  } catch (error) {
    if (!(error instanceof PluginNotFound)) throw error
    const file = new VFile({ path: given.cwd, cwd: given.cwd })
    file.message(error.message, { ruleId: 'plugin', source: 'quire' }).fatal = true
    return { options: given, articles: [], books: [], problems: [file], failed: true }
  }
  const options: ResolvedOptions = { ...given, plugins }
  const found = options.document
    ? { sources: [{ path: options.document.path, root: path.dirname(options.document.path) }], missing: [] }
    : discover(options.inputs, options.cwd)
  // A book file named as an input is a book, not an article.
  found.sources = found.sources.filter((source) => !isBookFile(source.path))
  const problems = found.missing.map((input) => {
    const file = new VFile({ path: input, cwd: options.cwd })
    file.message('Cannot find input: no such file or folder', { ruleId: 'input', source: 'quire' }).fatal = true
    return file
  })
  problems.push(...themeProblems(options))
  if (options.formats.includes('html')) {
    const page = pageSettingsProblems(options.templates, options.cwd)
    if (page) problems.push(page)
  }
  // Output paths are planned over every input, shard or not, so links between articles agree.
  const plan = planSite(found.sources)
  const sources = options.shard ? selectShard(found.sources, options.shard) : found.sources
  const writes = options.write && !options.check
  if (writes) await mkdir(options.out, { recursive: true })
  const cache = options.cache && writes && !options.document ? new BuildCache(options, options.cacheDir) : undefined

  // Started at the first article the cache cannot serve, so a build with nothing to do starts no
  // worker. With a pool this thread only reads and writes files: the parsers and renderers load in
  // the workers.
  let runner: Promise<{ run: (input: JobInput) => Promise<JobOutput>; stop: () => Promise<void> }> | undefined
  const pooled = options.jobs > 1 && sources.length >= MIN_ARTICLES_FOR_WORKERS && pluginsCloneable(plugins)
  const start = async () => {
    const pool = pooled ? await startPool(options.jobs, plan, hooks.workerUrl) : undefined
    if (pool) return { run: (input: JobInput) => pool.run(input) as Promise<JobOutput>, stop: () => pool.destroy() }
    const { runJob } = await import('./job.js')
    return { run: async (input: JobInput) => detached(await runJob({ ...input, site: plan.paths })), stop: async () => {} }
  }
  const run = async (input: JobInput): Promise<JobOutput> => (await (runner ??= start())).run(input)
  const articles: ArticleResult[] = []
  // The book files are read before the articles start: a chapter's article is told it is one.
  const bookSpecs = readBooks(options, plan)
  const chapters = new Set(bookSpecs.flatMap((spec) => spec.chapters.map((chapter) => chapter.source)))
  try {
    // To a pool, articles are handed out largest first, so no worker is left with a long one at the
    // end while the other waits; one thread takes them in source order. They finish in any order: a
    // few more in flight than there are threads keeps every worker fed while the main thread reads,
    // hashes and writes, and bounds memory. Results are put back in source order.
    const order = pooled ? largestFirst(sources, options) : sources.map((_, index) => index)
    const lanes = Math.min(order.length, Math.max(2, options.jobs * 2))
    let next = 0
    const lane = async () => {
      while (next < order.length) {
        const started = next++
        const index = order[started]!
        const source = sources[index]!
        hooks.onStart?.(path.relative(options.cwd, source.path), started, sources.length)
        const done = await startArticle(source, plan, options, cache, run, chapters.has(source.path))
        articles[index] = await finishArticle(done, plan, options, cache)
      }
    }
    await Promise.all(Array.from({ length: lanes }, lane))
  } finally {
    await (await runner?.catch(() => undefined))?.stop()
  }
  const books = await buildBooks(
    options,
    plan,
    new Map(found.sources.map((source) => [source.path, source.root])),
    cache,
    articles,
    bookSpecs
  )
  if (writes) await writeListings(articles, options, books)
  await cache?.save()
  return {
    options,
    articles,
    books,
    problems,
    failed:
      problems.some((file) => file.messages.some((message) => message.fatal === true)) ||
      articles.some((article) => article.failed) ||
      books.some((book) => book.failed)
  }
}

/**
 * An article's result built in this thread, with its own copy of everything but the files: a title
 * or a message cut from the Markdown keeps the whole source text alive for as long as the build's
 * results are kept (~11 MB per 1,000 real files in a heap snapshot, issue 27). A worker's results
 * arrive copied already.
 */
function detached(output: JobOutput): JobOutput {
  const { rendered, ...rest } = output
  return { ...structuredClone(rest), rendered }
}

/** Indexes of `sources`, the largest file first (ties in source order). */
function largestFirst(sources: Source[], options: ResolvedOptions): number[] {
  const sizes = sources.map((source) => {
    if (options.document) return options.document.data.length
    try {
      return statSync(source.path).size
    } catch {
      return 0
    }
  })
  return sources.map((_, index) => index).sort((a, b) => sizes[b]! - sizes[a]! || a - b)
}

/**
 * The PDF theme's problems, once for the build, each in the theme file it is in: an error there fails
 * every article's PDF (each says so); an unknown key is a warning, an error with `strict`.
 */
function themeProblems(options: ResolvedOptions): VFile[] {
  if (!options.formats.includes('pdf')) return []
  const files = new Map<string, VFile>()
  for (const message of readTheme(options.templates, options.cwd).messages) {
    let file = files.get(message.file)
    if (!file) files.set(message.file, (file = new VFile({ path: message.file, cwd: options.cwd })))
    file.message(message.reason, { place: message.place, ruleId: message.ruleId, source: 'quire' }).fatal = message.fatal || options.strict
  }
  return [...files.values()]
}

async function startPool(jobs: number, plan: SitePlan, workerUrl = new URL('./worker.js', import.meta.url)) {
  // Running from TypeScript sources (tests) there is no compiled worker: build in this thread.
  if (!existsSync(fileURLToPath(workerUrl))) return undefined
  const { Piscina } = await import('piscina')
  // A worker's heap is bounded by how fast it may grow, not by a low cap. The CLI bounds the growth of
  // every heap in the process for a long build (boundHeapGrowth: the old generation grows to twice
  // what the last full collection left alive), and a small young generation (8 MB, default ~48 MB)
  // keeps less garbage waiting. The old generation's cap was 256 MB until issue 27: V8 then collected
  // at ~1.3x the live size, every few articles, and each full collection dropped optimised code that
  // was compiled again, so two workers took 0.84x the CPU without it (300 real files, 4 alternated
  // pairs; peak RSS 348 -> 418 MB; docs/performance.md). 1,024 MB is a limit, not a tuning: the
  // largest real article alone peaks under 200 MB.
  return new Piscina({
    filename: workerUrl.href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    // Copied to each worker once; every article's links are resolved against it (worker.ts).
    workerData: { site: [...plan.paths] },
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 }
  })
}

interface Finished {
  source: Source
  input: Buffer
  output?: JobOutput
  cached?: ReturnType<BuildCache['lookup']>
}

async function startArticle(
  source: Source,
  plan: SitePlan,
  options: ResolvedOptions,
  cache: BuildCache | undefined,
  run: (input: JobInput) => Promise<JobOutput>,
  chapter: boolean
): Promise<Finished> {
  let input: Buffer
  try {
    input = options.document ? Buffer.from(options.document.data) : readFileSync(source.path)
  } catch {
    input = Buffer.alloc(0)
  }
  const key = path.relative(options.cwd, source.path)
  const output = plan.paths.get(source.path)!
  const cached = cache?.lookup(key, source.root, input, output, plan.paths)
  if (cached) return { source, input, cached }
  try {
    return { source, input, output: await run({ source, options, output, ...(chapter ? { chapter } : {}) }) }
  } catch (error) {
    // A worker that died (out of memory, a crash in a library) fails this article alone.
    const reason = error instanceof Error ? error.message : String(error)
    const slug = path.basename(source.path, path.extname(source.path))
    const message = {
      reason: `Quire could not build this article: ${reason}`,
      ruleId: 'internal',
      fatal: true,
      stack: error instanceof Error ? error.stack : undefined
    }
    return {
      source,
      input,
      output: { path: key, slug, title: slug, lang: options.lang, messages: [message], rendered: [], assets: [], links: {} }
    }
  }
}

function toFile(options: ResolvedOptions, filePath: string, messages: JobMessage[]): VFile {
  const file = new VFile({ path: filePath, cwd: options.cwd })
  for (const message of messages) {
    const place = message.line ? { line: message.line, column: message.column ?? 1 } : undefined
    const cause = message.stack ? Object.assign(new Error(message.reason), { stack: message.stack }) : undefined
    const created = file.message(message.reason, { place, ruleId: message.ruleId, source: 'quire', cause })
    created.fatal = message.fatal
  }
  return file
}

async function finishArticle(
  done: Finished,
  plan: SitePlan,
  options: ResolvedOptions,
  cache: BuildCache | undefined
): Promise<ArticleResult> {
  const key = path.relative(options.cwd, done.source.path)
  const data = done.cached ?? done.output!
  const file = toFile(options, done.output?.path ?? key, data.messages)
  const output = plan.paths.get(done.source.path)!
  const result: ArticleResult = {
    source: file.path,
    slug: data.slug,
    path: output,
    title: data.title,
    description: data.description,
    date: data.date,
    lang: data.lang,
    file,
    outputs: [],
    failed: false,
    cached: done.cached !== undefined
  }

  const renamed = plan.renamed.get(done.source.path)
  if (renamed) {
    const holder = path.isAbsolute(renamed.holder) ? path.relative(options.cwd, renamed.holder) : renamed.holder
    file.message(
      `Output name \`${renamed.wanted}\` is taken by ${holder}: written as \`${output}\` (set a different \`slug:\` in the front matter)`,
      { place: { line: 1, column: 1 }, ruleId: 'slug-duplicate', source: 'quire' }
    )
  }
  if (options.strict) for (const message of file.messages) if (message.fatal === false) message.fatal = true

  const target = (format: Format) => path.join(options.out, `${output}.${format}`)
  if (file.messages.some((message) => message.fatal === true)) {
    result.failed = true
    cache?.forget(key)
    // A failed article leaves nothing of its own behind, not even a stale file from an earlier build.
    if (options.write && !options.check) await Promise.all(options.formats.map((format) => rm(target(format), { force: true })))
    return result
  }
  if (done.cached) {
    result.outputs = done.cached.files.map((entry) => ({ ...entry, path: path.join(options.out, entry.name) }))
    return result
  }
  if (done.output!.rendered.length > 0 && options.write) await mkdir(path.dirname(target('html')), { recursive: true })
  for (const { format, data: bytes, file: described } of done.output!.rendered) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (options.write) await writeAtomic(target(format), buffer)
    result.outputs.push({
      ...described,
      path: target(format),
      ...(options.write ? {} : { data: buffer })
    })
  }
  if (!options.check) {
    const { rendered: _rendered, assets, path: _path, ...entry } = done.output!
    cache?.store(key, done.source.root, done.input, assets, {
      ...entry,
      output,
      files: result.outputs.map(({ path: _file, ...rest }) => rest)
    })
  }
  return result
}

/** `manifest.json` and `index.html` list what this build (or shard) wrote. */
async function writeListings(articles: ArticleResult[], options: ResolvedOptions, books: BookResult[]): Promise<void> {
  await writeListingFiles(
    articles.filter((article) => !article.failed).map(manifestEntry),
    options,
    books.filter((book) => !book.failed).map(manifestBook)
  )
}

/** Write `manifest.json` and `index.html` for these entries, in source order. */
export async function writeListingFiles(
  entries: ManifestArticle[],
  options: Pick<ResolvedOptions, 'out' | 'templates' | 'lang' | 'pageSize' | 'baseUrl'>,
  books: ManifestBook[] = []
): Promise<void> {
  const sorted = [...entries].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
  await writeAtomic(path.join(options.out, 'manifest.json'), serialiseManifest(sorted, GENERATOR, books))
  const { renderIndexPage } = await import('./index-page.js')
  await writeAtomic(
    path.join(options.out, 'index.html'),
    renderIndexPage(
      [
        // Each book first, by its contents page and its other files (not every page of its site).
        ...[...books]
          .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
          .map((book) => ({
            ...book,
            files: book.files.filter((file) => file.format !== 'html' || file.name === `${book.path}/index.html`)
          })),
        ...sorted
      ],
      options
    )
  )
}

function manifestEntry(article: ArticleResult): ManifestArticle {
  const entry: ManifestArticle = {
    slug: article.slug,
    path: article.path,
    title: article.title,
    source: article.source.split(path.sep).join('/'),
    lang: article.lang,
    files: article.outputs.map(({ path: _path, ...file }) => file)
  }
  if (article.date) entry.date = article.date
  if (article.description) entry.description = article.description
  return entry
}
