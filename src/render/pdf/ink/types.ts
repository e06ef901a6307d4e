import type { FontSet } from '../fonts/font-set.js'
import type { StructElement } from './pdfkit-types.js'

// The vocabulary of the ink layer, shared with the layers above it.

export interface Margins {
  top: number
  right: number
  bottom: number
  left: number
}

export interface InkOptions {
  size: string
  margins: Margins
  lang: string
  info: Record<string, string | Date>
  /** The XMP metadata packet, written uncompressed as the catalog's /Metadata. */
  xmp: string
  fonts: FontSet
}

/** A structure element as handlers see it: opaque, so only this module touches pdfkit's object. */
export interface Tag {
  readonly type: string
  readonly element: StructElement | undefined
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface OutlineEntry {
  title: string
  depth: number
  page: number
  y: number
  children: OutlineEntry[]
}

/** Where a link annotation goes: a URI, a named destination, or another PDF file (at a destination). */
export interface InkLinkTarget {
  uri?: string
  dest?: string
  file?: string
}
