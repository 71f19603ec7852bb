export interface AuthorizeFormFields {
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
  error?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The consent page a user sees when an app asks to connect their paper account. */
export function authorizeFormHtml(fields: AuthorizeFormFields): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorize access to your paper account</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}input[type=text],input[type=password]{width:100%;padding:.4rem}
button{margin-top:1.5rem;padding:.5rem 1.2rem}.error{color:#b00020}</style></head>
<body>
<h1>Paper exchange</h1>
<p><strong>${escapeHtml(fields.clientId)}</strong> asks to trade and read data on your paper account
(scope: ${escapeHtml(fields.scope)}).</p>
${fields.error ? `<p class="error" role="alert">${escapeHtml(fields.error)}</p>` : ''}
<form method="post" action="/oauth/authorize">
${hidden('client_id', fields.clientId)}
${hidden('redirect_uri', fields.redirectUri)}
${hidden('state', fields.state)}
${hidden('scope', fields.scope)}
<label>API key id <input type="text" name="key_id" autocomplete="username" required></label>
<label>Secret key <input type="password" name="secret_key" autocomplete="current-password" required></label>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form>
</body>
</html>`;
}
