import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'

/**
 * The raw HTML policy, applied once in the shared tree so every output agrees.
 * GitHub's schema (no script, style, iframe, form, object/embed, meta, base, event handlers;
 * only http(s)/mailto links and http(s) images), with two changes:
 * - no id clobbering: Quire's outputs run no script, and footnote/heading links must keep working;
 * - `figure`/`figcaption` allowed, as they are plain document structure.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./]],
    section: ['dataFootnotes', ['className', 'footnotes']]
  }
}
