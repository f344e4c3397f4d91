/**
 * `kader serve` speaks the standard y-websocket protocol: stock `yjs` + `y-websocket` clients
 * (what the browser runs) co-edit the vision through it, converge, survive a restart of the
 * server and an offline spell, and are refused without the token. Raw `ws` connections check
 * what a provider cannot see: the HTTP status of a refused upgrade, the server's greeting, and
 * that a malformed message closes only the connection that sent it.
 *
 * Run: `npm --prefix tests/collab test` (see tests/collab/README.md).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  SECTIONS,
  cleanup,
  client,
  closed,
  rawConnect,
  serve,
  sleep,
  synced,
  typeInto,
  until,
  workspace,
} from './harness.mjs';

const TIMEOUT = { timeout: 60_000 };

/** Everything a reader of the document sees, section by section, plus the test's own Y.Text. */
function content(ydoc) {
  const out = {};
  for (const s of SECTIONS) out[s] = ydoc.getXmlFragment(s).toString();
  out.notes = ydoc.getText('notes').toString();
  return out;
}

const sv = (ydoc) => Buffer.from(Y.encodeStateVector(ydoc)).toString('hex');

/** Resolves when every doc has the same state vector, i.e. has every edit of the others. */
function converged(docs, what, ms = 10_000) {
  return until(() => docs.every((d) => sv(d) === sv(docs[0])), what, ms);
}

/** Tracks a provider's connection: how often it connected and dropped. */
function track(provider) {
  const t = { connected: 0, disconnected: 0, errors: 0, closes: [] };
  provider.on('status', ({ status }) => {
    if (status === 'connected') t.connected++;
    if (status === 'disconnected') t.disconnected++;
  });
  provider.on('connection-error', () => t.errors++);
  provider.on('connection-close', (e) => t.closes.push(e ? e.code : null));
  return t;
}

/** The first message the server sends on a raw connection, decoded. */
function nextMessage(ws, ms = 5_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), ms);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(new Uint8Array(data));
    });
  });
}

describe('stock y-websocket clients against kader serve', () => {
  let file;
  let server;
  const open = [];
  const stock = (opts) => {
    const c = client(server, opts);
    open.push(c);
    return c;
  };

  before(async () => {
    file = workspace('interop');
    server = await serve(file);
  });

  after(async () => {
    for (const c of open) c.destroy();
    if (server) await server.stop().catch(() => server.kill());
    if (file) cleanup(file);
  });

  test('(a) two clients co-edit the vision concurrently and converge', TIMEOUT, async () => {
    const a = stock();
    const b = stock();
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const rounds = 25;
    for (let r = 0; r < rounds; r++) {
      // Both edit in the same tick: neither has seen the other's edit of this round.
      typeInto(a.doc, 'purpose', `a${r} `);
      typeInto(b.doc, 'purpose', `b${r} `);
      a.doc.getText('notes').insert(0, `A${r};`);
      b.doc.getText('notes').insert(0, `B${r};`);
      typeInto(a.doc, SECTIONS[r % SECTIONS.length], `x${r}`);
      typeInto(b.doc, SECTIONS[(r + 3) % SECTIONS.length], `y${r}`);
      await sleep(r % 3 === 0 ? 0 : 15);
    }
    await converged([a.doc, b.doc], 'both clients to have every edit');
    assert.deepEqual(Y.encodeStateVector(a.doc), Y.encodeStateVector(b.doc));
    assert.deepEqual(content(a.doc), content(b.doc));
    const purpose = content(a.doc).purpose;
    const notes = content(a.doc).notes;
    for (let r = 0; r < rounds; r++) {
      assert.ok(purpose.includes(`a${r} `) && purpose.includes(`b${r} `), `round ${r} is in purpose: ${purpose}`);
      assert.ok(notes.includes(`A${r};`) && notes.includes(`B${r};`), `round ${r} is in notes`);
    }
    // The encoded documents are the same bytes' worth of state: a third client sees the same.
    const c = stock();
    await synced(c.provider);
    await converged([a.doc, c.doc], 'a late joiner to have every edit');
    assert.deepEqual(content(c.doc), content(a.doc));
  });

  test('(a) presence (awareness) is relayed between clients', TIMEOUT, async () => {
    const a = stock();
    const b = stock();
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#0aa' });
    a.provider.awareness.setLocalStateField('cursor', { section: 'purpose', anchor: 3, head: 5 });
    const seen = await until(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.head === 5 && b.provider.awareness.getStates().get(a.doc.clientID),
      "b to see a's cursor",
    );
    assert.equal(seen.user.name, 'Ada');
  });

  test('(a) a presence change is relayed once, not again for every client that echoes it', TIMEOUT, async () => {
    // A stock WebsocketProvider sends every presence change it receives back to the server (its
    // awareness handler ignores the origin). The echo has the same clock: nothing changed, so a
    // server must not relay it again (the reference y-websocket server does not), or every cursor
    // move reaches every participant once per participant.
    const clients = [0, 1, 2, 3].map(() => stock({ doc: 'presence' }));
    await Promise.all(clients.map((c) => synced(c.provider)));
    const raw = await rawConnect(`${server.ws}/presence?token=${server.token}`);
    assert.ok(raw.opened);
    const entries = [];
    raw.ws.on('message', (m) => {
      if (m[0] !== 1) return;
      const d = decoding.createDecoder(new Uint8Array(m));
      decoding.readVarUint(d);
      const u = decoding.createDecoder(decoding.readVarUint8Array(d));
      for (let n = decoding.readVarUint(u); n > 0; n--) entries.push([decoding.readVarUint(u), decoding.readVarUint(u), decoding.readVarString(u)]);
    });
    await sleep(300);
    entries.length = 0;
    clients[0].provider.awareness.setLocalStateField('cursor', { section: 'purpose', anchor: 7, head: 7 });
    const { clock } = clients[0].provider.awareness.meta.get(clients[0].doc.clientID);
    await sleep(1_000);
    const relayed = entries.filter(([id, c]) => id === clients[0].doc.clientID && c === clock).length;
    raw.ws.close();
    assert.equal(relayed, 1, `the presence change (client ${clients[0].doc.clientID}, clock ${clock}) reached an observer ${relayed} times`);
  });

  test('(a) when a client leaves, only its own presence is removed', TIMEOUT, async () => {
    // b has echoed a's presence (as every stock provider does); when b leaves, the server must
    // announce b gone, not a — else every departure makes every cursor blink out and back.
    const a = stock({ doc: 'leaving' });
    const b = stock({ doc: 'leaving' });
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await until(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user, "b to see a's presence");
    await sleep(300);
    const raw = await rawConnect(`${server.ws}/leaving?token=${server.token}`);
    assert.ok(raw.opened);
    const removals = [];
    raw.ws.on('message', (m) => {
      if (m[0] !== 1) return;
      const d = decoding.createDecoder(new Uint8Array(m));
      decoding.readVarUint(d);
      const u = decoding.createDecoder(decoding.readVarUint8Array(d));
      for (let n = decoding.readVarUint(u); n > 0; n--) {
        const [id, clock, json] = [decoding.readVarUint(u), decoding.readVarUint(u), decoding.readVarString(u)];
        if (json === 'null') removals.push(id === a.doc.clientID ? `a (clock ${clock})` : id === b.doc.clientID ? 'b' : `client ${id}`);
      }
    });
    await sleep(300);
    b.destroy();
    await until(() => removals.includes('b'), "the observer to learn that b left");
    await sleep(500);
    raw.ws.close();
    assert.deepEqual(removals.filter((r) => r !== 'b'), [], `b left, but the server also announced these as gone: ${removals}`);
  });

  test('(b) without the token, or with a wrong one, the upgrade is refused with 401', TIMEOUT, async () => {
    const noToken = await rawConnect(`${server.ws}/vision`);
    assert.equal(noToken.opened, false, 'a connection without a token must not open');
    assert.equal(noToken.status, 401, `no token: ${noToken.status ?? noToken.error}`);

    const wrong = await rawConnect(`${server.ws}/vision?token=${'0'.repeat(64)}`);
    assert.equal(wrong.opened, false, 'a connection with a wrong token must not open');
    assert.equal(wrong.status, 401, `wrong token: ${wrong.status ?? wrong.error}`);

    // The right token from a page of another site: refused as well (403).
    const foreign = await rawConnect(`${server.ws}/vision?token=${server.token}`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(foreign.opened, false, 'a connection from a foreign origin must not open');
    assert.equal(foreign.status, 403, `foreign origin: ${foreign.status ?? foreign.error}`);

    // The right token: it opens (so the refusals above were about the token).
    const right = await rawConnect(`${server.ws}/vision?token=${server.token}`);
    assert.equal(right.opened, true, `the right token must open: ${right.status ?? right.error}`);
    right.ws.close();

    // Stock providers with no or a wrong token never connect, never sync, never see content.
    const writer = stock();
    await synced(writer.provider);
    typeInto(writer.doc, 'purpose', 'secret');
    const outsiders = [stock({ token: null }), stock({ token: 'not-the-token' })];
    const tracks = outsiders.map((o) => track(o.provider));
    await sleep(2_000);
    for (const [i, o] of outsiders.entries()) {
      assert.equal(tracks[i].connected, 0, 'an outsider must never connect');
      assert.equal(o.provider.synced, false);
      assert.ok(tracks[i].closes.length >= 1, 'the outsider tried (and was refused)');
      assert.equal(o.doc.getXmlFragment('purpose').length, 0, 'an outsider must see nothing');
      o.provider.disconnect();
    }
  });

  test('the server greets with sync step 1 and answers sync step 1 with step 2 (raw protocol)', TIMEOUT, async () => {
    const { opened, ws, status, error } = await rawConnect(`${server.ws}/vision?token=${server.token}`);
    assert.ok(opened, `connect: ${status ?? error}`);
    const messages = [];
    ws.on('message', (d) => messages.push(new Uint8Array(d)));
    await until(() => messages.length >= 1, 'the greeting');
    const first = decoding.createDecoder(messages[0]);
    assert.equal(decoding.readVarUint(first), 0, 'the first message is a sync message');
    assert.equal(decoding.readVarUint(first), syncProtocol.messageYjsSyncStep1, 'the first message is sync step 1');
    // Ask for everything: the answer is sync step 2 with the whole document.
    const ask = encoding.createEncoder();
    encoding.writeVarUint(ask, 0);
    syncProtocol.writeSyncStep1(ask, new Y.Doc());
    ws.send(encoding.toUint8Array(ask));
    const step2 = await until(
      () => messages.find((m) => m[0] === 0 && m[1] === syncProtocol.messageYjsSyncStep2),
      'sync step 2',
    );
    const d = decoding.createDecoder(step2);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    assert.ok(doc.getXmlFragment('purpose').toString().includes('a0 '), 'step 2 carries the edits made so far');
    ws.close();
  });

  test('(c) after SIGTERM and a restart on the same file, a fresh client sees every acknowledged edit', TIMEOUT, async () => {
    const own = workspace('restart');
    let first = await serve(own);
    let second;
    const clients = [];
    try {
      const a = client(first);
      const b = client(first);
      clients.push(a, b);
      await Promise.all([synced(a.provider), synced(b.provider)]);
      for (let r = 0; r < 20; r++) {
        typeInto(a.doc, SECTIONS[r % SECTIONS.length], `A${r}.`);
        typeInto(b.doc, SECTIONS[(r + 1) % SECTIONS.length], `B${r}.`);
        b.doc.getText('notes').insert(b.doc.getText('notes').length, `b${r}`);
        if (r % 5 === 0) await sleep(10);
      }
      // Acknowledged: each client's edits came back through the server to the other.
      await converged([a.doc, b.doc], 'each client to have received the other\'s edits');
      const expected = content(a.doc);
      const expectedSv = sv(a.doc);
      const stopped = await first.stop();
      assert.equal(stopped.code, 0, `kader serve should exit 0 on SIGTERM, got ${JSON.stringify(stopped)}: ${first.output()}`);
      for (const c of clients.splice(0)) c.destroy();

      second = await serve(own);
      const fresh = client(second);
      clients.push(fresh);
      await synced(fresh.provider);
      assert.deepEqual(content(fresh.doc), expected);
      assert.equal(sv(fresh.doc), expectedSv);
    } finally {
      for (const c of clients) c.destroy();
      await first.stop().catch(() => first.kill());
      if (second) await second.stop().catch(() => second.kill());
      cleanup(own);
    }
  });

  test('(d) edits made while disconnected reach the other client after reconnecting', TIMEOUT, async () => {
    const a = stock({ doc: 'offline' });
    const b = stock({ doc: 'offline' });
    await Promise.all([synced(a.provider), synced(b.provider)]);
    typeInto(a.doc, 'purpose', 'before. ');
    await converged([a.doc, b.doc], 'the first edit');

    a.provider.disconnect();
    await until(() => !a.provider.wsconnected, 'a to disconnect');
    typeInto(a.doc, 'purpose', 'written offline by a. ');
    a.doc.getText('notes').insert(0, 'offline note');
    typeInto(b.doc, 'purpose', 'written by b meanwhile. ');
    await sleep(300);
    assert.ok(!b.doc.getXmlFragment('purpose').toString().includes('offline'), 'b cannot have the offline edit yet');

    a.provider.connect();
    await synced(a.provider);
    await converged([a.doc, b.doc], 'the offline edit to reach b, and b\'s edit to reach a');
    assert.ok(content(b.doc).purpose.includes('written offline by a.'));
    assert.equal(content(b.doc).notes, 'offline note');
    assert.ok(content(a.doc).purpose.includes('written by b meanwhile.'));
    assert.deepEqual(content(a.doc), content(b.doc));
  });

  /**
   * Sends each case on its own raw connection to `doc` while two stock clients (a, b) co-edit it:
   * the raw connection must be closed within `closeMs`, a's next edit must reach b within
   * `relayMs`, neither stock client may be disconnected, and (with `rssLimitMb`) the server's
   * resident memory must stay under that limit (the server is killed by the test if it goes over).
   */
  async function isolation(srv, doc, cases, { closeMs = 5_000, relayMs = 5_000, rssLimitMb = null } = {}) {
    const a = client(srv, { doc });
    const b = client(srv, { doc });
    const ta = track(a.provider);
    const tb = track(b.provider);
    const problems = [];
    const seen = [];
    let peakKb = 0;
    let watchdog = null;
    try {
      await Promise.all([synced(a.provider), synced(b.provider)]);
      if (rssLimitMb) {
        watchdog = setInterval(() => {
          try {
            const kb = Number(fs.readFileSync(`/proc/${srv.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
            peakKb = Math.max(peakKb, kb);
            if (kb > rssLimitMb * 1024) srv.kill();
          } catch {
            /* gone */
          }
        }, 20);
      }
      for (const [i, [what, bytes]] of cases.entries()) {
        peakKb = 0;
        const raw = await rawConnect(`${srv.ws}/${doc}?token=${srv.token}`);
        if (!raw.opened) {
          problems.push(`${what}: could not connect (${raw.status ?? raw.error?.message}); the server is ${srv.child.exitCode ?? srv.child.signalCode ?? 'running'}`);
          break;
        }
        await nextMessage(raw.ws).catch(() => null);
        const t0 = Date.now();
        const close = closed(raw.ws, closeMs);
        raw.ws.send(bytes);
        // The others keep working: a's edit reaches b, promptly, without either reconnecting.
        typeInto(a.doc, 'purpose', `still here ${i}. `);
        const relayed = await until(() => content(b.doc).purpose.includes(`still here ${i}.`), 'relay', relayMs).then(
          () => Date.now() - t0,
          () => null,
        );
        const result = await close;
        const hex = Buffer.from(bytes.subarray(0, 12)).toString('hex') + (bytes.length > 12 ? `… (${bytes.length} bytes)` : '');
        const rss = rssLimitMb ? `; server peak RSS ${Math.round(peakKb / 1024)} MB` : '';
        seen.push(`${what} [${hex}]: ${result ? `closed ${result.code} ${JSON.stringify(result.reason)} after ${Date.now() - t0} ms` : `still open after ${closeMs} ms`}; a's edit reached b ${relayed === null ? `NOT within ${relayMs} ms` : `after ${relayed} ms`}${rss}`);
        if (!result) problems.push(`${what}: the connection is still open after ${closeMs} ms`);
        if (relayed === null) problems.push(`${what}: a's edit did not reach b within ${relayMs} ms (the room stalled)`);
        if (rssLimitMb && peakKb > rssLimitMb * 1024) problems.push(`${what}: the server's RSS went over ${rssLimitMb} MB (killed by the test)`);
        raw.ws.terminate();
        if (srv.child.exitCode !== null || srv.child.signalCode !== null) {
          problems.push(`the server died (${srv.child.exitCode ?? srv.child.signalCode})`);
          break;
        }
      }
      console.log(`# ${seen.join('\n# ')}`);
      if (ta.disconnected + tb.disconnected) problems.push(`the good clients were disconnected (closes: ${ta.closes} / ${tb.closes})`);
      assert.deepEqual(problems, []);
      // Nothing of the malformed messages made it into the document.
      const fresh = client(srv, { doc });
      try {
        await synced(fresh.provider);
        await converged([a.doc, b.doc, fresh.doc], 'everyone');
        assert.deepEqual(content(fresh.doc), content(a.doc));
      } finally {
        fresh.destroy();
      }
    } finally {
      if (watchdog) clearInterval(watchdog);
      a.destroy();
      b.destroy();
    }
  }

  const message = (type, bytes) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, bytes);
    return encoding.toUint8Array(e);
  };
  const hex = (h) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

  test('(e) a malformed or oversized update closes that connection only', TIMEOUT, async () => {
    await isolation(server, 'robust', [
      ['an update that is not a Yjs update', message(syncProtocol.messageYjsUpdate, hex('01 01 05 00 ff'))],
      ['sync step 2 that is not a Yjs update', message(syncProtocol.messageYjsSyncStep2, hex('07 07 07'))],
      // Over the 8 MiB an update may have, though the frame is within the WebSocket's cap...
      ['an update of 8 MiB + 100 bytes', message(syncProtocol.messageYjsUpdate, new Uint8Array(8 * 1024 * 1024 + 100))],
      // ...and a frame over the WebSocket's cap (8 MiB + 1 KiB of framing).
      ['a frame of 8 MiB + 4 KiB', message(syncProtocol.messageYjsUpdate, new Uint8Array(8 * 1024 * 1024 + 4096))],
    ]);
  });

  test('(e) a message cut off before its end closes that connection only', TIMEOUT, async () => {
    await isolation(server, 'robust-cut', [
      ['an update cut off in its length', hex('00 02 ff')],
      ['an update shorter than its length says', hex('00 02 0a 01 01')],
      ['sync step 1 with a state vector cut off', hex('00 00 02 05 01')],
      ['a presence update cut off in its JSON', hex('01 05 01 01 01 0a ff')],
    ]);
  });

  test('(e) a message declaring 2^32-1 entries is refused at once, without stalling the room or taking memory', TIMEOUT, async () => {
    // Ten bytes each: an update of 4,294,967,295 clients, sync step 1 with a state vector of as
    // many, a presence update of as many clients. A decoder that reserves room for the declared
    // count before reading the entries takes gigabytes and seconds for each.
    const own = workspace('bomb');
    const srv = await serve(own);
    try {
      await isolation(
        srv,
        'bomb',
        [
          ['an update declaring 2^32-1 clients', hex('00 02 05 ff ff ff ff 0f')],
          ['sync step 1 declaring 2^32-1 state-vector entries', hex('00 00 05 ff ff ff ff 0f')],
          ['a presence update declaring 2^32-1 clients', hex('01 05 ff ff ff ff 0f')],
        ],
        { closeMs: 3_000, relayMs: 2_000, rssLimitMb: 1024 },
      );
    } finally {
      await srv.stop().catch(() => srv.kill());
      cleanup(own);
    }
  });
});
