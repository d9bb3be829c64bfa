/** Parses a small XML body with the platform DOMParser (browsers; jsdom in tests). */
export function parseXml(body: string, maxBytes: number): Document | { error: string } {
  if (body.length > maxBytes) return { error: `body longer than ${maxBytes} characters` };
  if (typeof DOMParser === 'undefined') return { error: 'no XML parser in this environment' };
  const doc = new DOMParser().parseFromString(body, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return { error: 'not well-formed XML' };
  return doc;
}

/** Text of the first descendant element with this local name in `namespace`, trimmed. */
export function childText(root: Element, namespace: string, name: string): string | undefined {
  const el = root.getElementsByTagNameNS(namespace, name)[0];
  return el?.textContent?.trim() || undefined;
}
