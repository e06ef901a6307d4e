import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../src/build/index.js'
import { projectRoot, snapshotArticles } from './helpers/articles.js'
import { assertTool, tool } from './helpers/tools.js'

// Ace by DAISY, the checker publishers and libraries run on EPUBs, driven through Debian's Chromium
// (its puppeteer never downloads a browser: the install script is denied in package.json).
const require = createRequire(import.meta.url)
const ace = path.join(path.dirname(require.resolve('@daisy/ace-cli/package.json')), 'bin/ace.js')
const chromium = tool('chromium', 'chromium')
const out = mkdtempSync(path.join(tmpdir(), 'quire-ace-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

function runAce(epub: string): Promise<{ outcome: string; violations: string[] }> {
  const report = path.join(out, 'reports', path.basename(epub, '.epub'))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ace, '--silent', '--force', '--outdir', report, epub], {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' },
      stdio: 'ignore'
    })
    child.on('error', reject)
    child.on('exit', () => {
      try {
        const json = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')) as {
          'earl:result': { 'earl:outcome': string }
          assertions: {
            'earl:testSubject': { url: string }
            assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'earl:outcome': string } }[]
          }[]
        }
        const violations = json.assertions.flatMap((document) =>
          document.assertions
            .filter((entry) => entry['earl:result']['earl:outcome'] === 'fail')
            .map(
              (entry) =>
                `${path.basename(epub)} ${document['earl:testSubject'].url}: ${entry['earl:test']['dct:title']} (${entry['earl:test']['earl:impact']})`
            )
        )
        resolve({ outcome: json['earl:result']['earl:outcome'], violations })
      } catch (error) {
        reject(error)
      }
    })
  })
}

describe.skipIf(chromium.skip)('Ace by DAISY', () => {
  it('finds no violation in any EPUB built from content/, the fixtures and the script fixtures', async () => {
    assertTool(chromium)
    const result = await build({
      cwd: projectRoot,
      inputs: [...snapshotArticles(), 'test/fixtures-scripts'],
      out,
      formats: ['epub'],
      cache: false,
      jobs: 1
    })
    expect(result.failed).toBe(false)
    const books = readdirSync(out)
      .filter((name) => name.endsWith('.epub'))
      .sort()
    expect(books.length).toBeGreaterThan(15)
    const violations: string[] = []
    const outcomes: string[] = []
    // Two at a time: the machine has two cores.
    for (let index = 0; index < books.length; index += 2) {
      const pair = await Promise.all(books.slice(index, index + 2).map((book) => runAce(path.join(out, book))))
      for (const [offset, report] of pair.entries()) {
        outcomes.push(`${books[index + offset]} ${report.outcome}`)
        violations.push(...report.violations)
      }
    }
    expect(violations).toEqual([])
    expect(outcomes).toEqual(books.map((book) => `${book} pass`))
  }, 900_000)
})
