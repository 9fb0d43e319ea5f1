/**
 * Just enough XML writing for query-protocol responses: escaped text and nested elements.
 * Values are written as strings; absent (`undefined`) children are left out, as AWS omits
 * unset members.
 */
export type XmlNode = string | number | boolean | undefined | XmlElement | readonly XmlNode[];

/** An element built by {@link el}. */
export interface XmlElement {
  readonly xml: string;
}

/** Escapes text for element content. Carriage returns are kept by writing them as a reference. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#13;",
};

/** `<name>children</name>`; an element with no content is written as `<name/>`. */
export function el(name: string, ...children: XmlNode[]): XmlElement {
  const inner = render(children);
  return { xml: inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>` };
}

/** An element only when `value` is defined — for optional members. */
export function opt(name: string, value: string | number | boolean | undefined): XmlNode {
  return value === undefined ? undefined : el(name, value);
}

/** A query-protocol list: `<name><member>…</member>…</name>`. */
export function memberList<T>(
  name: string,
  items: readonly T[],
  each: (item: T) => XmlNode,
): XmlElement {
  return el(
    name,
    items.map((item) => el("member", each(item))),
  );
}

/** Serializes nodes to text. */
export function render(node: XmlNode): string {
  if (node === undefined) return "";
  if (typeof node === "string") return escapeXml(node);
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (Array.isArray(node)) return (node as readonly XmlNode[]).map(render).join("");
  return (node as XmlElement).xml;
}
