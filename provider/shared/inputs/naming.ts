/**
 * Generated physical names: `<resource name>-<7 random lowercase letters and digits>`, kept across
 * updates, since a new name would replace the resource.
 */
import { randomBytes } from "node:crypto";

/** Length of the random suffix of a generated name. */
export const AUTO_NAME_SUFFIX_LENGTH = 7;

/** What {@link keptOrGeneratedName} reads of the previous inputs: any inputs object will do. */
export interface NamedInputs {
  readonly name?: unknown;
  readonly autoNamePrefix?: unknown;
}

/**
 * The previous generated name when the old inputs have one from the same prefix, else a new one.
 * Characters outside `allowed` become `-`; the result is at most `maxLength` long.
 */
export function keptOrGeneratedName(
  prefix: string | undefined,
  olds: NamedInputs | undefined,
  { maxLength, allowed }: { maxLength: number; allowed: RegExp },
): string {
  const base = (prefix ?? "resource")
    .replace(allowed, "-")
    .slice(0, maxLength - AUTO_NAME_SUFFIX_LENGTH - 1);
  const previous = olds?.name;
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const generated = new RegExp(`^${escaped}-[a-z0-9]{${AUTO_NAME_SUFFIX_LENGTH}}$`);
  if (typeof previous === "string" && olds?.autoNamePrefix === prefix && generated.test(previous)) {
    return previous;
  }
  return `${base}-${randomSuffix()}`;
}

function randomSuffix(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(
    randomBytes(AUTO_NAME_SUFFIX_LENGTH),
    (byte) => alphabet[byte % alphabet.length],
  ).join("");
}
