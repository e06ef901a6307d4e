import path from 'node:path'
import type { Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

export interface LinkContext {
  file: VFile
  /** The article's own source file, absolute. */
  source: string
  /** Output path (see site.ts) of every article of the build, by absolute source path. */
  site: ReadonlyMap<string, string>
}

const MARKDOWN = /\.(?:md|markdown)$/i
const FOLDER_ARTICLES = ['README.md', 'readme.md', 'Readme.md', 'index.md']

/**
 * Links to other articles of the same build (`[API](./api.md)`, `docs/guide.md#setup`, a folder with
 * a README): marked with the target's output path (`dataArticle`) and fragment (`dataFragment`), so
 * each renderer links the target's file in its own format. A link to a Markdown file that is not an
 * article of this build is kept as written, with an info message. Returns every Markdown target looked
 * up and where it went (undefined: not an article), for the cache.
 */
export function resolveArticleLinks(tree: Root, context: LinkContext): Record<string, string | null> {
  const checked: Record<string, string | null> = {}
  const folder = path.dirname(context.source)
  visit(tree, 'element', (node) => {
    const href = node.properties.href
    if (
      node.tagName !== 'a' ||
      typeof href !== 'string' ||
      href === '' ||
      href.startsWith('#') ||
      href.startsWith('/') ||
      /^[a-z][a-z0-9+.-]*:/i.test(href)
    )
      return
    const hash = href.indexOf('#')
    const pathPart = (hash === -1 ? href : href.slice(0, hash)).split('?')[0]!
    const fragment = hash === -1 ? undefined : decode(href.slice(hash + 1))
    const absolute = path.resolve(folder, decode(pathPart))
    const candidates = MARKDOWN.test(pathPart)
      ? [absolute]
      : pathPart === '' || pathPart.endsWith('/') || !path.extname(pathPart)
        ? FOLDER_ARTICLES.map((name) => path.join(absolute, name))
        : []
    const target = candidates.find((candidate) => context.site.has(candidate))
    for (const candidate of candidates) checked[candidate] = context.site.get(candidate) ?? null
    if (target !== undefined) {
      node.properties.dataArticle = context.site.get(target)!
      // The target's ids went through the same policy (transforms/ids.ts): no whitespace.
      if (fragment) node.properties.dataFragment = fragment.trim().replace(/[\t\n\f\r ]+/g, '-')
    } else if (MARKDOWN.test(pathPart)) {
      context.file.info(`Link to \`${href}\`, which is not an article of this build: kept as written`, {
        place: node.position,
        ruleId: 'link-article',
        source: 'quire'
      })
    }
  })
  return checked
}

/**
 * Link and remote image addresses as HTML requires them: raw HTML and scraped Markdown bring
 * backslashes (`https:\\host\\path`), spaces and brackets. A valid address is left exactly as written;
 * another is written as the URL standard parses it (an absolute one) or with its stray characters
 * percent-encoded (a relative one or a fragment); one that no parser reads (`http://[bad`) loses its
 * address, with a warning, and its text stays.
 */
export function normaliseUrls(tree: Root, file: VFile): void {
  visit(tree, 'element', (node) => {
    const attribute = node.tagName === 'a' ? 'href' : node.tagName === 'img' && node.properties.dataRemote ? 'src' : undefined
    const value = attribute && node.properties[attribute]
    if (!attribute || typeof value !== 'string') return
    const url = validUrl(value)
    if (url === value) return
    if (url !== undefined) node.properties[attribute] = url
    else {
      delete node.properties[attribute]
      file.message(`Link address \`${value}\` is not a valid URL: its text is kept without the link`, {
        place: node.position,
        ruleId: 'link-url',
        source: 'quire'
      })
    }
  })
}

// What a URL may hold as written (RFC 3986's characters, `%` escapes, and any non-ASCII letter).
const URL_CHARACTERS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2}|[^\u0000-\u007F])*$/
const SCHEME = /^[a-z][a-z0-9+.-]*:/i

export function validUrl(written: string): string | undefined {
  const value = written.trim().replace(/[\t\n\r]/g, '')
  const hash = value.indexOf('#')
  const safe = URL_CHARACTERS.test(value) && (hash === -1 || !value.slice(hash + 1).includes('#'))
  if (SCHEME.test(value)) {
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      return undefined
    }
    // A host with an empty label (`https://../`) is no host HTML accepts.
    if (
      /^https?:$/.test(parsed.protocol) &&
      parsed.hostname
        .split('.')
        .slice(0, -1)
        .some((label) => label === '')
    )
      return undefined
    // As written when it is what the parser reads (`https:/host` and `https:\\host` are not), without
    // credentials (HTML forbids them: `http://user@host/` is a placeholder in docs).
    const special = /^(?:https?|ftp|wss?):/i.test(value)
    if (safe && value === written && !parsed.username && !parsed.password && (!special || /^[a-z]+:\/\//i.test(value))) return written
    parsed.username = ''
    parsed.password = ''
    return encode(parsed.href)
  }
  if (safe) return value
  // Relative: backslashes as the slashes they meant, each stray character percent-encoded.
  return encode(value.replace(/\\/g, '/'))
}

/**
 * Each character a URL may not hold as written percent-encoded, the URL standard's parser leaves some
 * (`^`, `|`, a second `#`): a lone `%`, characters outside RFC 3986's, any `#` after the first.
 */
function encode(url: string): string {
  const [before, ...after] = url.split('#')
  const part = (text: string) =>
    text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%\u0080-\uFFFF]/gu, (character) => encodeURIComponent(character))
  return after.length === 0 ? part(before!) : `${part(before!)}#${part(after.join('#'))}`
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
