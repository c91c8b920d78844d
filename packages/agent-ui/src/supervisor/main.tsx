import { render } from 'preact';

render(<main><h1>Supervisor console</h1></main>, document.getElementById('app') as HTMLElement);
