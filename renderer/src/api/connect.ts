// Picks the transport: the Electron preload's bridge when present, otherwise the browser host over HTTP.
import type { TintypeApi } from '../../../shared/ipc/contract';
import { httpApi } from './http-api';

const TOKEN_KEY = 'tintype-token';

function tokenFromPage(): string {
  const match = /token=([0-9a-f]{64})/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search); // the token leaves the address; options stay
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function connect(): TintypeApi {
  const bridged = (window as unknown as { tintype?: TintypeApi }).tintype;
  return bridged ?? httpApi(window.location.origin, tokenFromPage());
}
