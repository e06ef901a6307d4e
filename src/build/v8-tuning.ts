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

/**
 * For a long build: V8 lets an old generation grow to twice what the last full collection left
 * alive, not up to four times. V8 sizes that factor for the machine (a heap limit of ~4 GB on
 * 24 GB), and one thread building 1,000 real articles kept 100–150 MB alive but peaked at 770 MB of
 * RSS, most of it garbage waiting for the next collection. The factor is read at each collection, so
 * unlike the heap's limits (`--max-old-space-size`, fixed when the thread started) it takes effect
 * when set here, and it holds for the whole process: the main thread and every worker. Its price is
 * more full collections: ~10% more CPU time for ~25% less peak memory on those 1,000 articles in one
 * thread; in workers it replaced a 256 MB cap that cost more (docs/performance.md, "Bounding the
 * main thread's heap" and "Workers' heaps").
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=100')
}
