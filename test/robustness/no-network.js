// Preloaded with `node --require` into the CLI and the language server under test: any attempt to open
// a network socket, resolve a name, or start a child process / load workspace code makes the process
// fail loudly (exit 97), so a test that still passes proves the program never tried. Pipes (stdio,
// IPC) are not network: they do not go through these functions.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');
const dgram = require('node:dgram');
const childProcess = require('node:child_process');
const pathModule = require('node:path');
const fsModule = require('node:fs');

function forbidden(what) {
  return function () {
    const msg = `NETWORK-GUARD: forbidden ${what} attempted\n${new Error().stack}\n`;
    try {
      fsModule.writeSync(2, msg);
    } catch {
      // ignore
    }
    process.exit(97);
  };
}

net.connect = net.createConnection = forbidden('net.connect');
net.Socket.prototype.connect = forbidden('net.Socket.connect');
net.createServer = forbidden('net.createServer');
net.Server.prototype.listen = forbidden('net.Server.listen');
tls.connect = forbidden('tls.connect');
http.request = http.get = forbidden('http.request');
https.request = https.get = forbidden('https.request');
dgram.createSocket = forbidden('dgram.createSocket');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']) dns[k] = forbidden(`dns.${k}`);
if (dns.promises) for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns.promises[k] = forbidden(`dns.promises.${k}`);
if (typeof globalThis.fetch === 'function') globalThis.fetch = forbidden('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = forbidden('WebSocket');
for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) childProcess[k] = forbidden(`child_process.${k}`);

// Workspace code must never be loaded: requiring anything from outside the program's own files fails.
const Module = require('node:module');
const allowedRoot = process.env.DAYTWO_GUARD_ALLOWED_ROOT;
if (allowedRoot) {
  const origLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    const resolved = (() => {
      try {
        return Module._resolveFilename(request, parent, isMain);
      } catch {
        return request;
      }
    })();
    if (typeof resolved === 'string' && pathModule.isAbsolute(resolved) && !resolved.startsWith(allowedRoot) && !resolved.startsWith(__dirname)) {
      forbidden(`loading code from ${resolved}`)();
    }
    return origLoad.apply(this, arguments);
  };
}
