import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** How messages are printed: lines for people, one JSON document, or GitHub Actions workflow commands. */
export type ReporterName = 'text' | 'json' | 'github'
export const REPORTERS: readonly ReporterName[] = ['text', 'json', 'github']

type Severity = 'error' | 'warning' | 'info'

const severityOf = (message: VFileMessage): Severity => (message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info')

/** Every message of every file, sorted by file (in the order given), then position. */
function messagesOf(files: VFile[], quiet: boolean): { file: VFile; message: VFileMessage; severity: Severity }[] {
  return files.flatMap((file) =>
    [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((message) => ({ file, message, severity: severityOf(message) }))
      .filter(({ severity }) => !quiet || severity === 'error')
  )
}

/**
 * One line per message, `path:line:column  severity  reason  (rule)`: the shape editors and CI log
 * viewers turn into links. Messages are sorted by file, then position.
 */
export function report(files: VFile[], { quiet = false } = {}): string {
  return messagesOf(files, quiet)
    .map(({ file, message, severity }) => {
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : ''
      return `${file.path}${place}  ${severity}  ${message.reason}${message.ruleId ? `  (${message.ruleId})` : ''}`
    })
    .join('\n')
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=rule::reason`), which annotate
 * the lines of a pull request; info messages are notices.
 */
export function reportGithub(files: VFile[], { quiet = false } = {}): string {
  const data = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const property = (value: string) => data(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
  return messagesOf(files, quiet)
    .map(({ file, message, severity }) => {
      const fields = [`file=${property(file.path)}`]
      if (message.line) fields.push(`line=${message.line}`, `col=${message.column ?? 1}`)
      if (message.ruleId) fields.push(`title=${property(message.ruleId)}`)
      return `::${severity === 'info' ? 'notice' : severity} ${fields.join(',')}::${data(message.reason)}`
    })
    .join('\n')
}

/** What one file of a build came to, for the JSON report. */
export interface ReportedFile {
  path: string
  /** An article's outcome; absent for the build's own files (config, theme, a missing input). */
  status?: 'built' | 'unchanged' | 'failed' | 'checked'
  /** The files written for it, relative to the working directory. */
  outputs?: string[]
}

export interface ReportSummary {
  articles: number
  failed: number
  unchanged: number
  /** Files written (0 for `check`). */
  files: number
  errors: number
  warnings: number
  infos: number
  exitCode: number
}

/** One JSON document: every file, every message (file, line, column, severity, rule, reason) and the summary. */
export function reportJson(files: VFile[], reported: ReportedFile[], summary: ReportSummary): string {
  const messages = messagesOf(files, false).map(({ file, message, severity }) => ({
    file: file.path,
    line: message.line ?? null,
    column: message.line ? (message.column ?? 1) : null,
    severity,
    rule: message.ruleId ?? null,
    message: message.reason
  }))
  return JSON.stringify({ files: reported, messages, summary }, null, 2)
}

export function count(files: VFile[]): { errors: number; warnings: number; infos: number } {
  let errors = 0
  let warnings = 0
  let infos = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
      else infos++
    }
  }
  return { errors, warnings, infos }
}
