import { z } from 'zod'
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import { parse as parseYaml } from 'yaml'
import { readFields } from '../common/validate.js'

/** Calendar date or ISO 8601 date-time, the only dates Quire accepts: never parsed from the clock. */
const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'expected a date like 2024-05-31 or 2024-05-31T09:30:00Z'
  )
  .refine((value) => !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)), 'expected a real calendar date')

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string')

/** The front matter fields Quire reads. Unknown fields are warned about, not fatal. */
export const frontMatterSchema = z.object({
  title: nonEmpty.optional(),
  subtitle: nonEmpty.optional(),
  author: z.union([nonEmpty, z.array(nonEmpty).min(1, 'expected at least one author')]).optional(),
  date: isoDate.optional(),
  updated: isoDate.optional(),
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en-GB')
    .optional(),
  description: nonEmpty.optional(),
  publisher: nonEmpty.optional(),
  rights: nonEmpty.optional(),
  subjects: z.array(nonEmpty).optional(),
  tags: z.array(nonEmpty).optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'expected lowercase letters, digits and single - _ . between them')
    .optional(),
  id: nonEmpty.optional(),
  cover: nonEmpty.optional(),
  toc: z.boolean().optional(),
  /** `false`: `{#fig:id}` and `[@fig:id]` stay as written (an article about that syntax). */
  crossref: z.boolean().optional(),
  typography: z.boolean().optional(),
  pageSize: z.enum(['A4', 'A5', 'Letter', 'Legal']).optional()
})

export type FrontMatter = z.infer<typeof frontMatterSchema>
/**
 * Parse and validate the YAML front matter whose text starts at `start` (the line after `---`).
 * Every problem becomes a message on `file` at the position of the offending value.
 * Returns the valid fields; a field that failed validation is left out.
 */
export function readFrontMatter(file: VFile, yamlText: string, start: Point): FrontMatter {
  return readFields(file, yamlText, start, frontMatterSchema, { label: 'front matter', rule: 'front-matter' })
}

/**
 * The valid `slug:` of a file's front matter, read without parsing the Markdown: the build names every
 * article's output before any is parsed, so that links between articles know where they go.
 */
export function frontMatterSlug(text: string): string | undefined {
  const block = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  if (!block || !/^slug[ \t]*:/m.test(block[1]!)) return undefined
  let fields: unknown
  try {
    fields = parseYaml(block[1]!)
  } catch {
    return undefined
  }
  const slug = (fields as { slug?: unknown } | null)?.slug
  return frontMatterSchema.shape.slug.safeParse(slug).data
}
