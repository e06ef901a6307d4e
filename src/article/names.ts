import path from 'node:path'

/**
 * An article's name from its path: the file name without extension, or for a `README` or `index` file
 * its folder's name (a folder-per-article layout, `guide/index.md`; `chai/README.md` is "chai", as
 * GitHub shows a folder's README). Untitled articles take it as their title, and slugs come from it.
 */
export function nameOf(absolutePath: string): string {
  const stem = path.basename(absolutePath, path.extname(absolutePath))
  const folder = path.basename(path.dirname(absolutePath))
  return /^(readme|index)$/i.test(stem) && folder !== '' ? folder : stem
}

/** The output file name an article gets without a `slug`: its name, lower case, in safe characters. */
export function slugOf(absolutePath: string): string {
  return (
    nameOf(absolutePath)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'article'
  )
}
