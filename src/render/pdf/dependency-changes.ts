// Quire's replacements of pdfkit's and fontkit's functions (ink/pdfkit/, fonts/fontkit/), each marked
// with the change (a file of those folders) that made it, for the test that pins it
// (test/dependency-internals.test.ts).
const changes = new WeakMap<object, string>()

/** `replacement` marked as the work of `change`. */
export function quireChange<F extends object>(change: string, replacement: F): F {
  changes.set(replacement, change)
  return replacement
}

/** The change that put `value` in place, if any. */
export function changeOf(value: unknown): string | undefined {
  return typeof value === 'object' || typeof value === 'function' ? changes.get(value as object) : undefined
}
