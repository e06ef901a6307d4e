import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import { z } from 'zod'
import type { Asset } from '../article/article.js'
import { readAsset } from '../article/passes/images.js'
import { DEFAULT_LIMITS } from '../common/limits.js'
import { positioned, readFields } from '../common/validate.js'

/** The names a book file may have, in a content folder. */
export const BOOK_FILES = ['book.yml', 'book.yaml', 'book.json']
const BOOK_FILE = /^book\.(?:ya?ml|json)$/

const text = z.string().trim().min(1)
const chapterPath = z.string().trim().min(1, 'expected an article path')
const LEVELS = 'expected a whole number of levels, 1 or more (1: the chapters)'

/** `book.yml` (or `book.json`): one book made of articles of the build. */
export const bookSchema = z.object({
  title: text,
  subtitle: text.optional(),
  authors: z.union([text, z.array(text).min(1)]).optional(),
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en-GB')
    .optional(),
  identifier: text.optional(),
  cover: text.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-03-14')
    .optional(),
  description: text.optional(),
  publisher: text.optional(),
  rights: text.optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected lower-case letters, digits, `.`, `_` or `-`')
    .optional(),
  pageSize: z.enum(['A4', 'A5', 'Letter', 'Legal']).optional(),
  /** PDF: parts and chapters open on a right-hand page. */
  openRight: z.boolean().optional(),
  /** Section numbers: chapters 1, 2…, their headings 2.1, 2.1.3; figures and tables numbered per chapter (2.3). */
  numbering: z.boolean().optional(),
  /** `false`: `{#fig:id}` and `[@fig:id]` stay as written in the book (a chapter's front matter wins). */
  crossref: z.boolean().optional(),
  /** EPUB: levels of the nav under the book (1: chapters; 2: and their sections…). Default: every heading. */
  tocDepth: z.number().int(LEVELS).min(1, LEVELS).optional(),
  chapters: z
    .array(
      z.union([chapterPath, z.object({ part: text, chapters: z.array(chapterPath).min(1) }).strict()], {
        error: 'expected an article path, or `{ part: Title, chapters: [...] }`'
      })
    )
    .min(1, 'expected at least one chapter')
    .optional()
})

export type BookFields = z.infer<typeof bookSchema>

/** A book as declared: its metadata and its chapters' source files, before any article is parsed. */
export interface BookSpec {
  /** Absolute path of the book file. */
  source: string
  /** The input folder it was found in (its cover must stay inside). */
  root: string
  /** Messages about the book file, positioned. */
  file: VFile
  fields: Partial<BookFields>
  slug: string
  /** Where its files go, relative to `out`, no extension. */
  output: string
  chapters: { source: string; part?: string; place: Point }[]
  cover?: Asset
}

/** Book files in the inputs' folders (searched as articles are; hidden folders and node_modules skipped), in path order. */
export function discoverBooks(inputs: string[], cwd: string): { path: string; root: string }[] {
  const found: { path: string; root: string }[] = []
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input)
    let stats
    try {
      stats = statSync(absolute)
    } catch {
      continue
    }
    if (stats.isDirectory()) {
      const names = readdirSync(absolute, { recursive: true, encoding: 'utf8' })
        .filter(
          (name) =>
            BOOK_FILE.test(path.basename(name)) && !name.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')
        )
        .sort()
      for (const name of names) found.push({ path: path.join(absolute, name), root: absolute })
    } else if (BOOK_FILE.test(path.basename(absolute))) found.push({ path: absolute, root: path.dirname(absolute) })
  }
  const seen = new Set<string>()
  return found.filter((book) => !seen.has(book.path) && seen.add(book.path))
}

/** Whether an input file is a book file rather than an article. */
export function isBookFile(file: string): boolean {
  return BOOK_FILE.test(path.basename(file))
}

/**
 * Read and check one book file: the schema's messages at their key or value; each chapter must be an
 * article of this build (`site`: output paths by absolute source), each at most once. Without
 * `chapters`, the Markdown articles of the book file's folder (not its sub-folders), in name order.
 */
export function readBook(book: { path: string; root: string }, site: ReadonlyMap<string, string>, cwd: string): BookSpec {
  const file = new VFile({ path: path.relative(cwd, book.path), cwd })
  let source = ''
  try {
    source = readFileSync(book.path, 'utf8')
  } catch (error) {
    file.message(`Cannot read book file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      ruleId: 'book-read',
      source: 'quire'
    }).fatal = true
  }
  file.value = source
  const fields = source === '' ? {} : readFields(file, source, { line: 1, column: 1 }, bookSchema, { label: 'book', rule: 'book' })
  if (source !== '' && fields.title === undefined && !file.messages.some((message) => message.fatal))
    file.message('Missing book field `title`', { place: { line: 1, column: 1 }, ruleId: 'book-field', source: 'quire' }).fatal = true
  const folder = path.dirname(book.path)
  const { placeOf } = positioned(source)
  const chapters: BookSpec['chapters'] = []
  const seen = new Set<string>()
  const add = (written: string, at: (string | number)[], part?: string) => {
    const absolute = path.resolve(folder, written)
    const place = placeOf(at)
    if (!site.has(absolute)) {
      file.message(`Chapter \`${written}\` is not an article of this build: no such Markdown file among the inputs`, {
        place,
        ruleId: 'book-chapter',
        source: 'quire'
      }).fatal = true
      return
    }
    if (seen.has(absolute)) {
      file.message(`Chapter \`${written}\` is listed twice: a chapter may appear once in a book`, {
        place,
        ruleId: 'book-chapter',
        source: 'quire'
      }).fatal = true
      return
    }
    seen.add(absolute)
    chapters.push({ source: absolute, place, ...(part ? { part } : {}) })
  }
  if (fields.chapters) {
    fields.chapters.forEach((entry, index) => {
      if (typeof entry === 'string') add(entry, ['chapters', index])
      else entry.chapters.forEach((written, inner) => add(written, ['chapters', index, 'chapters', inner], entry.part))
    })
  } else {
    for (const absolute of [...site.keys()].filter((key) => path.dirname(key) === folder).sort()) add(path.basename(absolute), [])
    if (chapters.length === 0 && source !== '')
      file.message('This book has no chapters: list them under `chapters`, or put articles beside the book file', {
        place: { line: 1, column: 1 },
        ruleId: 'book-chapter',
        source: 'quire'
      }).fatal = true
  }
  const slug =
    fields.slug ??
    ((fields.title ?? path.basename(folder))
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') ||
      'book')
  const relativeFolder = path.relative(book.root, folder).split(path.sep).join('/')
  const output = relativeFolder ? `${relativeFolder}/${slug}` : slug
  let cover: Asset | undefined
  if (fields.cover) {
    const before = file.messages.length
    cover = readAsset(undefined, fields.cover, { file, root: book.root, assets: new Map(), maxPixels: DEFAULT_LIMITS.imagePixels })
    // The image reader's messages carry no place: the book file's `cover:` is where the problem is.
    for (const message of file.messages.slice(before)) {
      const point = placeOf(['cover'])
      message.line = point.line
      message.column = point.column
      message.place = point
    }
  }
  return { source: book.path, root: book.root, file, fields, slug, output, chapters, ...(cover ? { cover } : {}) }
}
