/**
 * Pieces of the resources' diff tables: the results a diff returns, builders of changed programs,
 * and the rows every resource with `assumeRole` holds.
 */
import { OTHER_ACCOUNT_ROLE_ARN } from "../support/fixtures";

/** What a diff returns for no change. */
export const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
/** What a diff returns for an update in place. */
export const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };
/** What a diff returns for a replacement of exactly `replaces`. */
export const replace = (...replaces: string[]) => ({
  changes: true,
  replaces,
  deleteBeforeReplace: false,
});

type Raw = Record<string, unknown>;

/**
 * Builders of changed programs for a diff table: `program(changes)` is `base` with `changes` on
 * top, key by key; `role(changes)` the same with `changes` on top of its `assumeRole`.
 */
export function programChanges(base: Raw): {
  program: (changes: Raw) => Raw;
  role: (changes: Raw) => Raw;
} {
  const program = (changes: Raw): Raw => ({ ...base, ...changes });
  const role = (changes: Raw): Raw =>
    program({ assumeRole: { ...(base.assumeRole as Raw), ...changes } });
  return { program, role };
}

/**
 * The rows every diff table with `assumeRole` holds: a role in another account is another owner,
 * so a replacement, whether or not there was a role before (`withoutRole`, the state then).
 */
export function roleMovedRows<S>(role: (changes: Raw) => Raw, withoutRole: S) {
  return [
    {
      title: "a role in another account",
      news: role({ roleArn: OTHER_ACCOUNT_ROLE_ARN }),
      expected: replace("assumeRole"),
    },
    {
      title: "a role in another account where there was none",
      olds: withoutRole,
      news: role({ roleArn: OTHER_ACCOUNT_ROLE_ARN }),
      expected: replace("assumeRole"),
    },
  ];
}
