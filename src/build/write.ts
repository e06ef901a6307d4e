import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

// Temporary files being written now. On an interrupt the writes in flight are let settle (a file being
// opened in libuv's thread pool could otherwise appear after it was removed), their temporaries are
// removed, nothing is renamed any more, and the process exits: out/ keeps whole files only.
const pending = new Set<string>()
let interrupted: number | undefined
let handlersInstalled = false

function exitInterrupted(code: number): void {
  for (const file of pending) rmSync(file, { force: true })
  process.exit(code)
}

function installInterruptHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129]
  ] as const) {
    process.once(signal, () => {
      interrupted = code
      if (pending.size === 0) exitInterrupted(code)
      // A write that never settles must not keep the process alive.
      setTimeout(() => exitInterrupted(code), 2000).unref()
    })
  }
}

/** Write a file whole or not at all: a temporary file beside it, then an atomic rename. */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  installInterruptHandlers()
  // Interrupted: the process is about to exit; start nothing new.
  if (interrupted !== undefined) return new Promise(() => {})
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  pending.add(temporary)
  try {
    await writeFile(temporary, data)
    if (interrupted === undefined) await rename(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  } finally {
    if (interrupted === undefined) {
      pending.delete(temporary)
    } else {
      rmSync(temporary, { force: true })
      pending.delete(temporary)
      if (pending.size === 0) exitInterrupted(interrupted)
    }
  }
}
