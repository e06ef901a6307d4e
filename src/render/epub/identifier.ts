import { createHash } from 'node:crypto'
import type { Article } from '../../article/article.js'

// RFC 9562 name-based namespaces: the name below is a URN, so it lives in the URL (URI) namespace.
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/**
 * The book's `dc:identifier`: the front matter `id` itself when it is already a URI or URN
 * (`urn:isbn:…`, `https://…`), else `urn:uuid:` + a UUID v5 of `urn:quire:article:<id or slug>`,
 * so the same article always gets the same identifier and readers keep their place across versions.
 */
export function bookIdentifier(article: Article): string {
  const id = article.meta.id
  if (id !== undefined && /^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return id
  return `urn:uuid:${uuidV5(`urn:quire:article:${id ?? article.slug}`, NAMESPACE_URL)}`
}

/** UUID version 5 (SHA-1, name-based), RFC 9562 section 5.5. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
