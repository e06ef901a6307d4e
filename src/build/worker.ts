import { move, transferableSymbol, valueSymbol, workerData } from 'piscina'
import { runJob, type JobInput, type JobOutput } from './job.js'

// A worker thread of the build pool: fonts, templates and renderers stay loaded between articles.
// The build's output paths come once, with the worker, as [source, output] pairs (build.ts).
const site = new Map<string, string>((workerData as { site?: [string, string][] } | undefined)?.site ?? [])

/**
 * The article's files go back to the main thread moved, not copied: each file's memory is handed
 * over (a file sharing its memory with other data is first copied out alone, as a transfer takes the
 * whole of it).
 */
export default async function work(input: JobInput): Promise<unknown> {
  const output: JobOutput = await runJob({ ...input, site })
  const moved: ArrayBuffer[] = []
  for (const file of output.rendered) {
    let bytes = file.data
    if (!(bytes.buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength)
      bytes = new Uint8Array(bytes)
    file.data = bytes
    moved.push(bytes.buffer as ArrayBuffer)
  }
  return move({ [transferableSymbol]: moved, [valueSymbol]: output })
}
