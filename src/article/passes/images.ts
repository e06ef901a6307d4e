import { createHash } from 'node:crypto'
import { readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { imageSize } from 'image-size'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Asset } from '../article.js'

const MEDIA_TYPES: Record<string, Asset['mediaType']> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  svg: 'image/svg+xml',
  gif: 'image/gif',
  webp: 'image/webp'
}

export interface ImageContext {
  file: VFile
  /** Folder the article's assets must stay inside. */
  root: string
  /** Assets found so far, by name. */
  assets: Map<string, Asset>
  /** Largest image accepted, in pixels. */
  maxPixels: number
}

/**
 * Resolve every local `img` against the article's folder, read it once, and record its size and type.
 * Local images get `dataAsset` (the asset's name) plus `width`/`height`; remote ones get `dataRemote`
 * and are never fetched. A local image Quire cannot use (missing, outside the content folder,
 * unreadable, unsupported, over the pixel limit) gets `dataUnavailable`: a positioned warning, and
 * every renderer shows a stand-in (its alt text, else its file name) while the article still builds.
 */
export function resolveImages(tree: Root, context: ImageContext): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img') return
    const src = typeof node.properties.src === 'string' ? node.properties.src : ''
    const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
    if (alt === '')
      context.file.message('Image without alt text: describe it for readers who cannot see it', {
        place: node.position,
        ruleId: 'image-alt',
        source: 'quire'
      })
    if (src === '') {
      context.file.message('Image without a usable source (only relative paths and http(s) URLs are kept): its alt text stands in', {
        place: node.position,
        ruleId: 'image-src',
        source: 'quire'
      })
      if (parent && index !== undefined) parent.children[index] = { type: 'text', value: alt }
      return
    }
    if (/^https?:/i.test(src)) {
      node.properties.dataRemote = true
      return
    }
    const asset = readAsset(node, src, context)
    if (!asset) {
      node.properties.dataUnavailable = true
      return
    }
    context.assets.set(asset.name, asset)
    node.properties.dataAsset = asset.name
    if (node.properties.width === undefined && node.properties.height === undefined) {
      node.properties.width = asset.width
      node.properties.height = asset.height
    }
  })
}

/** The local image `src` names, read and measured; or a warning saying why not, and undefined. */
/** The words that stand in for an image that is not shown: its alt text, else its file name. */
export function standInText(image: Element): string {
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt.trim() : ''
  if (alt) return alt
  const src = typeof image.properties.src === 'string' ? image.properties.src : ''
  return src.split(/[?#]/)[0]!.split(/[\\/]/).pop() || src
}

export function readAsset(node: Pick<Element, 'position'> | undefined, src: string, context: ImageContext): Asset | undefined {
  const fail = (reason: string, ruleId: string) => {
    context.file.message(reason, { place: node?.position, ruleId, source: 'quire' })
    return undefined
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(src.split(/[?#]/)[0] ?? '')
  } catch {
    return fail(`Cannot read image \`${src}\`: malformed URL escape`, 'image-src')
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || path.isAbsolute(decoded)) {
    return fail(`Unexpected image \`${src}\` outside the content folder, expected a path relative to the article`, 'image-outside')
  }
  const articleDir = path.dirname(path.resolve(context.file.cwd, context.file.path))
  const absolute = path.resolve(articleDir, decoded)
  let real: string
  try {
    real = realpathSync(absolute)
  } catch {
    return fail(`Cannot find image \`${src}\` (looked for ${path.relative(context.file.cwd, absolute)})`, 'image-missing')
  }
  const rootReal = realpathSync(context.root)
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
    return fail(
      `Unexpected image \`${src}\` outside the content folder, expected a path inside ${path.relative(context.file.cwd, context.root) || '.'}`,
      'image-outside'
    )
  }
  let data: Buffer
  try {
    data = readFileSync(real)
  } catch (error) {
    return fail(`Cannot read image \`${src}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'image-missing')
  }
  let size: { width?: number; height?: number; type?: string }
  try {
    size = imageSize(data)
  } catch {
    return fail(`Cannot read image \`${src}\`: not a PNG, JPEG, GIF, WebP or SVG file`, 'image-format')
  }
  const mediaType = size.type ? MEDIA_TYPES[size.type] : undefined
  if (!mediaType || !size.width || !size.height) return fail(`Cannot read image \`${src}\`: unsupported or damaged image`, 'image-format')
  if (size.width * size.height > context.maxPixels) {
    return fail(
      `Image \`${src}\` declares ${size.width}×${size.height} pixels, over the limit of ${(context.maxPixels / 1e6).toFixed(0)} million`,
      'limit-image-pixels'
    )
  }
  if (!isComplete(data, mediaType)) return fail(`Image \`${src}\` is truncated: its file ends before the image does`, 'image-format')
  const extension = path.extname(real).slice(1).toLowerCase().replace('jpeg', 'jpg')
  if (MEDIA_TYPES[extension] !== undefined && MEDIA_TYPES[extension] !== mediaType) {
    return fail(`Image \`${src}\` is named .${extension} but holds ${mediaType}`, 'image-format')
  }
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 10)
  const stem =
    path
      .basename(real, path.extname(real))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'image'
  const suffix = Object.entries(MEDIA_TYPES).find(([, type]) => type === mediaType)?.[0] ?? 'bin'
  return { src, path: real, name: `${stem}-${hash}.${suffix}`, mediaType, width: size.width, height: size.height, data }
}

/** Raster images end with a known marker; a file cut short (a failed download) lacks it. */
function isComplete(data: Buffer, mediaType: Asset['mediaType']): boolean {
  if (mediaType === 'image/png') return data.includes(Buffer.from('IEND'), Math.max(0, data.length - 64))
  if (mediaType === 'image/jpeg') {
    const tail = data.subarray(Math.max(0, data.length - 64))
    return tail.includes(Buffer.from([0xff, 0xd9]))
  }
  return true
}
