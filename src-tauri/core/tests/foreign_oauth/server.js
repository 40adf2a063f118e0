// A second OAuth 2.0 token endpoint that is not ours: @node-oauth/oauth2-server (npm, the
// maintained successor of oauth2-server, "complete, compliant and well tested"), with an
// in-memory model holding one confidential client and no authorization codes. It answers
// POST …/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken like any RFC 6749 server, so the
// wizard's registration check can be tried against someone else's reading of §5.2.
//
// Usage: node server.js CLIENT_ID CLIENT_SECRET REDIRECT_URI — prints {"port": N} once
// listening on 127.0.0.1; ends when its standard input closes.
'use strict';
const http = require('http');
const querystring = require('querystring');
const OAuth2Server = require('@node-oauth/oauth2-server');
const { Request, Response } = OAuth2Server;

const [clientId, clientSecret, redirectUri] = process.argv.slice(2);
const client = { id: clientId, grants: ['authorization_code', 'refresh_token'], redirectUris: [redirectUri] };

const oauth = new OAuth2Server({
  model: {
    // The registered client, only with its secret (a confidential client).
    getClient: async (id, secret) => (id === clientId && secret === clientSecret ? client : null),
    // No code was ever issued: every code is unknown.
    getAuthorizationCode: async () => null,
    revokeAuthorizationCode: async () => false,
    getRefreshToken: async () => null,
    revokeToken: async () => false,
    saveToken: async (token, c, user) => ({ ...token, client: c, user }),
    getAccessToken: async () => null,
    verifyScope: async () => true,
  },
});

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', async () => {
    const reply = (status, headers, payload) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method !== 'POST' || !req.url.endsWith('/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken')) {
      reply(404, {}, { error: 'not_found' });
      return;
    }
    const request = new Request({
      headers: req.headers,
      method: req.method,
      query: {},
      body: querystring.parse(body),
    });
    const response = new Response({});
    try {
      await oauth.token(request, response);
      reply(response.status || 200, response.headers, response.body);
    } catch (e) {
      reply(e.code || 500, response.headers, { error: e.name, error_description: e.message });
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
