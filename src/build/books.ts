import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { ResolvedOptions } from '../common/options.js'
import { discoverBooks, readBook, type BookSpec } from './book.js'
import type { BuildCache } from './cache.js'
import type { JobMessage } from './job.js'
import { describeFile, type ManifestBook, type ManifestFile } from './manifest.js'
import type { SitePlan } from './site.js'
import { writeAtomic } from './write.js'

export interface OutputFileOfBook extends ManifestFile {
  path: string
  data?: Buffer
}

export interface BookResult {
  /** The book file, relative to the working directory. */
  source: string
  slug: string
  path: string
  title: string
  lang: string
  /** The book file with its messages. */
  file: VFile
  /** Messages the book added to its chapters (their own build reports the rest). */
  chapterFiles: VFile[]
  /** Chapter sources, relative to the working directory, in order. */
  chapters: string[]
  outputs: OutputFileOfBook[]
  failed: boolean
  cached: boolean
}

/**
 * The books of the inputs (`book.yml`, `book.json`), built after the articles from their chapters'
 * Articles. With `--shard i/n`, the k-th book file (in path order) is built by shard (k mod n) + 1,
 * which parses the chapters it needs; the shards together build each book once.
 */
export async function buildBooks(
  options: ResolvedOptions,
  plan: SitePlan,
  roots: ReadonlyMap<string, string>,
  cache: BuildCache | undefined,
  articles: readonly { file: VFile }[] = [],
  specs: readonly BookSpec[] = readBooks(options, plan)
): Promise<BookResult[]> {
  if (options.document) return []
  // What a chapter's own build said already is not said again for its book.
  const said = new Set(articles.flatMap(({ file }) => file.messages.map((message) => messageKey(file.path, message))))
  const mine = options.shard ? specs.filter((_, index) => index % options.shard!.count === options.shard!.index - 1) : specs
  const results: BookResult[] = []
  const taken = new Set(plan.paths.values())
  for (const spec of mine) {
    if (taken.has(spec.output) || [...taken].some((output) => output.startsWith(`${spec.output}/`)))
      spec.file.message(`Output name \`${spec.output}\` of this book is taken by an article or its folder: set a different \`slug\``, {
        place: { line: 1, column: 1 },
        ruleId: 'book-slug',
        source: 'quire'
      }).fatal = true
    taken.add(spec.output)
    results.push(await buildBook(spec, options, plan, roots, cache, said))
  }
  return results
}

/** The book files of the inputs, read (their chapters' sources, their fields and messages). */
export function readBooks(options: ResolvedOptions, plan: SitePlan): BookSpec[] {
  if (options.document) return []
  return discoverBooks(options.inputs, options.cwd).map((declared) => readBook(declared, plan.paths, options.cwd))
}

async function buildBook(
  spec: BookSpec,
  options: ResolvedOptions,
  plan: SitePlan,
  roots: ReadonlyMap<string, string>,
  cache: BuildCache | undefined,
  said: ReadonlySet<string>
): Promise<BookResult> {
  const key = `book:${path.relative(options.cwd, spec.source).split(path.sep).join('/')}`
  const result: BookResult = {
    source: spec.file.path,
    slug: spec.slug,
    path: spec.output,
    title: spec.fields.title ?? spec.slug,
    lang: spec.fields.lang ?? options.lang,
    file: spec.file,
    chapterFiles: [],
    chapters: spec.chapters.map((chapter) => path.relative(options.cwd, chapter.source)),
    outputs: [],
    failed: false,
    cached: false
  }
  const strictly = (file: VFile) => {
    if (options.strict) for (const message of file.messages) if (message.fatal === false) message.fatal = true
  }
  if (spec.file.messages.some((message) => message.fatal === true)) {
    strictly(spec.file)
    result.failed = true
    return result
  }
  // What the book depends on besides its chapters' images: the book file, and each chapter's bytes and place.
  const input = Buffer.from(
    JSON.stringify({
      book: String(spec.file.value),
      chapters: spec.chapters.map((chapter) => [
        chapter.source,
        chapter.part ?? null,
        plan.paths.get(chapter.source),
        digest(chapter.source)
      ]),
      cover: spec.cover?.path ?? null
    })
  )
  const hit = cache?.lookup(key, spec.root, input, spec.output, plan.paths)
  if (hit) {
    for (const message of hit.messages) replay(spec.file, message)
    result.title = hit.title
    result.lang = hit.lang
    result.outputs = hit.files.map((entry) => ({ ...entry, path: path.join(options.out, entry.name) }))
    result.cached = true
    return result
  }
  const { runBookJob } = await import('./book-job.js')
  const output = await runBookJob(spec, options, plan.paths, roots)
  result.title = output.title
  result.lang = output.lang
  result.chapterFiles = output.chapterMessages.flatMap(({ path: source, messages }) => {
    const file = new VFile({ path: source, cwd: options.cwd })
    for (const message of messages) if (!said.has(messageKey(source, message))) replay(file, message)
    strictly(file)
    return file.messages.length > 0 ? [file] : []
  })
  strictly(spec.file)
  const written = (name: string) => path.join(options.out, name)
  if ([spec.file, ...result.chapterFiles].some((file) => file.messages.some((message) => message.fatal === true))) {
    result.failed = true
    cache?.forget(key)
    // A failed book leaves nothing of its own behind, not even a stale file from an earlier build.
    if (options.write && !options.check) {
      await rm(written(`${spec.output}.pdf`), { force: true })
      await rm(written(`${spec.output}.epub`), { force: true })
      await rm(written(spec.output), { recursive: true, force: true })
    }
    return result
  }
  if (options.check) return result
  for (const file of output.files) {
    if (options.write) {
      await mkdir(path.dirname(written(file.name)), { recursive: true })
      await writeAtomic(written(file.name), file.data)
    }
    result.outputs.push({
      ...describeFile(file.format, file.name, file.data),
      path: written(file.name),
      ...(options.write ? {} : { data: file.data })
    })
  }
  // The site's folder is the book's own: a page of a chapter no longer in the book is removed.
  if (options.write) {
    const pages = new Set(result.outputs.map((file) => file.path))
    const folder = written(spec.output)
    for (const name of await readdir(folder).catch(() => [] as string[]))
      if (name.endsWith('.html') && !pages.has(path.join(folder, name))) await rm(path.join(folder, name), { force: true })
  }
  cache?.store(key, spec.root, input, output.assets, {
    slug: spec.slug,
    title: output.title,
    lang: output.lang,
    messages: output.messages,
    ...(output.epoch !== undefined ? { epoch: output.epoch } : {}),
    output: spec.output,
    links: output.links,
    files: result.outputs.map(({ path: _path, data: _data, ...rest }) => rest)
  })
  return result
}

function messageKey(
  file: string,
  message: { reason: string; line?: number | null; column?: number | null; ruleId?: string | null }
): string {
  return `${file}\0${message.line ?? ''}:${message.column ?? ''}\0${message.ruleId ?? ''}\0${message.reason}`
}

function digest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex')
  } catch {
    return ''
  }
}

function replay(file: VFile, message: JobMessage): void {
  const place = message.line ? { line: message.line, column: message.column ?? 1 } : undefined
  const cause = message.stack ? Object.assign(new Error(message.reason), { stack: message.stack }) : undefined
  file.message(message.reason, { place, ruleId: message.ruleId, source: 'quire', cause }).fatal = message.fatal
}

export function manifestBook(book: BookResult): ManifestBook {
  return {
    slug: book.slug,
    path: book.path,
    title: book.title,
    source: book.source.split(path.sep).join('/'),
    lang: book.lang,
    chapters: book.chapters.map((chapter) => chapter.split(path.sep).join('/')),
    files: book.outputs.map(({ path: _path, data: _data, ...file }) => file)
  }
}
