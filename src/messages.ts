// Every sentence the bot says to users, in Korean 존댓말. Operators override any key with a JSON
// file named by MESSAGES_FILE; unknown keys there are refused so a typo does not go unnoticed.
import { Type, type Static } from '@sinclair/typebox'
import { readSettingsFile } from './json-file.js'

export const defaultMessages = {
  /** Utterance was empty or whitespace only. */
  empty: '궁금하신 내용을 입력해 주세요. 예를 들어 "오픈채팅 이용제한 사유"처럼 물어보시면 찾아 드릴게요.',
  /** Nothing in the FAQ matched. */
  none: '죄송합니다. 말씀하신 내용에 맞는 답변을 찾지 못했어요. 다른 표현으로 다시 질문해 주시거나 아래 메뉴에서 찾아 주세요.',
  /** An error inside the skill; the user still gets a polite reply. */
  error: '죄송합니다. 일시적인 오류로 답변을 드리지 못했어요. 잠시 후 다시 시도해 주세요.',
  /** The skill ran out of its time budget or the server is overloaded. */
  busy: '지금 문의가 많아 답변이 늦어지고 있어요. 잠시 후 다시 질문해 주세요.',
  /** Header of the "did you mean" list. */
  choicesHeader: '혹시 이런 질문이신가요?',
  /** Quick reply: none of the choices fits. */
  choicesNotFound: '찾는 질문이 없어요',
  /** Reply after "찾는 질문이 없어요". */
  choicesMissed: '원하시는 답변을 찾지 못해 죄송합니다. 질문을 조금 더 자세히 적어 주시면 다시 찾아 볼게요.',
  /** Button that opens an answer's link. */
  moreLink: '자세히 보기',
  /** Button / quick reply that hands over to a human agent. */
  operator: '상담원 연결',
  /** Card text above the operator button when no answer was found. */
  operatorPrompt: '상담원과 직접 이야기하시려면 아래 버튼을 눌러 주세요.',
  /** Feedback quick replies. */
  feedbackYes: '도움이 됐어요',
  feedbackNo: '아니요',
  /** Reply to positive / negative feedback. */
  thanksYes: '도움이 되었다니 다행이에요. 더 궁금한 점이 있으시면 언제든 물어봐 주세요.',
  thanksNo: '도움이 되지 못해 죄송합니다. 남겨 주신 의견은 답변을 개선하는 데 쓰겠습니다. 다른 표현으로 다시 질문해 주세요.',
  /** Quick reply back to the start. */
  home: '처음으로',
  /** Welcome block greeting. */
  welcome: '안녕하세요! 자주 묻는 질문에 답해 드리는 챗봇입니다. 궁금한 내용을 편하게 입력하시거나 아래에서 골라 주세요.',
  /** Browse menu header and paging. */
  browseHeader: '자주 묻는 질문',
  /** Header of the second and later cards of the category menu carousel. */
  browseHeaderPaged: '자주 묻는 질문 ({page}/{pages})',
  browseMore: '더보기',
  /** Shown under each category in the menu. */
  categoryCount: '질문 {count}개',
  categoryHeader: '{category} 질문',
  /** Header of a category's question list when it spans several pages. */
  categoryHeaderPaged: '{category} 질문 ({page}/{pages})',
  /** A category that does not exist (any more). */
  categoryUnknown: '선택하신 분류를 찾을 수 없어요. 아래 목록에서 다시 골라 주세요.',
  /** The corpus is empty: nothing to browse. */
  browseEmpty: '아직 등록된 질문이 없어요. 궁금하신 내용을 입력해 주세요.',
  /** Answer for an entry id that no longer exists (e.g. after a reload); the utterance is searched instead. */
  staleChoice: '선택하신 질문은 더 이상 찾을 수 없어 입력하신 내용으로 다시 찾아 봤어요.',
  /** Exactly one plausible entry: ask before answering. {question} is the entry's question. */
  confirmQuestion: "혹시 '{question}'에 대해 물으신 건가요?",
  confirmYes: '네',
  confirmNo: '아니요',
  /** After 아니요 on that question. */
  confirmRejected: '알려 주셔서 감사합니다. 원하시는 내용을 조금 더 자세히 적어 주시거나 아래 메뉴에서 찾아 주세요.',
  /** Quick reply under a long answer that sends its next part. */
  answerMore: '이어서 보기',
  /** Small talk (data/intents.json), answered before any search. */
  intentGreeting: '안녕하세요! 자주 묻는 질문에 답해 드리는 챗봇입니다. 궁금한 내용을 편하게 입력하시거나 아래에서 골라 주세요.',
  intentThanks: '도움이 되었다면 기뻐요. 더 궁금한 점이 있으시면 언제든 물어봐 주세요.',
  intentGoodbye: '이용해 주셔서 감사합니다. 궁금한 점이 생기면 언제든 다시 찾아 주세요. 좋은 하루 보내세요!',
  intentLaughter: '😊 궁금하신 점이 있으면 편하게 물어봐 주세요. 아래 메뉴에서 찾아보셔도 좋아요.',
  intentJamo: '입력하시던 중이셨나요? 궁금하신 내용을 문장으로 적어 주시면 찾아 드릴게요.',
  intentPraise: '좋게 봐 주셔서 감사합니다! 더 궁금한 점이 있으시면 언제든 물어봐 주세요.',
  intentComplaint: '불편을 드려 죄송합니다. 궁금하신 내용을 조금 더 자세히 적어 주시면 다시 찾아 볼게요. 아래 메뉴에서 직접 찾으실 수도 있어요.',
  intentInsult: '불편하셨다면 죄송합니다. 서로 존중하는 말로 이야기해 주시면 더 잘 도와드릴 수 있어요. 궁금하신 점을 말씀해 주세요.',
  /** Asking for a person when a handoff (operator button, phone or web page) is configured. */
  intentHandoff: '상담원과 직접 이야기하실 수 있도록 안내해 드릴게요. 아래에서 편하신 방법을 골라 주세요.',
  /** Asking for a person when no handoff is configured: say so, and what the user can do instead. */
  intentHandoffUnavailable:
    '죄송합니다. 이 채널에서는 상담원 연결을 제공하지 않아요. 궁금하신 내용을 질문으로 입력해 주시면 자주 묻는 질문에서 찾아 드릴게요. 아래 메뉴에서 직접 찾아보실 수도 있어요.',
  /** Button that dials OPERATOR_PHONE. */
  operatorPhone: '전화 상담',
  /** Button that opens OPERATOR_URL. */
  operatorWeb: '1:1 문의하기',
} as const

export const MessagesSchema = Type.Object(
  Object.fromEntries(Object.keys(defaultMessages).map((k) => [k, Type.Optional(Type.String({ minLength: 1 }))])),
  { additionalProperties: false }
)

export type Messages = { -readonly [K in keyof typeof defaultMessages]: string }

export function loadMessages (file?: string): Messages {
  const messages: Messages = { ...defaultMessages }
  if (!file) return messages
  const raw = readSettingsFile('MESSAGES_FILE', file, MessagesSchema)
  return Object.assign(messages, raw as Partial<Messages>) satisfies Static<typeof MessagesSchema>
}

/** Fill {name} placeholders. */
export function format (template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
}
