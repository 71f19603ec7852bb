import type { ConnectedAccount } from './alpaca-accounts.service';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** What the user's browser shows at the end of the OAuth flow. */
export function renderConnectedPage(connected: ConnectedAccount): string {
  const { account } = connected;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Alpaca account connected</title></head>',
    '<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">',
    '<h1>Alpaca account connected</h1>',
    `<p>Account ${escapeHtml(account.account_number)} (${escapeHtml(connected.environment)}) is connected to Autopilot.</p>`,
    `<p>Cash: ${escapeHtml(account.cash.toFixed(2))} ${escapeHtml(account.currency)} &middot; Buying power: ${escapeHtml(account.buying_power.toFixed(2))}</p>`,
    '<p>You can close this window.</p>',
    '</body></html>',
  ].join('\n');
}
