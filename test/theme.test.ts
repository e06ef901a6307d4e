import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { build } from '../src/build/index.js'
import { report } from '../src/cli/report.js'
import { DEFAULT_TEMPLATES, resolveOptions } from '../src/common/options.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { loadTheme, Theme } from '../src/render/pdf/theme.js'
import { DEFAULT_THEME, readTheme } from '../src/render/pdf/theme-file.js'
import { projectRoot, snapshotArticles } from './helpers/articles.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'quire-theme-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const defaults = JSON.parse(readFileSync(DEFAULT_THEME, 'utf8')) as Record<string, unknown>

/** A theme lookup as the renderer makes it: scopes from the specific to the general, then `base`. */
const resolve = (scopes: readonly string[], prop: string): unknown =>
  [...scopes, 'base'].map((scope) => defaults[`${scope}_${prop}`]).find((value) => value !== undefined)

/** Every article of content/, test/fixtures and test/fixtures-scripts. */
const scripts = readdirSync(path.join(projectRoot, 'test/fixtures-scripts'))
  .sort()
  .map((name) => `test/fixtures-scripts/${name}/index.md`)
const articles = [...snapshotArticles(), ...scripts]

/** A scratch folder with these files (text, or a file to copy). */
function project(name: string, files: Record<string, string | { copy: string }>): string {
  const folder = path.join(workspace, name)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true })
    if (typeof content === 'string') writeFileSync(path.join(folder, file), content)
    else copyFileSync(content.copy, path.join(folder, file))
  }
  return folder
}

// ---------------------------------------------------------------------------------------------
// (a) Every key the code reads is in the default theme.

type Method = 'num' | 'str' | 'bool' | 'color' | 'text'
const TYPES: Record<Exclude<Method, 'text'>, string> = { num: 'number', str: 'string', bool: 'boolean', color: 'string' }
/** What `text(scopes)` reads. */
const TEXT: [Method, string][] = [
  ['str', 'font_family'],
  ['str', 'font_style'],
  ['num', 'font_size'],
  ['str', 'font_color'],
  ['num', 'line_height']
]

const heading = [1, 2, 3, 4, 5, 6].map((level) => [`heading_h${level}`, 'heading'])
/**
 * Scopes the code computes: each variable passed as scopes, by file, with every value it takes. A
 * lookup with scopes not written out in the call must be listed here (the runtime check below finds
 * one missed).
 */
const DYNAMIC: Record<string, string[][]> = {
  'src/render/pdf/index.ts scopes': ['a4', 'a5', 'letter', 'legal'].map((size) => [`page_${size}`, 'page']),
  'src/render/pdf/convert/heading.ts scopes': heading,
  'src/render/pdf/convert/heading.ts scopesOf(node)': heading,
  'src/render/pdf/convert/blockquote.ts scopes': [
    ['blockquote'],
    ...['note', 'tip', 'important', 'warning', 'caution'].map((kind) => [`alert_${kind}`, 'alert', 'blockquote'])
  ],
  'src/render/pdf/convert/paragraph.ts scope': [['paragraph'], ['anonymous', 'paragraph'], ['caption']],
  'src/render/pdf/convert/front.ts scope': [['title'], ['subtitle'], ['byline']]
}

interface Lookup {
  where: string
  method: Method
  scopes: string[]
  prop: string
}

/** Every theme lookup in src/ that must find a value (num, str, bool, color, text; exact and find are optional by design). */
function staticLookups(): { lookups: Lookup[]; unreadable: string[] } {
  const lookups: Lookup[] = []
  const unreadable: string[] = []
  const src = path.join(projectRoot, 'src')
  for (const name of readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .sort()) {
    const file = `src/${name.split(path.sep).join('/')}`
    if (file === 'src/render/pdf/theme.ts') continue
    const source = ts.createSourceFile(file, readFileSync(path.join(projectRoot, file), 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        /(^|\.)theme$/.test(node.expression.expression.getText(source))
      ) {
        const method = node.expression.name.text
        const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
        if (['num', 'str', 'bool', 'color', 'text'].includes(method)) {
          const [scopeArg, propArg] = node.arguments
          let lists: string[][] | undefined
          if (scopeArg && ts.isStringLiteral(scopeArg)) lists = [[scopeArg.text]]
          else if (scopeArg && ts.isArrayLiteralExpression(scopeArg) && scopeArg.elements.every(ts.isStringLiteral))
            lists = [scopeArg.elements.map((element) => (element as ts.StringLiteral).text)]
          else if (scopeArg) lists = DYNAMIC[`${file} ${scopeArg.getText(source)}`]
          const props: [Method, string][] | undefined =
            method === 'text' ? TEXT : propArg && ts.isStringLiteral(propArg) ? [[method as Method, propArg.text]] : undefined
          if (!lists || !props || node.arguments.length > (method === 'text' ? 1 : 2)) unreadable.push(`${where}: ${node.getText(source)}`)
          else for (const scopes of lists) for (const [each, prop] of props) lookups.push({ where, method: each, scopes, prop })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { lookups, unreadable }
}

describe('the default PDF theme', () => {
  const { lookups, unreadable } = staticLookups()

  it('has every key the code reads, of the type it reads (a static scan of src/)', () => {
    // A lookup with an inline default, or with scopes the scan cannot read and DYNAMIC does not list.
    expect(unreadable).toEqual([])
    expect(lookups.length).toBeGreaterThan(150)
    const missing = lookups
      .filter(({ scopes, prop, method }) => typeof resolve(scopes, prop) !== TYPES[method as keyof typeof TYPES])
      .map(
        ({ where, scopes, prop, method }) =>
          `${where}: ${method}(${JSON.stringify(scopes)}, '${prop}') → ${JSON.stringify(resolve(scopes, prop))}`
      )
    expect(missing).toEqual([])
  })

  it('has every key the renderer reads while building every fixture, each one the scan found', async () => {
    // Spies that call through: each lookup the renderer makes, with its scopes as it passes them.
    const spies = (['num', 'str', 'bool', 'color'] as const).map((method) => [method, vi.spyOn(Theme.prototype, method)] as const)
    const seen = new Set<string>()
    try {
      const options = resolveOptions({ cwd: projectRoot })
      for (const file of articles) await renderPdf(await parseArticle(file, options), options)
      for (const [method, spy] of spies)
        for (const [scopes, prop] of spy.mock.calls) seen.add(`${method} ${[scopes].flat().join(',')} ${prop}`)
    } finally {
      for (const [, spy] of spies) spy.mockRestore()
    }
    const found = new Set(lookups.map(({ method, scopes, prop }) => `${method} ${scopes.join(',')} ${prop}`))
    expect(seen.size).toBeGreaterThan(100)
    expect([...seen].filter((lookup) => !found.has(lookup)).sort()).toEqual([])
    for (const lookup of seen) {
      const [method, scopes, prop] = lookup.split(' ') as [keyof typeof TYPES, string, string]
      expect(typeof resolve(scopes.split(','), prop), lookup).toBe(TYPES[method])
    }
  })

  it('passes its own schema: no message when a templates folder holds a copy of it', () => {
    const folder = project('copy', { 'templates/pdf-theme.json': { copy: DEFAULT_THEME } })
    expect(readTheme(path.join(folder, 'templates'), folder).messages).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// (b) A partial theme: one key over the default.

describe('a partial theme', () => {
  it('builds every fixture, and changes only the key it sets: the same bytes as a whole copy of the default with that key changed', async () => {
    const change = { link_font_color: '#c0392b' }
    const partial = project('partial', { 'templates/pdf-theme.json': JSON.stringify(change) })
    const whole = project('whole', { 'templates/pdf-theme.json': JSON.stringify({ ...defaults, ...change }) })
    expect(articles.length).toBeGreaterThan(20)
    const withPartial = resolveOptions({ cwd: projectRoot, templates: path.join(partial, 'templates') })
    const withWhole = resolveOptions({ cwd: projectRoot, templates: path.join(whole, 'templates') })
    const plain = resolveOptions({ cwd: projectRoot })
    let changed = 0
    for (const file of articles) {
      const [mine, copy] = [
        await renderPdf(await parseArticle(file, withPartial), withPartial),
        await renderPdf(await parseArticle(file, withWhole), withWhole)
      ]
      expect(mine.equals(copy), file).toBe(true)
      if (file === 'test/fixtures/inline/index.md') {
        changed++
        expect(mine.equals(await renderPdf(await parseArticle(file, plain), plain))).toBe(false)
      }
    }
    expect(changed).toBe(1)
  })
})

// ---------------------------------------------------------------------------------------------
// (c) extends: chains, relative paths, cycles.

describe('extends', () => {
  it('chains: the first file wins, then what it extends, then the default; font paths stay relative to their own theme', async () => {
    const folder = project('chain', {
      'templates/pdf-theme.json': '{\n  "extends": "../house/base.json",\n  "base_font_size": 13\n}\n',
      'house/base.json': JSON.stringify({
        extends: 'default',
        base_font_size: 12,
        heading_h2_font_size: 20,
        heading_font_family: 'house',
        font_catalog: { house: { normal: 'fonts/House.ttf' } }
      }),
      'house/fonts/House.ttf': { copy: path.join(projectRoot, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf') },
      'a.md': '---\ntitle: Chained\n---\n\n## A heading\n\nText.\n'
    })
    const templates = path.join(folder, 'templates')
    const data = readTheme(templates, folder)
    expect(data.messages).toEqual([])
    expect(data.chain).toEqual([path.join(templates, 'pdf-theme.json'), path.join(folder, 'house/base.json'), DEFAULT_THEME])
    expect([
      data.values.base_font_size,
      data.values.heading_h2_font_size,
      data.values.heading_font_family,
      data.values.code_font_size
    ]).toEqual([13, 20, 'house', defaults.code_font_size])
    expect(data.fonts.house?.normal).toBe(path.join(folder, 'house/fonts/House.ttf'))
    expect(data.fonts.house?.bold_italic).toBe(path.join(folder, 'house/fonts/House.ttf'))
    expect(data.fonts.serif).toEqual((defaults.font_catalog as Record<string, unknown>).serif)
    const options = resolveOptions({ cwd: folder, templates })
    const pdf = await renderPdf(await parseArticle('a.md', options), options)
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSansCondensed/)
  })

  it('reports a cycle, and a file it cannot find, at the `extends` that names it', () => {
    const folder = project('cycle', {
      'templates/pdf-theme.json': '{\n  "extends": "./b.json",\n  "base_font_size": 11\n}\n',
      'templates/b.json': '{ "toc_levels": 2,\n  "extends": "pdf-theme.json" }\n',
      'lost/pdf-theme.json': '{\n  "extends": "./nowhere.json"\n}\n'
    })
    const cycle = readTheme(path.join(folder, 'templates'), folder)
    expect(cycle.messages).toEqual([
      {
        file: 'templates/b.json',
        reason: "The PDF theme's `extends` makes a cycle: templates/pdf-theme.json → templates/b.json → templates/pdf-theme.json",
        place: { line: 2, column: 14 },
        ruleId: 'theme-extends',
        fatal: true
      }
    ])
    expect(() => loadTheme(path.join(folder, 'templates'))).toThrow(
      /the PDF theme has an error, the first at .*templates\/b\.json:2:14: The PDF theme's `extends` makes a cycle/
    )
    expect(readTheme(path.join(folder, 'lost'), folder).messages).toEqual([
      {
        file: 'lost/pdf-theme.json',
        reason: 'Cannot find the theme `./nowhere.json` that `extends` names (lost/nowhere.json)',
        place: { line: 2, column: 14 },
        ruleId: 'theme-extends',
        fatal: true
      }
    ])
    // Read again once the file is there (quire watch).
    writeFileSync(path.join(folder, 'lost/nowhere.json'), '{ "toc_levels": 2 }')
    const found = readTheme(path.join(folder, 'lost'), folder)
    expect([found.messages, found.values.toc_levels]).toEqual([[], 2])
  })
})

// ---------------------------------------------------------------------------------------------
// (d) The schema's messages, positioned in the theme file.

describe('a theme with mistakes', () => {
  const theme = [
    '{',
    '  "$comment": "mine",',
    '  "base_font_size": "11",',
    '  "heading_font_sise": 12,',
    '  "link_color": "#123456",',
    '  "code_margin_top": 4,',
    '  "hr_color": "#12345",',
    '  "title_font_style": "heavy",',
    '  "title_font_family": "fancy",',
    '  "font_fallback": "Noto.ttf"',
    '}',
    ''
  ].join('\n')

  it('gets a positioned message for each: a wrong type an error, an unknown key a warning naming near keys; every PDF fails, saying where', async () => {
    const folder = project('mistakes', { 'templates/pdf-theme.json': theme, 'content/a.md': '---\ntitle: A\nauthor: W\n---\n\nText.\n' })
    const result = await build({ cwd: folder, formats: ['html', 'pdf'], cache: false, jobs: 1, templates: 'templates' })
    expect(result.failed).toBe(true)
    expect(report(result.problems).split('\n')).toEqual([
      'templates/pdf-theme.json:3:21  error  Invalid PDF theme key `base_font_size`: expected number  (theme-type)',
      'templates/pdf-theme.json:4:3  warning  Unknown PDF theme key `heading_font_sise`: Quire reads no such key; did you mean `heading_font_style`, `header_font_size`, `heading_h1_font_size`?  (theme-unknown)',
      'templates/pdf-theme.json:5:3  warning  Unknown PDF theme key `link_color`: Quire reads no such key; did you mean `link_font_color`, `link_text_decoration`?  (theme-unknown)',
      'templates/pdf-theme.json:7:15  error  Invalid PDF theme key `hr_color`: expected a colour: "#rrggbb", "#rgb", a CSS colour name, or "none"  (theme-type)',
      'templates/pdf-theme.json:8:23  error  Invalid PDF theme key `title_font_style`: expected one of "normal", "bold", "italic", "bold_italic"  (theme-type)',
      'templates/pdf-theme.json:9:24  error  Invalid PDF theme key `title_font_family`: no font family `fancy` in the font_catalog, expected one of `serif`, `sans`, `mono`  (theme-type)',
      'templates/pdf-theme.json:10:20  error  Invalid PDF theme key `font_fallback`: expected array  (theme-type)'
    ])
    const [article] = result.articles
    expect(article?.failed).toBe(true)
    expect(article?.file.messages.map((message) => message.reason)).toContain(
      'Cannot render PDF: the PDF theme has 5 errors, the first at templates/pdf-theme.json:3:21: Invalid PDF theme key `base_font_size`: expected number'
    )
  })

  it('builds with an unknown key (a warning), and fails with --strict', async () => {
    const folder = project('unknown', {
      'templates/pdf-theme.json': '{\n  "link_colour": "#c0392b"\n}\n',
      'content/a.md': '---\ntitle: A\nauthor: W\n---\n\nText.\n'
    })
    const options = { cwd: folder, formats: ['pdf' as const], cache: false, jobs: 1, templates: 'templates' }
    const lenient = await build(options)
    expect(report(lenient.problems)).toBe(
      'templates/pdf-theme.json:2:3  warning  Unknown PDF theme key `link_colour`: Quire reads no such key; did you mean `link_font_color`, `link_text_decoration`?  (theme-unknown)'
    )
    expect([lenient.failed, lenient.articles[0]?.failed]).toEqual([false, false])
    const strict = await build({ ...options, strict: true })
    expect(strict.failed).toBe(true)
    expect(report(strict.problems)).toMatch(/^templates\/pdf-theme\.json:2:3 {2}error {2}Unknown PDF theme key `link_colour`/)
  })

  it('reports invalid JSON at its place', () => {
    const folder = project('json', { 'templates/pdf-theme.json': '{\n  "base_font_size": 11,\n}\n' })
    expect(readTheme(path.join(folder, 'templates'), folder).messages).toEqual([
      {
        file: 'templates/pdf-theme.json',
        reason: 'Invalid JSON in the PDF theme: Expected double-quoted property name',
        place: { line: 3, column: 1 },
        ruleId: 'theme-json',
        fatal: true
      }
    ])
  })

  it('knows keys the default leaves to a more general scope (code_margin_top, heading_h3_font_color, page_letter_margin_left, syntax_punctuation_font_color)', () => {
    const folder = project('general', {
      'templates/pdf-theme.json': JSON.stringify({
        code_margin_top: 4,
        heading_h3_font_color: '#333',
        page_letter_margin_left: 50,
        alert_note_padding_left: 3,
        syntax_punctuation_font_color: 'gray',
        caption_orphans: 2,
        sans_font_fallback: 'Noto Sans'
      })
    })
    expect(readTheme(path.join(folder, 'templates'), folder).messages).toEqual([])
  })
})

describe('Quire’s own templates folder', () => {
  it('is the default theme, with no message', () => {
    expect(readTheme(DEFAULT_TEMPLATES).chain).toEqual([DEFAULT_THEME])
    expect(readTheme(DEFAULT_TEMPLATES).messages).toEqual([])
  })
})
