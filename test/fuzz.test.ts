import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'

// Property tests: whatever lands in content/, a build answers without throwing, within a time bound,
// and what it writes stays valid. FUZZ_RUNS raises the count (`npm run fuzz`); CI runs a bounded set.
// Each property runs twice: with fixed seeds (always the same cases) and with FUZZ_SEED, or a random
// seed printed below, so that a failure can be replayed with `FUZZ_SEED=<seed> npx vitest run test/fuzz.test.ts`.
const runs = Number(process.env.FUZZ_RUNS ?? 12)
const randomSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 0x7fffffff)
console.log(`fuzz: FUZZ_SEED=${randomSeed} (runs=${runs})`)
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-fuzz-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

// Markdown made of the pieces that interact: block markers, inline markers, HTML, entities, scripts.
// Local images name files that do not exist: a stand-in and a warning, never a lost article.
const pieces = [
  '# ',
  '## ',
  '###### ',
  '> ',
  '- ',
  '1. ',
  '- [ ] ',
  '- [x] ',
  '    ',
  '\t',
  '```',
  '```js\n',
  '~~~',
  '---',
  '***',
  '\n',
  '\n\n',
  '|',
  '| --- |',
  ':-:',
  '*',
  '**',
  '_',
  '~~',
  '`',
  '[',
  ']',
  '(',
  ')',
  '](',
  '<',
  '>',
  '[^1]',
  '[^1]: ',
  'https://example.org/a_b',
  '<https://x.y>',
  '&amp;',
  '&#0;',
  '&bogus;',
  '<div>',
  '</div>',
  '<script>x</script>',
  '<a href="javascript:x">',
  '<img src=https://x.y/i.png onerror=y>',
  '![a](https://example.org/i.png)',
  '![',
  '<img src=x onerror=y>',
  '<details>',
  '<kbd>',
  '\\',
  '  \n',
  'word',
  'Ωμέγα',
  'Привет',
  '漢字',
  'مرحبا',
  '😀',
  '\u200b',
  '\u00ad',
  '\u202e',
  ' '
]
const markdown = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((tokens) => tokens.join(''))
// Each field is valid three times in four, so that a good share of the cases build (and reach the renderers).
const often = (valid: fc.Arbitrary<unknown>, ...others: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: fc.oneof(...others), weight: 1 })
const frontMatter = fc.record(
  {
    title: often(fc.constant('Fuzz'), fc.string(), fc.integer(), fc.constant(null)),
    author: often(fc.constantFrom('F', ['F', 'G']), fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.boolean()),
    date: often(fc.constant('2024-02-29'), fc.constant('2023-02-29'), fc.string()),
    lang: often(fc.constantFrom('en', 'de-DE', 'ar'), fc.constant('x'), fc.string()),
    toc: often(fc.boolean(), fc.string()),
    slug: often(fc.constant('ok'), fc.constantFrom('../up', 'a/b', ''), fc.string())
  },
  { requiredKeys: [] }
)

// The fatal messages an input may legitimately earn (src/common/validate.ts, src/article/passes/text.ts,
// src/article/passes/table-model.ts, src/article/passes/images.ts, src/build/index.ts). Never `internal` (a crash
// turned into a message) nor `render-*` (a renderer that threw).
const LEGITIMATE_FATAL = [
  'front-matter-yaml',
  'front-matter-type',
  'front-matter-field',
  'encoding',
  'empty',
  'limit-article-size',
  'limit-table-size'
]

let counter = 0
/** Build one article; `mayFail` lists the fatal rule ids it may fail with (none: it must build). */
async function buildOne(content: string | Uint8Array, mayFail: string[] = []): Promise<void> {
  const folder = path.join(workspace, `case-${counter++}`)
  mkdirSync(path.join(folder, 'content'), { recursive: true })
  writeFileSync(path.join(folder, 'content', 'fuzz.md'), content)
  const started = Date.now()
  const result = await build({ cwd: folder, jobs: 1, cache: false })
  // A bound generous enough for a loaded CI machine, tight enough to catch a runaway.
  expect(Date.now() - started).toBeLessThan(20_000)
  const outputs = readdirSync(path.join(folder, 'out'))
  expect(outputs.filter((name) => name.endsWith('.tmp') || !/^[a-z0-9._-]+$/.test(name))).toEqual([])
  expect(result.articles).toHaveLength(1)
  for (const article of result.articles) {
    const fatal = article.file.messages.filter((message) => message.fatal === true)
    const unexpected = fatal
      .filter((message) => !mayFail.includes(message.ruleId ?? ''))
      .map((message) => `${message.ruleId}: ${message.reason}`)
    expect(unexpected.join('\n'), mayFail.length === 0 ? 'the article must build' : 'fatal messages outside the legitimate list').toBe('')
    if (article.failed) {
      expect(fatal.length, 'a failed article says why').toBeGreaterThan(0)
      expect(article.outputs).toEqual([])
      continue
    }
    expect(article.outputs.map((output) => output.format)).toEqual(['html', 'pdf', 'epub'])
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

describe.each([
  { run: 'fixed seeds', seeds: [42, 7, 3] },
  { run: `FUZZ_SEED=${randomSeed}`, seeds: [randomSeed, randomSeed + 1, randomSeed + 2] }
])('fuzzing ($run)', ({ seeds: [body, front, bytes] }) => {
  it('builds random Markdown under valid front matter: html, pdf and epub, in bounded time, valid', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => buildOne(`---\ntitle: Fuzz\nauthor: F\n---\n\n${text}\n`)),
      { numRuns: runs, seed: body }
    )
  }, 600_000)

  it('answers random front matter with a build or a legitimate fatal message, never an exception', async () => {
    const { stringify } = await import('yaml')
    await fc.assert(
      fc.asyncProperty(frontMatter, markdown, async (fields, text) =>
        buildOne(`---\n${stringify(fields)}---\n\n${text}\n`, LEGITIMATE_FATAL)
      ),
      { numRuns: runs, seed: front }
    )
  }, 600_000)

  it('answers random bytes with a build or a legitimate fatal message, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (data) => buildOne(data, LEGITIMATE_FATAL)),
      { numRuns: runs, seed: bytes }
    )
  }, 600_000)
})
