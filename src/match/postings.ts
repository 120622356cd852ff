// FlexSearch's own index contents as typed arrays, for the matcher snapshot: a restore hands them to
// FlexSearch's import (the documented export/import format: "reg" the document ids, "map" the
// [term, slots] pairs, a slot per score holding document ids) instead of adding 100k documents again,
// which was most of a restore. What is saved is read from the built index itself, so the restored
// index holds the same terms, slots and id order, and answers the same.
import type { Index } from 'flexsearch'

/** One index's postings: entry k is term `term[k]` (a store term id), slot `slot[k]`, ids[start[k] .. start[k + 1]). */
export interface Postings {
  reg: Int32Array
  term: Int32Array
  slot: Int32Array
  start: Int32Array
  ids: Int32Array
}

export const POSTINGS_FIELDS = ['reg', 'term', 'slot', 'start', 'ids'] as const

interface Internals {
  map: Map<string, Array<number[] | undefined>>
  reg: Set<number>
}

type Pause = () => Promise<void> | undefined

/** Reads a built index; throws when it holds what a snapshot cannot say (a term not in the store, non-numeric ids). */
export async function exportPostings (index: Index, termIds: Map<string, number>, pause: Pause): Promise<Postings> {
  const { map, reg } = index as unknown as Internals
  if (!(map instanceof Map) || !(reg instanceof Set)) throw new Error('FlexSearch index internals are not as expected (reg Set, map Map)')
  const term: number[] = []
  const slot: number[] = []
  const start: number[] = [0]
  let count = 0
  for (const slots of map.values()) for (const ids of slots) if (ids) count += ids.length
  const ids = new Int32Array(count)
  let at = 0
  let seen = 0
  for (const [t, slots] of map) {
    if ((++seen & 1023) === 0) await pause()
    const id = termIds.get(t)
    if (id === undefined) throw new Error(`FlexSearch term ${JSON.stringify(t)} is not a store term`)
    for (let s = 0; s < slots.length; s++) {
      const list = slots[s]
      if (!list) continue
      for (const doc of list) {
        if (typeof doc !== 'number') throw new Error('FlexSearch ids are not numbers')
        ids[at++] = doc
      }
      term.push(id)
      slot.push(s)
      start.push(at)
    }
  }
  return { reg: Int32Array.from(reg), term: Int32Array.from(term), slot: Int32Array.from(slot), start: Int32Array.from(start), ids }
}

/**
 * A posting list this long is handed to FlexSearch as a view of the saved ids (an Int32Array over
 * the snapshot's bytes) instead of a copy in a JS array: FlexSearch only reads a list (by index and
 * length, in search and intersect; a single-term search returns it or a slice of it, which the
 * matcher only iterates), and the long lists hold nearly all ids: at 100k entries 3.7M ids in
 * ~900 lists, 29 MB of heap as JS arrays, and most of a restore's time to copy. A short list stays
 * a JS array, which is smaller than a typed-array view. Only a term's only slot is viewed: the
 * slots of one term are joined with Array.prototype.concat, which would not flatten a view (the
 * matcher's indexes have one slot, resolution 1).
 */
const VIEW_MIN = 64

type List = number[] | Int32Array

/** Fills a fresh index from saved postings through FlexSearch's import, yielding between pieces. */
export async function importPostings (index: Index, p: Postings, terms: string[], pause: Pause): Promise<void> {
  const data: Array<[string, Array<List | undefined>]> = []
  let k = 0
  while (k < p.term.length) {
    if ((data.length & 255) === 255) await pause()
    const term = p.term[k]!
    const slots: Array<List | undefined> = []
    const only = p.term[k + 1] !== term
    for (; k < p.term.length && p.term[k] === term; k++) {
      const ids = p.ids.subarray(p.start[k]!, p.start[k + 1]!)
      slots[p.slot[k]!] = only && ids.length >= VIEW_MIN ? ids : Array.from(ids)
    }
    data.push([terms[term]!, slots])
  }
  await pause()
  await load(index, Array.from(p.reg), data, pause)
}

/** Slices of FlexSearch's import: each appends to the register or map in order, so the pieces make the same index. */
const IMPORT_SLICE = 8192

/** FlexSearch's import of a register and a map, a slice at a time (100k terms in one call is tens of ms). */
async function load (index: Index, reg: number[], map: Array<[string, unknown]>, pause: Pause): Promise<void> {
  const into = index as unknown as { import(key: string, data: unknown): void }
  for (let i = 0; i < reg.length; i += IMPORT_SLICE) {
    into.import('reg', reg.slice(i, i + IMPORT_SLICE))
    await pause()
  }
  for (let i = 0; i < map.length; i += IMPORT_SLICE) {
    into.import('map', map.slice(i, i + IMPORT_SLICE))
    await pause()
  }
}

/**
 * Fills a fresh index with documents given as term ids (document i's terms are
 * `ids[start[i] .. start[i + 1])`), exactly as `index.add(i, terms)` for every document in order
 * would: with the matcher's indexes (tokenize "strict", no context, resolution 1) add() puts each
 * distinct non-empty term of a document in slot 0 of the term's list, lists in the order their
 * terms first appear, and registers every document that has terms. Building the lists here and
 * importing them skips FlexSearch's per-term work, a fifth of a 100k-entry build.
 */
export async function fillPostings (index: Index, start: Int32Array, ids: Int32Array, terms: string[], pause: Pause): Promise<void> {
  const lists: Array<number[] | undefined> = new Array(terms.length)
  /** What FlexSearch's import takes: [term, slots] in the order the terms first appear. */
  const map: Array<[string, [number[]]]> = []
  /** The last document a term was counted in: a term repeated in one document counts once. */
  const last = new Int32Array(terms.length).fill(-1)
  const reg: number[] = []
  const n = start.length - 1
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 1023) await pause()
    const from = start[i]!
    const to = start[i + 1]!
    if (from === to) continue
    reg.push(i)
    for (let k = from; k < to; k++) {
      const id = ids[k]!
      if (last[id] === i || !terms[id]) continue
      last[id] = i
      let list = lists[id]
      if (!list) {
        lists[id] = list = []
        map.push([terms[id]!, [list]])
      }
      list.push(i)
    }
  }
  await pause()
  await load(index, reg, map, pause)
}
