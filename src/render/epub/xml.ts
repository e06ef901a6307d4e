import type { Root as HastRoot } from 'hast'
import { toXast } from 'hast-util-to-xast'
import { htmlVoidElements } from 'html-void-elements'
import { find, html } from 'property-information'
import type { Element, ElementContent, Root } from 'xast'
import { toXml } from 'xast-util-to-xml'

export const NS = {
  epub: 'http://www.idpf.org/2007/ops',
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  ncx: 'http://www.daisy.org/z3986/2005/ncx/',
  container: 'urn:oasis:names:tc:opendocument:xmlns:container',
  svg: 'http://www.w3.org/2000/svg',
  mathml: 'http://www.w3.org/1998/Math/MathML'
} as const

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
const VOID = new Set(htmlVoidElements)
// XHTML elements whose whitespace between child elements never shows: only these are indented.
const XHTML_BLOCKS = new Set(['html', 'head', 'body', 'main', 'article', 'header', 'nav', 'ol', 'ul'])
// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates): one would make the file unreadable.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A package document, NCX, container or SVG: plain XML, indented, empty elements self-closed.
 * `inline` names elements whose content must not gain whitespace (SVG `text`).
 */
export function xmlDocument(root: Element, inline: ReadonlySet<string> = new Set()): string {
  return (
    DECLARATION +
    endsNoCdata(
      toXml(
        indent(clean(root), 0, (node) => !inline.has(node.name)),
        { closeEmptyElements: true }
      )
    ) +
    '\n'
  )
}

/**
 * An XHTML content document from a hast tree (doctype + `html`): serialised as XML so it is well-formed,
 * boolean attributes spelled out (`checked="checked"`), void elements self-closed and other empty ones not
 * (`<br />`, `<p></p>`), which keeps the file right for XML and HTML parsers alike.
 */
export function xhtmlDocument(tree: HastRoot): string {
  const xast = toXast(tree) as Root
  const children = xast.children.map((node) =>
    node.type === 'element' ? xhtmlElement(indent(clean(node), 0, (element) => XHTML_BLOCKS.has(element.name))) : node
  )
  return (
    DECLARATION + endsNoCdata(toXml(children, { allowDangerousXml: true })).replace('<!DOCTYPE html><html', '<!DOCTYPE html>\n<html') + '\n'
  )
}

/**
 * `]]>` may not appear in XML content (it ends a CDATA section, and Quire writes none): text such as
 * `a[b[c]]>d` in a code sample keeps its meaning with the `>` escaped, in text and attributes alike.
 */
function endsNoCdata(xml: string): string {
  return xml.replaceAll(']]>', ']]&gt;')
}

function xhtmlElement(node: Element): Element {
  // XML processors read xml:lang, HTML ones lang: raw HTML gives only the latter.
  if (typeof node.attributes.lang === 'string' && node.attributes['xml:lang'] === undefined)
    node.attributes['xml:lang'] = node.attributes.lang
  for (const [name, value] of Object.entries(node.attributes)) {
    // hast-util-to-xast writes HTML booleans as `""`; XHTML readers of the EPUB 2 era expect the name repeated.
    const info = find(html, name)
    if (value === '' && (info.boolean || info.overloadedBoolean)) node.attributes[name] = name
  }
  node.children = node.children.map((child): ElementContent => {
    if (child.type !== 'element') return child
    // MathML in XHTML is in its own namespace (HTML's parser puts `math` there by itself).
    if (child.name === 'math' && child.attributes.xmlns === undefined) child.attributes = { xmlns: NS.mathml, ...child.attributes }
    if (child.children.length === 0 && VOID.has(child.name) && !child.attributes.xmlns) {
      return { type: 'raw', value: toXml(xhtmlElement(child), { closeEmptyElements: true }) }
    }
    return xhtmlElement(child)
  })
  return node
}

/** Put each child on its own line where an element holds only elements (and `may` allows it), for readable files. */
function indent(node: Element, depth: number, may: (node: Element) => boolean): Element {
  const elements = node.children.filter((child): child is Element => child.type === 'element')
  for (const child of elements) indent(child, depth + 1, may)
  if (elements.length === 0 || elements.length !== node.children.length || !may(node)) return node
  const pad = (level: number): ElementContent => ({ type: 'text', value: `\n${'  '.repeat(level)}` })
  node.children = [...elements.flatMap((child) => [pad(depth + 1), child]), pad(depth)]
  return node
}

/** Drop characters XML cannot carry from text and attribute values. */
function clean(node: Element): Element {
  for (const [name, value] of Object.entries(node.attributes)) {
    if (typeof value === 'string') node.attributes[name] = value.replace(NOT_XML, '')
  }
  for (const child of node.children) {
    if (child.type === 'element') clean(child)
    else if (child.type === 'text') child.value = child.value.replace(NOT_XML, '')
  }
  return node
}
