import { describe, expect, it } from "vitest";

import { checkSignUp, type SignUpForm } from "./sign-up.js";

const GOOD: SignUpForm = {
  name: "  Camille Durand ",
  email: " Camille@Example.FR ",
  password: "pizza-margherita-42",
  again: "pizza-margherita-42",
  phone: "",
};

describe("the sign-up form's checks", () => {
  it("sends a complete form trimmed, and leaves an empty phone out", () => {
    expect(checkSignUp(GOOD)).toEqual({
      ok: true,
      request: { name: "Camille Durand", email: "Camille@Example.FR", password: GOOD.password },
    });
  });

  it("sends the phone when one is given", () => {
    const check = checkSignUp({ ...GOOD, phone: " +33 6 12 34 56 78 " });
    expect(check.ok && check.request.phone).toBe("+33 6 12 34 56 78");
  });

  it("names every field to correct at once", () => {
    const check = checkSignUp({
      name: " ",
      email: "camille",
      password: "short",
      again: "",
      phone: "x",
    });
    expect(check).toEqual({
      ok: false,
      problems: {
        name: "signup.badName",
        email: "signup.badEmail",
        password: "signup.tooShort",
        phone: "signup.badPhone",
      },
    });
  });

  it("says when the two passwords differ", () => {
    const check = checkSignUp({ ...GOOD, again: "pizza-margherita-43" });
    expect(check).toEqual({ ok: false, problems: { password: "signup.mismatch" } });
  });

  it("refuses a long enough password the server would refuse", () => {
    const check = checkSignUp({
      ...GOOD,
      password: "pizza\u0007margherita",
      again: "pizza\u0007margherita",
    });
    expect(check).toEqual({ ok: false, problems: { password: "signup.badPassword" } });
  });
});
