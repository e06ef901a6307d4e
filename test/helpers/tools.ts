import { spawnSync } from 'node:child_process'

/**
 * A check that needs a program from a Debian package: on a bare machine it is skipped with the reason;
 * where QUIRE_REQUIRE_TOOLS is set (.ci/run sets it) a missing program is a failure instead.
 */
export function tool(command: string, debianPackage: string): { available: boolean; skip: boolean; reason: string } {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  const available = found.status === 0 && found.stdout.trim() !== ''
  return requirement(available, `${command} is not installed (Debian package ${debianPackage}: apt-get install ${debianPackage})`)
}

/** The same for fonts a Debian package installs, as fontconfig lists them (`Noto Sans CJK` from fonts-noto-cjk). */
export function fonts(family: string, debianPackage: string): { available: boolean; skip: boolean; reason: string } {
  const found = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' })
  const available = found.status === 0 && found.stdout.includes(family)
  return requirement(available, `no ${family} font is installed (Debian package ${debianPackage}: apt-get install ${debianPackage})`)
}

function requirement(available: boolean, reason: string): { available: boolean; skip: boolean; reason: string } {
  const required = Boolean(process.env.QUIRE_REQUIRE_TOOLS)
  if (!available && !required) console.warn(`skipped: ${reason}`)
  return { available, skip: !available && !required, reason }
}

/** Fail with the reason when a required tool is missing. */
export function assertTool(check: { available: boolean; reason: string }): void {
  if (!check.available) throw new Error(check.reason)
}

/**
 * Debian's Chromium, headless, through playwright-core (no browser is downloaded): without the
 * background-networking flags it tries to reach Google's hosts, which this machine refuses.
 */
export async function launchChromium(): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
}
