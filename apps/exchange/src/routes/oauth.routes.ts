import { Router } from 'express';
import type { ExchangeContext } from '../exchange-context';
import { ApiError, badRequest } from '../http/api-error';
import { sameSecret } from '../http/auth.middleware';
import { newOpaqueToken } from '../store/credentials';
import { authorizeFormHtml, type AuthorizeFormFields } from './oauth-form.html';

// Authorization codes are single-use and live five minutes.
const CODE_TTL_MS = 5 * 60_000;
const DEFAULT_SCOPE = 'account:write trading data';

/**
 * Alpaca's OAuth authorization-code flow. There is no client registry: any client id/secret
 * pair is accepted, but a code only redeems for the client id and redirect URI it was issued to.
 */
export function oauthRoutes(ctx: ExchangeContext): Router {
  const router = Router();

  router.get('/oauth/authorize', (req, res) => {
    if (req.query.response_type !== 'code') throw badRequest('response_type must be "code"');
    res.type('html').send(authorizeFormHtml(formFields(req.query)));
  });

  router.post('/oauth/authorize', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = formFields(body);
    const target = new URL(fields.redirectUri);
    if (fields.state) target.searchParams.set('state', fields.state);
    if (body.decision === 'deny') {
      target.searchParams.set('error', 'access_denied');
      return res.redirect(302, target.toString());
    }
    const account = ctx.store.findAccountByKeyId(String(body.key_id ?? ''));
    if (!account || !sameSecret(account.secretKey, String(body.secret_key ?? ''))) {
      return res.status(401).type('html').send(authorizeFormHtml({ ...fields, error: 'Invalid key id or secret key.' }));
    }
    const code = newOpaqueToken();
    ctx.store.authCodes.put({
      id: code,
      accountId: account.id,
      clientId: fields.clientId,
      redirectUri: fields.redirectUri,
      scope: fields.scope,
      expiresAtMs: Date.now() + CODE_TTL_MS,
    });
    target.searchParams.set('code', code);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'authorization_code') throw badRequest('unsupported grant_type');
    const clientId = String(body.client_id ?? '');
    if (!clientId || !body.client_secret) throw new ApiError(401, 40110000, 'invalid client credentials');
    const code = ctx.store.authCodes.get(String(body.code ?? ''));
    // Redeeming burns the code whatever the outcome, so a leaked code cannot be retried.
    if (code) ctx.store.authCodes.delete(code.id);
    if (!code || code.expiresAtMs < Date.now() || code.clientId !== clientId || code.redirectUri !== body.redirect_uri) {
      throw badRequest('invalid or expired authorization code');
    }
    const accessToken = newOpaqueToken();
    ctx.store.accessTokens.put({
      id: accessToken,
      accountId: code.accountId,
      clientId,
      scope: code.scope,
      createdAt: new Date().toISOString(),
    });
    res.json({ access_token: accessToken, token_type: 'bearer', scope: code.scope });
  });

  return router;
}

function formFields(source: Record<string, unknown>): AuthorizeFormFields {
  const clientId = typeof source.client_id === 'string' ? source.client_id : '';
  const redirectUri = typeof source.redirect_uri === 'string' ? source.redirect_uri : '';
  if (!clientId) throw badRequest('client_id is required');
  if (!/^https?:\/\//i.test(redirectUri) || !URL.canParse(redirectUri)) throw badRequest('redirect_uri must be an http(s) URL');
  return {
    clientId,
    redirectUri,
    state: typeof source.state === 'string' ? source.state : '',
    scope: typeof source.scope === 'string' && source.scope ? source.scope : DEFAULT_SCOPE,
  };
}
