import "fake-indexeddb/auto";

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { PinCheckAnswer, PairResponse } from "@ocpizza/schema";
import { describe, expect, it, vi } from "vitest";

import { CounterDb } from "../db/database.js";
import { savePairing } from "../db/pairing.js";
import { ApiError, NetworkError } from "../sync/api.js";
import {
  openPairedDb,
  TEST_CLERK,
  TEST_MANAGER,
  TEST_PIN_VERSION,
  TEST_STORE,
} from "../testing/fixtures.js";
import { LOCK_MS } from "./lockout.js";
import { pinKey } from "./pin-key.js";
import { approveAsManager, signIn, signOut, verifyPin, type PinChecker } from "./sign-in.js";
import { saveStaffList } from "./staff-list.js";
import { pinVerifier, sameVerifier } from "./verifier.js";

const PIN = "4826";
const NOW = Date.UTC(2025, 0, 15, 12, 0);

/** A server that knows one PIN per staff member. */
function server(pins: Record<string, string>) {
  const check = vi.fn<PinChecker>(async (staffId, pin) => {
    if (pins[staffId] !== pin) throw new ApiError(401, "invalid_credentials", "Wrong PIN");
    const who = staffId === TEST_MANAGER.id ? TEST_MANAGER : TEST_CLERK;
    return { ok: true, staff: who } satisfies PinCheckAnswer;
  });
  return check;
}

const unreachable: PinChecker = async () => {
  throw new NetworkError(new TypeError("Failed to fetch"));
};

async function signedOutDb() {
  return openPairedDb({ signedIn: false });
}

describe("the device's PIN key", () => {
  it("is made at pairing, kept as a CryptoKey, and cannot be exported", async () => {
    const db = new CounterDb(`ocpizza-test-key-${process.pid}-${Date.now()}`);
    const pairing: PairResponse = {
      deviceId: TEST_CLERK.id,
      clientId: TEST_CLERK.id,
      token: "t",
      store: TEST_STORE,
    };

    await savePairing(db, pairing, "Caisse 1");

    const stored = await db.deviceKeys.get("pin-verifier");
    expect(stored?.key).toBeInstanceOf(CryptoKey);
    expect(stored?.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("raw", stored!.key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey("jwk", stored!.key)).rejects.toThrow();
    // Read back from IndexedDB, the key still signs: the same verifier twice.
    const again = await pinKey(db);
    expect(await pinVerifier(again, TEST_CLERK.id, PIN)).toBe(
      await pinVerifier(stored!.key, TEST_CLERK.id, PIN),
    );
  });

  it("makes different verifiers on two devices for the same PIN", async () => {
    const one = await pinVerifier(await pinKey(await signedOutDb()), TEST_CLERK.id, PIN);
    const two = await pinVerifier(await pinKey(await signedOutDb()), TEST_CLERK.id, PIN);
    expect(sameVerifier(one, two)).toBe(false);
  });
});

describe("signing in online the first time", () => {
  it("asks the server, then stores a verifier that does not reveal the PIN", async () => {
    const db = await signedOutDb();
    const check = server({ [TEST_CLERK.id]: PIN });

    const result = await signIn(db, check, TEST_CLERK.id, PIN, NOW);

    expect(result).toMatchObject({ ok: true, staff: { id: TEST_CLERK.id } });
    expect(check).toHaveBeenCalledOnce();
    expect((await db.meta.get("device"))?.signedIn).toMatchObject({
      id: TEST_CLERK.id,
      name: TEST_CLERK.name,
    });
    const rows = await db.staff.toArray();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(PIN);
    // Not an unkeyed hash of any 4-digit PIN: the table alone cannot be searched.
    const verifier = rows.find((row) => row.id === TEST_CLERK.id)!.verifier!;
    const asHex = bytesToHex(Uint8Array.from(atob(verifier), (c) => c.charCodeAt(0)));
    for (let n = 0; n < 10_000; n++) {
      const pin = String(n).padStart(4, "0");
      expect(bytesToHex(sha256(utf8ToBytes(`${TEST_CLERK.id}:${pin}`)))).not.toBe(asHex);
    }
  });

  it("then signs in offline with the verifier alone", async () => {
    const db = await signedOutDb();
    await signIn(db, server({ [TEST_CLERK.id]: PIN }), TEST_CLERK.id, PIN, NOW);
    await signOut(db);

    const offline = await signIn(db, unreachable, TEST_CLERK.id, PIN, NOW + 1000);
    const noServer = await signIn(db, null, TEST_CLERK.id, PIN, NOW + 2000);

    expect(offline.ok).toBe(true);
    expect(noServer.ok).toBe(true);
  });
});

describe("signing in offline", () => {
  it("is refused, plainly, for someone never verified on this device, without counting", async () => {
    const db = await signedOutDb();

    const result = await signIn(db, unreachable, TEST_CLERK.id, PIN, NOW);

    expect(result).toEqual({ ok: false, reason: "needs_online" });
    expect((await db.staff.get(TEST_CLERK.id))?.failures).toBe(0);
    expect((await db.meta.get("device"))?.signedIn).toBeNull();
  });

  it("counts a wrong PIN against the stored verifier", async () => {
    const db = await signedOutDb();
    await verifyPin(db, server({ [TEST_CLERK.id]: PIN }), TEST_CLERK.id, PIN, NOW);

    const result = await signIn(db, unreachable, TEST_CLERK.id, "9157", NOW);

    expect(result).toEqual({ ok: false, reason: "wrong_pin", failuresLeft: 4 });
  });
});

describe("five wrong PINs", () => {
  it("lock that user on this device for 5 minutes, across a reload, and only them", async () => {
    const db = await signedOutDb();
    const check = server({ [TEST_CLERK.id]: PIN, [TEST_MANAGER.id]: "7391" });
    await verifyPin(db, check, TEST_CLERK.id, PIN, NOW);
    await verifyPin(db, check, TEST_MANAGER.id, "7391", NOW);

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await signIn(db, null, TEST_CLERK.id, "0000", NOW));
    db.close();
    const reopened = new CounterDb(db.name);
    const stillLocked = await signIn(reopened, check, TEST_CLERK.id, PIN, NOW + LOCK_MS - 1000);
    const colleague = await signIn(reopened, null, TEST_MANAGER.id, "7391", NOW + 1000);
    const later = await signIn(reopened, null, TEST_CLERK.id, PIN, NOW + LOCK_MS);

    expect(answers.map((a) => (a.ok ? "ok" : a.reason))).toEqual([
      "wrong_pin",
      "wrong_pin",
      "wrong_pin",
      "wrong_pin",
      "locked",
    ]);
    expect(answers[4]).toEqual({ ok: false, reason: "locked", untilMs: NOW + LOCK_MS });
    expect(stillLocked).toEqual({ ok: false, reason: "locked", untilMs: NOW + LOCK_MS });
    expect(check).toHaveBeenCalledTimes(2);
    expect(colleague.ok).toBe(true);
    expect(later.ok).toBe(true);
  });

  it("lock even when tried all at once, as from several tabs: no wrong PIN is lost", async () => {
    const db = await signedOutDb();
    await verifyPin(db, server({ [TEST_CLERK.id]: PIN }), TEST_CLERK.id, PIN, NOW);
    const otherTab = new CounterDb(db.name);

    const guesses = ["1357", "2468", "9753", "8642", "1593"];
    const answers = await Promise.all(
      guesses.map((pin, i) => verifyPin(i % 2 ? otherTab : db, null, TEST_CLERK.id, pin, NOW)),
    );

    expect(answers.filter((a) => !a.ok && a.reason === "locked")).toHaveLength(1);
    expect((await db.staff.get(TEST_CLERK.id))?.lockedUntilMs).toBe(NOW + LOCK_MS);
    expect((await signIn(db, null, TEST_CLERK.id, PIN, NOW + 1000)).ok).toBe(false);
    otherTab.close();
  });

  it("keep a right PIN out when it comes after five wrong ones sent at the same time", async () => {
    const db = await signedOutDb();
    await verifyPin(db, server({ [TEST_CLERK.id]: PIN }), TEST_CLERK.id, PIN, NOW);
    const guesses = Array.from({ length: 40 }, (_, i) => String(1000 + i * 37));
    guesses[30] = PIN;

    const answers = await Promise.all(
      guesses.map((pin) => verifyPin(db, null, TEST_CLERK.id, pin, NOW)),
    );

    expect(answers[30]).toEqual({ ok: false, reason: "locked", untilMs: NOW + LOCK_MS });
    expect(answers.some((a) => a.ok)).toBe(false);
  });

  it("online too, when the server says the PIN is wrong", async () => {
    const db = await signedOutDb();
    const check = server({ [TEST_CLERK.id]: PIN });

    for (let i = 0; i < 4; i++) await signIn(db, check, TEST_CLERK.id, "1357", NOW);
    const fifth = await signIn(db, check, TEST_CLERK.id, "1357", NOW);

    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    expect((await db.staff.get(TEST_CLERK.id))?.lockedUntilMs).toBe(NOW + LOCK_MS);
  });
});

describe("a manager's approval", () => {
  it("is refused for a staff member who is not a manager, and leaves who is signed in", async () => {
    const db = await openPairedDb();
    const check = server({ [TEST_CLERK.id]: PIN, [TEST_MANAGER.id]: "7391" });

    const byClerk = await approveAsManager(db, check, TEST_CLERK.id, PIN, NOW);
    const byManager = await approveAsManager(db, check, TEST_MANAGER.id, "7391", NOW);

    expect(byClerk).toEqual({ ok: false, reason: "not_manager" });
    expect(byManager).toMatchObject({ ok: true, staff: { id: TEST_MANAGER.id } });
    expect((await db.meta.get("device"))?.signedIn?.id).toBe(TEST_CLERK.id);
  });
});

describe("refreshing the staff list", () => {
  const listed = (pinVersion = TEST_PIN_VERSION) => ({ ...TEST_MANAGER, pinVersion });

  it("keeps verifiers and locks, drops who is no longer listed, and signs them out", async () => {
    const db = await openPairedDb();
    await verifyPin(db, server({ [TEST_MANAGER.id]: "7391" }), TEST_MANAGER.id, "7391", NOW);

    await saveStaffList(db, { storeId: "bastille", staff: [listed()] }, NOW);

    expect((await db.staff.toArray()).map((row) => row.id)).toEqual([TEST_MANAGER.id]);
    expect((await db.staff.get(TEST_MANAGER.id))?.verifier).not.toBeNull();
    expect((await db.meta.get("device"))?.signedIn).toBeNull();
  });

  it("forgets the old PIN when a manager set a new one", async () => {
    const db = await openPairedDb();
    await verifyPin(db, server({ [TEST_MANAGER.id]: "7391" }), TEST_MANAGER.id, "7391", NOW);

    await saveStaffList(db, { storeId: "bastille", staff: [listed("pin-v2")] }, NOW);
    const oldPinOffline = await verifyPin(db, unreachable, TEST_MANAGER.id, "7391", NOW);

    expect((await db.staff.get(TEST_MANAGER.id))?.verifier).toBeNull();
    expect(oldPinOffline).toEqual({ ok: false, reason: "needs_online" });
  });
});
