/**
 * Follows a server-sent-event stream over fetch (EventSource cannot send the bearer token): parses events, resumes
 * after the last event id when the server closes the stream (it does every few minutes) or the network drops, and
 * reports whether it is live so that the screen can say so.
 *
 * @param {{fetch: Function}} session
 * @param {string} path
 * @param {(event: {id: string, name: string, data: any}) => void} onEvent
 * @param {(state: 'live' | 'offline') => void} onState
 * @returns {() => void} stops following
 */
export function follow(session, path, onEvent, onState) {
  let stopped = false
  let lastId = null
  let controller = null
  let delay = 1000

  async function once() {
    controller = new AbortController()
    const response = await session.fetch(path, {
      headers: { Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) },
      signal: controller.signal,
    })
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
    onState('live')
    delay = 1000
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value.replace(/\r\n?/g, '\n')
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = parse(block)
        if (event) {
          if (event.id) lastId = event.id
          onEvent(event)
        }
      }
    }
  }

  async function loop() {
    while (!stopped) {
      try {
        await once()
      } catch {
        if (stopped) return
        onState('offline')
        delay = Math.min(delay * 2, 30000)
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  loop()
  return () => {
    stopped = true
    controller?.abort()
  }
}

function parse(block) {
  const event = { id: '', name: 'message', data: '' }
  let seen = false
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') event.id = value
    else if (field === 'event') event.name = value
    else if (field === 'data') event.data += (event.data ? '\n' : '') + value
    seen = true
  }
  if (!seen) return null
  try {
    event.data = JSON.parse(event.data)
  } catch {
    // not JSON: keep the text
  }
  return event
}
