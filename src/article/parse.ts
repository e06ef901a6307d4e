import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Heading, Html, Root as MdastRoot, Yaml } from 'mdast'
import type { Position } from 'unist'
import { toString as mdastToString } from 'mdast-util-to-string'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGemoji from 'remark-gemoji'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import type { Root as HastRoot } from 'hast'
import type { Article, ArticleMeta, Asset } from './article.js'
import { readFrontMatter, type FrontMatter } from './frontmatter.js'
import { parseDate } from '../common/dates.js'
import { DEFAULT_LIMITS, type Limits } from '../common/limits.js'
import { directionOf, labelsFor } from '../common/i18n.js'
import type { ResolvedOptions } from '../common/options.js'
import { normaliseHeadingLevels } from './passes/heading-levels.js'
import { collectHeadings } from './passes/headings.js'
import { normaliseIds } from './passes/ids.js'
import { markAlerts } from './passes/alerts.js'
import { crossReferences } from './passes/crossref.js'
import { typesetPunctuation, typesetPunctuationOf } from './passes/typography.js'
import { repairContentModel } from './passes/content-model.js'
import { highlightCode } from './passes/highlight.js'
import { readAsset, resolveImages } from './passes/images.js'
import { normaliseUrls, resolveArticleLinks } from './passes/links.js'
import { checkReferences } from './passes/references.js'
import { limitNesting } from './passes/nesting.js'
import { normalisePresentation } from './passes/presentational.js'
import { repairTables } from './passes/table-model.js'
import { dropStrayInputs, sanitizeSchema } from './passes/sanitize-schema.js'
import { decodeArticle } from './passes/text.js'
import { nameOf, slugOf } from './names.js'
import { loadPlugins, PluginFault, type LoadedPlugin } from './plugins.js'
import { PluginNotFound, resolvePlugins, type Plugins, type ResolvedPlugin } from '../common/plugins.js'

export interface ParseOptions extends Pick<ResolvedOptions, 'lang' | 'author' | 'sourceDateEpoch' | 'cwd'> {
  /** Folder the article's images must stay inside. Default: the article's own folder. */
  root?: string
  limits?: Partial<Limits>
  /** Where the build writes this article: relative to `out`, `/` separators, no extension. Default: its slug. */
  output?: string
  /** Output path of every article of the build by absolute source path, for links between them. Default: none. */
  site?: ReadonlyMap<string, string>
  /** The article's bytes, when they do not come from the file at its path (standard input). Default: read the file. */
  data?: Uint8Array
  /** remark and rehype plugins: functions, or module specifiers resolved from `cwd`. Default: none. */
  plugins?: Plugins | readonly ResolvedPlugin[]
  /** Numbered figures and tables from `{#fig:id}`, `[@fig:id]` (the front matter's `crossref` wins). Default: true. */
  crossref?: boolean
  /** Typographic quotes, dashes, ellipses and no-break spaces in the text (the front matter's `typography` wins). Default: true. */
  typography?: boolean
  /** The article is a chapter of a book being built: a reference it cannot resolve is left to the book (info, not a warning). */
  chapter?: boolean
}

// The only Markdown parser in Quire: every renderer works from the Article this module returns.
// GitHub's Markdown as people write it: GFM, emoji shortcodes (`:bug:`) as the emoji, and `$…$` math.
const quireMarkdown = () => unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkMath).use(remarkGemoji)
const markdownAlone = quireMarkdown()

/** The markdown processor with the user's remark plugins after Quire's, in their order. */
function markdownWith(plugins: LoadedPlugin[]) {
  const remark = plugins.filter((plugin) => plugin.stage === 'remark')
  if (remark.length === 0) return markdownAlone
  const processor = quireMarkdown()
  for (const { attacher, options } of remark) processor.use(attacher, ...(options === undefined ? [] : [options]))
  return processor
}

/** The user's rehype plugins of one stage, in their order. */
function rehypePlugins(plugins: LoadedPlugin[], stage: 'rehype' | 'rehypeAfterSanitize') {
  return plugins
    .filter((plugin) => plugin.stage === stage)
    .map(({ attacher, options }): PluggableList[number] => (options === undefined ? [attacher] : [attacher, options]))
}

/** A plugin that could not be found, imported or run fails its article alone, with its name. */
function pluginFailure(file: VFile, error: unknown, options: ParseOptions): Article {
  if (error instanceof PluginNotFound) {
    file.message(error.message, { ruleId: 'plugin', source: 'quire' }).fatal = true
  } else if (error instanceof PluginFault) {
    const cause = error.error as { line?: number; column?: number; place?: Position } | undefined
    const place = cause?.place ?? (cause?.line ? { line: cause.line, column: cause.column ?? 1 } : undefined)
    file.message(`Plugin \`${error.plugin}\` failed: ${error.message}`, {
      place,
      ruleId: 'plugin',
      source: 'quire',
      cause: error.error as Error
    }).fatal = true
  } else {
    throw error
  }
  return emptyArticle(file, options)
}

/** Read one Markdown file and parse it, once, into an Article. Problems are messages on `article.file`. */
export async function parseArticle(filePath: string, options: ParseOptions): Promise<Article> {
  const absolute = path.resolve(options.cwd, filePath)
  const file = new VFile({ path: path.relative(options.cwd, absolute), cwd: options.cwd })
  let bytes: Buffer
  try {
    bytes = options.data ? Buffer.from(options.data) : await readFile(absolute)
  } catch (error) {
    file.value = ''
    file.message(`Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { ruleId: 'read', source: 'quire' }).fatal =
      true
    return emptyArticle(file, options)
  }
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  // Four columns a level: room for the deepest nesting drawn, whatever the list markers.
  const text = decodeArticle(bytes, file, limits.articleBytes, limits.nestingDepth * 4)
  if (text === undefined) {
    file.value = ''
    return emptyArticle(file, options)
  }
  file.value = text
  return parseFile(file, { ...options, root: options.root ?? path.dirname(absolute) })
}

/** Parse an in-memory VFile (its `path` is used for messages and to resolve images). */
export async function parseFile(file: VFile, options: ParseOptions & { root: string }): Promise<Article> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  let plugins: LoadedPlugin[]
  try {
    plugins = await loadPlugins(resolvePlugins(options.plugins, options.cwd))
  } catch (error) {
    return pluginFailure(file, error, options)
  }
  const markdown = markdownWith(plugins)
  const mdast = markdown.parse(file)
  try {
    await markdown.run(mdast, file)
  } catch (error) {
    return pluginFailure(file, error, options)
  }
  limitNesting(mdast, file, limits.nestingDepth)
  if (mdast.children.every((node) => node.type === 'yaml' || node.type === 'html')) {
    file.message('Article has no body: only front matter', { place: mdast.position?.end, ruleId: 'empty-body', source: 'quire' })
  }

  const yaml = mdast.children[0]?.type === 'yaml' ? (mdast.children[0] as Yaml) : undefined
  const frontMatter: FrontMatter = yaml?.position
    ? readFrontMatter(file, yaml.value, { line: yaml.position.start.line + 1, column: 1 })
    : {}
  // After a broken front matter, "missing" fields are noise: the fatal message says what to fix.
  const frontMatterBroken = file.messages.some((message) => message.fatal)
  const title = frontMatter.title ?? liftTitle(mdast)
  // A front matter title and a leading `# Heading` that says the same: printed once, as the title.
  if (frontMatter.title !== undefined) liftTitle(mdast, frontMatter.title)
  if (!title && !frontMatterBroken) {
    file.message(
      `Missing title: add \`title:\` to the front matter or start the article with a \`# Heading\`; using \`${nameOfFile(file)}\``,
      { place: { line: 1, column: 1 }, ruleId: 'title', source: 'quire' }
    )
  }
  const lang = frontMatter.lang ?? options.lang
  const authors = frontMatter.author === undefined ? (options.author ? [options.author] : []) : [frontMatter.author].flat()
  if (authors.length === 0 && !frontMatterBroken) {
    file.message('Missing author: add `author:` to the front matter or set a default author in the options', {
      place: yaml?.position?.start ?? { line: 1, column: 1 },
      ruleId: 'author',
      source: 'quire'
    })
  }

  const labels = labelsFor(lang)
  const html = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteLabel: labels.footnotes,
      footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
        `${labels.backToContent} ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}`
    })
    .use(rehypeRaw)
    // The user's rehype plugins before the sanitiser, so what they add is sanitised like raw HTML.
    .use(rehypePlugins(plugins, 'rehype'))
    // Order matters: sanitise raw HTML first, then add what Quire itself generates (ids, classes, assets).
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSlug)
    // Plugins the user trusts: after the sanitiser, on the tree with heading ids.
    .use(rehypePlugins(plugins, 'rehypeAfterSanitize'))
  let tree: HastRoot
  try {
    tree = (await html.run(mdast, file)) as HastRoot
  } catch (error) {
    return pluginFailure(file, error, options)
  }

  const assets = new Map<string, Asset>()
  const root = options.root
  repairContentModel(tree, { file, detailsLabel: labels.details })
  dropStrayInputs(tree)
  normalisePresentation(tree)
  // Before the id policy: a figure's or table's label is its id, unique as any other.
  if (frontMatter.crossref ?? options.crossref ?? true) crossReferences(tree, file, lang, options.chapter === true)
  normaliseIds(tree, file)
  markAlerts(tree, labels)
  repairTables(tree, file, limits.tableCells)
  normaliseHeadingLevels(tree, file)
  // Before highlighting: math fences are `language-math` code until they are MathML. MathJax loads
  // only for an article with math (most of a second in a fresh process).
  if (hasMathCode(tree)) (await import('./passes/math.js')).typesetMath(tree, file)
  highlightCode(tree)
  const typography = frontMatter.typography ?? options.typography ?? true
  if (typography) typesetPunctuation(tree, lang)
  resolveImages(tree, { file, root, assets, maxPixels: limits.imagePixels })
  normaliseUrls(tree, file)
  checkReferences(tree, file)
  const links = resolveArticleLinks(tree, { file, source: path.resolve(file.cwd, file.path), site: options.site ?? new Map() })

  let cover: Asset | undefined
  if (frontMatter.cover) {
    cover = readAsset({ position: fieldPosition(yaml, 'cover') }, frontMatter.cover, { file, root, assets, maxPixels: limits.imagePixels })
  }

  const meta: ArticleMeta = {
    title: title === undefined ? nameOfFile(file) : typography ? typesetPunctuationOf(title, lang) : title,
    subtitle: frontMatter.subtitle === undefined || !typography ? frontMatter.subtitle : typesetPunctuationOf(frontMatter.subtitle, lang),
    authors,
    lang,
    dir: directionOf(lang),
    date: frontMatter.date,
    updated: frontMatter.updated,
    description: frontMatter.description,
    publisher: frontMatter.publisher,
    rights: frontMatter.rights,
    subjects: [...(frontMatter.subjects ?? []), ...(frontMatter.tags ?? [])],
    id: frontMatter.id,
    cover,
    toc: frontMatter.toc ?? false,
    pageSize: frontMatter.pageSize
  }
  const dated = meta.updated ?? meta.date
  const slug = frontMatter.slug ?? slugOfFile(file)
  return {
    file,
    slug,
    path: options.output ?? slug,
    links,
    meta,
    tree,
    headings: collectHeadings(tree),
    assets,
    timestamp: dated ? Math.floor(parseDate(dated).getTime() / 1000) : options.sourceDateEpoch
  }
}

/** Whether remark-math (or a ```math fence) left code marked `language-math` in the tree. */
function hasMathCode(tree: HastRoot): boolean {
  let found = false
  visit(tree, 'element', (node) => {
    const classes = node.properties.className
    if (node.tagName === 'code' && Array.isArray(classes) && classes.includes('language-math')) found = true
  })
  return found
}

/** Where a top-level front matter field's value starts, for messages about it. */
function fieldPosition(yaml: Yaml | undefined, field: string): Position | undefined {
  const start = yaml?.position?.start
  if (!start || !yaml) return undefined
  const lines = yaml.value.split('\n')
  const index = lines.findIndex((line) => line.startsWith(`${field}:`))
  if (index === -1) return yaml.position
  const column = lines[index]!.length - lines[index]!.slice(field.length + 1).trimStart().length + 1
  const point = { line: start.line + 1 + index, column }
  return { start: point, end: point }
}

/**
 * Without a front matter title, a leading `# Heading` is the title and leaves the body. Leading here
 * means that only images and HTML come before it (a README's logo and row of badges, which stay at
 * the top of the body): no words. A raw HTML `<h1>` so placed (`<h1 align="center">Name</h1>`, often
 * after a centred logo in the same block) counts as such a heading.
 */
function liftTitle(mdast: MdastRoot, same?: string): string | undefined {
  const matches = (title: string | undefined) => same === undefined || (title !== undefined && comparable(title) === comparable(same))
  for (let index = 0; index < mdast.children.length; index += 1) {
    const node = mdast.children[index] as MdastRoot['children'][number]
    if (node.type === 'yaml') continue
    if (node.type === 'html') {
      const title = liftHtmlTitle(node, matches)
      if (title !== undefined) {
        if (node.value.trim() === '') mdast.children.splice(index, 1)
        return title
      }
    }
    if (wordless(node)) continue
    if (node.type !== 'heading' || node.depth !== 1 || !matches(titleText(node))) return undefined
    mdast.children.splice(index, 1)
    return titleText(node)
  }
  return undefined
}

/** A title as compared with another: case, spaces and typographic variants of punctuation aside. */
function comparable(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
}

const RAW_H1 = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i

/** The title a raw `<h1>` with no words before it in `node` gives (its words, else its images' alt
 * text); the element is then taken out of the block. */
function liftHtmlTitle(node: Html, matches: (title: string) => boolean = () => true): string | undefined {
  const match = RAW_H1.exec(node.value)
  if (!match || !wordlessHtml(node.value.slice(0, match.index))) return undefined
  const inner = match[1] ?? ''
  const words = decodeAttribute(htmlText(inner)).replace(/\s+/g, ' ').trim()
  const title = words || altsOf(inner).join(' ').replace(/\s+/g, ' ').trim()
  if (title === '' || !matches(title)) return undefined
  node.value = node.value.slice(0, match.index) + node.value.slice(match.index + match[0].length)
  return title
}

/** The text of raw HTML: comments left out, each tag a space. */
function htmlText(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' ')
}

/** HTML with no words: tags, comments and spaces only. */
function wordlessHtml(html: string): boolean {
  return (
    htmlText(html)
      .replace(/&nbsp;|&#160;/g, ' ')
      .trim() === ''
  )
}

/** A paragraph or HTML block with no words: images, links of images, tags, spaces (`&nbsp;`). */
function wordless(node: MdastRoot['children'][number]): boolean {
  if (node.type === 'html') return wordlessHtml(node.value)
  if (node.type !== 'paragraph') return false
  return wordsOf(node) === ''
}

/** The words of a node: its text without images' alt text or HTML tags, spaces collapsed. */
function wordsOf(node: MdastRoot['children'][number]): string {
  return mdastToString(node, { includeImageAlt: false, includeHtml: false }).replace(/\s+/g, ' ').trim()
}

/**
 * The title a heading gives: its words, without its images and HTML tags (the badges beside a
 * README's name, `<sup>` around one); only a heading that is nothing but images (a logo) gives their
 * alt text.
 */
function titleText(heading: Heading): string | undefined {
  const words = wordsOf(heading)
  if (words !== '') return words
  const alts: string[] = []
  visit(heading, (node) => {
    if ((node.type === 'image' || node.type === 'imageReference') && node.alt) alts.push(node.alt)
    if (node.type === 'html') alts.push(...altsOf(node.value))
  })
  return alts.join(' ').replace(/\s+/g, ' ').trim() || undefined
}

const IMG_ALT = /<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/gi

/** The alt texts of the `<img>` elements in raw HTML. */
function altsOf(html: string): string[] {
  return [...html.matchAll(IMG_ALT)].map((match) => decodeAttribute(match[1] ?? match[2] ?? ''))
}

/** The character references a README's logo alt text or heading holds: the five of XML and numeric ones. */
function decodeAttribute(value: string): string {
  return value.replace(
    /&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d+)|#x([\da-f]+));/gi,
    (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name)
        return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[name.toLowerCase()] ?? whole
      const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
  )
}

/** The article's name and default slug from its path (see names.ts). */
const nameOfFile = (file: VFile) => nameOf(path.resolve(file.cwd, file.path))
const slugOfFile = (file: VFile) => slugOf(path.resolve(file.cwd, file.path))

function emptyArticle(file: VFile, options: ParseOptions): Article {
  const lang = options.lang
  return {
    file,
    slug: slugOfFile(file),
    path: options.output ?? slugOfFile(file),
    links: {},
    meta: { title: slugOfFile(file), authors: [], lang, dir: directionOf(lang), subjects: [], toc: false },
    tree: { type: 'root', children: [] },
    headings: [],
    assets: new Map(),
    timestamp: options.sourceDateEpoch
  }
}
