import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { ArticleSummary } from './job.js'
import type { ManifestFile } from './manifest.js'
import type { ResolvedOptions } from './options.js'
import { VERSION } from './package-root.js'
import { writeAtomic } from './write.js'

/** What a successful article build left, keyed by its source path. */
export interface CacheEntry extends ArticleSummary {
  input: string
  root: string
  /** sha256 of each file the article read (images), by absolute path. */
  assets: Record<string, string>
  files: ManifestFile[]
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

/**
 * A content-hash cache: an article is skipped when its bytes, the files it read, the options, the
 * templates and Quire's version are all unchanged and its outputs are still in `out` with the bytes
 * that were written. It can only skip work, never serve a file it did not verify.
 */
export class BuildCache {
  private entries: Record<string, CacheEntry> = {}
  private readonly file: string
  private readonly key: string

  constructor(private readonly options: ResolvedOptions, folder: string) {
    this.file = path.join(folder, 'cache.json')
    const settings = { version: VERSION, formats: options.formats, lang: options.lang, author: options.author, pageSize: options.pageSize, baseUrl: options.baseUrl, epoch: options.sourceDateEpoch, out: options.out, limits: options.limits, templates: hashFolder(options.templates) }
    this.key = sha256(JSON.stringify(settings))
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { key: string; entries: Record<string, CacheEntry> }
      if (stored.key === this.key) this.entries = stored.entries
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  /** The stored entry for this source if everything it depends on is unchanged. */
  lookup(source: string, root: string, input: Buffer): CacheEntry | undefined {
    const entry = this.entries[source]
    if (!entry || entry.input !== sha256(input) || entry.root !== root) return undefined
    for (const [asset, digest] of Object.entries(entry.assets)) if (hashFile(asset) !== digest) return undefined
    for (const file of entry.files) {
      const written = path.join(this.options.out, file.name)
      if (!existsSync(written) || hashFile(written) !== file.sha256) return undefined
    }
    return entry
  }

  store(source: string, root: string, input: Buffer, assets: string[], entry: Omit<CacheEntry, 'input' | 'root' | 'assets'>): void {
    this.entries[source] = { ...entry, input: sha256(input), root, assets: Object.fromEntries(assets.map((asset) => [asset, hashFile(asset) ?? ''])) }
  }

  forget(source: string): void {
    delete this.entries[source]
  }

  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true })
    await writeAtomic(this.file, Buffer.from(JSON.stringify({ key: this.key, entries: this.entries }) + '\n'))
  }
}
