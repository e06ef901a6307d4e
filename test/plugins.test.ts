import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import rehypeExternalLinks from 'rehype-external-links'
import remarkSmartypants from 'remark-smartypants'
import { afterAll, describe, expect, it } from 'vitest'
import { build, parseArticle, renderHtml, resolveOptions } from '../src/index.js'
import { projectRoot } from './helpers/articles.js'
import { digestEpub } from './helpers/epub-digest.js'
import { digestPdf } from './helpers/pdf-digest.js'

// A user's remark and rehype plugins, named in the config (two real ones from npm and one of the
// project's own) or passed to the library as functions, in all three formats.
const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-plugins-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const article = (title: string, extra = '') =>
  `---\ntitle: ${title}\nauthor: A. Writer\n---\n\nShe said "hello" and left... TODO\n\nRead [the site](https://example.org/page).\n${extra}`

// Warns at a TODO, at its place; throws on BOOM.
const SHOUT = `import { visit } from 'unist-util-visit'
export default function shout(options = {}) {
  const word = options.word ?? 'TODO'
  return (tree, file) => {
    visit(tree, 'text', (node) => {
      if (node.value.includes('BOOM')) throw new Error('cannot take a BOOM')
      if (node.value.includes(word)) file.message('Unfinished: ' + word, node)
    })
  }
}
`

const externalLinks = { target: '_blank', rel: ['noopener'], content: { type: 'text', value: ' (external)' } }

/** A project whose node_modules is this checkout's (where the plugins are installed), with `count` articles. */
function project(name: string, plugins: unknown, count = 4): string {
  const folder = path.join(workspace, name)
  mkdirSync(path.join(folder, 'content'), { recursive: true })
  mkdirSync(path.join(folder, 'config/plugins'), { recursive: true })
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(folder, 'node_modules'))
  writeFileSync(path.join(folder, 'config/plugins/shout.mjs'), SHOUT)
  // Quire's own typography off: the curly quotes and the ellipsis come from remark-smartypants alone.
  writeFileSync(path.join(folder, 'config/quire.config.json'), JSON.stringify({ typography: false, plugins }, null, 2) + '\n')
  for (let i = 1; i <= count; i++) writeFileSync(path.join(folder, `content/a${i}.md`), article(`Article ${i}`))
  return folder
}

function quire(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [cli, ...args, '--config', 'config/quire.config.json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' }
  })
  return { status: run.status, stderr: run.stderr, stdout: run.stdout }
}

const plugins = {
  // The path is relative to the config file, not to where quire runs.
  remark: ['remark-smartypants', ['./plugins/shout.mjs', { word: 'TODO' }]],
  rehypeAfterSanitize: [['rehype-external-links', externalLinks]]
}

describe('plugins named in the config', () => {
  it('change every format, in worker threads: curly quotes, and external links marked and opening apart', async () => {
    const folder = project('formats', plugins)
    const run = quire(['build', '--jobs', '2'], folder)
    expect(run.status, run.stderr).toBe(0)

    const html = readFileSync(path.join(folder, 'out/a1.html'), 'utf8')
    expect(html).toContain('She said “hello” and left…')
    expect(html).toContain('<a href="https://example.org/page" rel="noopener" target="_blank">the site<span> (external)</span></a>')

    const epub = await digestEpub(readFileSync(path.join(folder, 'out/a4.epub')))
    const chapter = Object.entries(epub.texts).find(([name]) => name.endsWith('.xhtml') && epub.texts[name]!.includes('She said'))![1]
    expect(chapter).toContain('She said “hello” and left…')
    expect(chapter).toContain('the site<span> (external)</span></a>')

    const pdf = await digestPdf(readFileSync(path.join(folder, 'out/a2.pdf')))
    const text = pdf.pageList.map((page) => page.text).join('\n')
    expect(text).toContain('She said “hello” and left…')
    expect(text).toContain('the site (external)')
  })

  it("report a plugin's messages at their place in the article, named by the plugin", () => {
    const folder = project('messages', plugins, 1)
    const run = quire(['check'], folder)
    expect(run.stderr).toContain('content/a1.md:6:1  warning  Unfinished: TODO  (./plugins/shout.mjs)\n')
    expect(run.status).toBe(0)
  })

  it('fail only the article a plugin throws on, with the plugin named', () => {
    const folder = project('throws', plugins)
    writeFileSync(path.join(folder, 'content/boom.md'), article('Boom', '\nBOOM\n'))
    const run = quire(['build', '--jobs', '2', '--format', 'html'], folder)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('content/boom.md  error  Plugin `./plugins/shout.mjs` failed: cannot take a BOOM  (plugin)\n')
    expect(run.stderr).toMatch(/^5 articles \(1 failed\), 4 files in out/m)
  })

  it('run before the sanitiser unless the user puts them after it', () => {
    const before = project('before', { rehype: [['rehype-external-links', externalLinks]] }, 1)
    expect(quire(['build', '--format', 'html'], before).status).toBe(0)
    // GitHub's sanitising rules keep the text a plugin adds, not a target attribute.
    expect(readFileSync(path.join(before, 'out/a1.html'), 'utf8')).toContain(
      '<a href="https://example.org/page">the site<span> (external)</span></a>'
    )
  })

  it('are part of the cache key: an edited plugin rebuilds, an unchanged one does not', () => {
    const folder = project('cache', plugins, 2)
    expect(quire(['build', '--format', 'html'], folder).status).toBe(0)
    expect(quire(['build', '--format', 'html'], folder).stderr).toMatch(/^2 articles \(0 failed, 2 unchanged\)/m)
    writeFileSync(path.join(folder, 'config/plugins/shout.mjs'), SHOUT.replace("'Unfinished: '", "'Still to do: '"))
    const rebuilt = quire(['build', '--format', 'html'], folder)
    expect(rebuilt.stderr).toMatch(/^2 articles \(0 failed\)/m)
    expect(rebuilt.stderr).toContain('Still to do: TODO')
  })

  it('that cannot be found are a config error at their place, exit code 2', () => {
    const folder = project('missing', { remark: ['remark-smartypants', 'remark-nowhere'] }, 1)
    const run = quire(['build'], folder)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(
      /^config\/quire\.config\.json:6:7 {2}error {2}Cannot find plugin `remark-nowhere`: .* {2}\(config-plugin\)$/m
    )
  })
})

describe('plugins in the library API', () => {
  it('are functions, with their options', async () => {
    const folder = path.join(workspace, 'api')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'a.md'), article('API'))
    const result = await build({
      cwd: folder,
      inputs: ['a.md'],
      formats: ['html'],
      cache: false,
      typography: false,
      plugins: { remark: [remarkSmartypants], rehypeAfterSanitize: [[rehypeExternalLinks, { rel: ['nofollow'] }]] }
    })
    expect(result.failed).toBe(false)
    const html = readFileSync(path.join(folder, 'out/a.html'), 'utf8')
    expect(html).toContain('She said “hello”')
    expect(html).toContain('<a href="https://example.org/page" rel="nofollow">')

    const options = resolveOptions({ cwd: folder, typography: false, plugins: { remark: [remarkSmartypants] } })
    const parsed = await parseArticle('a.md', options)
    expect(renderHtml(parsed, options).toString('utf8')).toContain('left…')
  })
})
