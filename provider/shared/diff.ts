/**
 * `diff` driven by one declared table per resource: which properties are compared, and which force
 * a replacement. Both sides are normalized first, so list order never shows up as a change. Tags
 * and the account a resource lives in mean the same for every resource, so the engine handles
 * them itself rather than each table.
 */
import type * as pulumi from "@pulumi/pulumi";
import { roleAccount } from "./aws/arn";
import type { AssumeRoleSpec } from "./inputs/placement";
import { userTags, type Tags } from "./tags/values";
import { containsUnknown, isUnknown } from "./inputs/unknowns";
import { deepEqual } from "./inputs/values";

/** What `diff` compares for one resource type. */
export interface DiffTable {
  /**
   * Properties whose change needs an update (or a replacement, if also in `replaceOn`). `tags` is
   * not listed here: see {@link DiffTable.tagged}.
   */
  readonly compared: readonly string[];
  /** Properties that identify the resource: a change creates a new one. */
  readonly replaceOn: readonly string[];
  /** Normalizes a property's value before comparison; the identity by default. */
  readonly normalize?: (property: string, value: unknown) => unknown;
  /**
   * The property holding a name that is unique in the account (an IAM role name). A replacement
   * that keeps it must delete the old resource first, or creating the new one would collide.
   */
  readonly globalName?: string;
  /**
   * The resource carries user tags in `tags`. The engine then compares them too, the same way for
   * every resource: only user tags count (AWS's own `aws:` tags are not the program's), absent
   * tags equal empty ones, and a recorded state whose tags are not known always counts as a
   * change. A tag change is an update, never a replacement.
   */
  readonly tagged?: boolean;
  /**
   * The state property holding the account the resource lives in (and whose credentials act on
   * it). `accountId` by default; a resource whose `accountId` input names another account (the
   * account a DelegatedAdministrator registers) points this elsewhere.
   */
  readonly ownerProperty?: string;
}

/** The property holding a resource's user tags. */
const TAGS = "tags";
/**
 * A property every tagged resource's recorded state has (from the create's response); its
 * presence tells a recorded state apart from inputs that were never applied.
 */
const RECORDED = "arn";

/**
 * Compares old outputs with new inputs. An unknown new value counts as a change (and as a possible
 * replacement when the property is an identity). A change of the account the resource lives in,
 * seen through `assumeRole`, replaces it.
 */
export function diffByTable(
  table: DiffTable,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
  const normalize = table.normalize ?? ((_property: string, value: unknown) => value);
  const comparable = (property: string, value: unknown): unknown =>
    property === TAGS && table.tagged
      ? userTags(value as Tags | undefined)
      : normalize(property, value);
  const properties = table.tagged ? [...table.compared, TAGS] : table.compared;
  const changed = properties.filter(
    (property) =>
      containsUnknown(news[property]) ||
      notKnownInState(property, olds) ||
      !deepEqual(comparable(property, olds[property]), comparable(property, news[property])),
  );
  const replaces = changed.filter((property) => table.replaceOn.includes(property));
  const owner = olds[table.ownerProperty ?? "accountId"];
  if (changed.includes("assumeRole") && movesAccount(owner, news.assumeRole))
    replaces.push("assumeRole");
  const keepsName = table.globalName !== undefined && !changed.includes(table.globalName);
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && keepsName,
  };
}

/**
 * A recorded resource whose tags were not known when it was recorded (see tags/reconcile.ts)
 * must be updated, so that its real tags are read and brought in line.
 */
function notKnownInState(property: string, olds: Record<string, unknown>): boolean {
  return property === TAGS && olds[TAGS] === undefined && olds[RECORDED] !== undefined;
}

/**
 * True when the new role acts in another account than the one the resource lives in (or when that
 * cannot be known yet). Without a role the default credentials act; their account is checked at
 * update time, since a pure diff cannot ask STS.
 */
function movesAccount(owner: unknown, assumeRole: unknown): boolean {
  if (assumeRole === undefined) return false;
  if (isUnknown(assumeRole)) return true;
  const roleArn = (assumeRole as AssumeRoleSpec).roleArn;
  if (isUnknown(roleArn)) return true;
  return roleAccount(roleArn) !== owner;
}
