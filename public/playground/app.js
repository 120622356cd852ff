// The playground: sends real SkillPayloads (as OpenBuilder would) to a skill of this server and draws
// the SkillResponse the way KakaoTalk does. Plain browser JavaScript, no build step.
// Every text from a reply is set with textContent, never as HTML.

const $ = (id) => document.getElementById(id)
const chat = $('chat')
const input = $('input')
const skillSelect = $('skill')

// ---- the fake user and the conversation state ---------------------------------------------------

const USER_KEY_STORE = 'kakao-faq-skill.playground.botUserKey'
function newUserKey () {
  const bytes = new Uint8Array(24)
  crypto.getRandomValues(bytes)
  return 'playground' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
function userKey () {
  try {
    let key = localStorage.getItem(USER_KEY_STORE)
    if (!key) localStorage.setItem(USER_KEY_STORE, (key = newUserKey()))
    return key
  } catch {
    return 'playground-user-0000000000000000000000000000000000000000000000'
  }
}
let botUserKey = userKey()
/** Output contexts the skill set, sent back on the next turns while their lifeSpan lasts. */
let contexts = new Map()
/** The block each skill is called from (the server's skills/index.ts, via /playground/skills). */
let skillBlocks = { '/skills/faq': { id: 'playground-fallback', name: '폴백 블록' } }
let lastBlock = skillBlocks['/skills/faq']
let authHeader
let botId = 'playground-bot'
let busy = false

function showUser () {
  $('user').textContent = `botUserKey ${botUserKey.slice(0, 18)}…`
}

// ---- the request ---------------------------------------------------------------------------------

function contextsIn () {
  return [...contexts.entries()].map(([name, c]) => ({
    name,
    lifespan: c.lifeSpan,
    ...(c.ttl !== undefined ? { ttl: c.ttl } : {}),
    params: Object.fromEntries(Object.entries(c.params || {}).map(([k, v]) => [k, { value: v, resolvedValue: v }])),
  }))
}

/** A SkillPayload shaped like OpenBuilder's for a typed utterance or a tap. */
function skillPayload (utterance, { clientExtra = {}, trigger = 'TEXT_INPUT', blockId } = {}) {
  const skill = skillSelect.value
  const block = blockId ? { id: blockId, name: `block ${blockId}` } : skillBlocks[skill] || skillBlocks['/skills/faq']
  return {
    intent: { id: block.id, name: block.name, extra: { reason: { code: 1, message: 'OK' } } },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { surface: 'Kakaotalk.plusfriend' },
      block,
      utterance,
      lang: 'ko',
      user: { id: botUserKey, type: 'botUserKey', properties: { botUserKey, plusfriendUserKey: 'playground', isFriend: true } },
    },
    bot: { id: botId, name: 'FAQ 봇' },
    action: { id: 'playground-action', name: skill.replace(/^\/skills\//, ''), params: {}, detailParams: {}, clientExtra },
    contexts: contextsIn(),
    flow: { trigger: { type: trigger, referrerBlock: lastBlock }, lastBlock },
  }
}

function keepContexts (reply) {
  // OpenBuilder counts a context's lifeSpan in turns: every turn uses one up.
  for (const [name, c] of contexts) {
    c.lifeSpan -= 1
    if (c.lifeSpan <= 0) contexts.delete(name)
  }
  for (const v of reply?.context?.values || []) {
    if (!v || typeof v.name !== 'string') continue
    if (!v.lifeSpan) contexts.delete(v.name)
    else contexts.set(v.name, { lifeSpan: v.lifeSpan, ttl: v.ttl, params: v.params || {} })
  }
}

// ---- sending -------------------------------------------------------------------------------------

/**
 * Send one turn. `shown` is what appears in the user's bubble (the label of a tapped button sends
 * its messageText as the utterance, as KakaoTalk does).
 */
async function send (utterance, opts = {}) {
  if (busy) return
  busy = true
  clearQuickReplies()
  if (opts.silent !== true) userBubble(opts.shown ?? utterance, opts.note)
  const body = skillPayload(utterance, opts)
  const skill = skillSelect.value
  $('request').textContent = JSON.stringify(body, null, 2)
  $('req-meta').textContent = `POST ${skill}`
  const typing = el('div', 'typing', '입력 중…')
  chat.append(typing)
  scrollDown()
  const headers = { 'content-type': 'application/json' }
  const token = $('auth-token').value
  if (authHeader && token) headers[authHeader] = token
  const started = performance.now()
  try {
    const res = await fetch(skill, { method: 'POST', headers, body: JSON.stringify(body) })
    const ms = Math.round(performance.now() - started)
    const text = await res.text()
    let reply
    try {
      reply = JSON.parse(text)
    } catch {
      reply = text
    }
    typing.remove()
    $('reply').textContent = typeof reply === 'string' ? reply : JSON.stringify(reply, null, 2)
    $('res-meta').textContent = `HTTP ${res.status} · ${ms} ms · ${new Blob([text]).size} bytes`
    if (res.status !== 200 || typeof reply !== 'object' || reply === null) {
      notice(`HTTP ${res.status}: ${reply?.message || text}. KakaoTalk would show no reply.`, true)
    } else {
      keepContexts(reply)
      lastBlock = body.userRequest.block
      drawReply(reply)
      showMatch(reply.data)
    }
  } catch (err) {
    typing.remove()
    notice(`The request failed: ${err.message}`, true)
  } finally {
    busy = false
    scrollDown()
  }
  if (utterance.trim() && !opts.clientExtra?.faqId) explain(utterance)
}

async function explain (utterance) {
  try {
    const res = await fetch('/playground/explain', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ utterance: utterance.slice(0, 1000) }),
    })
    $('explain').textContent = JSON.stringify(await res.json(), null, 2)
  } catch (err) {
    $('explain').textContent = `explain failed: ${err.message}`
  }
}

// ---- taps ----------------------------------------------------------------------------------------

const TRIGGERS = { quick: 'QUICKREPLY_BUTTON', button: 'CARD_BUTTON', list: 'LIST_ITEM' }

/** Follow a button, quick reply or list item as KakaoTalk does. */
function follow (target, where) {
  const action = target.action || (target.blockId ? 'block' : target.messageText ? 'message' : undefined)
  const label = target.label ?? target.title ?? ''
  switch (action) {
    case 'message':
      return send(target.messageText || label, {
        clientExtra: target.extra || {},
        trigger: `${TRIGGERS[where]}_MESSAGE`,
        shown: target.messageText || label,
      })
    case 'block':
      return send(target.messageText || label, {
        clientExtra: target.extra || {},
        trigger: `${TRIGGERS[where]}_BLOCK`,
        blockId: target.blockId,
        shown: target.messageText || label,
        note: `block ${target.blockId}`,
      })
    case 'webLink':
      window.open(target.webLinkUrl, '_blank', 'noopener')
      return notice(`Opened ${target.webLinkUrl} in a new tab`)
    case 'phone':
      return notice(`전화 걸기 ${target.phoneNumber}: KakaoTalk would dial this number (not on PC).`)
    case 'share':
      return notice('공유하기: KakaoTalk would let the user share this bubble.')
    case 'operator':
      return notice('상담직원 연결: KakaoTalk would hand this chat to a human agent (상담톡).')
    default: {
      const url = target.link?.web || target.link?.mobile || target.link?.pc
      if (url) {
        window.open(url, '_blank', 'noopener')
        return notice(`Opened ${url} in a new tab`)
      }
      return notice('This item has no action.')
    }
  }
}

// ---- drawing -------------------------------------------------------------------------------------

function el (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined && text !== null) node.textContent = String(text)
  return node
}

function now () {
  return new Date().toLocaleTimeString('ko-KR', { hour: 'numeric', minute: '2-digit' })
}

function scrollDown () {
  chat.scrollTop = chat.scrollHeight
}

function notice (text, error = false) {
  chat.append(el('div', error ? 'notice error' : 'notice', text))
  scrollDown()
}

function userBubble (text, note) {
  const row = el('div', 'row user')
  const bubble = el('div', 'bubble user', text)
  if (note) bubble.append(el('span', 'tag', note))
  row.append(el('span', 'meta', now()), bubble)
  chat.append(row)
  scrollDown()
}

function buttonsOf (card) {
  const buttons = Array.isArray(card.buttons) ? card.buttons : []
  if (!buttons.length) return null
  const box = el('div', card.buttonLayout === 'horizontal' ? 'buttons horizontal' : 'buttons')
  for (const b of buttons) {
    const button = el('button', '', b.label)
    button.type = 'button'
    button.dataset.action = b.action
    button.addEventListener('click', () => follow(b, 'button'))
    box.append(button)
  }
  return box
}

function image (thumb, className = 'thumb') {
  const img = el('img', className)
  img.src = thumb.imageUrl
  img.alt = thumb.altText || ''
  img.loading = 'lazy'
  if (thumb.fixedRatio) img.classList.add('square')
  const url = thumb.link?.web || thumb.link?.mobile
  if (url) {
    img.style.cursor = 'pointer'
    img.addEventListener('click', () => follow({ link: thumb.link }, 'button'))
  }
  return img
}

function textBubble (text) {
  const bubble = el('div', 'bubble bot')
  // KakaoTalk folds a long simpleText after 500 characters behind "전체 보기".
  const chars = Array.from(text)
  if (chars.length > 500) {
    const short = el('span', '', chars.slice(0, 500).join('') + '…')
    const more = el('button', 'more', '전체 보기')
    more.type = 'button'
    more.addEventListener('click', () => {
      short.textContent = text
      more.remove()
    })
    bubble.append(short, more)
  } else bubble.textContent = text
  return bubble
}

function cardBody (card, kind) {
  const node = el('div', `card ${kind}`)
  if (kind === 'basicCard' && card.thumbnail) node.append(image(card.thumbnail))
  if (kind === 'commerceCard' && card.thumbnails?.[0]) node.append(image(card.thumbnails[0]))
  const body = el('div', 'body')
  if (card.title) body.append(el('p', 'title', card.title))
  if (card.description) body.append(el('p', 'desc', card.description))
  if (kind === 'commerceCard') {
    const price = card.discountedPrice ?? card.price
    body.append(el('p', 'price', `${Number(price).toLocaleString('ko-KR')}원`))
  }
  if (body.childNodes.length) node.append(body)
  const buttons = buttonsOf(card)
  if (buttons) node.append(buttons)
  return node
}

function listCardNode (card) {
  const node = el('div', 'card listCard')
  node.append(el('div', 'list-header', card.header?.title ?? ''))
  for (const item of card.items || []) {
    const row = el('button', 'list-item')
    row.type = 'button'
    const text = el('span', 'text')
    text.append(el('span', 't', item.title))
    if (item.description) text.append(el('span', 'd', item.description))
    row.append(text)
    if (item.imageUrl) row.append(image({ imageUrl: item.imageUrl }, ''))
    if (item.action || item.link || item.messageText || item.blockId) row.addEventListener('click', () => follow(item, 'list'))
    else row.disabled = true
    node.append(row)
  }
  const buttons = buttonsOf(card)
  if (buttons) node.append(buttons)
  return node
}

function itemCardNode (card) {
  const node = el('div', 'card itemCard')
  if (card.thumbnail) node.append(image(card.thumbnail))
  if (card.head?.title) node.append(el('div', 'item-head', card.head.title))
  if (card.imageTitle?.title) node.append(el('div', 'item-head', card.imageTitle.title))
  if (card.profile?.title) node.append(el('div', 'item-head', card.profile.title))
  const rows = el('div', card.itemListAlignment === 'right' ? 'item-rows right' : 'item-rows')
  for (const r of card.itemList || []) rows.append(el('span', 'k', r.title), el('span', 'v', r.description))
  if (card.itemListSummary) {
    rows.append(el('span', 'k item-summary', card.itemListSummary.title), el('span', 'v item-summary', card.itemListSummary.description))
  }
  node.append(rows)
  if (card.title || card.description) {
    const body = el('div', 'body')
    if (card.title) body.append(el('p', 'title', card.title))
    if (card.description) body.append(el('p', 'desc', card.description))
    node.append(body)
  }
  const buttons = buttonsOf(card)
  if (buttons) node.append(buttons)
  return node
}

function cardOf (kind, card) {
  if (kind === 'listCard') return listCardNode(card)
  if (kind === 'itemCard') return itemCardNode(card)
  return cardBody(card, kind)
}

function componentNode (component) {
  const [kind, body] = Object.entries(component || {})[0] || []
  switch (kind) {
    case 'simpleText':
      return textBubble(body.text ?? '')
    case 'simpleImage': {
      const node = el('div', 'card simpleImage')
      node.append(image(body))
      return node
    }
    case 'textCard':
    case 'basicCard':
    case 'commerceCard':
    case 'listCard':
    case 'itemCard':
      return cardOf(kind, body)
    case 'carousel': {
      const node = el('div', body.type === 'textCard' ? 'carousel text-cards' : 'carousel')
      if (body.header) {
        const header = cardBody({ title: body.header.title, description: body.header.description, thumbnail: body.header.thumbnail }, 'basicCard')
        node.append(header)
      }
      for (const item of body.items || []) node.append(cardOf(body.type, item))
      return node
    }
    default:
      return el('div', 'bubble bot', `(${kind ?? 'unknown'} is not drawn) ${JSON.stringify(body)}`)
  }
}

function drawReply (reply) {
  const outputs = reply?.template?.outputs || []
  const row = el('div', 'row bot')
  row.append(el('span', 'avatar', 'F'))
  const stack = el('div', 'stack')
  stack.append(el('div', 'bot-name', 'FAQ 봇'))
  if (reply.useCallback) stack.append(textBubble('(callback reply: the answer would arrive later)'))
  for (const output of outputs) stack.append(componentNode(output))
  if (!outputs.length && !reply.useCallback) stack.append(textBubble('(no outputs: KakaoTalk would show nothing)'))
  row.append(stack, el('span', 'meta', now()))
  chat.append(row)
  const quick = reply?.template?.quickReplies || []
  if (quick.length) {
    const bar = el('div', 'quick-replies')
    for (const q of quick) {
      const chip = el('button', '', q.label)
      chip.type = 'button'
      chip.dataset.action = q.action
      chip.addEventListener('click', () => follow(q, 'quick'))
      bar.append(chip)
    }
    chat.append(bar)
  }
}

// Quick replies belong to the latest bot turn only: KakaoTalk removes them once the user speaks.
function clearQuickReplies () {
  for (const bar of chat.querySelectorAll('.quick-replies')) bar.remove()
}

function showMatch (data) {
  const box = $('match')
  box.replaceChildren()
  box.classList.remove('muted')
  if (!data || typeof data !== 'object') {
    box.append(el('span', 'muted', 'The reply carries no data.'))
    return
  }
  const head = el('div')
  head.append(el('span', `outcome ${data.outcome}`, data.outcome ?? '?'))
  if (data.kind && data.kind !== data.outcome) head.append(el('span', 'muted', ` kind ${data.kind}`))
  if (data.intent) head.append(el('span', 'muted', ` intent ${data.intent}`))
  if (data.parts) head.append(el('span', 'muted', ` part ${data.part ?? 1}/${data.parts}`))
  if (data.faqId) head.append(el('span', '', ` ${data.faqId}`))
  if (typeof data.score === 'number') head.append(el('span', 'muted', ` score ${data.score.toFixed(3)}`))
  box.append(head)
  const candidates = Array.isArray(data.candidates) ? data.candidates : []
  if (!candidates.length) {
    box.append(el('div', 'muted', 'No candidates.'))
    return
  }
  const table = el('table')
  const header = el('tr')
  for (const h of ['#', 'faqId', 'question', 'score']) header.append(el('th', '', h))
  table.append(header)
  candidates.forEach((c, i) => {
    const tr = el('tr')
    const bar = el('div', 'bar')
    const fill = el('span')
    fill.style.width = `${Math.max(0, Math.min(1, Number(c.score) || 0)) * 100}%`
    bar.append(fill)
    const score = el('td')
    score.append(bar, el('span', 'muted', (Number(c.score) || 0).toFixed(3)))
    tr.append(el('td', '', i + 1), el('td', '', c.faqId), el('td', '', c.question), score)
    table.append(tr)
  })
  box.append(table)
}

// ---- wiring --------------------------------------------------------------------------------------

$('composer').addEventListener('submit', (event) => {
  event.preventDefault()
  const text = input.value
  if (busy) return
  input.value = ''
  send(text)
})

$('start').addEventListener('click', () => send('', { silent: true }))

$('reset').addEventListener('click', () => {
  botUserKey = newUserKey()
  try {
    localStorage.setItem(USER_KEY_STORE, botUserKey)
  } catch {
    // private mode: keep it for this page only
  }
  contexts = new Map()
  chat.replaceChildren()
  showUser()
  notice('New user: a new botUserKey and no contexts.')
})

skillSelect.addEventListener('change', () => notice(`Now sending to ${skillSelect.value}`))

async function loadSkills () {
  try {
    const res = await fetch('/playground/skills')
    const { skills, blocks, authHeader: header, botId: allowed } = await res.json()
    if (allowed) botId = allowed
    if (blocks && typeof blocks === 'object') {
      skillBlocks = { ...skillBlocks, ...blocks }
      lastBlock = skillBlocks['/skills/faq'] || lastBlock
    }
    if (Array.isArray(skills) && skills.length) {
      for (const option of [...skillSelect.options]) if (!skills.includes(option.value)) option.remove()
      for (const s of skills) if (![...skillSelect.options].some((o) => o.value === s)) skillSelect.append(new Option(s, s))
    }
    if (header) {
      authHeader = header
      $('auth-header').textContent = header
      $('auth-box').hidden = false
    }
  } catch {
    // keep the built-in list
  }
}

showUser()
loadSkills()
input.focus()
