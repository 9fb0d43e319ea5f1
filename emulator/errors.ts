/**
 * The one error type every emulated operation throws. Protocol encoders turn it into the wire form
 * of the service that raised it (JSON `__type` or query `ErrorResponse`).
 */
export class AwsError extends Error {
  /** AWS error code, e.g. `NoSuchConfigurationAggregatorException`. */
  readonly code: string;
  /** HTTP status sent with it. */
  readonly status: number;
  /**
   * Members the error shape declares beyond its message, sent as they are (AWS Organizations'
   * `Reason`, for instance).
   */
  readonly fields: Readonly<Record<string, string>>;

  constructor(
    code: string,
    message: string,
    status = 400,
    fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fields = fields;
  }

  /** `Sender` for 4xx, `Receiver` for 5xx — the query protocol's `<Type>` element. */
  get faultType(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}
