// The words numbered figures and tables are called by ("Figure 3", "Table 1"), in the article's
// language; English for languages not listed. Kept apart from i18n.ts while its labels are being
// reworked on another branch; they belong there once both have landed.

/** What a label (`{#fig:id}`, `{#tbl:id}`) names: its prefix. */
export type CrossrefKind = 'fig' | 'tbl'

const NAMES: Record<string, Record<CrossrefKind, string>> = {
  en: { fig: 'Figure', tbl: 'Table' },
  de: { fig: 'Abbildung', tbl: 'Tabelle' },
  fr: { fig: 'Figure', tbl: 'Tableau' },
  es: { fig: 'Figura', tbl: 'Tabla' },
  it: { fig: 'Figura', tbl: 'Tabella' },
  pt: { fig: 'Figura', tbl: 'Tabela' },
  nl: { fig: 'Figuur', tbl: 'Tabel' },
  ru: { fig: 'Рисунок', tbl: 'Таблица' },
  el: { fig: 'Σχήμα', tbl: 'Πίνακας' },
  uk: { fig: 'Рисунок', tbl: 'Таблиця' },
  pl: { fig: 'Rysunek', tbl: 'Tabela' },
  cs: { fig: 'Obrázek', tbl: 'Tabulka' },
  sv: { fig: 'Figur', tbl: 'Tabell' },
  tr: { fig: 'Şekil', tbl: 'Tablo' },
  ja: { fig: '図', tbl: '表' },
  zh: { fig: '图', tbl: '表' },
  ko: { fig: '그림', tbl: '표' },
  ar: { fig: 'شكل', tbl: 'جدول' },
  he: { fig: 'איור', tbl: 'טבלה' }
}

// Chinese and Japanese write the number straight after the word (図3); the others with a space.
const UNSPACED = new Set(['ja', 'zh'])

/** "Figure 3", "Tabelle 2.1", "図3": what a caption starts with and a reference prints. */
export function crossrefName(kind: CrossrefKind, number: string, lang: string): string {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en'
  const word = (NAMES[primary] ?? NAMES.en!)[kind]
  return UNSPACED.has(primary) ? `${word}${number}` : `${word} ${number}`
}

/** The number a reference to a label no figure or table has prints, as LaTeX does. */
export const UNKNOWN_NUMBER = '??'
