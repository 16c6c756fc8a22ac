// The socket.io peer of the side-by-side benchmark (PeersBenchmark). A subscriber names its rooms in
// the handshake query (?rooms=a,b), joins them and is sent a "ready" event; a publisher emits
// "pub" (rooms, payload) with an acknowledgement, the server emits "ev" (payload) to those rooms and
// then acknowledges. WebSocket transport only, no per-message deflate. Prints "ready ws=PORT".
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });

io.on('connection', (socket) => {
  const names = socket.handshake.query.rooms;
  if (names) {
    socket.join(names.split(','));
  }
  socket.on('pub', (rooms, payload, ack) => {
    io.to(rooms).emit('ev', payload);
    if (typeof ack === 'function') {
      ack();
    }
  });
  socket.emit('ready');
});

server.listen(0, '127.0.0.1', () => console.log('ready ws=' + server.address().port));
