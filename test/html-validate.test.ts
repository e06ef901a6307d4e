import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'
import { projectRoot, snapshotArticles } from './helpers/articles.js'
import { copyReadmes } from './helpers/readmes.js'
import { assertTool, tool, launchChromium } from './helpers/tools.js'

const require = createRequire(import.meta.url)
const out = mkdtempSync(path.join(tmpdir(), 'quire-html-'))
const readmeOut = path.join(out, 'readmes')
let pages: string[] = []
let readmePages: string[] = []

beforeAll(async () => {
  // Every article and fixture, plus the index page, built as a user would (with the EPUB, so that each
  // page links its download).
  const result = await build({
    cwd: projectRoot,
    inputs: [...snapshotArticles(), 'test/fixtures-scripts'],
    out,
    formats: ['html', 'epub'],
    baseUrl: 'https://example.org/articles'
  })
  expect(result.articles.filter((article) => article.failed).map((article) => article.source)).toEqual([])
  pages = readdirSync(out)
    .filter((name) => name.endsWith('.html'))
    .sort()
  // And a sample of real READMEs; the few that refer to images missing from their npm package fail, as they should.
  const readmes = copyReadmes(path.join(out, 'readme-src'))
  const built = await build({ cwd: out, inputs: ['readme-src'], out: readmeOut, formats: ['html'] })
  expect(built.articles.filter((article) => !article.failed).length).toBeGreaterThan(readmes.length * 0.9)
  readmePages = readdirSync(readmeOut)
    .filter((name) => name.endsWith('.html'))
    .sort()
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

it('passes the Nu HTML Checker with no errors or warnings (all pages in one JVM)', () => {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
  const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--also-check-css', ...pages.map((name) => path.join(out, name))], {
    encoding: 'utf8'
  })
  const messages = (
    JSON.parse(run.stderr) as { messages: { type: string; subType?: string; url: string; lastLine?: number; message: string }[] }
  ).messages
  expect(pages.length).toBeGreaterThan(1)
  expect(
    messages.map((message) => `${path.basename(message.url)}:${message.lastLine} ${message.subType ?? message.type} ${message.message}`)
  ).toEqual([])
})

it('passes the Nu HTML Checker with no errors on a sample of real READMEs', () => {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
  const run = spawnSync(
    'java',
    ['-jar', jar, '--format', 'json', '--errors-only', ...readmePages.map((name) => path.join(readmeOut, name))],
    { encoding: 'utf8' }
  )
  const messages = (JSON.parse(run.stderr) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages
  expect(readmePages.length).toBeGreaterThan(30)
  expect(messages.map((message) => `${path.basename(message.url)}:${message.lastLine} ${message.type} ${message.message}`)).toEqual([])
})

const chromium = tool('chromium', 'chromium')

type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] }

describe.skipIf(chromium.skip)('in headless Chromium', () => {
  it('has no axe-core violations: every page in light and dark colour schemes, and the README sample', async () => {
    assertTool(chromium)
    const axeSource = (await import('axe-core')).default.source
    const browser = await launchChromium()
    try {
      const jobs = [
        ...pages.flatMap((name) =>
          (['light', 'dark'] as const).map((colorScheme) => ({
            file: path.join(out, name),
            label: `${name} (${colorScheme})`,
            colorScheme
          }))
        ),
        ...readmePages.map((name) => ({ file: path.join(readmeOut, name), label: `readmes/${name}`, colorScheme: 'light' as const }))
      ]
      const violations: string[] = []
      // Two pages at a time: the machine has two cores.
      const contexts = await Promise.all((['light', 'dark'] as const).map((colorScheme) => browser.newContext({ colorScheme })))
      const lanes = [0, 1].map(async (lane) => {
        const page = await contexts[lane]!.newPage()
        for (const job of jobs.filter((_, index) => index % 2 === lane)) {
          await page.emulateMedia({ colorScheme: job.colorScheme })
          await page.goto(pathToFileURL(job.file).href)
          await page.addScriptTag({ content: axeSource })
          const result = (await page.evaluate(() =>
            (globalThis as unknown as { axe: { run: (options: object) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] })
          )) as AxeResult
          for (const violation of result.violations)
            violations.push(`${job.label}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
        }
        await page.close()
      })
      await Promise.all(lanes)

      // A picture of the seed article for a person to look at: out/screenshots/ (git-ignored).
      mkdirSync(path.join(projectRoot, 'out/screenshots'), { recursive: true })
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ colorScheme })
        await page.goto(pathToFileURL(path.join(out, 'leg-cramps-progesterone-deficiency.html')).href)
        await page.screenshot({ path: path.join(projectRoot, `out/screenshots/seed-${colorScheme}.png`), fullPage: true })
        await page.close()
      }
      expect(violations.sort()).toEqual([])
    } finally {
      await browser.close()
    }
  }, 600_000)
})
