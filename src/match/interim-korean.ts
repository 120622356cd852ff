// Stand-in for the korean branch's hangul.ts until it lands: a small josa/eomi stripper.
const ENDINGS = [
  '하고싶어요', '하고싶어', '하고싶은데', '싶어요', '싶은데', '해주세요', '해줘요', '하려면', '하는법', '하는데', '했는데',
  '하나요', '되나요', '인가요', '했어요', '됐어요', '되어요', '해요', '돼요', '되요', '어요', '아요', '세요', '습니다', '합니다', '니다',
  '에서는', '으로는', '에게서', '에서', '으로', '에게', '한테', '까지', '부터', '이랑', '처럼', '보다', '하고', '하기', '하면', '해서',
  '은', '는', '이', '가', '을', '를', '에', '의', '도', '로', '와', '과', '만', '요',
]
export function stem(word: string): string {
  for (const e of ENDINGS) if (word.length > e.length && word.endsWith(e)) return word.slice(0, -e.length)
  return word
}
