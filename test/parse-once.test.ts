import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { projectRoot } from './helpers/articles.js'

const parsed = vi.hoisted(() => [] as string[])

// Wrap the real remark-parse so every Markdown parse in the process is counted.
vi.mock('remark-parse', async (importOriginal) => {
  const real = (await importOriginal()) as { default: (this: { parser: (document: string) => unknown }, ...args: unknown[]) => void }
  return {
    default: function counted(this: { parser: (document: string) => unknown }, ...args: unknown[]) {
      real.default.apply(this, args)
      const parser = this.parser
      this.parser = (document: string) => {
        parsed.push(document)
        return parser(document)
      }
    }
  }
})

const workspace = mkdtempSync(path.join(tmpdir(), 'quire-once-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

it('parses each article exactly once while writing all three formats, and each chapter once more for its book', async () => {
  const { build } = await import('../src/build/index.js')
  cpSync(path.join(projectRoot, 'content'), path.join(workspace, 'content'), { recursive: true })
  const result = await build({ cwd: workspace, inputs: ['content'], out: 'out' })
  expect(result.failed).toBe(false)
  const articles = readdirSync(path.join(workspace, 'content'), { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.md')
  )
  expect(result.articles.map((article) => article.outputs.length)).toEqual(articles.map(() => 3))
  // The book's three formats (and its site's pages) are rendered from one parse of each chapter.
  const chapters = new Set(result.books.flatMap((book) => book.chapters).map((chapter) => path.relative('content', chapter)))
  expect(chapters.size).toBeGreaterThan(0)
  expect(parsed).toHaveLength(articles.length + chapters.size)
  for (const name of articles)
    expect(parsed.filter((document) => readFileSync(path.join(workspace, 'content', name), 'utf8').endsWith(document))).toHaveLength(
      chapters.has(name) ? 2 : 1
    )
})

it('keeps every Markdown parser import in src/article/parse.ts, and no renderer parses HTML', () => {
  const sources = readdirSync(path.join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))
  const importers = sources.filter((name) =>
    /from 'remark-parse'|from 'micromark|from 'mdast-util-from-markdown'/.test(readFileSync(path.join(projectRoot, 'src', name), 'utf8'))
  )
  expect(importers).toEqual([path.join('article', 'parse.ts')])
  const htmlParsers = sources.filter((name) =>
    /from '(rehype-parse|parse5|hast-util-from-html|hast-util-from-parse5)'/.test(readFileSync(path.join(projectRoot, 'src', name), 'utf8'))
  )
  expect(htmlParsers).toEqual([])
})
