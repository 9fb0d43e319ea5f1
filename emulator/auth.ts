import { randomBytes, randomInt } from "node:crypto";
import { DEFAULT_ACCOUNT } from "./types.js";

/** What the `Authorization` header's SigV4 credential scope says about a request. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string;
  /** The signing name: `config`, `tagging`, `sts`, `iam`, … */
  readonly service: string;
}

/** Result of reading the `Authorization` header. */
export type AuthorizationHeader =
  | { readonly kind: "missing" }
  | { readonly kind: "malformed" }
  | ({ readonly kind: "signed" } & CredentialScope);

const SCOPE = /Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request/;

/**
 * Reads the SigV4 `Authorization` header. Signatures are not verified: the emulator cannot know
 * the secret of an arbitrary key, and the SDK computes them correctly anyway. What matters for
 * routing and isolation is the scope: key, region and service.
 */
export function readAuthorization(header: string | undefined): AuthorizationHeader {
  if (header === undefined || header === "") return { kind: "missing" };
  if (!header.startsWith("AWS4-HMAC-SHA256 ")) return { kind: "malformed" };
  const m = SCOPE.exec(header);
  if (m === null || !header.includes("Signature=") || !header.includes("SignedHeaders="))
    return { kind: "malformed" };
  return { kind: "signed", accessKeyId: m[1], region: m[3], service: m[4] };
}

/**
 * Issued temporary keys carry their account: `ASIA` + 12 digits + 4 random characters (20
 * characters, like real keys). The emulator then needs no table of issued keys, so they stay
 * valid across `reset()` and across emulator restarts.
 */
const ISSUED_KEY = /^ASIA(\d{12})[A-Z0-9]{4}$/;

/** The account a request acts as: configured keys first, then issued keys, else the default. */
export function accountForKey(
  accessKeyId: string,
  configured: Readonly<Record<string, string>>,
): string {
  const fixed = Object.hasOwn(configured, accessKeyId) ? configured[accessKeyId] : undefined;
  if (fixed !== undefined) return fixed;
  return ISSUED_KEY.exec(accessKeyId)?.[1] ?? DEFAULT_ACCOUNT;
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** What AssumeRole puts into the session token, so GetCallerIdentity can name the session. */
export interface SessionInfo {
  readonly account: string;
  readonly roleArn: string;
  readonly roleName: string;
  /** The role's unique ID (`AROA…`), which prefixes the session's user ID. */
  readonly roleId: string;
  readonly sessionName: string;
  /** Expiry, milliseconds since the epoch. */
  readonly expires: number;
}

/** Temporary credentials as AssumeRole returns them. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const TOKEN_PREFIX = "EmulatorSession.";

/** Issues credentials that act as `session.account`. */
export function issueCredentials(session: SessionInfo): IssuedCredentials {
  let suffix = "";
  for (let i = 0; i < 4; i++) suffix += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  const payload = Buffer.from(JSON.stringify(session)).toString("base64url");
  return {
    accessKeyId: `ASIA${session.account}${suffix}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: TOKEN_PREFIX + payload,
  };
}

/** Reads back a session token issued by {@link issueCredentials}; `undefined` for anything else. */
export function readSessionToken(token: string | undefined): SessionInfo | undefined {
  if (token?.startsWith(TOKEN_PREFIX) !== true) return undefined;
  try {
    const value: unknown = JSON.parse(
      Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString("utf8"),
    );
    return isSessionInfo(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isSessionInfo(value: unknown): value is SessionInfo {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.account === "string" &&
    typeof v.roleArn === "string" &&
    typeof v.roleName === "string" &&
    typeof v.roleId === "string" &&
    typeof v.sessionName === "string" &&
    typeof v.expires === "number"
  );
}
