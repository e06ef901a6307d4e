import type { ImageFact } from './xhtml.js'

/** What the book is made of, as far as accessibility metadata is concerned. */
export interface BookFacts {
  /** Images in the reading order, the article's own cover included (a generated cover is not: it only repeats text). */
  images: ImageFact[]
  notes: boolean
  /** Formulas as MathML, each with its TeX as `alttext`. */
  math?: boolean
}

export interface AccessibilityMetadata {
  accessModes: string[]
  /** Each entry is one sufficient set, e.g. `textual,visual`. */
  accessModesSufficient: string[]
  features: string[]
  hazards: string[]
  summary: string
  /** `dcterms:conformsTo` when the book can claim EPUB Accessibility 1.1 at WCAG 2.1 AA. */
  conformsTo?: string
}

export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

/**
 * schema.org accessibility metadata derived from the book itself, never declared by hand:
 * - `visual` access mode when there is any image; `textual` always (the article is text);
 * - `textual` alone is sufficient only when every image has a non-empty alt text (then `alternativeText`);
 * - conformance is claimed only then too: Quire's markup (lang, headings, nav, notes linked both ways,
 *   no remote content) covers the rest of what it can know about WCAG 2.1 AA;
 * - hazards `none`, except `unknown` when a GIF or WebP image could be animated (flashing cannot be ruled out).
 */
export function accessibilityMetadata(facts: BookFacts): AccessibilityMetadata {
  const images = facts.images.length
  const described = facts.images.filter((image) => image.alt !== '').length
  const altComplete = described === images
  const visual = images > 0

  const accessModes = visual ? ['textual', 'visual'] : ['textual']
  const accessModesSufficient = visual ? (altComplete ? ['textual,visual', 'textual'] : ['textual,visual']) : ['textual']
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability']
  if (visual && altComplete) features.push('alternativeText')
  if (facts.math) features.push('MathML')
  const mayAnimate = facts.images.some((image) => image.mediaType === 'image/gif' || image.mediaType === 'image/webp')
  const hazards = mayAnimate ? ['unknown'] : ['none']

  const sentences = [
    'A single reflowable article with a table of contents, headings for structural navigation and a reading order that follows the text.'
  ]
  if (!visual) sentences.push('It contains no images.')
  else if (altComplete)
    sentences.push(images === 1 ? 'Its one image has a text alternative.' : `All ${images} images have text alternatives.`)
  else
    sentences.push(
      `${images - described} of ${images} images ${images - described === 1 ? 'has' : 'have'} no text alternative, so some visual content is not available as text.`
    )
  if (facts.notes) sentences.push('Notes are linked from the text and back.')
  if (mayAnimate) sentences.push('Some images may be animated; flashing has not been checked.')
  else sentences.push('It has no known hazards.')
  if (altComplete) sentences.push(`It is declared to meet ${CONFORMANCE}.`)

  return {
    accessModes,
    accessModesSufficient,
    features,
    hazards,
    summary: sentences.join(' '),
    conformsTo: altComplete ? CONFORMANCE : undefined
  }
}
