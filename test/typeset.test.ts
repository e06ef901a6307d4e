import path from 'node:path'
import { expect, it } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { resolveOptions } from '../src/common/options.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { newReport } from '../src/render/pdf/report.js'
import { digestPdf } from './helpers/pdf-digest.js'

// What a typesetter looks at first in technical prose, counted by the layout as it draws (the same
// counts `npm run typeset-check` reports over the real-world corpus; docs/pdf.md has the definitions).
it('sets technical prose justified, code spaces as written, identifiers whole', async () => {
  const options = resolveOptions({ cwd: path.resolve('test/fixtures/typeset') })
  const report = newReport()
  const pdf = await renderPdf(await parseArticle('index.md', options), { ...options, report })
  expect(report.justifiedLines).toBeGreaterThan(20)
  // Every line of a justified paragraph but its last reaches the right margin...
  expect(report.raggedLines).toEqual([])
  // ...without stretching the spaces inside inline code...
  expect(report.stretchedCode).toEqual([])
  // ...or hyphenating a name (camelCase, capitals inside, ALL CAPS, digits).
  expect(report.hyphenatedIdentifiers).toEqual([])
  const text = (await digestPdf(pdf)).pageList.map((page) => page.text).join('\n')
  // Numbers and character classes stay whole on their line.
  expect(text).toContain('192.168.0.1')
  expect(text).toContain('[A-Za-z0-9_]')
})
