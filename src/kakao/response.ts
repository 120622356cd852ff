// SkillResponse 2.0 as TypeBox schemas: the single source of the reply types.
// Schemas are strict (no unknown keys) because we produce these objects ourselves;
// the limits come from ./limits.ts so the builders and the schema cannot disagree.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { LIMITS as L } from './limits.js'

const strict = { additionalProperties: false } as const
const Str = (maxLength?: number) => Type.String(maxLength ? { maxLength } : {})
const Extra = Type.Record(Type.String(), Type.Unknown(), { description: 'Arrives as action.clientExtra on the next request' })

export const Link = Type.Object(
  { web: Type.Optional(Str()), pc: Type.Optional(Str()), mobile: Type.Optional(Str()) },
  strict
)

export const Thumbnail = Type.Object(
  {
    imageUrl: Str(),
    altText: Type.Optional(Str(L.altText)),
    link: Type.Optional(Link),
    fixedRatio: Type.Optional(Type.Boolean()),
    width: Type.Optional(Type.Integer()),
    height: Type.Optional(Type.Integer()),
  },
  strict
)

const ButtonBase = { label: Str(L.buttonLabel) }
export const Button = Type.Union(
  [
    Type.Object({ ...ButtonBase, action: Type.Literal('webLink'), webLinkUrl: Str() }, strict),
    Type.Object(
      { ...ButtonBase, action: Type.Literal('message'), messageText: Str(), extra: Type.Optional(Extra) },
      strict
    ),
    Type.Object({ ...ButtonBase, action: Type.Literal('phone'), phoneNumber: Str() }, strict),
    Type.Object(
      {
        ...ButtonBase,
        action: Type.Literal('block'),
        blockId: Str(),
        messageText: Type.Optional(Str()),
        extra: Type.Optional(Extra),
      },
      strict
    ),
    Type.Object({ ...ButtonBase, action: Type.Literal('share') }, strict),
    Type.Object({ ...ButtonBase, action: Type.Literal('operator') }, strict),
  ]
)
export type Button = Static<typeof Button>

const Buttons = (max: number = L.buttons) => Type.Optional(Type.Array(Button, { maxItems: max }))
const ButtonLayout = Type.Optional(Type.Union([Type.Literal('vertical'), Type.Literal('horizontal')]))

export const SimpleText = Type.Object({ text: Type.String({ minLength: 1, maxLength: L.simpleText }) }, strict)
export const SimpleImage = Type.Object({ imageUrl: Str(), altText: Str(L.altText) }, strict)

const textCardFields = (descMax: number) => ({
  title: Type.Optional(Str(L.textCardTitle)),
  description: Type.Optional(Str(descMax)),
  buttons: Buttons(),
  buttonLayout: ButtonLayout,
})
export const TextCard = Type.Object(textCardFields(L.textCardDescription), strict)
const TextCardInCarousel = Type.Object(textCardFields(L.textCardDescriptionInCarousel), strict)

export const BasicCard = Type.Object(
  {
    title: Type.Optional(Str(L.basicCardTitle)),
    description: Type.Optional(Str(L.basicCardDescription)),
    thumbnail: Thumbnail,
    buttons: Buttons(),
    buttonLayout: ButtonLayout,
  },
  strict
)

export const CommerceCard = Type.Object(
  {
    title: Type.Optional(Str(L.commerceCardTitle)),
    description: Type.Optional(Str(L.commerceCardDescription)),
    price: Type.Integer(),
    currency: Type.Optional(Type.Literal('won')),
    discount: Type.Optional(Type.Integer()),
    discountRate: Type.Optional(Type.Integer()),
    discountedPrice: Type.Optional(Type.Integer()),
    thumbnails: Type.Array(Thumbnail, { minItems: 1, maxItems: 1 }),
    profile: Type.Optional(Type.Object({ nickname: Str(), imageUrl: Type.Optional(Str()) }, strict)),
    buttons: Buttons(),
    buttonLayout: ButtonLayout,
  },
  strict
)

export const ListItem = Type.Object(
  {
    title: Str(L.listItemTitle),
    description: Type.Optional(Str(L.listItemDescription)),
    imageUrl: Type.Optional(Str()),
    link: Type.Optional(Link),
    action: Type.Optional(Type.Union([Type.Literal('message'), Type.Literal('block')])),
    messageText: Type.Optional(Str()),
    blockId: Type.Optional(Str()),
    extra: Type.Optional(Extra),
  },
  strict
)

const listCardFields = (maxItems: number) => ({
  header: Type.Object({ title: Str(L.listHeaderTitle) }, strict),
  items: Type.Array(ListItem, { minItems: 1, maxItems }),
  buttons: Buttons(L.listCardButtons),
  buttonLayout: ButtonLayout,
})
export const ListCard = Type.Object(listCardFields(L.listCardItems), strict)
const ListCardInCarousel = Type.Object(listCardFields(L.listCardItemsInCarousel), strict)

const ItemRow = Type.Object({ title: Str(L.itemCardRowTitle), description: Str(L.itemCardRowDescription) }, strict)
const itemCardFields = (maxItems: number) => ({
  thumbnail: Type.Optional(Thumbnail),
  head: Type.Optional(Type.Object({ title: Str() }, strict)),
  profile: Type.Optional(Type.Object({ title: Str(), imageUrl: Type.Optional(Str()) }, strict)),
  imageTitle: Type.Optional(Type.Object({ title: Str(), description: Type.Optional(Str()), imageUrl: Type.Optional(Str()) }, strict)),
  itemList: Type.Array(ItemRow, { minItems: 1, maxItems }),
  itemListAlignment: Type.Optional(Type.Union([Type.Literal('left'), Type.Literal('right')])),
  itemListSummary: Type.Optional(ItemRow),
  title: Type.Optional(Str()),
  description: Type.Optional(Str()),
  buttons: Buttons(),
  buttonLayout: ButtonLayout,
})
export const ItemCard = Type.Object(itemCardFields(L.itemCardItems), strict)
const ItemCardInCarousel = Type.Object(itemCardFields(L.itemCardItemsInCarousel), strict)

const CarouselHeader = Type.Object(
  { title: Str(), description: Type.Optional(Str()), thumbnail: Thumbnail },
  strict
)
const carouselOf = <T extends TSchema>(type: string, item: T, maxItems: number) =>
  Type.Object(
    { type: Type.Literal(type), items: Type.Array(item, { minItems: 1, maxItems }), header: Type.Optional(CarouselHeader) },
    strict
  )
export const Carousel = Type.Union([
  carouselOf('basicCard', BasicCard, L.carouselItems),
  carouselOf('commerceCard', CommerceCard, L.carouselItems),
  carouselOf('listCard', ListCardInCarousel, L.listCardCarouselItems),
  carouselOf('itemCard', ItemCardInCarousel, L.carouselItems),
  carouselOf('textCard', TextCardInCarousel, L.carouselItems),
])

/** One output: an object with exactly one key naming the component. */
export const Component = Type.Union([
  Type.Object({ simpleText: SimpleText }, strict),
  Type.Object({ simpleImage: SimpleImage }, strict),
  Type.Object({ textCard: TextCard }, strict),
  Type.Object({ basicCard: BasicCard }, strict),
  Type.Object({ commerceCard: CommerceCard }, strict),
  Type.Object({ listCard: ListCard }, strict),
  Type.Object({ itemCard: ItemCard }, strict),
  Type.Object({ carousel: Carousel }, strict),
])

export const QuickReply = Type.Union([
  Type.Object(
    { label: Str(L.quickReplyLabel), action: Type.Literal('message'), messageText: Str(), extra: Type.Optional(Extra) },
    strict
  ),
  Type.Object(
    {
      label: Str(L.quickReplyLabel),
      action: Type.Literal('block'),
      blockId: Str(),
      messageText: Type.Optional(Str()),
      extra: Type.Optional(Extra),
    },
    strict
  ),
])

export const ContextValue = Type.Object(
  {
    name: Str(),
    lifeSpan: Type.Integer({ minimum: 0 }),
    ttl: Type.Optional(Type.Integer({ minimum: 0 })),
    params: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  strict
)

/**
 * What the FAQ skills report about their decision (the HTTP eval runner, operators' webhook
 * variables and the logs read it): the search outcome, what the user was shown (`kind`) and details.
 */
export const ReplyCandidate = Type.Object({ faqId: Str(), question: Str(), score: Type.Number() })
export const ReplyData = Type.Object(
  {
    outcome: Type.Union([Type.Literal('answer'), Type.Literal('choices'), Type.Literal('none')]),
    kind: Type.String({ description: 'answer, choices, confirm, none, intent, menu, category, welcome, feedback, missed, more, empty, busy, error' }),
    faqId: Type.Optional(Str()),
    question: Type.Optional(Str()),
    score: Type.Optional(Type.Number()),
    candidates: Type.Array(ReplyCandidate),
    intent: Type.Optional(Str()),
    feedback: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no')])),
    part: Type.Optional(Type.Integer({ minimum: 1, description: 'The part of a long answer in this reply' })),
    parts: Type.Optional(Type.Integer({ minimum: 1, description: 'How many replies the whole answer takes' })),
    category: Type.Optional(Str()),
    page: Type.Optional(Type.Integer()),
    pages: Type.Optional(Type.Integer()),
    shown: Type.Optional(Type.Array(Str())),
    busy: Type.Optional(Type.Boolean()),
    error: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true }
)

export const SkillResponse = Type.Object(
  {
    version: Type.Literal('2.0'),
    template: Type.Object(
      {
        outputs: Type.Array(Component, { minItems: 1, maxItems: L.outputs }),
        quickReplies: Type.Optional(Type.Array(QuickReply, { maxItems: L.quickReplies })),
      },
      strict
    ),
    context: Type.Optional(Type.Object({ values: Type.Array(ContextValue) }, strict)),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { ...strict, title: 'SkillResponse 2.0' }
)

/**
 * The immediate answer to a request that carries userRequest.callbackUrl when the real reply will
 * be POSTed to that URL later (AI chatbot callback). No template: KakaoTalk shows a waiting bubble.
 */
export const CallbackAck = Type.Object(
  { version: Type.Literal('2.0'), useCallback: Type.Literal(true), data: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { ...strict, title: 'Callback acknowledgement' }
)

export type CallbackAck = Static<typeof CallbackAck>
export type Component = Static<typeof Component>
export type QuickReply = Static<typeof QuickReply>
export type SimpleText = Static<typeof SimpleText>
export type TextCard = Static<typeof TextCard>
export type BasicCard = Static<typeof BasicCard>
export type ListCard = Static<typeof ListCard>
export type ListItem = Static<typeof ListItem>
export type Thumbnail = Static<typeof Thumbnail>
export type Carousel = Static<typeof Carousel>
export type ContextValue = Static<typeof ContextValue>
export type ReplyData = Static<typeof ReplyData>
export type ReplyCandidate = Static<typeof ReplyCandidate>
export type SkillResponse = Static<typeof SkillResponse>
