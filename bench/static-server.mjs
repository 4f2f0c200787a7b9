// The "ceiling" for a target: the same bytes, read from a file once and served by a bare
// node:http server with no framework, no database and no rendering.
//   node bench/static-server.mjs <file> <content-type> <port>
import fs from 'node:fs';
import http from 'node:http';

const [file, type, port] = process.argv.slice(2);
if (!file || !type || !port) {
  console.error('usage: node bench/static-server.mjs <file> <content-type> <port>');
  process.exit(2);
}
const body = fs.readFileSync(file);
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'public, max-age=60' });
  res.end(body);
});
server.keepAliveTimeout = 10_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`static ${body.length} bytes on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
