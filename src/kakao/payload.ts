// SkillPayload: what OpenBuilder POSTs to a skill. Lenient on purpose: unknown keys appear over
// time, and real traffic has lang "kr" or null, clientExtra null, user type "accountId", no
// contexts or flow. Only what a skill cannot work without is required: userRequest.utterance
// (a string) and userRequest.user.id.
import { Type, type Static } from '@sinclair/typebox'

const loose = { additionalProperties: true } as const
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
  loose,
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
              Type.Union([Type.Object({ code: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Null()])), message: OptStr }, loose), Type.Null()]),
            ),
            knowledge: Type.Optional(
              Type.Union([Type.Object({ matchedKnowledges: Type.Optional(Type.Union([Type.Array(MatchedKnowledge), Type.Null()])) }, loose), Type.Null()]),
            ),
          },
          loose,
        ),
        Type.Null(),
      ]),
    ),
  },
  loose,
)

export const SkillUser = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'botUserKey: ≤ 70 chars, different in every bot' }),
    type: Type.Optional(Type.String({ description: '"botUserKey"; old payloads "accountId"' })),
    properties: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  },
  loose,
)

export const UserRequest = Type.Object(
  {
    timezone: OptStr,
    block: Type.Optional(Type.Union([Named, Type.Null()])),
    utterance: Type.String({ description: 'What the user typed, or the text the tapped button sent' }),
    lang: OptStr,
    params: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    callbackUrl: OptStr,
    user: SkillUser,
  },
  loose,
)

export const DetailParam = Type.Object(
  { origin: Type.Optional(Type.Unknown()), value: Type.Optional(Type.Unknown()), groupName: OptStr },
  loose,
)

export const Action = Type.Object(
  {
    id: OptStr,
    name: OptStr,
    params: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    detailParams: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    clientExtra: Type.Optional(
      Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
        description: 'The extra of the tapped button / quick reply / list item; null or {} when typed',
      }),
    ),
  },
  loose,
)

export const ContextIn = Type.Object(
  { name: Type.Optional(Type.String()), lifespan: Type.Optional(Type.Number()), ttl: Type.Optional(Type.Number()), params: Type.Optional(Type.Unknown()) },
  loose,
)

export const Flow = Type.Object(
  {
    trigger: Type.Optional(
      Type.Union([
        Type.Object({ type: OptStr, referrerBlock: Type.Optional(Type.Union([Named, Type.Null()])) }, loose),
        Type.Null(),
      ]),
    ),
    lastBlock: Type.Optional(Type.Union([Named, Type.Null()])),
  },
  loose,
)

export const SkillPayload = Type.Object(
  {
    intent: Type.Optional(Type.Union([Intent, Type.Null()])),
    userRequest: UserRequest,
    bot: Type.Optional(Type.Union([Named, Type.Null()])),
    action: Type.Optional(Type.Union([Action, Type.Null()])),
    contexts: Type.Optional(Type.Union([Type.Array(ContextIn), Type.Null()])),
    flow: Type.Optional(Type.Union([Flow, Type.Null()])),
  },
  { ...loose, title: 'SkillPayload (OpenBuilder skill request 2.0)' },
)

export type SkillPayload = Static<typeof SkillPayload>
export type Intent = Static<typeof Intent>
export type MatchedKnowledge = Static<typeof MatchedKnowledge>

/** clientExtra as an object (null and missing become {}). */
export function clientExtraOf(payload: SkillPayload): Record<string, unknown> {
  const extra = payload.action?.clientExtra
  return extra && typeof extra === 'object' && !Array.isArray(extra) ? extra : {}
}
