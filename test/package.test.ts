import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'

// What `npm pack` makes, installed in a scratch project: its bin and its API, as a user gets them.
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-package-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  name: string
  version: string
  bin: Record<string, string>
  license: string
  repository?: { url: string }
  homepage?: string
  bugs?: { url: string }
  engines: { node: string }
  scripts: Record<string, string>
}

/**
 * The tarball unpacked where npm would put it, beside the packages of its production dependencies
 * (linked from this checkout: the suite runs offline), and its bin linked as npm links it.
 */
function install(): string {
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workspace], {
    cwd: projectRoot,
    encoding: 'utf8'
  })
  expect(packed.status, packed.stderr).toBe(0)
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[]
  const project = path.join(workspace, 'scratch')
  const modules = path.join(project, 'node_modules')
  const target = path.join(modules, manifest.name)
  mkdirSync(target, { recursive: true })
  expect(spawnSync('tar', ['-xzf', path.join(workspace, filename), '-C', target, '--strip-components=1']).status).toBe(0)
  const production = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => path.relative(path.join(projectRoot, 'node_modules'), line))
    .filter((name) => name !== '' && !name.startsWith('..') && !name.includes('node_modules'))
  for (const name of production) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true })
    symlinkSync(path.join(projectRoot, 'node_modules', name), path.join(modules, name))
  }
  mkdirSync(path.join(modules, '.bin'))
  for (const [command, file] of Object.entries(manifest.bin))
    symlinkSync(path.join('..', manifest.name, file), path.join(modules, '.bin', command))
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }))
  mkdirSync(path.join(project, 'content'))
  writeFileSync(path.join(project, 'content/a.md'), '---\ntitle: From the package\nauthor: A. Writer\n---\n\nHello.\n')
  return project
}

describe('the npm package', () => {
  it('names its licence and supported Node lines, and builds only when packed', () => {
    expect(manifest.name).toBe('quire-md')
    expect(manifest.bin).toEqual({ quire: 'dist/bundle/quire.js' })
    expect(readFileSync(path.join(projectRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
    expect(manifest.license).toBe('MIT')
    // No repository, homepage or bugs until the project has a public repository: an address that is
    // not the project's sends readers and bug reports to nowhere, or to someone else.
    expect(manifest.repository).toBeUndefined()
    expect(manifest.homepage).toBeUndefined()
    expect(manifest.bugs).toBeUndefined()
    expect(manifest.engines.node).not.toMatch(/(^|\D)20\./)
    expect(manifest.scripts.prepack).toContain('npm run build')
    expect(manifest.scripts.prepare).toBeUndefined()
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
    expect(readme.split('\n').slice(0, 12).join('\n')).toContain('`quire-md`')
  })

  it('depends on every package its code imports (not one only a dev dependency brings)', () => {
    const manifestDeps = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const imported = new Set<string>()
    for (const name of readdirSync(path.join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue
      const code = readFileSync(path.join(projectRoot, 'src', name), 'utf8')
      const patterns = [
        /^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^'.][^']*)'/gm,
        /^import\s+'([^'.][^']*)'/gm,
        /\bimport\('([^'.][^']*)'\)/g
      ]
      for (const pattern of patterns)
        for (const [, specifier] of code.matchAll(pattern))
          if (!specifier!.startsWith('node:')) imported.add(/^(@[^/]+\/[^/]+|[^/]+)/.exec(specifier!)![1]!)
    }
    expect(imported.size).toBeGreaterThan(30)
    expect([...imported].filter((name) => !(name in manifestDeps.dependencies)).sort()).toEqual([])
  })

  it('installs into a scratch project that uses its bin and its API', () => {
    const project = install()
    const installed = path.join(project, 'node_modules', manifest.name)
    const files = readdirSync(installed).sort()
    expect(files).toEqual(['CONTRIBUTING.md', 'LICENSE', 'README.md', 'dist', 'docs', 'package.json', 'templates'])
    // The README's links reach their files in the package: without a repository, nothing else resolves them.
    const readme = readFileSync(path.join(installed, 'README.md'), 'utf8')
      // Not the examples: fenced blocks, then code spans (of one backtick or more).
      .replace(/^```.*\n[\s\S]*?^```[ \t]*$/gm, '')
      .replace(/(`+)[^\n]*?\1/g, '')
    const links = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((match) => match[1]!).filter((href) => !/^[a-z]+:/.test(href))
    expect(links.length).toBeGreaterThan(20)
    for (const href of links) expect(existsSync(path.join(installed, href)), href).toBe(true)

    const bin = spawnSync(path.join(project, 'node_modules/.bin/quire'), ['build', '-f', 'html,epub', '-q'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' }
    })
    expect(bin.stderr).toBe('')
    expect(bin.status).toBe(0)
    expect(readdirSync(path.join(project, 'out')).sort()).toEqual(['a.epub', 'a.html', 'index.html', 'manifest.json'])
    expect(readFileSync(path.join(project, 'out/a.html'), 'utf8')).toContain('From the package')

    writeFileSync(
      path.join(project, 'use.mjs'),
      [
        "import { parseArticle, renderPdf, resolveOptions } from 'quire-md'",
        'const options = resolveOptions()',
        "const article = await parseArticle('content/a.md', options)",
        'const pdf = await renderPdf(article, options)',
        "process.stdout.write(pdf.subarray(0, 5).toString('latin1') + ' ' + article.meta.title)"
      ].join('\n')
    )
    const api = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' })
    expect(api.stderr).toBe('')
    expect(api.stdout).toBe('%PDF- From the package')
  })
})
