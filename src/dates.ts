/** Dates as readers see them: from the front matter only, formatted in UTC so the time zone never shows. */
export function parseDate(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
}

/** "14 March 2026" in the article's language; the ICU data of the running Node decides the words. */
export function formatDate(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parseDate(value))
}
