import type { NextFunction, Request, Response } from 'express';
import { SignJWT, importSPKI, jwtVerify, errors as joseErrors } from 'jose';
import { HttpError } from './http-error.js';

/**
 * The product's roles, looked up in Zendesk: `admin` (Zendesk role admin), `agent` (any other agent,
 * custom roles included: a custom role never makes an admin here), `light_agent` (Zendesk role
 * type 1: may read what its tickets show, may not change anything).
 */
export type AgentRole = 'light_agent' | 'agent' | 'admin';

/** Who is calling the app API, established server-side; the browser never asserts a role. */
export interface AgentIdentity {
  userId: number;
  role: AgentRole;
}

export type RoleLookup = (zendeskUserId: number) => Promise<'end-user' | AgentRole>;

export interface AppAuthOptions {
  sessionSecret: string;
  /** PEM of the app's public key, or a function that fetches it once from the account. */
  publicKey: string | (() => Promise<string>);
  /** Expected `iss`: the account host, e.g. "acme.zendesk.com". */
  issuer?: string;
  /** Expected `aud`, e.g. the app installation URL (required by the configuration outside the demo). */
  audience?: string;
  lookupRole: RoleLookup;
  sessionTtlSeconds?: number;
  roleCacheTtlMs?: number;
  now?: () => number;
}

const SESSION_ISSUER = 'privacy-guard';

/**
 * Verifies the RS256 token Zendesk posts to a `signedUrls` location, issues our own short session,
 * and resolves each session to a role looked up in Zendesk (cached briefly).
 */
export class AppAuthenticator {
  private readonly sessionKey: Uint8Array;
  private publicKey?: CryptoKey;
  private readonly roles = new Map<number, { role: 'end-user' | AgentRole; expires: number }>();

  constructor(private readonly options: AppAuthOptions) {
    this.sessionKey = new TextEncoder().encode(options.sessionSecret);
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private async appPublicKey(): Promise<CryptoKey> {
    if (!this.publicKey) {
      const pem = typeof this.options.publicKey === 'string' ? this.options.publicKey : await this.options.publicKey();
      this.publicKey = await importSPKI(pem, 'RS256');
    }
    return this.publicKey;
  }

  /** Zendesk's signed token → the agent's Zendesk user id. Throws HttpError 401 with the reason. */
  async verifyZendeskToken(token: string): Promise<number> {
    try {
      const { payload } = await jwtVerify(token, await this.appPublicKey(), {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        currentDate: new Date(this.now()),
        clockTolerance: 30,
        requiredClaims: ['exp', 'sub'],
      });
      const userId = Number(String(payload.sub).match(/(\d+)$/)?.[1]);
      if (!Number.isSafeInteger(userId) || userId <= 0) throw new HttpError(401, 'unauthenticated', 'The Zendesk token names no user.');
      return userId;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const reason = error instanceof joseErrors.JWTExpired ? 'has expired' : error instanceof joseErrors.JWTClaimValidationFailed ? `has a wrong "${error.claim}" claim` : 'is not signed by this app';
      throw new HttpError(401, 'unauthenticated', `The Zendesk app token ${reason}. Reload the app in Zendesk.`);
    }
  }

  async issueSession(userId: number): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(userId))
      .setIssuer(SESSION_ISSUER)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + (this.options.sessionTtlSeconds ?? 3600))
      .sign(this.sessionKey);
  }

  async identify(sessionToken: string): Promise<AgentIdentity> {
    let userId: number;
    try {
      const { payload } = await jwtVerify(sessionToken, this.sessionKey, { algorithms: ['HS256'], issuer: SESSION_ISSUER, currentDate: new Date(this.now()) });
      userId = Number(payload.sub);
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'has expired' : 'is not valid';
      throw new HttpError(401, 'unauthenticated', `The app session ${reason}. Reload the app in Zendesk.`);
    }
    const role = await this.roleOf(userId);
    if (role === 'end-user') throw new HttpError(403, 'forbidden', 'Only agents and admins may use Privacy Guard.');
    return { userId, role };
  }

  private async roleOf(userId: number) {
    const cached = this.roles.get(userId);
    if (cached && cached.expires > this.now()) return cached.role;
    const role = await this.options.lookupRole(userId);
    this.roles.set(userId, { role, expires: this.now() + (this.options.roleCacheTtlMs ?? 5 * 60_000) });
    return role;
  }

  /** Express middleware: `Authorization: Bearer <session>` → `res.locals.agent`. */
  requireAgent() {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        const header = req.get('authorization') ?? '';
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1]) throw new HttpError(401, 'unauthenticated', 'Send the app session as "Authorization: Bearer <token>".');
        res.locals.agent = await this.identify(match[1]);
        next();
      } catch (error) {
        next(error);
      }
    };
  }
}

/** Express middleware for admin-only actions; run after `requireAgent()`. */
export function requireAdmin() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const agent = res.locals.agent as AgentIdentity | undefined;
    if (!agent) return next(new HttpError(401, 'unauthenticated', 'No app session.'));
    if (agent.role !== 'admin') return next(new HttpError(403, 'forbidden', 'This action is for Zendesk admins only.'));
    next();
  };
}

/** Express middleware for actions that change data (requests, consent, attestations); light agents only read. */
export function requireFullAgent() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const agent = res.locals.agent as AgentIdentity | undefined;
    if (!agent) return next(new HttpError(401, 'unauthenticated', 'No app session.'));
    if (agent.role === 'light_agent') return next(new HttpError(403, 'forbidden', 'Light agents can see privacy summaries but not change anything; ask an agent or an admin.'));
    next();
  };
}
