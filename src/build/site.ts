import { closeSync, openSync, readSync } from 'node:fs'
import path from 'node:path'
import type { Source } from './discover.js'
import { frontMatterSlug } from '../article/frontmatter.js'
import { slugOf } from '../article/names.js'

/**
 * Where each article of a build is written, decided before any is parsed so that links between
 * articles know where they go. `out/` mirrors the input folders: `docs/guide.md` of the input
 * `content` becomes `docs/guide.*`; the file name is the article's slug (front matter `slug:`, else
 * its name). A folder's `README.md` or `index.md` is named after the folder and written beside it
 * (`docs/api/README.md` becomes `docs/api.*`), as a folder-per-article layout expects. Two articles that would get the same name (`a.md` and `a.markdown`, a `slug:` taken, a
 * folder's `README.md` beside `index.md`, the build's own `index` at the top) are told apart by a
 * suffix, `-1`, `-2`…, in source order, with a warning: every article is published.
 */
export interface SitePlan {
  /** Output path of each article by its absolute source path: relative to `out`, `/` separators, no extension. */
  paths: Map<string, string>
  /** Articles written under another name than they asked for, with that name and who has it. */
  renamed: Map<string, { wanted: string; holder: string }>
}

const STANDS_FOR_FOLDER = /^(?:readme|index)\.(?:md|markdown)$/i

/** Names the build writes at the top of `out/` itself. */
const RESERVED = new Set(['index', 'manifest'])

export function planSite(sources: Source[], read: (file: string) => string | undefined = readText): SitePlan {
  const paths = new Map<string, string>()
  const renamed = new Map<string, { wanted: string; holder: string }>()
  const holders = new Map<string, string>()
  for (const source of sources) {
    const text = read(source.path)
    const slug = (text === undefined ? undefined : frontMatterSlug(text)) ?? slugOf(source.path)
    const own = path.relative(source.root, path.dirname(source.path)).split(path.sep).filter(Boolean)
    // A folder's README.md or index.md stands for the folder (named after it, names.ts): beside it.
    const folder = (STANDS_FOR_FOLDER.test(path.basename(source.path)) ? own.slice(0, -1) : own).join('/')
    const wanted = folder ? `${folder}/${slug}` : slug
    // Case-insensitive file systems (macOS, Windows) would make `A.md` and `a.md` one file.
    const free = (name: string) => !holders.has(name.toLowerCase()) && !(folder === '' && RESERVED.has(name.toLowerCase()))
    let name = wanted
    for (let n = 1; !free(name); n += 1) name = `${wanted}-${n}`
    if (name !== wanted) renamed.set(source.path, { wanted, holder: holders.get(wanted.toLowerCase()) ?? `the build's own ${wanted}` })
    holders.set(name.toLowerCase(), source.path)
    paths.set(source.path, name)
  }
  return { paths, renamed }
}

/** The first 64 KB of a file: front matter is at the start, a slug further in is no slug. */
function readText(file: string): string | undefined {
  let descriptor: number | undefined
  try {
    descriptor = openSync(file, 'r')
    const buffer = Buffer.alloc(64 * 1024)
    return buffer.subarray(0, readSync(descriptor, buffer, 0, buffer.length, 0)).toString('utf8')
  } catch {
    return undefined
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}
