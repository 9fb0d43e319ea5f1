/**
 * The part of `check` both resources share: drop the serialized provider, validate against the
 * schema and the cross-field rules, and settle the region.
 */
import type { z } from "zod";
import { defaultRegion } from "./settings";
import { schemaFailures, type CheckFailure } from "./validation";

/** Inputs as the engine sends them, `__provider` included. */
export type RawInputs = Record<string, unknown>;

/** The outcome of validation: failures, or inputs ready to normalize. */
export interface Validated {
  readonly failures: CheckFailure[];
  /** The inputs without `__provider`, with `region` defaulted. */
  readonly inputs: RawInputs;
}

/** Validates `news` against `schema` plus `crossField`, and fills in the default region. */
export function validate(
  schema: z.ZodType,
  news: RawInputs,
  crossField: (inputs: RawInputs) => CheckFailure[],
): Validated {
  const { __provider: _provider, ...inputs } = news;
  const failures = [...schemaFailures(schema, inputs), ...crossField(inputs)];
  const region = inputs.region ?? defaultRegion();
  if (region === undefined) {
    failures.push({
      property: "region",
      reason:
        'no region given: set the "region" input, the stack config "aws:region", or the AWS_REGION environment variable',
    });
  }
  return { failures, inputs: { ...inputs, region } };
}
