import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import hyphenopoly from 'hyphenopoly'
import { RecentMap } from '../../../common/recent-map.js'

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
const memo = new Map<Hyphenate, RecentMap<string, string>>()

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
        minWordLength: 4,
        leftmin: 2,
        rightmin: 3
      })
    } else if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(name)) {
      try {
        const hyphenate = (require(`hyphen/${name}`) as { hyphenateSync: (text: string, options: { minWordLength: number }) => string })
          .hyphenateSync
        found = (word) => tidy(hyphenate(word, { minWordLength: 4 }))
      } catch {
        found = undefined
      }
    }
    loaded.set(name, found)
  }
  return loaded.get(name)
}

// A word in another alphabet than the article's language (a Russian paragraph in an English
// article, English words in a Greek one) is hyphenated with the patterns of that alphabet's most
// written language, as a reader of it expects.
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

const ALPHABETS: { script: RegExp; languages: RegExp; patterns: string }[] = [
  { script: /^\p{Script=Cyrillic}/u, languages: /^(ru|uk|be|bg|sr|mk|mn|kk|ky|tg|tt|ba|cu|sh)(-|$)/, patterns: 'ru' },
  { script: /^\p{Script=Greek}/u, languages: /^(el|grc)(-|$)/, patterns: 'el-monoton' },
  { script: /^\p{Script=Latin}/u, languages: /^(?!(ru|uk|be|bg|sr|mk|mn|kk|ky|tg|tt|ba|cu|sh|el|grc)(-|$))/, patterns: 'en-us' }
]

/**
 * A function adding soft hyphens to plain words of `lang` (and of other alphabets, see ALPHABETS),
 * words of at least `minWord` letters, or undefined when the language has no patterns.
 */
export function hyphenatorFor(lang: string, minWord = 6): ((text: string) => string) | undefined {
  const tag = lang.toLowerCase()
  // The patterns for `zh` are for pinyin, not for Chinese characters: Chinese is not hyphenated.
  if (/^zh(-|$)/.test(tag) && !tag.includes('-latn')) return undefined
  // Thai, Lao, Khmer and Myanmar break between words, found by dictionary (linebreak.ts), never with a hyphen.
  if (/^(th|lo|km|my)(-|$)/.test(tag)) return undefined
  const own = load(tag) ?? load(tag.split('-')[0] ?? tag)
  if (!own) return undefined
  const known = memoOf(own)
  const others = ALPHABETS.filter((alphabet) => !alphabet.languages.test(tag))
  const letters = new RegExp(`[\\p{L}\\p{M}]{${Math.max(2, Math.round(minWord))},}`, 'gu')
  return (text) =>
    text.replace(letters, (word, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? ' '
      const after = whole[offset + word.length] ?? ' '
      // Part of a URL, path, address, identifier or number: leave it whole. So is a word longer than
      // any a reader would want broken (Hyphenopoly takes at most 61 letters), and a word with a
      // capital inside (camelCase, TypeScript, MongoDB, NONINFRINGEMENT): a name, not a word.
      if (
        word.length > 61 ||
        UNSPACED.test(word) ||
        /\p{Lu}/u.test(word.slice(1)) ||
        /[/\\@_.:\d-]/.test(before) ||
        /[/\\@_\d]/.test(after) ||
        (/[.:]/.test(after) && /\p{L}/u.test(whole[offset + word.length + 1] ?? ''))
      )
        return word
      const other = others.find((alphabet) => alphabet.script.test(word))
      const hyphenate = (other && load(other.patterns)) || own
      const words = hyphenate === own ? known : memoOf(hyphenate)
      let result = words.get(word)
      if (result === undefined) {
        result = hyphenate(word)
        words.set(word, result)
      }
      return result
    })
}

/** The words already hyphenated with `hyphenate`. */
function memoOf(hyphenate: Hyphenate): RecentMap<string, string> {
  let words = memo.get(hyphenate)
  if (!words) memo.set(hyphenate, (words = new RecentMap(20_000)))
  return words
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
