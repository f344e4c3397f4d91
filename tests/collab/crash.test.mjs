/**
 * Crash test: nothing acknowledged is lost when `kader serve` is killed with SIGKILL.
 *
 * A writer streams numbered edits (each its own Yjs transaction, so its own update message) while
 * an observer records which ones it received. The server relays an edit only after it is in the
 * workspace file, so "received by the observer" means acknowledged. The server is `kill -9`ed in
 * the middle of the stream; after a restart on the same file a fresh client must have every edit
 * the observer had, and SQLite's `PRAGMA integrity_check` on the file must say `ok`.
 *
 * CRASH_EDITS (default 2000) and CRASH_KILL_AT (default half of them) tune it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanup, client, integrityCheck, serve, sleep, synced, until, workspace } from './harness.mjs';

const EDITS = Number(process.env.CRASH_EDITS ?? 2000);
const KILL_AT = Number(process.env.CRASH_KILL_AT ?? Math.floor(EDITS / 2));

test(`kill -9 in the middle of ${EDITS} streamed edits loses no acknowledged edit`, { timeout: 120_000 }, async () => {
  const file = workspace('crash');
  let server = await serve(file);
  let restarted;
  const clients = [];
  try {
    const writer = client(server);
    const observer = client(server);
    clients.push(writer, observer);
    await Promise.all([synced(writer.provider), synced(observer.provider)]);

    const arr = writer.doc.getArray('crash');
    const text = writer.doc.getText('stream');
    let sent = 0;
    let killed = null;
    // The stream: one edit per transaction, a few per millisecond, until every edit is made.
    const stream = (async () => {
      while (sent < EDITS) {
        for (let k = 0; k < 2 && sent < EDITS; k++) {
          const i = sent++;
          writer.doc.transact(() => {
            arr.push([i]);
            text.insert(text.length, `[${i}]`);
          });
        }
        if (sent >= KILL_AT && !killed) killed = server.kill();
        await sleep(1);
      }
    })();
    await until(() => killed, `the writer to reach edit ${KILL_AT}`, 60_000);
    const exit = await killed;
    assert.equal(exit.signal, 'SIGKILL');
    const sentAtKill = sent;
    // Whatever the server sent before it died has arrived once the observer's socket is closed.
    await until(() => !observer.provider.wsconnected, 'the observer to notice the server is gone');
    const observed = observer.doc.getArray('crash').toArray();
    const observedText = observer.doc.getText('stream').toString();
    await stream;
    for (const c of clients.splice(0)) c.destroy();

    assert.ok(observed.length > 0, 'the observer received nothing before the kill: the test proves nothing');
    assert.deepEqual(observed, observed.map((_, i) => i), 'the observer saw the edits in order, without gaps');

    restarted = await serve(file);
    const fresh = client(restarted);
    clients.push(fresh);
    await synced(fresh.provider);
    const restored = fresh.doc.getArray('crash').toArray();
    const restoredText = fresh.doc.getText('stream').toString();
    console.log(
      `# edits: ${EDITS}; sent before the kill: ${sentAtKill}; acknowledged (seen by the observer): ${observed.length}; in the file after the restart: ${restored.length}`,
    );
    const missing = observed.filter((i) => !restored.includes(i));
    assert.deepEqual(missing, [], `acknowledged edits lost by the crash: ${missing.slice(0, 20).join(', ')}`);
    assert.deepEqual(restored, restored.map((_, i) => i), 'the file holds a gapless prefix of the stream');
    assert.ok(restoredText.startsWith(observedText), 'the text stream the observer saw is in the file');
    assert.ok(restored.length <= sentAtKill + 2, 'the file cannot hold edits the writer had not made');

    for (const c of clients.splice(0)) c.destroy();
    const stopped = await restarted.stop();
    assert.equal(stopped.code, 0, `kader serve should exit 0 on SIGTERM: ${restarted.output()}`);
    assert.equal(integrityCheck(file), 'ok');
  } finally {
    for (const c of clients) c.destroy();
    await server.kill();
    if (restarted) await restarted.stop().catch(() => restarted.kill());
    cleanup(file);
  }
});
