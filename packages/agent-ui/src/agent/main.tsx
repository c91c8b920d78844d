import { render } from 'preact';

render(<main><h1>Agent desktop</h1></main>, document.getElementById('app') as HTMLElement);
