'use strict';
// Telegram Bot API emulator for the end-to-end tests: telegram-test-api behind a compatibility layer.
//
// telegram-test-api alone does not work with telegrambots 10.x; this layer fixes what was found:
// - getMe lacks is_bot (telegrambots rejects it) -> answered here with a complete User.
// - unknown methods answer a bare HTTP 500 (NPE in telegrambots) -> answered {ok:true} and recorded.
// - bot messages come back with `date` in milliseconds (Integer overflow) -> seconds.
// - editMessageText / answerCallbackQuery return null -> the edited message / true.
// - getUpdates answers [] at once and telegrambots polls in a busy loop -> held until an update
//   arrives or the poll's timeout passes; a held poll whose client has gone is not answered, so
//   it cannot swallow the next update.
// Every bot call is journaled (GET /_chorus/calls) so tests can assert on what the bot sent,
// and failures can be injected (POST /_chorus/fail) to test flood limits and blocked users, and
// outages (POST /_chorus/outage {ms}) in which every bot call's connection is dropped.
//
// Usage: node server.js [--port N] [--bot-username NAME]; prints "CHORUS_EMULATOR_READY port=N".

const { routes } = require('telegram-test-api/lib/routes/index');
const TelegramServer = require('telegram-test-api');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(option('port', '0'));
const botUsername = option('bot-username', 'ChorusTestBot');
const BOT_USER = { id: 7482915360, is_bot: true, first_name: 'Chorus', username: botUsername };
const MAX_HOLD_MS = 10000;

const journal = [];
const chatAdmins = {}; // chat id -> [User]
const injectedFailures = []; // {method, status, description, retryAfter, times}
let outageUntil = 0; // while Date.now() is before this, every bot call has its connection dropped
const nowSeconds = () => Math.floor(Date.now() / 1000);

function record(token, method, body, result) {
  const entry = { seq: journal.length + 1, token, method, body, result, at: Date.now() };
  journal.push(entry);
  return entry;
}

function takeInjectedFailure(method) {
  const failure = injectedFailures.find((f) => f.method === method && f.times > 0);
  if (!failure) return null;
  failure.times -= 1;
  return failure;
}

function parseJsonFields(body) {
  const out = { ...body };
  for (const key of ['reply_markup', 'entities', 'commands', 'reply_parameters', 'link_preview_options']) {
    if (typeof out[key] === 'string') {
      try { out[key] = JSON.parse(out[key]); } catch (e) { /* keep the raw string */ }
    }
  }
  return out;
}

function cleanUpdate(update) {
  const copy = JSON.parse(JSON.stringify(update));
  const msg = copy.message;
  if (msg) {
    delete msg.botToken;
    if (msg.date > 1e11) msg.date = Math.floor(msg.date / 1000);
    if (!msg.date) msg.date = nowSeconds();
  }
  if (copy.callback_query) {
    copy.callback_query.chat_instance = copy.callback_query.chat_instance || 'emulator';
    const m = copy.callback_query.message;
    if (m && m.date > 1e11) m.date = Math.floor(m.date / 1000);
  }
  return copy;
}

// Uploads (sendPhoto) come as multipart/form-data, which the emulator does not parse. Text fields
// are kept; a file field is recorded by name and size, which is what tests assert on.
function readMultipart(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const boundary = '--' + String(req.headers['content-type']).split('boundary=')[1].replace(/"/g, '');
      const fields = {};
      const text = raw.toString('latin1');
      for (const part of text.split(boundary)) {
        const m = part.match(/name="([^"]+)"(?:; filename="([^"]*)")?[\s\S]*?\r\n\r\n([\s\S]*)\r\n$/);
        if (!m) continue;
        if (m[2] !== undefined) {
          const bytes = Buffer.from(m[3], 'latin1');
          fields[m[1]] = { filename: m[2], size: bytes.length, png: bytes.slice(1, 4).toString() === 'PNG' };
        } else {
          fields[m[1]] = Buffer.from(m[3], 'latin1').toString('utf8');
        }
      }
      resolve(fields);
    });
  });
}

function sentMessage(server, token, body) {
  const msg = server.addBotMessage(body, token);
  msg.date = Math.floor(msg.date / 1000);
  msg.from = BOT_USER;
  delete msg.chat_id;
  delete msg.parse_mode;
  delete msg.reply_parameters;
  if (!msg.reply_markup) delete msg.reply_markup;
  if (Number(body.chat_id) < 0) msg.chat = { id: Number(body.chat_id), type: 'supergroup', title: 'Team' };
  return msg;
}

function holdGetUpdates(server, req, res, token) {
  const requested = Number((req.body && req.body.timeout) || req.query.timeout || 0) * 1000;
  const holdMs = Math.min(Math.max(requested, 0), MAX_HOLD_MS);
  let done = false;
  let closed = false;
  res.on('close', () => { closed = true; });
  const finish = () => {
    if (done) return;
    done = true;
    server.off('AddedUserMessage', finish);
    server.off('AddedUserCommand', finish);
    server.off('AddedUserCallbackQuery', finish);
    clearTimeout(timer);
    if (closed || res.writableEnded) return; // leave the updates unread for the next poll
    const result = server.getUpdates(token).map(cleanUpdate);
    res.json({ ok: true, result });
  };
  const timer = setTimeout(finish, holdMs);
  const pending = server.storage.userMessages.some((u) => u.botToken === token && !u.isRead);
  if (pending || holdMs === 0) { finish(); return; }
  server.on('AddedUserMessage', finish);
  server.on('AddedUserCommand', finish);
  server.on('AddedUserCallbackQuery', finish);
}

function botMethod(server, token, method, body) {
  switch (method) {
    case 'getme':
      return BOT_USER;
    case 'sendmessage':
      return sentMessage(server, token, body);
    case 'sendphoto': {
      const msg = sentMessage(server, token, { chat_id: body.chat_id, caption: body.caption });
      msg.photo = [{ file_id: 'photo-' + msg.message_id, file_unique_id: 'u' + msg.message_id, width: 900, height: 600 }];
      return msg;
    }
    case 'editmessagetext': {
      server.editMessageText(body);
      return {
        message_id: Number(body.message_id), date: nowSeconds(), from: BOT_USER, text: body.text,
        chat: { id: Number(body.chat_id), type: Number(body.chat_id) < 0 ? 'supergroup' : 'private' },
      };
    }
    case 'deletemessage':
      server.deleteMessage(Number(body.chat_id), Number(body.message_id));
      return true;
    case 'getchatadministrators':
      return (chatAdmins[String(body.chat_id)] || []).map((user) => ({
        status: 'creator', user: { is_bot: false, ...user }, is_anonymous: false,
      }));
    case 'getmycommands':
      return [];
    default:
      return true; // setMyCommands, sendChatAction, sendMessageDraft, answerCallbackQuery, ...
  }
}

const compatRoutes = (app, server) => {
  app.get('/_chorus/calls', (req, res) => {
    const since = Number(req.query.since || 0);
    res.json({ calls: journal.filter((c) => c.seq > since) });
  });
  app.post('/_chorus/fail', (req, res) => {
    const b = req.body;
    injectedFailures.push({
      method: String(b.method).toLowerCase(), status: Number(b.status), description: b.description,
      retryAfter: b.retryAfter, times: Number(b.times || 1),
    });
    res.json({ ok: true });
  });
  app.post('/_chorus/outage', (req, res) => {
    outageUntil = Date.now() + Number(req.body.ms || 0);
    res.json({ ok: true });
  });
  app.post('/_chorus/admins', (req, res) => {
    chatAdmins[String(req.body.chatId)] = req.body.users || [];
    res.json({ ok: true });
  });
  app.post('/_chorus/user/message', async (req, res) => {
    await server.addUserMessage({ ...req.body.message, botToken: req.body.botToken });
    res.json({ ok: true, message_id: server.messageId - 1 });
  });
  app.post('/_chorus/user/callback', async (req, res) => {
    await server.addUserCallback({ ...req.body.callbackQuery, botToken: req.body.botToken });
    res.json({ ok: true, callback_id: String(server.callbackId - 1) });
  });
  app.all('/bot:token/:method', async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    const { token } = req.params;
    const method = String(req.params.method).toLowerCase();
    if (Date.now() < outageUntil) {
      // Telegram unreachable: the connection drops without an answer, as in a network outage.
      req.socket.destroy();
      return;
    }
    const multipart = String(req.headers['content-type'] || '').startsWith('multipart/form-data');
    const body = parseJsonFields({ ...req.query, ...(multipart ? await readMultipart(req) : (req.body || {})) });
    const failure = takeInjectedFailure(method);
    if (failure) {
      record(token, method, body, { error_code: failure.status });
      const reply = { ok: false, error_code: failure.status, description: failure.description };
      if (failure.retryAfter !== undefined) reply.parameters = { retry_after: failure.retryAfter };
      res.status(failure.status).json(reply);
      return;
    }
    if (method === 'getupdates') {
      holdGetUpdates(server, req, res, token);
      return;
    }
    const result = botMethod(server, token, method, body);
    record(token, method, body, result);
    res.json({ ok: true, result });
  });
};

// Put the layer in front of the package's own routes, before the server is constructed.
routes.unshift(compatRoutes);

const server = new TelegramServer({ port: port || 1, host: '127.0.0.1', storeTimeout: 3600 });
// telegram-test-api insists on a port; listen on our own so that 0 picks a free one.
server.start = async function start() {
  const http = require('http');
  const shutdown = require('http-shutdown');
  this.server = shutdown(http.createServer(this.webServer));
  await new Promise((resolve, reject) => {
    this.server.listen(port, '127.0.0.1').once('listening', resolve).once('error', reject);
  });
  this.started = true;
  return this.server.address().port;
};

server.start().then((actualPort) => {
  process.stdout.write(`CHORUS_EMULATOR_READY port=${actualPort}\n`);
}).catch((e) => {
  process.stderr.write(`emulator failed to start: ${e}\n`);
  process.exit(1);
});

const stop = () => { server.server.shutdown(() => process.exit(0)); setTimeout(() => process.exit(0), 1000); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// End with the test JVM: it holds our stdin open, and closing it means it has gone.
process.stdin.on('end', stop);
process.stdin.resume();
