import { randomBytes } from 'node:crypto'
import { rm, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Write a file whole or not at all: a temporary file beside it, then an atomic rename. */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, data)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
