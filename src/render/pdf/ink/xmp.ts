import type { Article } from '../../../article/article.js'

/** XML text: the five characters XML reserves, escaped. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** An XMP date: seconds, UTC. */
function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/**
 * The document's XMP metadata packet, from the same fields as its info dictionary: Dublin Core title
 * and description, one `dc:creator` entry per author, the subjects as
 * `dc:subject`, the language, and the article's date as creation, modification and metadata date.
 * (pdfkit writes a packet of its own, but puts the authors in one entry and does not escape `&` or `<`.)
 */
export function xmpOf(article: Article): string {
  const { meta } = article
  const date = xmpDate(new Date(article.timestamp * 1000))
  // One x-default entry: pdf.js (Firefox) joins every entry of an Alt into the title it shows.
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escape(text)}</rdf:li></rdf:Alt>`
  const list = (kind: 'Seq' | 'Bag', items: string[]) =>
    `<rdf:${kind}>${items.map((item) => `<rdf:li>${escape(item)}</rdf:li>`).join('')}</rdf:${kind}>`
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    meta.authors.length > 0 ? `<dc:creator>${list('Seq', meta.authors)}</dc:creator>` : '',
    meta.description ? `<dc:description>${alt(meta.description)}</dc:description>` : '',
    meta.subjects.length > 0 ? `<dc:subject>${list('Bag', meta.subjects)}</dc:subject>` : '',
    `<dc:language>${list('Bag', [meta.lang])}</dc:language>`
  ].filter((line) => line !== '')
  const pdf = [
    '<pdf:Producer>Quire</pdf:Producer>',
    meta.subjects.length > 0 ? `<pdf:Keywords>${escape(meta.subjects.join(', '))}</pdf:Keywords>` : ''
  ].filter((line) => line !== '')
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    ...dc,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '<xmp:CreatorTool>Quire</xmp:CreatorTool>',
    ...pdf,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>'
  ].join('\n')
}
