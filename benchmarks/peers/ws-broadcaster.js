// The Node `ws` broadcaster of the side-by-side benchmark (PeersBenchmark); same contract as
// JavaWsBroadcaster: subscribers name their rooms in the query string (/?rooms=a,b) and are told
// "ready"; a publisher sends "room1,room2|payload", every member of those rooms gets the payload,
// then the publisher gets "ok". No auth, no log. Prints "ready ws=PORT" once it listens.
'use strict';
const { WebSocketServer } = require('ws');

const rooms = new Map();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

wss.on('connection', (socket, request) => {
  const names = new URL(request.url, 'http://peer').searchParams.get('rooms');
  const mine = names ? names.split(',') : [];
  for (const name of mine) {
    let members = rooms.get(name);
    if (!members) {
      members = new Set();
      rooms.set(name, members);
    }
    members.add(socket);
  }
  socket.on('message', (data) => {
    const text = data.toString();
    const bar = text.indexOf('|');
    if (bar < 0) {
      return;
    }
    // Encoded once, sent to all: what a broadcaster written with ws does.
    const payload = Buffer.from(text.slice(bar + 1));
    for (const name of text.slice(0, bar).split(',')) {
      const members = rooms.get(name);
      if (members) {
        for (const member of members) {
          member.send(payload, { binary: false });
        }
      }
    }
    socket.send('ok');
  });
  socket.on('close', () => {
    for (const name of mine) {
      rooms.get(name).delete(socket);
    }
  });
  socket.send('ready');
});

wss.on('listening', () => console.log('ready ws=' + wss.address().port));
