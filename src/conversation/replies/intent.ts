// Replies to small talk (conversation/intents.ts): each says something fitting in 존댓말 and
// offers a way forward. An insult is answered with a calm boundary and never repeated back.
import { simpleText, textCard } from '../../kakao/builders.js'
import type { ReplyContext } from '../context.js'
import { decide, type How } from '../decision.js'
import type { IntentName } from '../skill-log.js'
import { menuReply, welcomeReply } from './browse.js'
import { categoryQuickReplies, handoffButtons, handoffCard, homeQuick, reply, type Reply } from './common.js'

export function intentReply (ctx: ReplyContext, intent: IntentName, typed: How = { via: 'typed' }): Reply {
  const { messages } = ctx
  // Object.assign, not `{ ...typed, intent }`: see decide() in decision.ts.
  const how: How = Object.assign({}, typed, { intent })
  const say = (text: string, withCategories = false) =>
    reply(decide(how, 'intent'), {
      outputs: [simpleText(text)],
      quickReplies: [...(withCategories ? categoryQuickReplies(ctx) : []), homeQuick(ctx)],
    })
  switch (intent) {
    case 'greeting':
      return welcomeReply(ctx, how, messages.intentGreeting)
    case 'menu':
      return menuReply(ctx, how)
    case 'thanks':
      return say(messages.intentThanks)
    case 'goodbye':
      return say(messages.intentGoodbye)
    case 'praise':
      return say(messages.intentPraise)
    case 'laughter':
      return say(messages.intentLaughter, true)
    case 'jamo':
      return say(messages.intentJamo, true)
    case 'insult':
      return say(messages.intentInsult)
    case 'complaint':
      return reply(decide(how, 'intent'), {
        outputs: [simpleText(messages.intentComplaint), ...handoffCard(ctx)],
        quickReplies: [...categoryQuickReplies(ctx), homeQuick(ctx)],
      })
    case 'handoff': {
      const buttons = handoffButtons(ctx)
      if (!buttons.length) return say(messages.intentHandoffUnavailable, true)
      return reply(decide(how, 'intent'), {
        outputs: [{ textCard: textCard({ description: messages.intentHandoff, buttons }) }],
        quickReplies: [homeQuick(ctx)],
      })
    }
  }
}
