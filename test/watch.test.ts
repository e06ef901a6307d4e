import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'
import { assertTool, launchChromium, tool } from './helpers/tools.js'

// quire watch and quire serve as a writer runs them: save, delete, add, and look at the page.
const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-watch-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const article = (title: string, text = 'Some text.') => `---\ntitle: ${title}\nauthor: W\n---\n\n${text}\n`

function project(name: string, count = 2): string {
  const folder = path.join(workspace, name)
  mkdirSync(path.join(folder, 'content'), { recursive: true })
  for (let i = 1; i <= count; i++) writeFileSync(path.join(folder, `content/article-0${i}.md`), article(`Article ${i}`))
  return folder
}

/** A running `quire <args>`: what it printed so far, and a wait for a condition (bounded, so a hang fails). */
function start(args: string[], cwd: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, CI: 'true' } })
  let log = ''
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const until = async (test: () => boolean, what: string) => {
    for (let waited = 0; !test(); waited += 50) {
      if (waited > 60_000) throw new Error(`quire ${args[0]} did not get to ${what}; it printed:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const read = (file: string) => (existsSync(path.join(cwd, file)) ? readFileSync(path.join(cwd, file), 'utf8') : '')
  return { child, until, read, log: () => log, stop: () => child.kill('SIGINT') }
}

describe('quire watch', () => {
  it('builds, then rebuilds an article when it is saved, the others from the cache', async () => {
    const folder = project('save')
    const watch = start(['watch', '--format', 'html'], folder)
    try {
      await watch.until(() => watch.log().includes('watching content'), 'watching')
      expect(watch.read('out/article-01.html')).toContain('Article 1')
      writeFileSync(path.join(folder, 'content/article-01.md'), article('Renamed on save'))
      await watch.until(() => watch.read('out/article-01.html').includes('Renamed on save'), 'the saved title')
      await watch.until(() => /2 articles \(0 failed, 1 unchanged\)/.test(watch.log()), 'a build with one article unchanged')
    } finally {
      watch.stop()
    }
  }, 120_000)

  it("follows an editor's atomic saves of the article it was given: a temporary file renamed over it, twice", async () => {
    const folder = project('atomic')
    const watch = start(['watch', 'content/article-02.md', '--format', 'html'], folder)
    try {
      await watch.until(() => watch.log().includes('watching'), 'watching')
      for (const title of ['First save', 'Second save']) {
        const temporary = path.join(folder, 'content/.article-02.md.swp')
        writeFileSync(temporary, article(title))
        renameSync(temporary, path.join(folder, 'content/article-02.md'))
        await watch.until(() => watch.read('out/article-02.html').includes(title), `the page titled ${title}`)
      }
    } finally {
      watch.stop()
    }
  }, 120_000)

  it("removes a deleted article's files and its entries, and builds it again when it comes back", async () => {
    const folder = project('delete')
    // Inputs from the config, which names them relative to itself: shown relative to where quire runs.
    writeFileSync(path.join(folder, 'quire.config.json'), JSON.stringify({ inputs: ['content'] }))
    const watch = start(['watch', '--format', 'html,epub'], folder)
    try {
      await watch.until(() => watch.log().includes('watching'), 'watching')
      expect(watch.log()).toContain('\nwatching content\n')
      expect(existsSync(path.join(folder, 'out/article-02.epub'))).toBe(true)
      rmSync(path.join(folder, 'content/article-02.md'))
      await watch.until(() => !existsSync(path.join(folder, 'out/article-02.html')), 'the deleted article’s page gone')
      await watch.until(() => !watch.read('out/index.html').includes('article-02'), 'the index without it')
      expect(existsSync(path.join(folder, 'out/article-02.epub'))).toBe(false)
      expect(watch.read('out/manifest.json')).not.toContain('article-02')
      writeFileSync(path.join(folder, 'content/article-02.md'), article('Back again'))
      await watch.until(() => watch.read('out/article-02.html').includes('Back again'), 'the article back')
      await watch.until(() => existsSync(path.join(folder, 'out/article-02.epub')), 'its EPUB back')
    } finally {
      watch.stop()
    }
  }, 120_000)

  it('reports a missing input as a message, not a stack, and builds it once it exists', async () => {
    const folder = project('missing', 0)
    const watch = start(['watch', 'content/later.md', '--format', 'html'], folder)
    try {
      await watch.until(() => watch.log().includes('watching'), 'watching')
      expect(watch.log()).toContain('content/later.md  error  Cannot find input: no such file or folder  (input)')
      expect(watch.log()).not.toMatch(/ENOENT|\n\s+at /)
      writeFileSync(path.join(folder, 'content/later.md'), article('Written later'))
      await watch.until(() => watch.read('out/later.html').includes('Written later'), 'the article once written')
    } finally {
      watch.stop()
    }
  }, 120_000)
})

const chromium = tool('chromium', 'chromium')

describe.skipIf(chromium.skip)('quire serve', () => {
  it('serves the output folder on localhost, and the open page shows an edit without being reloaded by hand', async () => {
    assertTool(chromium)
    const folder = project('serve', 1)
    const server = start(['serve', '--format', 'html', '--port', '0'], folder)
    const browser = await launchChromium()
    try {
      await server.until(() => /serving http:\/\/127\.0\.0\.1:\d+\//.test(server.log()), 'serving')
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(server.log())![1]!
      const page = await browser.newPage()
      await page.goto(`${url}article-01.html`)
      expect(await page.locator('h1').textContent()).toBe('Article 1')
      writeFileSync(path.join(folder, 'content/article-01.md'), article('Edited while open', 'A new paragraph.'))
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Edited while open', undefined, { timeout: 60_000 })
      expect(await page.locator('main p').last().textContent()).toBe('A new paragraph.')
      // The file on disk has no reload script: only what the server sends does.
      expect(server.read('out/article-01.html')).not.toContain('EventSource')
      await page.close()
    } finally {
      await browser.close()
      server.stop()
    }
  }, 180_000)
})
