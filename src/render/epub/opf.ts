import type { Element } from 'xast'
import { x } from 'xastscript'
import type { Article } from '../../article/article.js'
import type { AccessibilityMetadata } from './accessibility.js'
import { NS, xmlDocument } from './xml.js'

export const PACKAGE_PATH = 'EPUB/package.opf'

export interface ManifestItem {
  id: string
  /** Relative to the package document. */
  href: string
  mediaType: string
  properties?: string
}

export interface PackageInput {
  article: Article
  identifier: string
  manifest: ManifestItem[]
  /** Manifest ids in reading order; `linear: false` for what readers may skip. */
  spine: { idref: string; linear?: boolean }[]
  coverImageId: string
  accessibility: AccessibilityMetadata
}

/** The package document (EPUB 3.3, which keeps `version="3.0"`): metadata, manifest, spine. */
export function packageDocument(input: PackageInput): string {
  const { article, accessibility } = input
  const { meta } = article
  const metadata: Element[] = [
    x('dc:identifier', { id: 'pub-id' }, input.identifier),
    x('dc:title', { id: 'title' }, meta.title),
    ...(meta.subtitle
      ? [x('dc:title', { id: 'subtitle' }, meta.subtitle), x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle')]
      : []),
    ...meta.authors.flatMap((author, index) => [
      x('dc:creator', { id: `creator-${index + 1}` }, author),
      x('meta', { refines: `#creator-${index + 1}`, property: 'role', scheme: 'marc:relators' }, 'aut'),
      ...(meta.authors.length > 1 ? [x('meta', { refines: `#creator-${index + 1}`, property: 'display-seq' }, String(index + 1))] : [])
    ]),
    x('dc:language', meta.lang),
    // The calendar date as written: a time of day would need a zone the author may not have given.
    ...(meta.date ? [x('dc:date', meta.date.slice(0, 10))] : []),
    ...(meta.publisher ? [x('dc:publisher', meta.publisher)] : []),
    ...(meta.rights ? [x('dc:rights', meta.rights)] : []),
    ...(meta.description ? [x('dc:description', meta.description)] : []),
    ...meta.subjects.map((subject) => x('dc:subject', subject)),
    x('meta', { property: 'dcterms:modified' }, modified(article.timestamp)),
    ...accessibility.accessModes.map((mode) => x('meta', { property: 'schema:accessMode' }, mode)),
    ...accessibility.accessModesSufficient.map((set) => x('meta', { property: 'schema:accessModeSufficient' }, set)),
    ...accessibility.features.map((feature) => x('meta', { property: 'schema:accessibilityFeature' }, feature)),
    ...accessibility.hazards.map((hazard) => x('meta', { property: 'schema:accessibilityHazard' }, hazard)),
    // Generated in English whatever the article's language, and marked so.
    x('meta', { property: 'schema:accessibilitySummary', 'xml:lang': 'en' }, accessibility.summary),
    ...(accessibility.conformsTo ? [x('meta', { property: 'dcterms:conformsTo' }, accessibility.conformsTo)] : []),
    // EPUB 2 reading systems find the cover through this.
    x('meta', { name: 'cover', content: input.coverImageId })
  ]
  return xmlDocument(
    x('package', { xmlns: NS.opf, version: '3.0', 'unique-identifier': 'pub-id', 'xml:lang': meta.lang, dir: meta.dir }, [
      x('metadata', { 'xmlns:dc': NS.dc }, metadata),
      x(
        'manifest',
        input.manifest.map((item) => x('item', { id: item.id, href: item.href, 'media-type': item.mediaType, properties: item.properties }))
      ),
      x(
        'spine',
        { toc: 'ncx', 'page-progression-direction': meta.dir === 'rtl' ? 'rtl' : undefined },
        input.spine.map(({ idref, linear }) => x('itemref', { idref, linear: linear === false ? 'no' : undefined }))
      )
    ])
  )
}

/** `dcterms:modified` wants exactly `CCYY-MM-DDThh:mm:ssZ`, in UTC. */
export function modified(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function containerDocument(): string {
  return xmlDocument(
    x('container', { version: '1.0', xmlns: NS.container }, [
      x('rootfiles', [x('rootfile', { 'full-path': PACKAGE_PATH, 'media-type': 'application/oebps-package+xml' })])
    ])
  )
}
