// Where a long URL may break, as the Chicago Manual of Style has it: after a double slash or a
// single one, before a dot, hyphen, underscore or tilde, around ? & = #. Zero-width spaces mark the
// places; they give the line breaker opportunities and are never drawn.

const ZWSP = '\u200B'
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"]+/giu

/** `text` with break opportunities inside every URL it contains (the URL as written stays in the link). */
export function urlBreaks(text: string): string {
  if (!text.includes('://') && !text.includes('www.') && !text.includes('mailto:')) return text
  return text.replace(URL, (url) => {
    const [, scheme = '', rest = url] = /^([a-z][a-z0-9+.-]*:\/\/|mailto:)?(.*)$/isu.exec(url) ?? []
    const broken = rest
      .replace(/\/(?!\/)/g, `/${ZWSP}`)
      .replace(/([?&=#])/g, `${ZWSP}$1${ZWSP}`)
      .replace(/(?<=.)([.\-_~])/g, `${ZWSP}$1`)
    return `${scheme}${scheme ? ZWSP : ''}${broken}`.replace(new RegExp(`${ZWSP}+`, 'g'), ZWSP).replace(new RegExp(`${ZWSP}$`), '')
  })
}

// Where inline code may break, when a line needs it: after a slash, a dot, an underscore, a hyphen,
// a colon, a comma, `=` or `&` and before an opening bracket, between a lower-case letter and a capital
// (camelCase); not inside a number or square brackets, never leaving fewer than three characters on either side of a break, and only in a
// stretch of code without spaces of eight characters or more. Nothing marks the break (as in URLs):
// the code reads as written. Zero-width spaces mark the places.
const CODE_TOKEN = /[^\s\u200B]{8,}/gu
const CODE_BREAK = /(?<=[/\\._\-:,=&])(?=[^/\\._\-:,=&)\]}>'"`])|(?<=[\p{L}\p{N}_])(?=[([{])|(?<=\p{Ll})(?=\p{Lu})/gu

// A hash (a commit's, a checksum) has no parts to break between: a long one breaks every four
// characters, as it is read in groups, leaving at least four on each side.
const HASH = /^(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}$/i
const HASH_IN_TEXT = /(?<![\p{L}\p{N}_])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![\p{L}\p{N}_])/giu

function hashBreaks(hash: string): string {
  let result = ''
  for (let at = 0; at < hash.length; at += 4) result += (at > 0 && hash.length - at >= 4 ? ZWSP : '') + hash.slice(at, at + 4)
  return result
}

/** `text` (inline code) with break opportunities inside its long tokens. */
export function codeBreaks(text: string): string {
  if (text.includes('://') || text.includes('www.')) return urlBreaks(text)
  return text.replace(CODE_TOKEN, (token) => {
    if (HASH.test(token)) return hashBreaks(token)
    const chars = [...token]
    let result = ''
    let last = 0
    for (const match of token.matchAll(CODE_BREAK)) {
      const at = [...token.slice(0, match.index)].length
      const [before2 = '', before = '', after = ''] = [chars[at - 2], chars[at - 1], chars[at]]
      // Not inside a number (an IP address, 1.2.3) or a bracketed character class (`[A-Za-z]`).
      if (/[.,:]/.test(before) && /\d/.test(before2) && /\d/.test(after)) continue
      if (depth(chars, at) > 0) continue
      if (at - last >= 3 && chars.length - at >= 3) {
        result += chars.slice(last, at).join('') + ZWSP
        last = at
      }
    }
    return result + chars.slice(last).join('')
  })
}

/** How many square brackets are open before `at`. */
function depth(chars: string[], at: number): number {
  let open = 0
  for (let index = 0; index < at; index += 1) {
    if (chars[index] === '[') open += 1
    else if (chars[index] === ']' && open > 0) open -= 1
  }
  return open
}

// An identifier in running text (a function's name in a link, `process.exit` written plainly) breaks
// where code would, if it is long: a word of twelve characters or more with a capital after a small
// letter, an underscore, or a dot between letters.
const IDENTIFIER = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_$.]{12,}(?![\p{L}\p{N}_])/gu
const IDENTIFIER_SHAPE = /\p{Ll}\p{Lu}|_|\p{L}\.\p{L}/u

/** `text` (running text) with break opportunities inside its long identifiers and hashes. */
export function identifierBreaks(text: string): string {
  const hashed = /[0-9a-f]{16}/i.test(text) ? text.replace(HASH_IN_TEXT, hashBreaks) : text
  if (!IDENTIFIER_SHAPE.test(hashed)) return hashed
  return hashed.replace(IDENTIFIER, (word) => (IDENTIFIER_SHAPE.test(word) && !word.includes('\u00AD') ? codeBreaks(word) : word))
}
