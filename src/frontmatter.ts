import { LineCounter, parseDocument, isNode } from 'yaml'
import { z } from 'zod'
import type { VFile } from 'vfile'
import type { Point } from 'unist'

/** Calendar date or ISO 8601 date-time, the only dates Quire accepts: never parsed from the clock. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date like 2024-05-31 or 2024-05-31T09:30:00Z')
  .refine((value) => !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)), 'expected a real calendar date')

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string')

/** The front matter fields Quire reads. Unknown fields are warned about, not fatal. */
export const frontMatterSchema = z.object({
  title: nonEmpty.optional(),
  subtitle: nonEmpty.optional(),
  author: z.union([nonEmpty, z.array(nonEmpty).min(1, 'expected at least one author')]).optional(),
  date: isoDate.optional(),
  updated: isoDate.optional(),
  lang: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en-GB').optional(),
  description: nonEmpty.optional(),
  publisher: nonEmpty.optional(),
  rights: nonEmpty.optional(),
  subjects: z.array(nonEmpty).optional(),
  tags: z.array(nonEmpty).optional(),
  slug: z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'expected lowercase letters, digits and single - _ . between them').optional(),
  id: nonEmpty.optional(),
  cover: nonEmpty.optional(),
  toc: z.boolean().optional(),
  pageSize: z.enum(['A4', 'A5', 'Letter', 'Legal']).optional()
})

export type FrontMatter = z.infer<typeof frontMatterSchema>
const KNOWN = new Set(Object.keys(frontMatterSchema.shape))

/**
 * Parse and validate the YAML front matter whose text starts at `start` (the line after `---`).
 * Every problem becomes a message on `file` at the position of the offending value.
 * Returns the valid fields; a field that failed validation is left out.
 */
export function readFrontMatter(file: VFile, yamlText: string, start: Point): FrontMatter {
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number): Point => {
    const pos = lineCounter.linePos(offset)
    return { line: start.line + pos.line - 1, column: pos.line === 1 ? start.column + pos.col - 1 : pos.col }
  }

  for (const error of doc.errors) {
    file.message(`Invalid YAML front matter: ${error.message.split('\n')[0]}`, { place: at(error.pos[0]), ruleId: 'front-matter-yaml', source: 'quire' }).fatal = true
  }
  if (doc.errors.length > 0) return {}

  const data: unknown = doc.toJS() ?? {}
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    file.message('Invalid front matter: expected a mapping of fields such as `title: …`', { place: start, ruleId: 'front-matter-type', source: 'quire' }).fatal = true
    return {}
  }

  const placeOf = (path: PropertyKey[]): Point => {
    for (let length = path.length; length > 0; length--) {
      const node = doc.getIn(path.slice(0, length) as (string | number)[], true)
      if (isNode(node) && node.range) return at(node.range[0])
    }
    return start
  }

  const record = data as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!KNOWN.has(key)) {
      const pair = doc.contents && 'items' in doc.contents ? (doc.contents.items as { key: unknown }[]).find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key) : undefined
      const place = pair && isNode(pair.key) && pair.key.range ? at(pair.key.range[0]) : start
      file.message(`Unknown front matter field \`${key}\`, expected one of ${[...KNOWN].map((name) => `\`${name}\``).join(', ')}`, { place, ruleId: 'front-matter-unknown', source: 'quire' })
      delete record[key]
    }
  }

  const result = frontMatterSchema.safeParse(record)
  if (result.success) return result.data

  const valid: Record<string, unknown> = { ...record }
  // One message per field (its first problem), in the order the fields are written.
  const issues = new Map<string, { issue: z.core.$ZodIssue; place: Point }>()
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.')
    if (!issues.has(field)) issues.set(field, { issue, place: placeOf(issue.path) })
    if (issue.path[0] !== undefined) delete valid[String(issue.path[0])]
  }
  const ordered = [...issues].sort(([, a], [, b]) => a.place.line - b.place.line || a.place.column - b.place.column)
  for (const [field, { issue, place }] of ordered) {
    file.message(`Invalid front matter field \`${field}\`: ${describeIssue(issue)}`, { place, ruleId: 'front-matter-field', source: 'quire' }).fatal = true
  }
  return frontMatterSchema.partial().parse(valid)
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`
  if (issue.code === 'invalid_union') return 'expected a string or a list of strings'
  return issue.message.replace(/^Invalid input: /, '')
}
