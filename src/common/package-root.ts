import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Quire's own folder (where its package.json and templates/ are), from src/, dist/ or the bundle alike. */
function findPackageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = path.join(folder, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'quire-md') return folder
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('Cannot find the quire-md package folder')
    folder = parent
  }
}

export const PACKAGE_ROOT = findPackageRoot()
export const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
