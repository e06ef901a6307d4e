import { setFlagsFromString } from 'node:v8'

/**
 * What the CLI changes in V8 before it builds; a program that builds many articles through the
 * library can call it first too. V8's optimising compiler inlines up to 920 bytes of bytecode into
 * a function it compiles; Quire's hot paths (line breaking, drawing, micromark's tokenizers) are
 * large, so each of their compilations is large, and a build spent ~1/6 of its CPU time compiling
 * on V8's background threads. With a quarter of that budget, a build takes 10–16% less CPU time and
 * the same bytes come out (docs/performance.md). V8's flags belong to the process: worker threads
 * started afterwards run with them too.
 */
export function tuneV8(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=230')
}
