import type { VFile } from 'vfile'

/**
 * One line per message, `path:line:column  severity  reason  (rule)`: the shape editors and CI log
 * viewers turn into links. Messages are sorted by file, then position.
 */
export function report(files: VFile[], { quiet = false } = {}): string {
  const lines: string[] = []
  for (const file of files) {
    const messages = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    for (const message of messages) {
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
      if (quiet && severity !== 'error') continue
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : ''
      lines.push(`${file.path}${place}  ${severity}  ${message.reason}${message.ruleId ? `  (${message.ruleId})` : ''}`)
    }
  }
  return lines.join('\n')
}

export function count(files: VFile[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return { errors, warnings }
}
