import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatBytes } from '../src/common/bytes.js'
import { projectRoot } from './helpers/articles.js'

// An article's page offers its own PDF and EPUB, as the index page does.
const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-downloads-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function project(name: string): string {
  const folder = path.join(workspace, name)
  mkdirSync(path.join(folder, 'content/docs'), { recursive: true })
  writeFileSync(path.join(folder, 'content/docs/guide.md'), '---\ntitle: Guide\nauthor: A. Writer\nlang: de\n---\n\nText.\n')
  return folder
}

function quire(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } })
  return { status: run.status, stderr: run.stderr }
}

/** The page's download links: [text, href, size] each, with the element they are in. */
function downloads(html: string): { place: string; links: [string, string, string][] } | undefined {
  const match = /<(footer|header)[^>]*>(?:(?!<\/\1>)[\s\S])*?<ul class="downloads" aria-label="([^"]*)">([\s\S]*?)<\/ul>/.exec(html)
  if (!match) return undefined
  const links = [...match[3]!.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a> \(([^)]*)\)/g)].map(
    ([, href, text, size]) => [text, href, size] as [string, string, string]
  )
  return { place: `${match[1]} ${match[2]}`, links }
}

describe("an article's page", () => {
  it('links its own PDF and EPUB after the article, with their sizes, and the links reach the files', () => {
    const folder = project('all')
    expect(quire(['build', '-q'], folder).status).toBe(0)
    const page = path.join(folder, 'out/docs/guide.html')
    const found = downloads(readFileSync(page, 'utf8'))
    expect(found?.place).toBe('footer Herunterladen')
    expect(found?.links.map(([text]) => text)).toEqual(['PDF', 'EPUB'])
    for (const [, href, size] of found!.links) {
      const file = path.resolve(path.dirname(page), decodeURIComponent(href))
      expect(existsSync(file), href).toBe(true)
      expect(size).toBe(formatBytes(readFileSync(file).length))
    }
  })

  it('links only the formats built', () => {
    const folder = project('some')
    expect(quire(['build', '-q', '-f', 'html,pdf'], folder).status).toBe(0)
    expect(
      downloads(readFileSync(path.join(folder, 'out/docs/guide.html'), 'utf8'))?.links.map(([text, href]) => `${text} ${href}`)
    ).toEqual(['PDF guide.pdf'])
    expect(quire(['build', '-q', '-f', 'html', '--out', 'alone'], folder).status).toBe(0)
    expect(readFileSync(path.join(folder, 'alone/docs/guide.html'), 'utf8')).not.toContain('class="downloads"')
  })

  it('puts them in the header, or nowhere, as the templates say; a wrong setting is a positioned error', () => {
    const folder = project('templates')
    mkdirSync(path.join(folder, 'templates/html'), { recursive: true })
    const setting = (value: string) => writeFileSync(path.join(folder, 'templates/html/page.json'), `{\n  "downloads": "${value}"\n}\n`)
    setting('header')
    expect(quire(['build', '-q', '--templates', 'templates'], folder).status).toBe(0)
    const html = readFileSync(path.join(folder, 'out/docs/guide.html'), 'utf8')
    expect(downloads(html)?.place).toBe('header Herunterladen')
    expect(html).toMatch(/<header class="article-header">(?:(?!<\/header>)[\s\S])*<ul class="downloads"/)
    setting('none')
    expect(quire(['build', '-q', '--templates', 'templates'], folder).status).toBe(0)
    expect(readFileSync(path.join(folder, 'out/docs/guide.html'), 'utf8')).not.toContain('class="downloads"')
    setting('sidebar')
    const run = quire(['build', '-q', '--templates', 'templates'], folder)
    expect(run.stderr).toContain(
      'templates/html/page.json:2:16  error  Invalid page settings field `downloads`: expected one of "header", "footer", "none"  (page-settings-field)'
    )
    expect(run.status).toBe(1)
  })
})
