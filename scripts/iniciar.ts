// npm start: builds the web app if needed, then serves API and web on one port.
import construirWeb from './construir-web.ts';

construirWeb();
await import('../src/server/main.ts');
