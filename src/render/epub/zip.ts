import { ZipFile } from 'yazl'

export interface ZipEntry {
  path: string
  data: Buffer | string
  /** Deflate it (default); false for data that is compressed already (PNG, JPEG, GIF, WebP). */
  compress?: boolean
}

// The DOS date range a zip entry can hold, as epoch seconds.
const DOS_FIRST_DAY_END = Date.UTC(1980, 0, 2) / 1000
const DOS_FIRST = Date.UTC(1980, 0, 1) / 1000
const DOS_LAST_DAY = Date.UTC(2107, 11, 31) / 1000
const DOS_LAST = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000

/**
 * yazl writes DOS dates from a Date's local-time fields: this one answers with its UTC fields, so the
 * bytes are the same in every time zone.
 */
class UtcFieldsDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear()
  }
  override getMonth(): number {
    return this.getUTCMonth()
  }
  override getDate(): number {
    return this.getUTCDate()
  }
  override getHours(): number {
    return this.getUTCHours()
  }
  override getMinutes(): number {
    return this.getUTCMinutes()
  }
  override getSeconds(): number {
    return this.getUTCSeconds()
  }
}

/**
 * The OCF container: `mimetype` first and stored, then the entries in the order given.
 * Every entry has the same date (the article's timestamp) and no extra fields, so the same input
 * always gives the same bytes.
 */
export async function zipEpub(entries: ZipEntry[], timestamp: number): Promise<Buffer> {
  const mtime = new UtcFieldsDate(dosSeconds(timestamp) * 1000)
  const zip = new ZipFile()
  // forceDosTimestamp: no Info-ZIP "UT" extra field, which would repeat the time as a Unix timestamp.
  zip.addBuffer(Buffer.from('application/epub+zip', 'ascii'), 'mimetype', { mtime, compress: false, forceDosTimestamp: true })
  for (const entry of entries) {
    zip.addBuffer(typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data, entry.path, {
      mtime,
      compress: entry.compress ?? true,
      forceDosTimestamp: true
    })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * yazl clamps to its DOS range by comparing with local-time bounds, which moves with the time zone on the
 * first and last day of the range: times there are pinned to the bounds themselves, which every zone agrees on.
 */
function dosSeconds(timestamp: number): number {
  if (timestamp < DOS_FIRST_DAY_END) return DOS_FIRST
  if (timestamp >= DOS_LAST_DAY) return DOS_LAST
  return timestamp
}
