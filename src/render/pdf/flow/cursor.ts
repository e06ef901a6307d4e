import { within, type Decoration, type Frame, type State } from '../state.js'

// Where blocks go: the cursor, collapsible space between blocks, page breaks, and the decisions
// made from measurements before drawing (keep-together, keep-with-next, orphans and widows).

/** Ask for at least `amount` of space before the next block (adjacent gaps collapse to the larger). */
export function gap(state: State, amount: number): void {
  state.flow.cursor.gap = Math.max(state.flow.cursor.gap, amount)
}

export function atTop(state: State): boolean {
  return state.flow.cursor.y <= state.flow.cursor.top + 0.001
}

/** Space left on this page once the owed gap is paid. */
export function remaining(state: State): number {
  const { y, bottom, gap: owed } = state.flow.cursor
  return bottom - y - (atTop(state) ? 0 : owed)
}

/** The height a page offers a block. */
export function pageRoom(state: State): number {
  return state.flow.cursor.bottom - state.flow.cursor.top
}

export function newPage(state: State): void {
  if (state.ink.dry) return
  // A block that placed nothing yet on this page leaves no mark here (a zero-length rule shows as a dot).
  for (const decoration of state.flow.decorations)
    if (state.flow.cursor.y > decoration.start + 0.001) decoration.draw(decoration.start, state.flow.cursor.y)
  state.notes.finishPage(state)
  const { y, top, bottom } = state.flow.cursor
  if (state.report && (bottom - y) / (bottom - top) > 0.25)
    state.report.emptyPages.push(`page ${state.ink.page + 1}: ${Math.round((100 * (bottom - y)) / (bottom - top))}% empty`)
  state.ink.addPage()
  state.flow.cursor.y = state.flow.cursor.top
  state.flow.cursor.gap = 0
  state.notes.startPage(state)
  for (const decoration of state.flow.decorations) decoration.start = state.flow.cursor.top
}

/** Break the page unless `height` fits here or could not fit on any page anyway. */
export function ensure(state: State, height: number): void {
  if (height > remaining(state) + 0.001 && !atTop(state) && height <= pageRoom(state)) newPage(state)
}

/**
 * Reserve `height` at the cursor (after the owed gap, on a new page if needed); returns its top. The
 * first box placed after a list item opens carries its marker, on the box's first baseline (`baseline`
 * below its top; by default where the first line of running text would have it).
 */
export function place(state: State, height: number, baseline?: number): number {
  if (height > remaining(state) + 0.001 && !atTop(state)) newPage(state)
  if (!atTop(state)) state.flow.cursor.y += state.flow.cursor.gap
  state.flow.cursor.gap = 0
  const top = state.flow.cursor.y
  state.flow.cursor.y += height
  state.flow.placed += 1
  if (state.flow.stop && state.flow.cursor.y > state.flow.stop.at + 0.001) throw state.flow.stop
  if (state.flow.marker && !state.ink.dry && height > 0) {
    const marker = state.flow.marker
    state.flow.marker = undefined
    marker(top + (baseline ?? state.scope.text.size * (state.scope.text.lineHeight / 2 + 0.35)))
  }
  return top
}

/** Where a capped measurement stops: thrown by `place` once the block runs past `at`. */
export class MeasureStop {
  constructor(readonly at: number) {}
}

/**
 * Height `draw` would take, measured by running it with the ink dry on an endless page. With a `cap`,
 * a block taller than it is not measured to its end: the answer is then `Infinity`.
 */
export function measure(state: State, draw: () => void, cap = Number.POSITIVE_INFINITY): number {
  // A stopped run unwinds from anywhere in a handler: the flow and the scope are put back whole.
  const { flow, scope } = state
  // Inside a measurement already, on its endless page: measure from where it stands.
  const nested = state.ink.dry
  const start = nested ? flow.cursor.y : 0
  const stop = new MeasureStop(start + cap)
  state.flow = nested
    ? { ...flow, cursor: { ...flow.cursor }, stop }
    : {
        cursor: { y: 0, top: 0, bottom: Number.POSITIVE_INFINITY, gap: 0 },
        decorations: [],
        marker: flow.marker,
        stop,
        placed: flow.placed
      }
  state.ink.dry = true
  try {
    draw()
    return state.flow.cursor.y - start
  } catch (error) {
    if (error === stop) return Number.POSITIVE_INFINITY
    throw error
  } finally {
    state.ink.dry = nested
    state.flow = flow
    state.scope = scope
  }
}

/**
 * The tallest block kept together: a share of the page (`block_keep_together_max_ratio`), but no
 * more than fits here when moving the block would leave more than `block_keep_together_max_gap_ratio`
 * of the page empty: such a block splits instead. `ahead`: what goes on this page before the block
 * (a heading that keeps with it).
 */
export function keptTogether(state: State, ahead = 0): number {
  const room = pageRoom(state)
  const most = room * state.theme.num('block', 'keep_together_max_ratio')
  // Moving the block moves what keeps with it too: the page is left empty from here.
  const here = remaining(state)
  return here > room * state.theme.num('block', 'keep_together_max_gap_ratio') ? Math.min(most, here - ahead) : most
}

/**
 * Blocks that the head of a keep chain (a heading, an introducing paragraph) let start on its page
 * though they are kept together when short: they split where they fall when drawn. A chain is decided
 * once, at its head, with all of it in view; the block alone, measured after the head is placed,
 * could decide otherwise and move away from it.
 */
const splitting = new WeakMap<object, WeakSet<object>>()

/** Let `node` split where it starts, as the chain before it decided (`keepShort`). */
export function splitWhereItFalls(state: State, node: object): void {
  if (state.ink.dry) return
  let nodes = splitting.get(state.ink)
  if (!nodes) splitting.set(state.ink, (nodes = new WeakSet()))
  nodes.add(node)
}

/** Whether the chain before `node` let it split where it starts (`splitWhereItFalls`). */
export function splitsWhereItFalls(state: State, node: object): boolean {
  return splitting.get(state.ink)?.has(node) === true
}

/** Keep a block together only when it is short (`keptTogether`), unless the chain before it decided it splits. */
export function keepShort(state: State, draw: () => void, node: object): void {
  if (!state.ink.dry && !splitsWhereItFalls(state, node)) {
    const most = keptTogether(state)
    const height = measure(state, draw, most)
    if (height <= most) ensure(state, height)
  }
  draw()
}

/** Run `inner` in a narrower column; past `block_min_width_ratio` of the page's column, no narrower. */
export function indented(state: State, left: number, right: number, inner: () => void): void {
  const outer: Frame = state.scope.frame
  const narrowest = state.column.width * state.theme.num('block', 'min_width_ratio')
  within(state, { frame: outer.width - left - right < narrowest ? outer : { x: outer.x + left, width: outer.width - left - right } }, inner)
}

/** `indented` on the side lines start from: the left, or the right in right-to-left text. */
export function indentedStart(state: State, amount: number, inner: () => void): void {
  if (state.direction === 'rtl') indented(state, 0, amount, inner)
  else indented(state, amount, 0, inner)
}

/** A decoration drawn beside a block on each page it spans; returns the function that closes it. */
export function decorate(state: State, draw: (top: number, bottom: number) => void): () => void {
  if (state.ink.dry) return () => {}
  const decoration: Decoration = { start: state.flow.cursor.y, draw }
  state.flow.decorations.push(decoration)
  return () => {
    state.flow.decorations.splice(state.flow.decorations.indexOf(decoration), 1)
    if (state.flow.cursor.y > decoration.start) draw(decoration.start, state.flow.cursor.y)
  }
}

/**
 * Place a run of boxes (lines) that may break between any two, honouring orphans (boxes kept at a
 * page's foot) and widows (boxes carried to the next page's head). `draw` gets each box and its top.
 * `anchors` names the ids in a box: a box referencing footnotes fits only with its notes.
 */
export function flow<T extends { height: number; ascent?: number }>(
  state: State,
  boxes: T[],
  draw: (box: T, top: number) => void,
  options: { orphans?: number; widows?: number; anchors?: (box: T) => string[]; after?: number } = {}
): void {
  const orphans = Math.max(1, options.orphans ?? 1)
  const widows = Math.max(1, options.widows ?? 1)
  const anchors = state.notes.active ? options.anchors : undefined
  let index = 0
  while (index < boxes.length) {
    const room = remaining(state)
    let used = 0
    let notes: unknown[] = []
    let count = 0
    while (index + count < boxes.length) {
      const box = boxes[index + count] as T
      const fresh = anchors ? state.notes.fresh(state, anchors(box), notes) : []
      const more = fresh.length > 0 ? [...notes, ...fresh] : notes
      if (used + box.height + state.notes.extra(state, more) > room + 0.001) break
      used += box.height
      notes = more
      count += 1
    }
    let left = boxes.length - index - count
    // What must follow the last box on its page (`after`: a display formula) moves the last box on,
    // with what the widows rule takes along; not from the top of a page, which has no better place.
    if (left === 0 && count > 0 && used + (options.after ?? 0) > room + 0.001 && !atTop(state) && !state.ink.dry) {
      count -= 1
      left = 1
    }
    if (left > 0 && !state.ink.dry) {
      if (left < widows) count = Math.max(0, count - (widows - left))
      if (index === 0 && count < orphans) count = 0
    }
    if (count === 0) {
      if (atTop(state))
        count = 1 // Taller than a page: place it anyway rather than loop.
      else {
        newPage(state)
        continue
      }
    }
    for (let end = index + count; index < end; index += 1) {
      const box = boxes[index] as T
      draw(box, place(state, box.height, box.ascent))
    }
    if (index < boxes.length) newPage(state)
  }
}
