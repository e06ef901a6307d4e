import { LineCounter, isNode, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import type { VFile } from 'vfile'
import type { Point } from 'unist'

export interface FieldsOptions {
  /** How the messages name the data: "front matter", "config". */
  label: string
  /** Prefix of the rule ids: `front-matter` gives `front-matter-yaml`, `-field`, `-unknown`, `-type`. */
  rule: string
}

/**
 * Parse YAML (or JSON, which YAML reads too) starting at `start` in `file`, and validate it with a zod
 * object schema. Every problem becomes a message at the offending key or value: syntax errors and
 * ill-typed fields are fatal, unknown fields are warnings. Returns the valid fields only.
 */
/** A YAML (or JSON) text parsed with its positions kept, for messages at the offending key or value. */
export interface Positioned {
  doc: Document
  /** The place of an offset in the text. */
  at: (offset: number) => Point
  /** Where the value at `path` starts (else the nearest enclosing value's start, else `start`). */
  placeOf: (path: PropertyKey[]) => Point
  /** Where a key of the top mapping starts (else `start`). */
  keyPlace: (key: string) => Point
}

/** Parse YAML or JSON that starts at `start` in its file (line 1, column 1 for a file of its own); duplicate keys are errors. */
export function positioned(text: string, start: Point = { line: 1, column: 1 }): Positioned {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number): Point => {
    const pos = lineCounter.linePos(offset)
    return { line: start.line + pos.line - 1, column: pos.line === 1 ? start.column + pos.col - 1 : pos.col }
  }
  const placeOf = (path: PropertyKey[]): Point => {
    for (let length = path.length; length > 0; length--) {
      const node = doc.getIn(path.slice(0, length) as (string | number)[], true)
      if (isNode(node) && node.range) return at(node.range[0])
    }
    return start
  }
  const keyPlace = (key: string): Point => {
    const pair =
      doc.contents && 'items' in doc.contents
        ? (doc.contents.items as { key: unknown }[]).find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key)
        : undefined
    return pair && isNode(pair.key) && pair.key.range ? at(pair.key.range[0]) : start
  }
  return { doc, at, placeOf, keyPlace }
}

export function readFields<Shape extends z.ZodRawShape>(
  file: VFile,
  text: string,
  start: Point,
  schema: z.ZodObject<Shape>,
  options: FieldsOptions
): Partial<z.infer<z.ZodObject<Shape>>> {
  const { label, rule } = options
  const { doc, at, placeOf, keyPlace } = positioned(text, start)
  const fail = (reason: string, place: Point, ruleId: string) => {
    file.message(reason, { place, ruleId, source: 'quire' }).fatal = true
  }

  for (const error of doc.errors) fail(`Invalid YAML in ${label}: ${error.message.split('\n')[0]}`, at(error.pos[0]), `${rule}-yaml`)
  if (doc.errors.length > 0) return {}

  const data: unknown = doc.toJS() ?? {}
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    fail(`Invalid ${label}: expected a mapping of fields such as \`title: …\``, start, `${rule}-type`)
    return {}
  }

  const known = Object.keys(schema.shape)
  const record = { ...(data as Record<string, unknown>) }
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue
    const place = keyPlace(key)
    file.message(`Unknown ${label} field \`${key}\`, expected one of ${known.map((name) => `\`${name}\``).join(', ')}`, {
      place,
      ruleId: `${rule}-unknown`,
      source: 'quire'
    })
    delete record[key]
  }

  const result = schema.safeParse(record)
  if (result.success) return result.data

  // One message per field (its first problem), in the order the fields are written.
  const issues = new Map<string, { issue: z.core.$ZodIssue; place: Point }>()
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.')
    if (!issues.has(field)) issues.set(field, { issue, place: placeOf(issue.path) })
    if (issue.path[0] !== undefined) delete record[String(issue.path[0])]
  }
  const ordered = [...issues].sort(([, a], [, b]) => a.place.line - b.place.line || a.place.column - b.place.column)
  for (const [field, { issue, place }] of ordered)
    fail(`Invalid ${label} field \`${field}\`: ${describeIssue(issue)}`, place, `${rule}-field`)
  return schema.partial().parse(record) as Partial<z.infer<z.ZodObject<Shape>>>
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`
  if (issue.code === 'invalid_union') return 'expected a string or a list of strings'
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
  return issue.message.replace(/^Invalid input: /, '')
}
