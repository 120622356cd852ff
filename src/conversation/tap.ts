// What a tapped button, quick reply or list item carries back in clientExtra. We write these
// extras ourselves, but OpenBuilder (and operators' own blocks) may hand values back as strings,
// so every field is read leniently: "2" is page 2, "true" is true, "yes"/"no" are votes.

/** State we put into `extra`; it comes back as action.clientExtra. */
export interface Tap {
  faqId?: string
  feedback?: 'yes' | 'no'
  category?: string
  page?: number
  missed?: boolean
  /** "처음으로": back to the category menu. */
  home?: boolean
  /** The utterance that led to a "찾는 질문이 없어요" (so the miss can be reported). */
  query?: string
  /** The candidate ids that were offered before a miss. */
  offered?: string[]
}

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

const bool = (v: unknown): boolean => v === true || v === 1 || (typeof v === 'string' && /^(true|1|yes|y)$/i.test(v.trim()))

const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 10_000) : undefined
}

function vote(v: unknown): 'yes' | 'no' | undefined {
  if (v === true) return 'yes'
  if (v === false) return 'no'
  const s = str(v)?.toLowerCase()
  if (s === 'yes' || s === 'y' || s === 'true' || s === 'helpful' || s === '1') return 'yes'
  if (s === 'no' || s === 'n' || s === 'false' || s === '0') return 'no'
  return undefined
}

function ids(v: unknown): string[] | undefined {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []
  const out = list.map(str).filter((s): s is string => !!s).slice(0, 10)
  return out.length ? out : undefined
}

/** Read a clientExtra object (possibly with string values) into a Tap; unknown keys are ignored. */
export function parseTap(extra: Record<string, unknown>): Tap {
  const tap: Tap = {}
  const faqId = str(extra.faqId)
  if (faqId) tap.faqId = faqId
  const feedback = vote(extra.feedback)
  if (feedback) tap.feedback = feedback
  const category = str(extra.category)
  if (category) tap.category = category
  const page = int(extra.page)
  if (page) tap.page = page
  if (bool(extra.missed)) tap.missed = true
  if (bool(extra.home)) tap.home = true
  const query = str(extra.query)
  if (query) tap.query = query
  const offered = ids(extra.offered)
  if (offered) tap.offered = offered
  return tap
}

/** True when the tap asks for something we route on (as opposed to an empty or foreign extra). */
export function isRoutable(tap: Tap): boolean {
  return !!(tap.feedback || tap.missed || tap.faqId || tap.category || tap.home || tap.page)
}
