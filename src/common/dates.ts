/** Dates as readers see them: from the front matter only, formatted in UTC so the time zone never shows. */
export function parseDate(value: string): Date {
  if (value.length === 10) return new Date(`${value}T00:00:00Z`)
  // A date-time written without a zone is read as UTC, never as the machine's local time.
  return new Date(/(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(' ', 'T')}Z`)
}

/** "14 March 2026" in the article's language; the ICU data of the running Node decides the words. */
export function formatDate(value: string, lang: string): string {
  let format = formats.get(lang)
  if (!format) formats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })))
  return format.format(parseDate(value))
}

// Building a formatter costs far more than using one: one per language per process.
const formats = new Map<string, Intl.DateTimeFormat>()
