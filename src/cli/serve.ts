import { createReadStream, statSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml'
}

const EVENTS = '/__quire/reload'
// Added to every page as it is served, never to the files: the page reloads itself after a rebuild.
const RELOAD = `<script>new EventSource(${JSON.stringify(EVENTS)}).onmessage = () => location.reload()</script>`

export interface Preview {
  /** Where the output folder is served: `http://127.0.0.1:4000/`. */
  url: string
  /** Tell every open page to reload. */
  reload: () => void
  close: () => Promise<void>
}

/** Serve the output folder on this machine only, with pages that reload after each rebuild. */
export async function serve(out: string, port: number): Promise<Preview> {
  const clients = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === EVENTS) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(': connected\n\n')
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    let file = path.join(out, decodeURIComponent(url.pathname))
    // Nothing outside the output folder.
    if (file !== out && !file.startsWith(out + path.sep)) return notFound(response)
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html')
      statSync(file)
    } catch {
      return notFound(response)
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    response.setHeader('cache-control', 'no-store')
    response.setHeader('content-type', type)
    if (!type.startsWith('text/html')) {
      createReadStream(file).pipe(response)
      return
    }
    const chunks: Buffer[] = []
    createReadStream(file)
      .on('data', (chunk) => chunks.push(chunk as Buffer))
      .on('error', () => notFound(response))
      .on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8')
        const at = html.lastIndexOf('</body>')
        response.end(at === -1 ? html + RELOAD : html.slice(0, at) + RELOAD + html.slice(at))
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/`,
    reload: () => {
      for (const client of clients) client.write('data: reload\n\n')
    },
    close: async () => {
      for (const client of clients) client.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
  response.end('Not found\n')
}
