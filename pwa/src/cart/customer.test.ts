import { describe, expect, it } from "vitest";

import { checkCustomer, toCustomer } from "./customer.js";

const draft = (name: string, phone: string, address = "") => ({
  name,
  phone,
  address,
  deliveryNotes: "",
});

describe("the customer of an order", () => {
  it.each([
    { channel: "counter", mode: "eat_in", customer: draft("", ""), problem: null },
    { channel: "phone", mode: "takeaway", customer: draft("Léa", ""), problem: "missing_customer" },
    {
      channel: "phone",
      mode: "takeaway",
      customer: draft("", "0612345678"),
      problem: "missing_customer",
    },
    { channel: "phone", mode: "takeaway", customer: draft("Léa", "abc"), problem: "bad_phone" },
    { channel: "phone", mode: "takeaway", customer: draft("Léa", "06 12 34 56 78"), problem: null },
    {
      channel: "phone",
      mode: "delivery",
      customer: draft("Léa", "06 12 34 56 78"),
      problem: "missing_address",
    },
    {
      channel: "phone",
      mode: "delivery",
      customer: draft("Léa", "+33 6 12 34 56 78", "3 rue Oberkampf"),
      problem: null,
    },
  ] as const)(
    "$channel $mode $customer.name/$customer.phone -> $problem",
    ({ channel, mode, customer, problem }) => {
      expect(checkCustomer(channel, mode, customer)).toBe(problem);
    },
  );

  it("sends no customer for a counter sale and no address unless delivered", () => {
    const lea = { ...draft(" Léa ", "0612345678", "3 rue Oberkampf"), deliveryNotes: "code 1234" };
    expect(toCustomer("counter", "eat_in", lea)).toBeUndefined();
    expect(toCustomer("phone", "takeaway", lea)).toEqual({ name: "Léa", phone: "0612345678" });
    expect(toCustomer("phone", "delivery", lea)).toEqual({
      name: "Léa",
      phone: "0612345678",
      address: "3 rue Oberkampf",
      deliveryNotes: "code 1234",
    });
  });
});
