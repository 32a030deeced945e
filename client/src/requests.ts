import type { BaseLanguageClient } from 'vscode-languageclient';
import type { RequestDefinition } from '../../server/src/protocol';

/** Sends one of Dockhand's own requests (server/src/protocol.ts) with its types. */
export function sendRequest<P, R>(client: BaseLanguageClient, request: RequestDefinition<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(request.method, params);
}
