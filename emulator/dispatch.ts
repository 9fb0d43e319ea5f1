import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { accountForKey, type AuthorizationHeader, readAuthorization } from "./auth.js";
import { configService } from "./config/index.js";
import type { Call, World } from "./context.js";
import { AwsError } from "./errors.js";
import { faultError } from "./faults.js";
import { iamService } from "./iam/index.js";
import { organizationsService } from "./organizations/index.js";
import type { RequestLog } from "./log.js";
import { type EncodedResponse, jsonError, jsonResponse, parseJsonInput } from "./protocols/json.js";
import { FORM_CONTENT_TYPE, parseForm, queryError, queryResponse } from "./protocols/query.js";
import { findOperation, type JsonService, type QueryService, type Service } from "./services.js";
import { stsService } from "./sts.js";
import { taggingService } from "./tagging.js";

/** An AWS request as the HTTP layer hands it over. */
export interface AwsRequest {
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body; `undefined` when it exceeded the size cap and was not read. */
  readonly body: Buffer | undefined;
}

/** What to do with the connection: answer, or drop it without a word. */
export type Outcome =
  { readonly kind: "respond"; readonly response: EncodedResponse } | { readonly kind: "drop" };

/** Services by their SigV4 signing name. */
const BY_SIGNING_NAME: Readonly<Record<string, Service>> = {
  config: configService,
  tagging: taggingService,
  sts: stsService,
  iam: iamService,
  organizations: organizationsService,
};

/** The request after routing: which service, which operation, who calls. */
interface Routed {
  readonly service: Service;
  readonly operation: string;
  readonly auth: AuthorizationHeader;
  readonly account: string;
  readonly region: string;
}

/**
 * Routes AWS requests to the emulated services and answers them in each service's protocol:
 * authentication, operation lookup, fault injection, input decoding, the operation, and one
 * request-log record per request whatever the outcome.
 */
export class Dispatcher {
  constructor(
    private readonly world: World,
    private readonly log: RequestLog,
  ) {}

  /** Handles one request; never throws. */
  async handle(req: AwsRequest): Promise<Outcome> {
    try {
      return await this.process(req);
    } catch (error) {
      // Only an emulator bug gets here; answer as AWS does for its own failures, and keep serving.
      return { kind: "respond", response: jsonError(asAwsError(error)) };
    }
  }

  private async process(req: AwsRequest): Promise<Outcome> {
    const time = Date.now();
    const routed = this.route(req);
    const record = (status: number, errorCode?: string, injected?: boolean): void =>
      this.log.add({
        time,
        service: routed.service.name,
        operation: routed.operation,
        account: routed.account,
        region: routed.region,
        status,
        ...(errorCode === undefined ? {} : { errorCode }),
        ...(injected === true ? { injected } : {}),
      });
    const respond = (response: EncodedResponse, injected?: boolean): Outcome => {
      record(response.status, response.errorCode, injected);
      return { kind: "respond", response };
    };
    const refused = refusal(routed, req);
    if (refused !== undefined) return respond(encodeError(routed.service, refused));
    const target = {
      service: routed.service.name,
      operation: routed.operation,
      account: routed.account,
      region: routed.region,
    };
    const decision = this.world.faults.decide(target, time);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.drop) {
      record(0, undefined, true);
      return { kind: "drop" };
    }
    const injected = decision.error && faultError(decision.error.kind, decision.error.rule, target);
    if (injected !== undefined && decision.error?.phase === "before")
      return respond(encodeError(routed.service, injected), true);
    const response = this.invoke(routed, req);
    if (injected !== undefined) return respond(encodeError(routed.service, injected), true);
    return respond(response);
  }

  /** Works out service, operation and caller from the headers (and, for query, the body). */
  private route(req: AwsRequest): Routed {
    const auth = readAuthorization(header(req.headers, "authorization"));
    const service =
      auth.kind === "signed" && Object.hasOwn(BY_SIGNING_NAME, auth.service)
        ? BY_SIGNING_NAME[auth.service]
        : guessService(req);
    const operation = operationName(service, req);
    if (auth.kind !== "signed") return { service, operation, auth, account: "", region: "" };
    const account = accountForKey(auth.accessKeyId, this.world.options.accessKeys);
    return { service, operation, auth, account, region: auth.region };
  }

  /** Runs the operation and encodes its result or error. */
  private invoke(routed: Routed, req: AwsRequest): EncodedResponse {
    const { service } = routed;
    const call: Call = {
      world: this.world,
      account: routed.account,
      region: routed.region,
      accessKeyId: routed.auth.kind === "signed" ? routed.auth.accessKeyId : "",
      ...optionalToken(req.headers),
      now: Date.now(),
    };
    try {
      if (service.protocol === "json") {
        const op = findOperation(service.operations, routed.operation)!;
        return jsonResponse(op.handle(parseJsonInput(req.body!, op.shape), call));
      }
      const op = findOperation(service.operations, routed.operation)!;
      const result = op(queryParams(req), call);
      return queryResponse(routed.operation, service.xmlns, result);
    } catch (error) {
      return encodeError(service, asAwsError(error));
    }
  }
}

/**
 * Why a routed request is refused before any fault or operation: missing or malformed
 * credentials, a body over the cap, the wrong content type, an unknown operation.
 */
function refusal(routed: Routed, req: AwsRequest): AwsError | undefined {
  const { service, auth } = routed;
  const json = service.protocol === "json";
  if (auth.kind === "missing")
    return json
      ? new AwsError(
          "MissingAuthenticationTokenException",
          "Request is missing Authentication Token",
        )
      : new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  if (auth.kind === "malformed")
    return new AwsError(
      json ? "IncompleteSignatureException" : "IncompleteSignature",
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of the AWS4-HMAC-SHA256 scheme (Credential=<key>/<date>/<region>/<service>/aws4_request).",
    );
  if (req.body === undefined)
    return new AwsError(
      json ? "RequestEntityTooLargeException" : "RequestEntityTooLarge",
      "Request body exceeds the maximum allowed size.",
      413,
    );
  return json
    ? jsonRefusal(service, routed.operation, req)
    : queryRefusal(service, routed.operation, req);
}

function jsonRefusal(
  service: JsonService,
  operation: string,
  req: AwsRequest,
): AwsError | undefined {
  const type = mediaType(req.headers);
  if (type !== "application/x-amz-json-1.1" && type !== "application/x-amz-json-1.0")
    return new AwsError(
      "UnknownOperationException",
      `Content-Type '${type}' is not supported; ${service.targetPrefix} expects application/x-amz-json-1.1.`,
    );
  if (req.method !== "POST" || findOperation(service.operations, operation) === undefined)
    return new AwsError(
      "UnknownOperationException",
      `Unknown operation: X-Amz-Target '${header(req.headers, "x-amz-target") ?? ""}' with ${req.method} ${req.url}`,
    );
  return undefined;
}

function queryRefusal(
  service: QueryService,
  operation: string,
  req: AwsRequest,
): AwsError | undefined {
  if (req.method === "POST" && mediaType(req.headers) !== FORM_CONTENT_TYPE)
    return new AwsError(
      "InvalidAction",
      `Content-Type '${mediaType(req.headers)}' is not supported; expected ${FORM_CONTENT_TYPE}.`,
    );
  if (operation === "") return new AwsError("MissingAction", "Missing Action");
  if (findOperation(service.operations, operation) === undefined)
    return new AwsError(
      "InvalidAction",
      `Could not find operation ${operation} for version ${service.version}`,
    );
  return undefined;
}

/** The service of a request without a usable credential scope, judged by its shape. */
function guessService(req: AwsRequest): Service {
  const target = header(req.headers, "x-amz-target");
  if (target?.startsWith(`${taggingService.targetPrefix}.`) === true) return taggingService;
  if (target?.startsWith(`${organizationsService.targetPrefix}.`) === true)
    return organizationsService;
  if (target !== undefined || mediaType(req.headers) !== FORM_CONTENT_TYPE) return configService;
  return queryParams(req).get("Version") === iamService.version ? iamService : stsService;
}

function operationName(service: Service, req: AwsRequest): string {
  if (service.protocol === "json") {
    const target = header(req.headers, "x-amz-target") ?? "";
    const prefix = `${service.targetPrefix}.`;
    return target.startsWith(prefix) ? target.slice(prefix.length) : "";
  }
  return req.body === undefined && req.method === "POST"
    ? ""
    : (queryParams(req).get("Action") ?? "");
}

const parsedForms = new WeakMap<AwsRequest, ReadonlyMap<string, string>>();

/** Query parameters: the form body of a POST, or the URL's query string of a GET. Parsed once. */
function queryParams(req: AwsRequest): ReadonlyMap<string, string> {
  let params = parsedForms.get(req);
  if (params === undefined) {
    params =
      req.method === "POST"
        ? parseForm(req.body ?? Buffer.alloc(0))
        : new Map(new URL(req.url, "http://localhost").searchParams);
    parsedForms.set(req, params);
  }
  return params;
}

function encodeError(service: Service, error: AwsError): EncodedResponse {
  return service.protocol === "json"
    ? jsonError(error, service.messageMember)
    : queryError(error, service.xmlns);
}

/** Anything but an AwsError is a bug in the emulator; the caller sees AWS's InternalFailure. */
function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new AwsError("InternalFailure", `Emulator internal error: ${detail}`, 500);
}

function optionalToken(headers: IncomingHttpHeaders): { sessionToken?: string } {
  const token = header(headers, "x-amz-security-token");
  return token === undefined ? {} : { sessionToken: token };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The media type without parameters, lower case (`application/x-amz-json-1.1`). */
function mediaType(headers: IncomingHttpHeaders): string {
  return (header(headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
}
