/**
 * Message parts that several tests expect verbatim: written once, so that a change of wording is
 * one edit here and still fails every test that would see the old words.
 */

/** The last sentence of the adoption guard's refusal (`alreadyExistsError`). */
export const INTERRUPTED_UP_HINT =
  'If an earlier pulumi up of this stack was interrupted while creating it ("pending operations"), it is that up\'s: adopt it.';
