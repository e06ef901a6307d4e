import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../src/article/parse.js'
import { resolveOptions } from '../src/common/options.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { openPdf } from './helpers/pdf-digest.js'

// Scoped layout state (alignment, frame, text style, list depth) belongs to the block that set it:
// a leak shows as a later block starting at the wrong x. Each line is recorded with its x and size.

interface Line {
  page: number
  /** Its baseline, in points from the page's foot. */
  y: number
  /** Where the line's first item starts, and its text. */
  x: number
  size: number
  text: string
  /** Where its words start: the first item that is not a list or note number (`3.`). */
  wordsX: number
}

async function lines(markdown: string): Promise<Line[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'quire-scope-'))
  try {
    writeFileSync(path.join(folder, 'a.md'), `---\ntitle: Scope\nauthor: A\n---\n\n${markdown}\n`)
    const options = resolveOptions({ cwd: folder })
    const pdf = await renderPdf(await parseArticle('a.md', options), options)
    const document = await openPdf(pdf)
    const found: Line[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const items = (await (await document.getPage(number)).getTextContent()).items.filter(
        (item): item is TextItem => 'str' in item && item.str.trim() !== ''
      )
      // One entry per baseline: its leftmost item.
      const byBaseline = new Map<number, Line>()
      for (const item of [...items].sort((a, b) => (a.transform[4] as number) - (b.transform[4] as number))) {
        const y = Math.round(item.transform[5] as number)
        const x = item.transform[4] as number
        const line = byBaseline.get(y)
        if (!line)
          byBaseline.set(y, {
            page: number,
            y,
            x,
            size: Math.round(Math.abs(item.transform[0] as number) * 10) / 10,
            text: item.str,
            wordsX: /^\d+\.$/.test(item.str.trim()) ? Number.POSITIVE_INFINITY : x
          })
        else if (line.wordsX === Number.POSITIVE_INFINITY) line.wordsX = x
      }
      found.push(...[...byBaseline.entries()].sort((a, b) => b[0] - a[0]).map(([, line]) => line))
    }
    await document.destroy()
    return found
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

const words = (count: number, word = 'centred') => Array.from({ length: count }, (_, index) => `${word}${index % 7}`).join(' ')

describe('scoped layout state', () => {
  it('centres only the centred paragraph, not the heading kept with it nor what follows', async () => {
    const found = await lines(
      `Opening words of the article, set against the left margin.\n\n## A heading\n\n<p align="center">${words(120)}</p>\n\nAfter the centred paragraph, a paragraph set as usual from the left margin, long enough to fill a line or two of the page.\n\n## Another heading`
    )
    const margin = found.find((line) => line.text.startsWith('Opening'))!.x
    expect(found.find((line) => line.text.startsWith('A heading'))?.x).toBeCloseTo(margin, 0)
    expect(found.find((line) => line.text.startsWith('After'))?.x).toBeCloseTo(margin, 0)
    expect(found.find((line) => line.text.startsWith('Another'))?.x).toBeCloseTo(margin, 0)
    // And the centred lines are centred: some start well inside the margin.
    expect(found.filter((line) => line.text.startsWith('centred')).some((line) => line.x > margin + 20)).toBe(true)
  })

  it('sets a footnote at the foot of the page from the margin, whatever block is being broken there', async () => {
    const notes = Array.from({ length: 12 }, (_, index) => `[^n${index}]: Note number ${index} of the article.`).join('\n\n')
    const body = Array.from({ length: 12 }, (_, index) => `${words(60)} reference${index}[^n${index}]`).join(' ')
    const found = await lines(
      `Opening words of the article, set against the left margin.\n\n<div align="center">\n\n${body}\n\n</div>\n\n${notes}`
    )
    const margin = found.find((line) => line.text.startsWith('Opening'))!.x
    // A note's number hangs at the start of its first line ("3."); a reference in the text is a bare raised "3".
    const noteLines = found.filter((line) => /^\d+\.$/.test(line.text))
    expect(noteLines.length).toBeGreaterThan(5)
    // The number hangs in a gutter of a few points; the note's words start right after it.
    for (const line of noteLines) expect(line.wordsX, `note ${line.text}`).toBeLessThan(margin + 30)
  })

  it('gives an empty list item its own line, so markers are never drawn over each other', async () => {
    const found = await lines('- first\n-\n- third\n\nBetween the lists.\n\n1. one\n2.\n3. three')
    const markers = found.filter((line) => /^(•|\d+\.)$/.test(line.text.trim()))
    expect(markers.map((line) => line.text.trim())).toEqual(['•', '•', '•', '1.', '2.', '3.'])
    // Each a line below the one before: a line of 10.5-point text is over 12 points tall.
    const gaps = markers.slice(1).map((line, index) => markers[index]!.y - line.y)
    for (const gap of [...gaps.slice(0, 2), ...gaps.slice(3)]) expect(gap).toBeGreaterThan(12)
  })

  it('keeps the marker of an item that is a thematic break inside the page, wherever the page ends', async () => {
    // From a few lines above the foot of the first page to past it: one of these leaves the rule last on the page.
    for (let count = 22; count <= 34; count += 1) {
      const found = await lines(`${Array.from({ length: count }, (_, index) => `Line ${index + 1}.`).join('\n\n')}\n\n- foo\n- * * *`)
      const markers = found.filter((line) => line.text.trim() === '•')
      expect(markers).toHaveLength(2)
      // Baselines in points from the page's foot; the text column ends 68 points above it (A4).
      for (const marker of markers) expect(marker.y, `${count} lines`).toBeGreaterThan(68)
    }
  })
})
