import { describe, expect, it } from "vitest";

import { STAFF_ROLES } from "@ocpizza/schema";

import { en } from "./en.js";
import { fr } from "./fr.js";

describe("role names", () => {
  it.each([
    ["fr", fr],
    ["en", en],
  ] as const)("read the same on the counter and in /manage (%s)", (_locale, words) => {
    for (const role of STAFF_ROLES) {
      expect(words[`staff.role.${role}`]).toBe(words[`web.staff.role.${role}`]);
    }
  });
});
