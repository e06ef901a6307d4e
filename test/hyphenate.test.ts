import { describe, expect, it } from 'vitest'
import { hyphenatorFor } from '../src/render/pdf/inline/hyphenate.js'

// Where a justified PDF paragraph may break a word: the points the article's language allows.
const points = (lang: string, text: string) => hyphenatorFor(lang)?.(text).replaceAll('\u00AD', '·')

describe('hyphenation points in the PDF', () => {
  it('follows the patterns of the article language, British and American English apart', () => {
    expect(points('en-GB', 'hyphenation of a paragraph')).toBe('hy·phen·a·tion of a para·graph')
    expect(points('en-US', 'hyphenation of a paragraph')).toBe('hy·phen·ation of a para·graph')
    expect(points('en', 'hyphenation')).toBe('hy·phen·ation')
    expect(points('de-DE', 'Silbentrennungsalgorithmus')).toBe('Sil·ben·tren·nungs·al·go·rith·mus')
    expect(points('fr', 'anticonstitutionnellement')).toBe('an·ti·cons·ti·tu·tion·nel·le·ment')
    expect(points('el', 'καλημέρα')).toBe('κα·λη·μέρα')
  })

  it('keeps languages only the `hyphen` package has patterns for (Ancient Greek, Sanskrit)', () => {
    expect(points('grc', 'ἀνθρώπους')).toBe('ἀν·θρώ·πους')
    expect(points('sa', 'संस्कृतम्')).toBe('सं·स्कृ·तम्')
  })

  it('leaves two letters before the first break and three after the last', () => {
    for (const word of (points('en-GB', 'systemic dialect electrolytes abbreviation') ?? '').split(' ')) {
      const parts = word.split('·')
      expect([...(parts[0] ?? '')].length, word).toBeGreaterThanOrEqual(2)
      expect([...(parts.at(-1) ?? '')].length, word).toBeGreaterThanOrEqual(3)
    }
  })

  it('never breaks URLs, paths, file names or very long strings of letters', () => {
    expect(points('en-GB', 'see https://example.com/hyphenation and hyphenation.md or src/hyphenation')).toBe(
      'see https://example.com/hyphenation and hyphenation.md or src/hyphenation'
    )
    expect(points('en-GB', 'a'.repeat(70))).toBe('a'.repeat(70))
  })

  it('does not hyphenate Chinese characters or languages without patterns', () => {
    expect(hyphenatorFor('zh-CN')).toBeUndefined()
    expect(hyphenatorFor('ja')).toBeUndefined()
    expect(hyphenatorFor('xx')).toBeUndefined()
  })
})

describe('hyphenation by the text and the theme', () => {
  it('hyphenates a word by its own alphabet when it is not the article language’s (Russian in English, English in Russian)', () => {
    expect(points('en', 'Программирование')).toBe('Про·грам·ми·ро·ва·ние')
    expect(points('ru', 'программирование и hyphenation')).toBe('про·грам·ми·ро·ва·ние и hy·phen·ation')
    // A German name in English text is still left whole: same alphabet, letters outside its patterns.
    expect(points('en', 'Müllerstraße')).toBe('Müllerstraße')
  })

  it('hyphenates words of the theme’s minimum length and longer only', () => {
    expect(hyphenatorFor('en', 8)?.('paragraph')).toBe('para\u00ADgraph')
    expect(hyphenatorFor('en', 10)?.('paragraph')).toBe('paragraph')
  })
})
