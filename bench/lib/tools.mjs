// Finds the external programs the benchmark needs, installing Debian's package when we are root
// (as on the project's machines), and otherwise saying how to get it.

import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The absolute path of `command` on PATH, or null. */
export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const full = path.join(dir, command)
    try {
      fs.accessSync(full, fs.constants.X_OK)
      if (fs.statSync(full).isFile()) return full
    } catch {
      // Not in this folder.
    }
  }
  return null
}

let updated = false
/**
 * Returns the path of `command`, installing Debian package `pkg` with apt-get if it is missing and
 * we are root. Returns null (after printing how to install it) when it cannot be had.
 */
export function ensureDebianTool(command, pkg, say) {
  const found = which(command)
  if (found) return found
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !which('apt-get')) {
    say(`${command} not found: install it with \`sudo apt-get install -y ${pkg}\` (Debian/Ubuntu); skipping what needs it`)
    return null
  }
  say(`${command} not found: installing Debian package ${pkg} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!updated) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env })
    updated = true
  }
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { encoding: 'utf8', env })
  if (install.status !== 0) {
    say(`apt-get install ${pkg} failed (exit ${install.status}): ${(install.stderr || '').trim().split('\n').slice(-2).join(' ')}`)
    return null
  }
  return which(command)
}

/** First line of `command --version`, for the record. */
export function versionOf(command) {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim()
  } catch {
    return null
  }
}
