import { createRequire } from 'node:module'

// Hyphenation points (soft hyphens) from the npm package `hyphen` (Liang's TeX patterns), by language.
// Only plain words are hyphenated: never URLs, paths, e-mail addresses, numbers or code.

const require = createRequire(import.meta.url)
const SHY = '\u00AD'
type Hyphenate = (text: string, options?: { minWordLength?: number }) => string
const loaded = new Map<string, Hyphenate | undefined>()
// Words already hyphenated, per pattern set: running text repeats its words.
const memo = new Map<Hyphenate, Map<string, string>>()

function load(tag: string): Hyphenate | undefined {
  if (!loaded.has(tag)) {
    let found: Hyphenate | undefined
    try {
      if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(tag)) found = (require(`hyphen/${tag}`) as { hyphenateSync: Hyphenate }).hyphenateSync
    } catch {
      found = undefined
    }
    loaded.set(tag, found)
  }
  return loaded.get(tag)
}

/** A function adding soft hyphens to plain words of `lang`, or undefined when there are no patterns. */
export function hyphenatorFor(lang: string): ((text: string) => string) | undefined {
  const tag = lang.toLowerCase()
  // `hyphen/zh` holds patterns for pinyin, not for Chinese characters: Chinese is not hyphenated.
  if (/^zh(-|$)/.test(tag) && !tag.includes('-latn')) return undefined
  const hyphenate = load(tag) ?? load(tag.split('-')[0] ?? tag)
  if (!hyphenate) return undefined
  let words = memo.get(hyphenate)
  if (!words) memo.set(hyphenate, (words = new Map()))
  const known = words
  return (text) =>
    text.replace(/[\p{L}\p{M}]{6,}/gu, (word, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? ' '
      const after = whole[offset + word.length] ?? ' '
      // Part of a URL, path, address, identifier or number: leave it whole.
      if (/[/\\@_.:\d-]/.test(before) || /[/\\@_\d]/.test(after) || (/[.:]/.test(after) && /\p{L}/u.test(whole[offset + word.length + 1] ?? ''))) return word
      let result = known.get(word)
      if (result === undefined) {
        if (known.size > 50_000) known.clear()
        result = tidy(hyphenate(word, { minWordLength: 6 }))
        known.set(word, result)
      }
      return result
    })
}

/** At least two letters before the first break and three after the last, as TeX does for English. */
function tidy(word: string): string {
  const parts = word.split(SHY)
  if (parts.length < 2) return word
  while (parts.length > 1 && [...(parts[0] as string)].length < 2) parts.splice(0, 2, `${parts[0]}${parts[1]}`)
  while (parts.length > 1 && [...(parts[parts.length - 1] as string)].length < 3) parts.splice(-2, 2, `${parts[parts.length - 2]}${parts[parts.length - 1]}`)
  return parts.join(SHY)
}
