import t from 'tap'
import { FEATURES, fitListwise, linearScore, toProbabilities, type Choice } from '../src/match/model.js'

/** Minus the log-likelihood plus the fit's L2 penalty: what fitListwise minimises. */
function loss (choices: readonly Choice[], w: readonly number[], l2: number): number {
  let sum = 0
  for (let i = 1; i < w.length; i++) sum += 0.5 * l2 * w[i]! * w[i]!
  for (const c of choices) {
    const p = toProbabilities(c.xs.map((x) => linearScore(w, x)))
    const good = c.right.some(Boolean) ? p.reduce((a, v, i) => a + (c.right[i] ? v : 0), 0) : 1 - p.reduce((a, b) => a + b, 0)
    sum -= c.weight * Math.log(good)
  }
  return sum
}

/** A seeded generator, so the data and the test are the same on every run. */
function random (seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

t.test('fitListwise reaches the optimum when a sign holds a weight at 0', async (t) => {
  // Relevance says which candidate is right; `unseen` (allowed only to lower confidence) is made to
  // go with right answers, so the fit wants it positive and must hold it at 0. Before the fix the
  // clamped weight spoiled the Newton step, the line search failed and the fit stopped early.
  const rnd = random(7)
  const unseen = FEATURES.indexOf('unseen')
  const relevance = FEATURES.indexOf('relevance')
  const choices: Choice[] = []
  for (let n = 0; n < 300; n++) {
    const xs: number[][] = []
    const right: boolean[] = []
    const ood = rnd() < 0.3
    for (let k = 0; k < 3; k++) {
      const x = FEATURES.map(() => rnd())
      const isRight = !ood && k === 0
      x[relevance] = isRight ? 0.5 + 0.5 * rnd() : 0.6 * rnd()
      x[unseen] = isRight ? 0.5 + 0.5 * rnd() : 0.5 * rnd()
      xs.push(x)
      right.push(isRight)
    }
    choices.push({ xs, right, weight: 1 })
  }
  const l2 = 0.01
  const w = fitListwise(choices, l2, 200)
  t.equal(w[unseen + 1], 0, 'the sign keeps unseen at 0')
  t.ok(w[relevance + 1]! > 1, 'relevance carries the answer')
  // At the optimum no single free weight can move and lower the loss (weights are rounded to 1e-4).
  const best = loss(choices, w, l2)
  for (let i = 0; i < w.length; i++) {
    if (i > 0 && w[i] === 0) continue // held at 0 by its sign (or truly 0): not free
    for (const d of [-0.05, 0.05]) {
      const moved = w.map((v, j) => (j === i ? v + d : v))
      const name = i ? FEATURES[i - 1] : 'bias'
      t.ok(loss(choices, moved, l2) >= best - 1e-3, `moving ${name} by ${d} does not lower the loss`)
    }
  }
})
