import t from 'tap'
import { LineBatcher } from '../src/log-destination.js'

t.test('lines are held until a batch is full or flushed, then written in order as one chunk', async (t) => {
  const written: string[] = []
  const batcher = new LineBatcher({ write: (c: string) => written.push(c) }, 20)
  batcher.write('첫째 줄\n')
  batcher.write('둘째\n')
  t.same(written, [], 'below the batch size nothing is written')
  batcher.write('three is longer\n')
  t.same(written, ['첫째 줄\n둘째\nthree is longer\n'], 'reaching the size writes everything pending')
  batcher.write('last\n')
  batcher.flush()
  batcher.flush()
  t.same(written, ['첫째 줄\n둘째\nthree is longer\n', 'last\n'], 'flush writes what is pending, once')
})
