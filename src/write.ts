import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { rm, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

// Temporary files being written now: removed if the process is interrupted, so out/ keeps whole files only.
const pending = new Set<string>()
let handlersInstalled = false

function installInterruptHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      for (const file of pending) rmSync(file, { force: true })
      process.exit(code)
    })
  }
}

/** Write a file whole or not at all: a temporary file beside it, then an atomic rename. */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  installInterruptHandlers()
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  pending.add(temporary)
  try {
    await writeFile(temporary, data)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  } finally {
    pending.delete(temporary)
  }
}
