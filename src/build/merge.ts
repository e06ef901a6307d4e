import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { writeListingFiles } from './index.js'
import type { Manifest, ManifestArticle, ManifestBook } from './manifest.js'
import { resolveOptions, type BuildOptions } from '../common/options.js'
import { writeAtomic } from './write.js'

/**
 * Join the output folders of several shards into `out`: their files copied (checked against their
 * manifests' sha256), one manifest and one index over all of them — the same bytes a whole build writes.
 */
export async function merge(
  folders: string[],
  userOptions: BuildOptions = {}
): Promise<{ problems: VFile[]; articles: number; files: number }> {
  const options = resolveOptions(userOptions)
  await mkdir(options.out, { recursive: true })
  const problems: VFile[] = []
  const entries: ManifestArticle[] = []
  const books: ManifestBook[] = []
  const seen = new Map<string, string>()
  let files = 0
  for (const folder of folders) {
    const manifestPath = path.resolve(options.cwd, folder, 'manifest.json')
    const file = new VFile({ path: path.relative(options.cwd, manifestPath), cwd: options.cwd })
    problems.push(file)
    let manifest: Manifest
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest
    } catch (error) {
      file.message(`Cannot read manifest: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        ruleId: 'merge-manifest',
        source: 'quire'
      }).fatal = true
      continue
    }
    if (manifest.schemaVersion !== 1) {
      file.message(`Unsupported manifest schemaVersion ${String(manifest.schemaVersion)}, expected 1`, {
        ruleId: 'merge-manifest',
        source: 'quire'
      }).fatal = true
      continue
    }
    // Books and articles alike: each entry's files copied after their checksum is checked.
    for (const [article, list] of [
      ...manifest.articles.map((entry) => [entry, entries] as const),
      ...(manifest.books ?? []).map((entry) => [entry, books] as const)
    ] as [ManifestArticle | ManifestBook, (ManifestArticle | ManifestBook)[]][]) {
      const other = seen.get(article.path)
      if (other !== undefined) {
        file.message(`Duplicate output \`${article.path}\` (${article.source}), already in ${other}`, {
          ruleId: 'slug-duplicate',
          source: 'quire'
        }).fatal = true
        continue
      }
      seen.set(article.path, file.path)
      for (const output of article.files) {
        const from = path.resolve(options.cwd, folder, output.name)
        const to = path.join(options.out, output.name)
        const data = await readFile(from).catch(() => undefined)
        if (!data || createHash('sha256').update(data).digest('hex') !== output.sha256) {
          file.message(`File ${output.name} is missing or differs from its manifest entry`, {
            ruleId: 'merge-file',
            source: 'quire'
          }).fatal = true
          continue
        }
        if (path.resolve(from) !== path.resolve(to)) {
          await mkdir(path.dirname(to), { recursive: true })
          await writeAtomic(to, data)
        }
        files++
      }
      list.push(article)
    }
  }
  await writeListingFiles(entries, options, books)
  return { problems: problems.filter((file) => file.messages.length > 0), articles: entries.length, files }
}
