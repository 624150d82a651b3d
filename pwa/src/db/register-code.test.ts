import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openPairedDb, TEST_DEVICE_ID, TEST_STORE } from "../testing/fixtures.js";
import { readMeta } from "./database.js";
import { savePairing } from "./pairing.js";
import { callLabel, cleanRegisterCode, derivedRegisterCode } from "./register-code.js";

const OTHER_DEVICE = "0190a5b2-7c3d-7e4f-8a1b-0000000000c4";
const paired = { credential: { deviceId: TEST_DEVICE_ID, token: "t" } };

describe("call numbers people see", () => {
  it("prefix this counter's orders with the code the server gave", () => {
    const meta = { ...paired, registerCode: "A" };
    expect(callLabel({ callNumber: 12, deviceId: TEST_DEVICE_ID }, meta)).toBe("A-12");
  });

  it("derive the code from the device id when the server gave none", () => {
    expect(derivedRegisterCode(TEST_DEVICE_ID)).toBe("7B");
    expect(callLabel({ callNumber: 3, deviceId: TEST_DEVICE_ID }, paired)).toBe("7B-3");
  });

  it("tell apart two counters that both hand out n° 1", () => {
    const meta = { ...paired, registerCode: "A" };
    const mine = callLabel({ callNumber: 1, deviceId: TEST_DEVICE_ID }, meta);
    const theirs = callLabel({ callNumber: 1, deviceId: OTHER_DEVICE }, meta);
    expect(theirs).toBe("C4-1");
    expect(mine).not.toBe(theirs);
  });

  it("use the code the server gives with another counter's pulled order", () => {
    const meta = { ...paired, registerCode: "A" };
    const pulled = { callNumber: 1, deviceId: OTHER_DEVICE, registerCode: "B" };
    expect(callLabel(pulled, meta)).toBe("B-1");
  });

  it("show the number alone for an order taken by no device", () => {
    expect(callLabel({ callNumber: 5, deviceId: null }, paired)).toBe("5");
  });

  it.each([
    ["b", "B"],
    [" A ", "A"],
    ["", null],
    ["TOO-LONG", null],
    [undefined, null],
    [7, null],
  ])("accept the server's code %j as %j", (sent, kept) => {
    expect(cleanRegisterCode(sent)).toBe(kept);
  });
});

describe("pairing", () => {
  const response = {
    deviceId: TEST_DEVICE_ID,
    clientId: TEST_DEVICE_ID,
    token: "new-token",
    store: TEST_STORE,
  };

  it("keeps the register code the server sends", async () => {
    const db = await openPairedDb();
    await savePairing(db, { ...response, registerCode: "B" } as typeof response, "Caisse 2");
    expect((await readMeta(db)).registerCode).toBe("B");
  });

  it("keeps no code from an older server, so the derived one is used", async () => {
    const db = await openPairedDb();
    await savePairing(db, response, "Caisse 2");
    const meta = await readMeta(db);
    expect(meta.registerCode).toBeNull();
    expect(callLabel({ callNumber: 1, deviceId: TEST_DEVICE_ID }, meta)).toBe("7B-1");
  });
});
