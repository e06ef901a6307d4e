import os from 'node:os'
import path from 'node:path'
import { DEFAULT_LIMITS, type Limits } from './limits.js'
import { PACKAGE_ROOT } from './package-root.js'
import type { Shard } from '../build/shard.js'
import type { Plugins, ResolvedPlugin } from './plugins.js'

/** What a user may set, in the API, the CLI or a config file. Every default lives in `resolveOptions`. */
export interface BuildOptions {
  /** Markdown files or folders to build. Default: `['content']`. */
  inputs?: string[]
  /** Output folder. Default: `out`. */
  out?: string
  /** Formats to write. Default: all three. */
  formats?: Format[]
  /** Templates folder (the HTML and EPUB style sheets, the PDF theme). Default: Quire's own `templates/`. */
  templates?: string
  /** Default language when front matter gives none. Default: `en`. */
  lang?: string
  /** Default author when front matter gives none. Default: none (a warning). */
  author?: string
  /** Typographic quotes, dashes, ellipses and no-break spaces (front matter's `typography` wins). Default: true. */
  typography?: boolean
  /** PDF page size when front matter gives none: `A4`, `Letter`, `Legal`, `A5`. Default: `A4`. */
  pageSize?: string
  /** Seconds since the epoch for formats that need a timestamp and articles without a date. Default: `SOURCE_DATE_EPOCH`, else 0. */
  sourceDateEpoch?: number
  /** Public URL the outputs are published under, for canonical links and Open Graph tags. Default: none. */
  baseUrl?: string
  /** Warnings fail the article as errors do. Default: false. */
  strict?: boolean
  /** Build only this shard of the inputs (`{ index: 2, count: 4 }`), for CI matrices. Default: all. */
  shard?: Shard
  /** Parse and check only; write nothing. Default: false. */
  check?: boolean
  /** Articles built at once, each in a worker thread. Default: the number of cores, or 1 on two cores or fewer (`defaultJobs`). */
  jobs?: number
  /** Skip articles whose inputs, options and templates are unchanged since the last build. Default: true. */
  cache?: boolean
  /** Where the cache lives. Default: `.quire-cache` in the working directory. */
  cacheDir?: string
  /** Bounds on article size, image pixels, nesting and table size. Default: `DEFAULT_LIMITS`. */
  limits?: Partial<Limits>
  /** Working directory that message paths are relative to. Default: `process.cwd()`. */
  cwd?: string
  /**
   * One article given as bytes (standard input) instead of `inputs`: `path` names it for messages, its
   * slug and the folder of its images; no file need be there. Default: none.
   */
  document?: { path: string; data: Uint8Array }
  /** Write the files, manifest, index and cache; false keeps the rendered bytes in the result only. Default: true. */
  write?: boolean
  /**
   * remark and rehype plugins by stage (`remark`, `rehype`, `rehypeAfterSanitize`), each a function or a
   * module specifier resolved from `cwd`, alone or with its options: `[plugin, options]`. With a function,
   * articles are built in this thread (a function cannot be sent to a worker). Default: none.
   */
  plugins?: Plugins | readonly ResolvedPlugin[]
}

export type Format = 'html' | 'pdf' | 'epub'
export const FORMATS: readonly Format[] = ['html', 'pdf', 'epub']

export interface ResolvedOptions {
  inputs: string[]
  out: string
  formats: Format[]
  templates: string
  lang: string
  author?: string
  typography: boolean
  pageSize: string
  sourceDateEpoch: number
  baseUrl?: string
  strict: boolean
  shard?: Shard
  check: boolean
  jobs: number
  cache: boolean
  cacheDir: string
  limits: Limits
  cwd: string
  document?: { path: string; data: Uint8Array }
  write: boolean
  plugins: Plugins | readonly ResolvedPlugin[]
}

/** Quire's own templates folder, next to `src/` and `dist/`. */
export const DEFAULT_TEMPLATES = path.join(PACKAGE_ROOT, 'templates')

/**
 * Articles built at once when not given: one per core, but one (in the main thread) on a machine of
 * two cores or fewer. There, one thread already keeps ~1.4 cores busy (V8 marks and compiles on
 * background threads), and two workers, each warming up and collecting its capped heap, built slower
 * than one thread on every corpus measured (docs/performance.md, "The bench on real Markdown").
 */
export function defaultJobs(cores = os.availableParallelism()): number {
  return cores <= 2 ? 1 : cores
}

export function resolveOptions(options: BuildOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const cwd = options.cwd ?? process.cwd()
  const epochFromEnv = env.SOURCE_DATE_EPOCH === undefined ? undefined : Number(env.SOURCE_DATE_EPOCH)
  const sourceDateEpoch = options.sourceDateEpoch ?? (Number.isFinite(epochFromEnv) ? (epochFromEnv as number) : 0)
  return {
    inputs: options.inputs && options.inputs.length > 0 ? options.inputs : ['content'],
    out: path.resolve(cwd, options.out ?? 'out'),
    formats: options.formats && options.formats.length > 0 ? [...new Set(options.formats)] : [...FORMATS],
    templates: options.templates ? path.resolve(cwd, options.templates) : DEFAULT_TEMPLATES,
    lang: options.lang ?? 'en',
    author: options.author,
    typography: options.typography ?? true,
    pageSize: options.pageSize ?? 'A4',
    sourceDateEpoch: Math.trunc(sourceDateEpoch),
    baseUrl: options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : undefined,
    strict: options.strict ?? false,
    shard: options.shard,
    check: options.check ?? false,
    jobs: Math.max(1, Math.trunc(options.jobs ?? defaultJobs())),
    cache: options.cache ?? true,
    cacheDir: path.resolve(cwd, options.cacheDir ?? '.quire-cache'),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    cwd,
    document: options.document ? { path: path.resolve(cwd, options.document.path), data: options.document.data } : undefined,
    write: options.write ?? true,
    plugins: options.plugins ?? []
  }
}
