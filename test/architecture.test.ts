import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'

// The layers of src/ (.dependency-cruiser.cjs, docs/architecture.md): no import cycle, and no import
// against the order cli → build → render → article → common, nor inside the PDF renderer.
const cruiser = path.join(projectRoot, 'node_modules/.bin/depcruise')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-layers-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function cruise(cwd: string): { status: number | null; output: string } {
  const run = spawnSync(cruiser, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd, encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

/** A copy of the sources and the rules, to break on purpose. */
function copy(name: string): string {
  const folder = path.join(workspace, name)
  for (const entry of ['src', '.dependency-cruiser.cjs', 'tsconfig.json'])
    cpSync(path.join(projectRoot, entry), path.join(folder, entry), { recursive: true })
  return folder
}

it('finds no cycle and no import against the layers in src/', () => {
  const { status, output } = cruise(projectRoot)
  expect(output).toContain('no dependency violations found')
  expect(status).toBe(0)
})

it('fails on a cycle, and on an import from a lower layer to a higher one', () => {
  const cycle = copy('cycle')
  writeFileSync(path.join(cycle, 'src/common/a.ts'), "import { b } from './b.js'\nexport const a = (): number => b() + 1\n")
  writeFileSync(path.join(cycle, 'src/common/b.ts'), "import { a } from './a.js'\nexport const b = (): number => (a.length > 0 ? 1 : 0)\n")
  const broken = cruise(cycle)
  expect(broken.status).not.toBe(0)
  expect(broken.output).toMatch(/no-cycle: src\/common\/a\.ts/)

  const upward = copy('upward')
  writeFileSync(
    path.join(upward, 'src/render/pdf/ink/up.ts'),
    "import { paragraph } from '../convert/paragraph.js'\nexport const up = paragraph\n"
  )
  const wrong = cruise(upward)
  expect(wrong.status).not.toBe(0)
  expect(wrong.output).toContain('ink-below-inline: src/render/pdf/ink/up.ts → src/render/pdf/convert/paragraph.ts')
})
