// A small Node HTTP service: GET /healthz answers "ok", GET / says hello and how long the process has run.
// No framework, one small runtime dependency (ms); its devDependencies type-check it (npm run typecheck).
import http from 'node:http';
import ms from 'ms';

const port = Number(process.env.PORT || 8080);
const started = Date.now();

const server = http.createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok\n');
    return;
  }
  if (request.url === '/') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ hello: 'world', up: ms(Date.now() - started) }) + '\n');
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
});

server.listen(port, () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
