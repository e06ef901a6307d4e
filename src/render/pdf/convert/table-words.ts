import type { Run } from '../inline/collect.js'
import type { Measurer } from '../inline/linebreak.js'

// Where a word ends: white space, and the break points Quire gives code, URLs and long identifiers
// (zero-width spaces). A hyphen, a slash or a soft hyphen does not end one: `pngparse-sync`,
// `and/or` and `Number` are words a table sets smaller before it breaks them.
const BETWEEN = /[\s\u200B]+/u
// Chinese and Japanese break between any two characters; a column of them holds four at least, so
// that the short words of a label (名前, 東京都) are not set one character a line.
const SQUARE = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff01-\uff60]+)/u
const SQUARE_WORD = 4

/** The width of the widest word of a cell's runs: what its column needs for no word to break. */
export function widestWord(m: Measurer, runs: Run[]): number {
  let widest = 0
  let word = 0
  const end = () => {
    widest = Math.max(widest, word)
    word = 0
  }
  for (const run of runs) {
    if (run.anchor) continue
    if (run.box) {
      word += run.box.width
      continue
    }
    const { style } = run
    const parts = run.text.replace(/\u00AD/g, '').split(BETWEEN)
    parts.forEach((part, index) => {
      if (index > 0) end()
      for (const piece of part.split(SQUARE)) {
        if (piece === '') continue
        const square = SQUARE.test(piece)
        if (square) end()
        const set = square ? [...piece].slice(0, SQUARE_WORD).join('') : piece
        for (const { key, text } of m.fonts.split(set, style.family, style.bold, style.italic, m.missing, m.lang))
          word += m.ink.measure(key, style.size, text)
        if (square) end()
      }
    })
    // A tinted run (inline code) has room inside its tint at both ends.
    if (style.inset) word += 2 * style.inset
  }
  end()
  return widest
}
