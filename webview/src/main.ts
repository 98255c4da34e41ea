/** Entry of the walkthrough webview: registers the UI components, then relays validated messages to the App. */
import './elements';
import './walkthrough.css';
import { parseToWebview } from '../../src/shared/walkthroughProtocol';
import { App } from './app';
import { post } from './vscodeApi';

const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  window.addEventListener('message', (event: MessageEvent) => {
    // Only what matches the protocol is acted on; anything else (or from elsewhere) is ignored.
    const m = parseToWebview(event.data);
    if (m) app.receive(m);
  });
  post({ type: 'ready' });
}
