// Everything a reply needs: the sentences, the operator's settings, the serving corpus (matcher
// and catalog) and the small-talk phrases. Built once per turn from the snapshot the turn started on.
import type { Config } from '../config.js'
import type { Messages } from '../messages.js'
import type { Matcher } from '../match/types.js'
import { catalogOf, type Catalog } from './catalog.js'
import type { Intents } from './intents.js'

export type ConversationConfig = Pick<
  Config,
  | 'OPERATOR_HANDOFF'
  | 'OPERATOR_PHONE'
  | 'OPERATOR_URL'
  | 'DEFAULT_THUMBNAIL_URL'
  | 'CATEGORY_THUMBNAILS'
  | 'BLOCK_ID_ANSWER'
  | 'BLOCK_ID_FEEDBACK'
  | 'BLOCK_ID_BROWSE'
>

export interface ReplyContext {
  messages: Messages
  config: Partial<ConversationConfig>
  matcher: Matcher
  catalog: Catalog
  intents: Intents
}

export function replyContext (messages: Messages, config: Partial<ConversationConfig>, matcher: Matcher, intents: Intents): ReplyContext {
  return { messages, config, matcher, catalog: catalogOf(matcher.corpus), intents }
}
