// STS wire format (AWS Query protocol): XML success bodies in the 2011-06-15 namespace, ErrorResponse bodies,
// and the error type the handlers throw.

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An STS error: HTTP status, Code and Message, Sender (client fault) or Receiver (server fault). */
export class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

export const accessDenied = (message: string): StsError => new StsError(403, 'AccessDenied', message);
export const validationError = (message: string): StsError => new StsError(400, 'ValidationError', message);

/** A nested result value: text, a child element map, or absent (skipped). */
export type XmlValue = string | number | undefined | { [name: string]: XmlValue };

export function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

function render(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (typeof value !== 'object') return `<${name}>${xmlEscape(String(value))}</${name}>`;
  return `<${name}>${Object.entries(value)
    .map(([k, v]) => render(k, v))
    .join('')}</${name}>`;
}

/** `<XResponse xmlns=..><XResult>..</XResult><ResponseMetadata><RequestId>..` as STS answers. */
export function successXml(action: string, result: Record<string, XmlValue>, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  ${render(`${action}Result`, result)}\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

export function errorXml(err: StsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    `  <Error><Type>${err.type}</Type><Code>${xmlEscape(err.code)}</Code>` +
    `<Message>${xmlEscape(err.message)}</Message></Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}
