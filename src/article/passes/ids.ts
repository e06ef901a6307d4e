import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { RESERVED_IDS } from './headings.js'

/**
 * One id policy for every id of the page, whoever made it: explicit anchors (`<a id>`, `<a name>`),
 * heading slugs, footnotes, ids in raw HTML. After it, each id is valid (no whitespace, not empty) and
 * unique: the first holder of an id keeps it, later ones get `-1`, `-2`… (as rehype-slug numbers
 * repeated headings), and the ids Quire gives what it adds around the body (title, contents) are
 * never taken. Footnotes claim their ids first, so their references always reach them. A `#id` link
 * follows its target when that was renamed: to the first element that held the id as written; one
 * that matches no id but one in another case goes there (as GitHub's pages do).
 * HTML, EPUB and PDF destinations all take the ids from here.
 */
export function normaliseIds(tree: Root, file: VFile): void {
  const holders: Element[] = []
  const notes: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) {
      visit(node, 'element', (inner) => {
        if (inner.properties.id !== undefined) notes.push(inner)
      })
      return 'skip'
    }
    if (node.properties.id !== undefined) (node.properties.dataFootnoteRef !== undefined ? notes : holders).push(node)
  })

  const taken = new Set<string>()
  const renamed = new Map<string, string | undefined>()
  const claim = (node: Element, reserved: Set<string>) => {
    const written = String(node.properties.id)
    const base = written.trim().replace(/[\t\n\f\r ]+/g, '-')
    const duplicate = taken.has(base)
    let id = base
    if (id !== '') for (let n = 1; taken.has(id) || reserved.has(id); n += 1) id = `${base}-${n}`
    if (id === '') delete node.properties.id
    else {
      node.properties.id = id
      taken.add(id)
    }
    if (id !== written && !renamed.has(written)) renamed.set(written, id || undefined)
    if (duplicate)
      file.info(`Duplicate id \`${written}\`: this one is \`${id}\``, { place: node.position, ruleId: 'id-duplicate', source: 'quire' })
    // The id as written stays reachable through the first element that held it.
    if (!renamed.has(written)) renamed.set(written, written)
  }
  // The footnotes section's own label is generated with the reserved id, which it may keep.
  const forNotes = new Set([...RESERVED_IDS].filter((id) => id !== 'footnote-label'))
  for (const node of notes) claim(node, forNotes)
  for (const node of holders) claim(node, RESERVED_IDS)

  // GitHub finds `#Theming` for the heading "Theming" (slug `theming`): a fragment that matches no id
  // as written but one id alone in any case goes to that id.
  const folded = new Map<string, string | null>()
  for (const id of taken) folded.set(id.toLowerCase(), folded.has(id.toLowerCase()) ? null : id)
  visit(tree, 'element', (node) => {
    const href = node.properties.href
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return
    const target = decodeFragment(href.slice(1))
    if (!renamed.has(target)) {
      const other = taken.has(target) ? undefined : folded.get(target.toLowerCase())
      if (other) node.properties.href = `#${encodeFragment(other)}`
      return
    }
    const to = renamed.get(target)
    if (to === undefined) delete node.properties.href
    else if (to !== target) node.properties.href = `#${encodeFragment(to)}`
  })
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

/** A fragment as a URL carries it: characters outside the fragment set percent-encoded. */
function encodeFragment(id: string): string {
  return encodeURI(id).replace(/#/g, '%23')
}
