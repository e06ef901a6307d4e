import type { Element, ElementContent, Root } from 'hast'
import type { AlertKind, Labels } from '../../common/i18n.js'

// GitHub's alert marker: alone on the quote's first line, any case.
const MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\r?\n|$)/i

/**
 * GitHub's alerts: a top-level block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` becomes a quote of class `alert alert-<kind>` that starts with its
 * title, in the article's language, instead of showing the marker. As on GitHub, a marker with
 * nothing after it, text on its line, or a quote inside another block stays as written.
 */
export function markAlerts(tree: Root, labels: Labels): void {
  for (const node of tree.children) {
    if (node.type !== 'element' || node.tagName !== 'blockquote') continue
    const first = node.children.find((child): child is Element => child.type === 'element')
    const text = first?.tagName === 'p' ? first.children[0] : undefined
    const match = text?.type === 'text' ? MARKER.exec(text.value) : null
    if (!first || text?.type !== 'text' || !match) continue
    const rest = dropMarker(first.children, match[0].length)
    const body =
      rest.length > 0
        ? [first, ...node.children.slice(node.children.indexOf(first) + 1)]
        : node.children.slice(node.children.indexOf(first) + 1)
    if (!body.some((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''))) continue
    first.children = rest
    const kind = (match[1] as string).toLowerCase() as AlertKind
    const title: Element = {
      type: 'element',
      tagName: 'p',
      properties: { className: ['alert-title'] },
      children: [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: labels.alerts[kind] }] }]
    }
    node.properties.className = ['alert', `alert-${kind}`]
    const lineBreak = { type: 'text', value: '\n' } as const
    node.children = body[0]?.type === 'text' ? [lineBreak, title, ...body] : [lineBreak, title, lineBreak, ...body]
  }
}

/** The paragraph's content after the marker (and the line break that ends the marker's line). */
function dropMarker(children: ElementContent[], length: number): ElementContent[] {
  const [text, ...rest] = children
  const after = text?.type === 'text' ? text.value.slice(length) : ''
  if (after !== '') return [{ ...(text as ElementContent & { type: 'text' }), value: after }, ...rest]
  // `[!NOTE]` ended by a hard break (two trailing spaces or a backslash): the break goes too.
  const br = rest[0]
  if (br?.type === 'element' && br.tagName === 'br') {
    rest.shift()
    const next: ElementContent | undefined = rest[0]
    if (next?.type === 'text') rest[0] = { ...next, value: next.value.replace(/^\r?\n/, '') }
  }
  return rest.length === 1 && rest[0]?.type === 'text' && rest[0].value.trim() === '' ? [] : rest
}
