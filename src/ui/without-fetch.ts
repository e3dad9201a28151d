// yoga-layout, Ink's layout engine, ships its WebAssembly inside its JavaScript as a base64 data: URL, and its
// (Emscripten) loader reads that URL with fetch() whenever a global fetch exists. In Node the call loads
// undici, Node's HTTP client, and decodes the URL in JavaScript, a large share of the picker's start
// (docs/benchmarks.md). With no global fetch the same loader decodes the same bytes itself. So the picker hides
// fetch while Ink's modules load, and puts it back exactly as it was, whatever happens.

/** Runs `load` with `globalThis.fetch` absent (typeof fetch === 'undefined'), then restores it. */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', {
    value: undefined,
    writable: true,
    configurable: true,
    enumerable: saved.enumerable,
  });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
