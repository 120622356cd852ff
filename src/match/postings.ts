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

/** Fills a fresh index from saved postings through FlexSearch's import, yielding between pieces. */
export async function importPostings (index: Index, p: Postings, terms: string[], pause: Pause): Promise<void> {
  const data: Array<[string, Array<number[] | undefined>]> = []
  let k = 0
  while (k < p.term.length) {
    if ((data.length & 255) === 255) await pause()
    const term = p.term[k]!
    const slots: Array<number[] | undefined> = []
    for (; k < p.term.length && p.term[k] === term; k++) slots[p.slot[k]!] = Array.from(p.ids.subarray(p.start[k]!, p.start[k + 1]!))
    data.push([terms[term]!, slots])
  }
  await pause()
  const load = index as unknown as { import(key: string, data: unknown): void }
  load.import('reg', Array.from(p.reg))
  load.import('map', data)
}
