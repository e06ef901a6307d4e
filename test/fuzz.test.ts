import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../src/build.js'

// Property tests: whatever lands in content/, a build answers without throwing, within a time bound,
// and what it writes stays valid. FUZZ_RUNS raises the count (`npm run fuzz`); CI runs a bounded set.
const runs = Number(process.env.FUZZ_RUNS ?? 12)
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-fuzz-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

// Markdown made of the pieces that interact: block markers, inline markers, HTML, entities, scripts.
const token = fc.constantFrom(
  '# ', '## ', '###### ', '> ', '- ', '1. ', '- [ ] ', '- [x] ', '    ', '\t', '```', '```js\n', '~~~', '---', '***', '\n', '\n\n', '|', '| --- |', ':-:',
  '*', '**', '_', '~~', '`', '[', ']', '(', ')', '![', '](', '<', '>', '[^1]', '[^1]: ', 'https://example.org/a_b', '<https://x.y>', '&amp;', '&#0;', '&bogus;',
  '<div>', '</div>', '<script>x</script>', '<a href="javascript:x">', '<img src=x onerror=y>', '<details>', '<kbd>', '\\', '  \n',
  'word', 'Ωμέγα', 'Привет', '漢字', 'مرحبا', '😀', '\u200b', '\u00ad', '\u202e', ' '
)
const markdown = fc.array(token, { maxLength: 120 }).map((tokens) => tokens.join(''))
const frontMatter = fc.record(
  {
    title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    author: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.boolean()),
    date: fc.oneof(fc.constant('2024-02-29'), fc.constant('2023-02-29'), fc.string()),
    lang: fc.oneof(fc.constantFrom('en', 'de-DE', 'ar', 'x'), fc.string()),
    toc: fc.oneof(fc.boolean(), fc.string()),
    slug: fc.oneof(fc.constantFrom('ok', '../up', 'a/b', ''), fc.string())
  },
  { requiredKeys: [] }
)

let counter = 0
async function buildOne(content: string | Uint8Array): Promise<void> {
  const folder = path.join(workspace, `case-${counter++}`)
  mkdirSync(path.join(folder, 'content'), { recursive: true })
  writeFileSync(path.join(folder, 'content', 'fuzz.md'), content)
  const started = Date.now()
  const result = await build({ cwd: folder, jobs: 1, cache: false })
  // A bound generous enough for a loaded CI machine, tight enough to catch a runaway.
  expect(Date.now() - started).toBeLessThan(20_000)
  const outputs = readdirSync(path.join(folder, 'out'))
  expect(outputs.filter((name) => name.endsWith('.tmp') || !/^[a-z0-9._-]+$/.test(name))).toEqual([])
  for (const article of result.articles) {
    if (article.failed) {
      expect(article.file.messages.some((message) => message.fatal === true)).toBe(true)
      continue
    }
    for (const output of article.outputs) {
      expect(path.dirname(output.path)).toBe(path.join(folder, 'out'))
      const data = readFileSync(output.path)
      if (output.format === 'html') expect(data.toString('utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/)
      if (output.format === 'pdf') expect(data.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true)
      if (output.format === 'epub') expect(data.subarray(30, 58).toString()).toBe('mimetypeapplication/epub+zip')
    }
  }
  rmSync(folder, { recursive: true, force: true })
}

describe('fuzzing', () => {
  it('builds random Markdown without throwing, in bounded time, writing valid files', async () => {
    await fc.assert(fc.asyncProperty(markdown, async (body) => buildOne(`---\ntitle: Fuzz\nauthor: F\n---\n\n${body}\n`)), { numRuns: runs, seed: 42 })
  }, 600_000)

  it('answers random front matter with messages, never an exception', async () => {
    const { stringify } = await import('yaml')
    await fc.assert(fc.asyncProperty(frontMatter, markdown, async (fields, body) => buildOne(`---\n${stringify(fields)}---\n\n${body}\n`)), { numRuns: runs, seed: 7 })
  }, 600_000)

  it('answers random bytes with messages, never an exception', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => buildOne(bytes)), { numRuns: runs, seed: 3 })
  }, 600_000)
})
