import { render } from 'preact';
import { openEventStream } from '../shared/event-stream.js';
import { createSoftphone } from '../softphone/create-softphone.js';
import { AgentDesktop } from './agent-desktop.js';
import { App } from './app.js';
import './agent.css';

void createSoftphone(location.search).then((softphone) => {
  const desktop = new AgentDesktop({ softphone, openStream: (api, listener) => openEventStream(api, listener), storage: localStorage });
  render(<App desktop={desktop} sessions={sessionStorage} />, document.getElementById('app') as HTMLElement);
});
