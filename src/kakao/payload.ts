// SkillPayload: what OpenBuilder POSTs to a skill. Lenient on purpose: unknown keys appear over
// time, and real traffic has lang "kr" or null, clientExtra null or the string "null", user type
// "accountId" or "talk_user_id", isFriend as "true", params values as objects, flow with only
// lastBlock, "indent" instead of "intent". Only what a skill cannot work without is required:
// userRequest.utterance (a string) and userRequest.user.id. Every other field is described with
// its documented shape but accepted in any shape (`orAnything`): a skill that reads one checks it.
import { Type, type Static, type TSchema } from '@sinclair/typebox'

const loose = { additionalProperties: true } as const
/**
 * The documented shape, for readers and the OpenAPI page, without refusing anything else: a
 * request KakaoTalk sends is answered even when a field we do not need has an odd shape.
 */
const orAnything = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Unknown()], description ? { description } : {})
const OptStr = Type.Optional(Type.Union([Type.String(), Type.Null()]))
const Named = Type.Object({ id: OptStr, name: OptStr }, loose)

// Kakao's own knowledge base fills these; empty ones may come as "" or null.
export const MatchedKnowledge = Type.Object(
  {
    categories: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
    question: OptStr,
    answer: OptStr,
    imageUrl: OptStr,
    landingUrl: OptStr,
  },
  loose
)

export const Intent = Type.Object(
  {
    id: OptStr,
    name: OptStr,
    extra: Type.Optional(
      Type.Union([
        Type.Object(
          {
            reason: Type.Optional(
              Type.Union([Type.Object({ code: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Null()])), message: OptStr }, loose), Type.Null()])
            ),
            knowledge: Type.Optional(
              Type.Union([Type.Object({ matchedKnowledges: Type.Optional(Type.Union([Type.Array(MatchedKnowledge), Type.Null()])) }, loose), Type.Null()])
            ),
          },
          loose
        ),
        Type.Null(),
      ])
    ),
  },
  loose
)

export const SkillUser = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'botUserKey: ≤ 70 chars, different in every bot' }),
    type: Type.Optional(Type.String({ description: '"botUserKey"; old payloads "accountId"' })),
    properties: Type.Optional(orAnything(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]))),
  },
  loose
)

export const UserRequest = Type.Object(
  {
    timezone: Type.Optional(orAnything(OptStr)),
    block: Type.Optional(orAnything(Type.Union([Named, Type.Null()]))),
    utterance: Type.String({ description: 'What the user typed, or the text the tapped button sent' }),
    lang: Type.Optional(orAnything(OptStr)),
    params: Type.Optional(orAnything(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]))),
    callbackUrl: Type.Optional(orAnything(OptStr)),
    user: SkillUser,
  },
  loose
)

export const DetailParam = Type.Object(
  { origin: Type.Optional(Type.Unknown()), value: Type.Optional(Type.Unknown()), groupName: OptStr },
  loose
)

export const Action = Type.Object(
  {
    id: OptStr,
    name: OptStr,
    params: Type.Optional(orAnything(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]))),
    detailParams: Type.Optional(orAnything(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]))),
    clientExtra: Type.Optional(
      orAnything(
        Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
        'The extra of the tapped button / quick reply / list item; null or {} when typed (old traffic: the string "null")'
      )
    ),
  },
  loose
)

export const ContextIn = Type.Object(
  { name: Type.Optional(Type.String()), lifespan: Type.Optional(Type.Number()), ttl: Type.Optional(Type.Number()), params: Type.Optional(Type.Unknown()) },
  loose
)

export const Flow = Type.Object(
  {
    trigger: Type.Optional(
      Type.Union([
        Type.Object({ type: OptStr, referrerBlock: Type.Optional(Type.Union([Named, Type.Null()])) }, loose),
        Type.Null(),
      ])
    ),
    lastBlock: Type.Optional(Type.Union([Named, Type.Null()])),
  },
  loose
)

export const SkillPayload = Type.Object(
  {
    intent: Type.Optional(orAnything(Type.Union([Intent, Type.Null()]))),
    userRequest: UserRequest,
    bot: Type.Optional(orAnything(Type.Union([Named, Type.Null()]))),
    action: Type.Optional(Type.Union([Action, Type.Null()])),
    contexts: Type.Optional(orAnything(Type.Union([Type.Array(ContextIn), Type.Null()]))),
    flow: Type.Optional(orAnything(Type.Union([Flow, Type.Null()]))),
  },
  { ...loose, title: 'SkillPayload (OpenBuilder skill request 2.0)' }
)

export type SkillPayload = Static<typeof SkillPayload>
export type Intent = Static<typeof Intent>
export type MatchedKnowledge = Static<typeof MatchedKnowledge>

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** clientExtra as an object: null, missing, "null", an array or any other non-object mean no state ({}). */
export function clientExtraOf (payload: SkillPayload): Record<string, unknown> {
  const extra = payload.action?.clientExtra
  return isRecord(extra) ? extra : {}
}

/** action.params as an object ({} when missing or not an object); values may be strings or objects. */
export function actionParamsOf (payload: SkillPayload): Record<string, unknown> {
  const params = payload.action?.params
  return isRecord(params) ? params : {}
}
