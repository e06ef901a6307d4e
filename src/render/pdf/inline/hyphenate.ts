import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import hyphenopoly from 'hyphenopoly'

// Hyphenation points (soft hyphens) from Liang's TeX patterns (hyph-utf8), by language: through
// Hyphenopoly's WebAssembly engines where it has the language (2–3× faster a word than `hyphen`, and
// a language loads in a few milliseconds instead of ~35), else through the npm package `hyphen`, which
// has a few more (Coptic, Church Slavonic, Ancient Greek, Sanskrit, Ethiopic).
// Only plain words are hyphenated: never URLs, paths, e-mail addresses, numbers, code, identifiers
// or words with capitals inside them.

const require = createRequire(import.meta.url)
const SHY = '\u00AD'
type Hyphenate = (word: string) => string
// By the name of the patterns (an alias and its full tag share them).
const loaded = new Map<string, Hyphenate | undefined>()
// Words already hyphenated, per pattern set: running text repeats its words.
const memo = new Map<Hyphenate, Map<string, string>>()

// Tags that name a language both packages know by a longer tag (as `hyphen` resolves them).
const aliases: Record<string, string> = {
  en: 'en-us',
  el: 'el-monoton',
  sr: 'sr-cyrl',
  sh: 'sh-cyrl',
  mn: 'mn-cyrl',
  zh: 'zh-latn-pinyin',
  'de-1996': 'de'
}

function load(tag: string): Hyphenate | undefined {
  const name = aliases[tag] ?? tag
  if (!loaded.has(name)) {
    let found: Hyphenate | undefined
    if (hyphenopoly.supportedLanguages.includes(name)) {
      // At least two letters before the first break and three after the last (more where the
      // language's patterns ask for more); a word of letters outside the patterns' alphabet is left whole.
      found = hyphenopoly.config({
        require: [name],
        sync: true,
        // Found from here, not beside Hyphenopoly's module: bundled, its module is Quire's bundle.
        loaderSync: (file) => readFileSync(require.resolve(`hyphenopoly/patterns/${file}`)),
        hyphen: SHY,
        minWordLength: 6,
        leftmin: 2,
        rightmin: 3
      })
    } else if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(name)) {
      try {
        const hyphenate = (require(`hyphen/${name}`) as { hyphenateSync: (text: string, options: { minWordLength: number }) => string })
          .hyphenateSync
        found = (word) => tidy(hyphenate(word, { minWordLength: 6 }))
      } catch {
        found = undefined
      }
    }
    loaded.set(name, found)
  }
  return loaded.get(name)
}

/** A function adding soft hyphens to plain words of `lang`, or undefined when there are no patterns. */
export function hyphenatorFor(lang: string): ((text: string) => string) | undefined {
  const tag = lang.toLowerCase()
  // The patterns for `zh` are for pinyin, not for Chinese characters: Chinese is not hyphenated.
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
      // Part of a URL, path, address, identifier or number: leave it whole. So is a word longer than
      // any a reader would want broken (Hyphenopoly takes at most 61 letters), and a word with a
      // capital inside (camelCase, TypeScript, MongoDB, NONINFRINGEMENT): a name, not a word.
      if (
        word.length > 61 ||
        /\p{Lu}/u.test(word.slice(1)) ||
        /[/\\@_.:\d-]/.test(before) ||
        /[/\\@_\d]/.test(after) ||
        (/[.:]/.test(after) && /\p{L}/u.test(whole[offset + word.length + 1] ?? ''))
      )
        return word
      let result = known.get(word)
      if (result === undefined) {
        if (known.size > 50_000) known.clear()
        result = hyphenate(word)
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
  while (parts.length > 1 && [...(parts[parts.length - 1] as string)].length < 3)
    parts.splice(-2, 2, `${parts[parts.length - 2]}${parts[parts.length - 1]}`)
  return parts.join(SHY)
}
