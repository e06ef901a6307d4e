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
