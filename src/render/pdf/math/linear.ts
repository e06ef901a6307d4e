import type { Element, ElementContent } from 'hast'

/**
 * A formula's MathML as one line of Unicode text, for what the PDF gives to copy, search and text
 * extraction under the drawn outlines: `E=mc^2`, `(a+b)/2`, `√(x^2+y^2)`, `∑_(k=1)^n k`. Its
 * letters and digits are the MathML's, in the same order.
 */
export function linearMath(node: Element): string {
  return all(node.children).trim()
}

function all(nodes: ElementContent[]): string {
  let text = ''
  nodes.forEach((node, index) => {
    const next = nodes.slice(index + 1).find((after) => after.type === 'element' || (after.type === 'text' && after.value.trim() !== ''))
    const written = one(node)
    text += written
    // A function name or a big operator's limits end before what they apply to: `det A`, `∑_(k=1)^n k`, not `detA`, `^nk`.
    if (next && node.type === 'element' && written !== '' && spacedAfter(node) && !/^[\s()[\]{}|,.;:!=+\u2212]/.test(one(next))) text += ' '
  })
  return text
}

/** A function name (`sin`, `det`, `lim`) or an operator with limits or scripts (`∑_(k=1)^n`, `∫_0^1`). */
function spacedAfter(node: Element): boolean {
  const base = node.tagName === 'mi' || node.tagName === 'mo' ? node : SCRIPTED.has(node.tagName) ? firstElement(node) : undefined
  if (!base) return false
  const text = toText(base)
  if (base.tagName === 'mo') return BIG_OPERATORS.test(text) || /^\p{L}{2,}$/u.test(text)
  return base.tagName === 'mi' && /^\p{L}{2,}$/u.test(text)
}

const SCRIPTED = new Set(['msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover'])
const BIG_OPERATORS = /^[\u220F-\u2211\u222B-\u2233\u22C0-\u22C3\u2A00-\u2A0C]$/u

function firstElement(node: Element): Element | undefined {
  return node.children.find((child): child is Element => child.type === 'element')
}

function toText(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? toText(child) : '')).join('')
}

function one(node: ElementContent): string {
  if (node.type === 'text') return plainLetters(node.value)
  if (node.type !== 'element') return ''
  const parts = node.children.filter((child): child is Element => child.type === 'element')
  const [a, b, c] = parts.map(one)
  switch (node.tagName) {
    case 'mover': {
      // An accent on one letter is its combining mark (x̂, ñ, z̄); others (an arrow, a line over AB) follow it.
      if (parts[1]?.tagName !== 'mo') return `${a ?? ''}^${group(b)}`
      const mark = COMBINING[(b ?? '').trim()]
      return mark && [...(a ?? '')].length === 1 ? `${a}${mark}` : `${a ?? ''}${b ?? ''}`
    }
    case 'msup':
      return `${a ?? ''}^${group(b)}`
    case 'msub':
    case 'munder':
      return `${a ?? ''}_${group(b)}`
    case 'msubsup':
    case 'munderover':
      return `${a ?? ''}_${group(b)}^${group(c)}`
    case 'mfrac':
      return `${group(a)}/${group(b)}`
    case 'msqrt':
      return `√${group(all(node.children))}`
    case 'mroot':
      return `${group(b)}√${group(a)}`
    case 'mspace':
      return ' '
    case 'mtable': {
      // Rows apart with `;`, cells with `,`; but for columns set without a gap (aligned equations: `a &= b`), which read as one.
      const gaps = String(node.properties.columnspacing ?? '').split(/\s+/)
      const joined = (cells: Element[]) =>
        cells
          .map(one)
          .map((cell, index) =>
            index === 0 ? cell : `${Number.parseFloat(gaps[Math.min(index - 1, gaps.length - 1)] ?? '') === 0 ? '' : ', '}${cell}`
          )
          .join('')
      return parts.map((row) => joined(row.children.filter((cell): cell is Element => cell.type === 'element'))).join('; ')
    }
    case 'mtr':
    case 'mlabeledtr':
      return parts.map(one).join(', ')
    default:
      return all(node.children)
  }
}

/** MathJax's accents (`\hat`, `\tilde`, `\bar`, `\dot`…) as combining marks, which the text font has. */
const COMBINING: Record<string, string> = {
  '^': '\u0302',
  '\u02C6': '\u0302',
  '~': '\u0303',
  '\u02DC': '\u0303',
  '\u00AF': '\u0304',
  '\u02D9': '\u0307',
  '\u00A8': '\u0308',
  '\u02C7': '\u030C',
  '\u02D8': '\u0306',
  '\u00B4': '\u0301',
  '`': '\u0300'
}

/**
 * Letters of Unicode's Mathematical Alphanumeric Symbols (`𝐄`, which the article writes for
 * `\mathbf{E}`) as the letters they are (`E`): the text font under the outlines has no glyph for them,
 * and a reader searching the page types the plain letter.
 */
function plainLetters(text: string): string {
  // Function application and the invisible times, separator and plus have no glyph to show: a function name is spaced instead (`all`).
  return text.replace(/[\u{1D400}-\u{1D7FF}]/gu, (char) => char.normalize('NFKC')).replace(/[\u2061-\u2064]/g, '')
}

/** One character as it is, anything longer in parentheses. */
function group(text: string | undefined): string {
  const value = (text ?? '').trim()
  return [...value].length <= 1 ? value : `(${value})`
}
