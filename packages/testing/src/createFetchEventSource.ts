/**
 * An EventSource built on a fetch function, so tests can read the proxy's
 * real server-sent event stream in process (jsdom has no EventSource). Only
 * what `useCustomerEvents` uses: open, named events, error, close.
 */
export function createFetchEventSource(fetchImplementation: typeof fetch) {
  return class FetchEventSource extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readyState = 0;
    readonly url: string;
    readonly #controller = new AbortController();

    constructor(url: string | URL) {
      super();
      this.url = String(url);
      void this.#run();
    }

    async #run() {
      try {
        const response = await fetchImplementation(this.url, {
          headers: { Accept: 'text/event-stream' },
          signal: this.#controller.signal,
        });
        if (
          !response.ok ||
          response.body === null ||
          !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')
        ) {
          this.#fail();
          return;
        }
        this.readyState = FetchEventSource.OPEN;
        this.dispatchEvent(new Event('open'));
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            this.#dispatchBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
        this.#fail();
      } catch {
        this.#fail();
      }
    }

    #dispatchBlock(block: string) {
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice('event:'.length).trim();
        else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
      }
      if (data.length > 0) this.dispatchEvent(new MessageEvent(type, { data: data.join('\n') }));
    }

    #fail() {
      if (this.readyState === FetchEventSource.CLOSED) return;
      this.readyState = FetchEventSource.CLOSED;
      this.dispatchEvent(new Event('error'));
    }

    close() {
      this.readyState = FetchEventSource.CLOSED;
      this.#controller.abort();
    }
  };
}
