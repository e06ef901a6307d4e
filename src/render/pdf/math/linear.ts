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
  return nodes.map(one).join('')
}

function one(node: ElementContent): string {
  if (node.type === 'text') return plainLetters(node.value)
  if (node.type !== 'element') return ''
  const parts = node.children.filter((child): child is Element => child.type === 'element')
  const [a, b, c] = parts.map(one)
  switch (node.tagName) {
    case 'mover':
      // An accent (a hat, an arrow) follows its letter.
      return parts[1]?.tagName === 'mo' ? `${a ?? ''}${b ?? ''}` : `${a ?? ''}^${group(b)}`
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
    case 'mtable':
      return parts.map(one).join('; ')
    case 'mtr':
    case 'mlabeledtr':
      return parts.map(one).join(', ')
    default:
      return all(node.children)
  }
}

/**
 * Letters of Unicode's Mathematical Alphanumeric Symbols (`𝐄`, which the article writes for
 * `\mathbf{E}`) as the letters they are (`E`): the text font under the outlines has no glyph for them,
 * and a reader searching the page types the plain letter.
 */
function plainLetters(text: string): string {
  return text.replace(/[\u{1D400}-\u{1D7FF}]/gu, (char) => char.normalize('NFKC'))
}

/** One character as it is, anything longer in parentheses. */
function group(text: string | undefined): string {
  const value = (text ?? '').trim()
  return [...value].length <= 1 ? value : `(${value})`
}
