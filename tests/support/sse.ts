export type SseMessage = { event: string | null; data: string; comments: string[]; retry?: number };

/** Reads Server-Sent Events as the EventSource spec parses them: fields per line, a blank line ends one. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let current: SseMessage = { event: null, data: '', comments: [] };
  let hasData = false;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (hasData || current.comments.length || current.retry !== undefined) yield current;
        current = { event: null, data: '', comments: [] };
        hasData = false;
        continue;
      }
      if (line.startsWith(':')) {
        current.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') current.event = value;
      else if (field === 'data') {
        current.data = hasData ? `${current.data}\n${value}` : value;
        hasData = true;
      } else if (field === 'retry') current.retry = Number(value);
    }
  }
}
