import path from 'node:path'

/** A relative URL from the page at output path `from` to the output path `to` (both without extension). */
export function relativeHref(from: string, to: string, extension: string, fragment?: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to)
  const href = `${relative.split('/').map(encodeURIComponent).join('/')}.${extension}`
  return fragment ? `${href}#${encodeURI(fragment).replace(/#/g, '%23')}` : href
}
