/**
 * Printing: Markdown tables with padded columns (readable in a terminal and pasteable into the
 * README), and number formats that always carry their unit.
 */

/** Column alignment: left for text, right for figures. */
export type Align = "left" | "right";

/** A Markdown table with every column padded to its widest cell. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, 3, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const pad = (cell: string, i: number) =>
    align[i] === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) =>
    `| ${headers.map((_, i) => pad(cells[i] ?? "", i)).join(" | ")} |`;
  const rule = `|${widths
    .map((width, i) => (align[i] === "right" ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2)))
    .join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** An integer with thousands separators: `11,793,416`. */
export function int(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Bytes, exact, with the unit: `2,169 B`. */
export function bytes(value: number): string {
  return `${int(value)} B`;
}

/** Bytes in MiB with one decimal: `11.2 MiB`. */
export function mebibytes(value: number): string {
  return `${(value / 1024 / 1024).toFixed(1)} MiB`;
}

/** Milliseconds, whole: `1,234 ms`. */
export function ms(value: number): string {
  return `${int(value)} ms`;
}

/** Seconds with one decimal: `12.3 s`. */
export function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

/** A ratio with two decimals, or an em dash when there is none. */
export function ratio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(2);
}

/** A fraction as a percentage with one decimal: `59.6 %`. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** A per-second rate with one decimal: `59.6/s`. */
export function perSecond(value: number): string {
  return `${value.toFixed(1)}/s`;
}

/** `{A: 1, B: 3}` as `A 1, B 3`, or `none`. */
export function operationList(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([op, n]) => `${op} ${n}`).join(", ");
}

/** "met" or "MISSED". */
export function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}
