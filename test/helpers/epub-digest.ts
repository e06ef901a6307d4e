import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'

/** An EPUB as a reviewer reads it: what the zip holds, in order, and every text file in full. */
export interface EpubDigest {
  /** `<name> <stored|deflated>`, in zip order; binary files add their size and a short SHA-256. */
  entries: string[]
  /** Facts about the first entry that OCF fixes: it must be `mimetype`, stored, without an extra field. */
  mimetype: { first: boolean; stored: boolean; localExtraFieldLength: number; content: string }
  /** Every XHTML, OPF, NCX, CSS, SVG and XML file by name. */
  texts: Record<string, string>
}

const TEXT = /\.(xhtml|opf|ncx|css|svg|xml)$|^mimetype$/

export async function digestEpub(epub: Buffer): Promise<EpubDigest> {
  const zip = await yauzl.fromBufferPromise(epub, { lazyEntries: true })
  const entries: string[] = []
  const texts: Record<string, string> = {}
  let mimetype: EpubDigest['mimetype'] | undefined
  let index = 0
  for await (const entry of zip.eachEntry()) {
    const data = await read(await zip.openReadStreamPromise(entry))
    const method =
      entry.compressionMethod === 0 ? 'stored' : entry.compressionMethod === 8 ? 'deflated' : `method ${entry.compressionMethod}`
    const text = TEXT.test(entry.fileName)
    entries.push(
      text
        ? `${entry.fileName} ${method}`
        : `${entry.fileName} ${method} ${data.length} bytes sha256:${createHash('sha256').update(data).digest('hex').slice(0, 16)}`
    )
    if (text) texts[entry.fileName] = data.toString('utf8')
    if (entry.fileName === 'mimetype') {
      const header = await zip.readLocalFileHeaderPromise(entry)
      mimetype = {
        first: index === 0,
        stored: entry.compressionMethod === 0,
        localExtraFieldLength: header.extraFieldLength,
        content: data.toString('latin1')
      }
    }
    index += 1
  }
  return { entries, mimetype: mimetype ?? { first: false, stored: false, localExtraFieldLength: -1, content: '' }, texts }
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
