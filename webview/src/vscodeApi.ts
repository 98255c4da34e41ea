/** The webview's side of the channel: typed posts and the state VS Code keeps across reloads. */
import { parseWebviewState, type FromWebview, type WebviewState } from '../../src/shared/walkthroughProtocol';

const api = acquireVsCodeApi<WebviewState>();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** Saved for the panel serializer: which file, and the step on screen. */
export function saveState(state: WebviewState): void {
  api.setState(state);
}

export function savedState(): WebviewState | undefined {
  return parseWebviewState(api.getState());
}
