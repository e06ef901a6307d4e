import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { ArticleSummary } from './job.js'
import type { ManifestFile } from './manifest.js'
import type { ResolvedOptions } from '../common/options.js'
import { VERSION } from '../common/package-root.js'
import { pluginsKey, resolvePlugins } from '../common/plugins.js'
import { readTheme } from '../render/pdf/theme-file.js'
import { writeAtomic } from './write.js'

/** What a successful article build left, keyed by its source path. */
export interface CacheEntry extends ArticleSummary {
  input: string
  root: string
  /** sha256 of each file the article read (images), by absolute path. */
  assets: Record<string, string>
  /** Where the article was written (site.ts). */
  output: string
  /** The Markdown files it links to and the output path each had (null: not an article), by absolute path. */
  links: Record<string, string | null>
  files: ManifestFile[]
  /**
   * Size and modification time of each output, by name, when its sha256 was last checked: an output
   * whose stat is unchanged is not read and hashed again (1,000 articles: 3,000 files, 0.3 s).
   */
  checked?: Record<string, string>
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

function hashFile(file: string): string | undefined {
  try {
    return sha256(readFileSync(file))
  } catch {
    return undefined
  }
}

/** Every file of the templates folder, so an edited stylesheet or theme rebuilds everything. */
function hashFolder(folder: string): string {
  const hash = createHash('sha256')
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const digest = hashFile(path.join(folder, name))
    if (digest) hash.update(`${name}\0${digest}\0`)
  }
  return hash.digest('hex')
}

/** The PDF theme's files, which may be outside the templates folder (`extends`), and Quire's own it ends at. */
function themeFiles(options: ResolvedOptions): (string | undefined)[] {
  return options.formats.includes('pdf') ? readTheme(options.templates, options.cwd).chain.map(hashFile) : []
}

/** Size and modification time of a file, or undefined when there is none. */
function statOf(file: string): string | undefined {
  try {
    const stat = statSync(file)
    return `${stat.size}:${stat.mtimeMs}`
  } catch {
    return undefined
  }
}

/**
 * A content-hash cache: an article is skipped when its bytes, the files it read, the options, the
 * templates and Quire's version are all unchanged and its outputs are still in `out` with the bytes
 * that were written (checked by sha256, or by size and modification time when those are the same as
 * when the sha256 last matched). It can only skip work, never serve a file it did not verify.
 */
export class BuildCache {
  private entries: Record<string, CacheEntry> = {}
  private readonly file: string
  private readonly key: string
  /** sha256 of each asset read during this build: articles sharing an image hash it once. */
  private readonly assetDigests = new Map<string, string | undefined>()

  constructor(
    private readonly options: ResolvedOptions,
    folder: string
  ) {
    this.file = path.join(folder, 'cache.json')
    const settings = {
      version: VERSION,
      formats: options.formats,
      lang: options.lang,
      author: options.author,
      typography: options.typography,
      pageSize: options.pageSize,
      baseUrl: options.baseUrl,
      out: options.out,
      limits: options.limits,
      templates: hashFolder(options.templates),
      theme: themeFiles(options),
      // Each plugin by name, version (a package's, or a local file's sha256) and options, in order.
      plugins: pluginsKey(resolvePlugins(options.plugins, options.cwd))
    }
    this.key = sha256(JSON.stringify(settings))
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { key: string; entries: Record<string, CacheEntry> }
      if (stored.key === this.key) this.entries = stored.entries
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  /**
   * The stored entry for this source if everything it depends on is unchanged: its bytes, the files it
   * read, where it is written and where each article it links to is written.
   */
  lookup(source: string, root: string, input: Buffer, output: string, site: ReadonlyMap<string, string>): CacheEntry | undefined {
    const entry = this.entries[source]
    if (!entry || entry.input !== sha256(input) || entry.root !== root || entry.output !== output) return undefined
    // SOURCE_DATE_EPOCH (a commit's time in CI) matters only to an article without a date.
    if (entry.epoch !== undefined && entry.epoch !== this.options.sourceDateEpoch) return undefined
    for (const [target, written] of Object.entries(entry.links ?? {})) if ((site.get(target) ?? null) !== written) return undefined
    for (const [asset, digest] of Object.entries(entry.assets)) if (this.assetDigest(asset) !== digest) return undefined
    const checked: Record<string, string> = {}
    for (const file of entry.files) {
      const written = path.join(this.options.out, file.name)
      const stat = statOf(written)
      if (stat === undefined) return undefined
      if (stat !== entry.checked?.[file.name] && hashFile(written) !== file.sha256) return undefined
      checked[file.name] = stat
    }
    entry.checked = checked
    return entry
  }

  private assetDigest(file: string): string | undefined {
    if (!this.assetDigests.has(file)) this.assetDigests.set(file, hashFile(file))
    return this.assetDigests.get(file)
  }

  store(source: string, root: string, input: Buffer, assets: string[], entry: Omit<CacheEntry, 'input' | 'root' | 'assets'>): void {
    this.entries[source] = {
      ...entry,
      input: sha256(input),
      root,
      assets: Object.fromEntries(assets.map((asset) => [asset, this.assetDigest(asset) ?? '']))
    }
  }

  forget(source: string): void {
    delete this.entries[source]
  }

  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true })
    // By source: articles finish in any order, the file is the same for the same build.
    const entries = Object.fromEntries(Object.entries(this.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    await writeAtomic(this.file, Buffer.from(JSON.stringify({ key: this.key, entries }) + '\n'))
  }
}
