import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'

// HTML's content models (the Living Standard, §3.2.5 and each element's "content model") for the
// elements the sanitiser lets through. Raw HTML as people write it in Markdown leaves a tag open
// (`<code>` across list items and headings), nests a block in a line (`<span><div>`) or leaves out a
// required child (`<details>` without `<summary>`); the HTML parser keeps all of it. One pass here,
// after sanitising, makes the shared tree valid, so the page, the book and the PDF agree.

/** Elements a line of text may hold (phrasing content). `a`, `ins` and `del` take their parent's model. */
export const PHRASING: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'img',
  'input',
  'ins',
  'kbd',
  'label',
  'mark',
  'picture',
  'q',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr'
])
const TRANSPARENT = new Set(['a', 'ins', 'del'])
/** Phrasing elements whose own content must be phrasing: holding a block, they were left open by mistake. */
const INLINE = new Set([...PHRASING].filter((name) => !TRANSPARENT.has(name) && name !== 'picture' && name !== 'ruby'))
/** Blocks whose content is phrasing only. */
const PHRASING_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'summary', 'legend', 'rt', 'rp'])
/** Obsolete elements GitHub's schema keeps, and what HTML has in their place. */
const RENAMED: Record<string, string> = { tt: 'code', strike: 's', big: 'strong' }

export interface ContentModelContext {
  file: VFile
  /** The summary a `<details>` without one gets, in the article's language. */
  detailsLabel: string
}

/** Make every element's children fit its content model; the first repair of each kind is a warning. */
export function repairContentModel(tree: Root, context: ContentModelContext): void {
  const warned = new Set<string>()
  const warn = (kind: string, reason: string, node: Element) => {
    if (warned.has(kind)) return
    warned.add(kind)
    context.file.message(reason, { place: node.position, ruleId: 'html-content-model', source: 'quire' })
  }
  const repair = (parent: Root | Element, phrasing: boolean, inLink: boolean): void => {
    const queue: (RootContent | ElementContent)[] = [...parent.children]
    const children: (RootContent | ElementContent)[] = []
    while (queue.length > 0) {
      const child = queue.shift()!
      if (child.type !== 'element') {
        children.push(child)
        continue
      }
      const renamed = RENAMED[child.tagName]
      if (renamed) child.tagName = renamed
      const name = child.tagName
      const block = child.children.find((inner): inner is Element => inner.type === 'element' && !PHRASING.has(inner.tagName))
      if (INLINE.has(name) && block) {
        // `<code>` left open across list items, headings and paragraphs: its blocks stay, the formatting goes.
        warn(
          `inline-${name}`,
          `Raw HTML \`<${name}>\` holds a \`<${block.tagName}>\` (a tag left open?): the \`<${name}>\` is left out around it`,
          child
        )
        queue.unshift(...child.children)
        continue
      }
      if (name === 'a' && child.properties.href === undefined && block) {
        // `<a name="x" />` (self-closing means nothing in HTML): the anchor stays, empty, before what it swallowed.
        queue.unshift({ ...child, children: [] }, ...child.children)
        continue
      }
      if (name === 'a' && inLink) {
        // A link inside a link (raw `<a>` left open around a Markdown link): the inner one goes.
        warn('nested-a', 'Raw HTML `<a>` holds another link (a tag left open?): the inner link keeps only its text', child)
        queue.unshift(...child.children)
        continue
      }
      if (phrasing && !PHRASING.has(name)) {
        warn(`block-${name}`, `Raw HTML \`<${name}>\` inside a line of text: its content is kept, the element left out`, child)
        queue.unshift(...child.children)
        continue
      }
      const own = PHRASING_BLOCKS.has(name) || INLINE.has(name) || (TRANSPARENT.has(name) && phrasing)
      repair(child, own, inLink || name === 'a')
      if (name === 'details') ensureSummary(child, context.detailsLabel)
      if (name === 'summary' && (parent.type !== 'element' || parent.tagName !== 'details')) child.tagName = 'div'
      if (name === 'ul' || name === 'ol') gatherInto(child, ['li'], 'li')
      if (name === 'dl') gatherInto(child, ['dt', 'dd', 'div'], 'dd')
      if (['li', 'dt', 'dd'].includes(name) && !fitsParent(name, parent)) {
        // An item outside its list: its content stays where it is.
        queue.unshift(...child.children)
        continue
      }
      children.push(child)
    }
    parent.children = children as typeof parent.children
  }
  repair(tree, false, false)
}

function fitsParent(name: string, parent: Root | Element): boolean {
  if (parent.type !== 'element') return false
  if (name === 'li') return parent.tagName === 'ul' || parent.tagName === 'ol' || parent.tagName === 'menu'
  return parent.tagName === 'dl' || parent.tagName === 'div'
}

/**
 * A list holds items only: anything else (a stray paragraph, a list nested without its item, text)
 * joins the item before it, or an item of its own when it comes first.
 */
function gatherInto(list: Element, allowed: string[], item: string): void {
  const children: ElementContent[] = []
  let last: Element | undefined
  for (const child of list.children) {
    if (child.type === 'element' && allowed.includes(child.tagName)) {
      children.push(child)
      last = child
    } else if (child.type === 'text' && child.value.trim() === '') {
      children.push(child)
    } else if (child.type === 'comment') {
      children.push(child)
    } else {
      if (!last || last.tagName !== item) {
        last = { type: 'element', tagName: item, properties: {}, children: [] }
        children.push(last)
      }
      last.children.push(child)
    }
  }
  list.children = children
}

/**
 * `<details>` opens with its `<summary>`: one written later moves first, a missing one is added, and
 * any further one becomes a plain block.
 */
function ensureSummary(details: Element, label: string): void {
  const summaries = details.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'summary')
  for (const extra of summaries.slice(1)) extra.tagName = 'div'
  // Only white space may come before it.
  const first = details.children.find((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''))
  if (summaries[0] && first === summaries[0]) return
  if (summaries[0]) details.children.splice(details.children.indexOf(summaries[0]), 1)
  details.children.unshift(
    summaries[0] ?? { type: 'element', tagName: 'summary', properties: {}, children: [{ type: 'text', value: label }] }
  )
}
