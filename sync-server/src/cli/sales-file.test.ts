import { describe, expect, it } from "vitest";

import { readSales } from "./sales-file.js";

const header = "order_id,date,time\n";
const detailsHeader = "order_details_id,order_id,pizza_id,quantity\n";

describe("readSales", () => {
  it("reads orders with their lines, in either date format", () => {
    const sales = readSales(
      `${header}1,2015/02/01,11:38:36\n2,2015-02-01,9:05\n`,
      `${detailsHeader}1,1,hawaiian_m,1\n2,1,big_meat_s,2\n3,2,thai_ckn_l,1\n`,
    );
    expect(sales.problems).toEqual([]);
    expect(sales.orders).toEqual([
      {
        sourceId: "1",
        date: "2015-02-01",
        time: "11:38:36",
        lines: [
          { sourceId: "1", pizzaId: "hawaiian_m", quantity: 1 },
          { sourceId: "2", pizzaId: "big_meat_s", quantity: 2 },
        ],
      },
      {
        sourceId: "2",
        date: "2015-02-01",
        time: "9:05",
        lines: [{ sourceId: "3", pizzaId: "thai_ckn_l", quantity: 1 }],
      },
    ]);
  });

  it.each([
    ["February 30th", "2015/02/30,12:00:00"],
    ["month 13", "2015/13/01,12:00:00"],
    ["hour 25", "2015/02/01,25:00:00"],
    ["minute 61", "2015/02/01,12:61:00"],
    ["no time", "2015/02/01,"],
    ["words", "yesterday,noon"],
  ])("reports an order with %s by its line number and skips it", (_case, dateTime) => {
    const sales = readSales(
      `${header}1,2015/02/01,12:00:00\n7,${dateTime}\n`,
      `${detailsHeader}1,1,hawaiian_m,1\n`,
    );
    expect(sales.orders.map((o) => o.sourceId)).toEqual(["1"]);
    expect(sales.problems).toEqual([expect.stringContaining("orders line 3")]);
  });

  it.each([
    ["a zero quantity", "9,1,hawaiian_m,0"],
    ["a negative quantity", "9,1,hawaiian_m,-1"],
    ["a fractional quantity", "9,1,hawaiian_m,1.5"],
    ["an unknown order", "9,42,hawaiian_m,1"],
    ["a hexadecimal quantity", "9,1,hawaiian_m,0x2"],
    ["an exponent quantity", "9,1,hawaiian_m,1e1"],
    ["a repeated order_details_id", "1,1,big_meat_s,1"],
  ])("reports a line with %s and keeps the rest of the order", (_case, row) => {
    const sales = readSales(
      `${header}1,2015/02/01,12:00:00\n`,
      `${detailsHeader}1,1,hawaiian_m,1\n${row}\n`,
    );
    expect(sales.orders[0].lines).toHaveLength(1);
    expect(sales.problems).toEqual([expect.stringContaining("details line 3")]);
  });

  it("skips an order without lines and says so", () => {
    const sales = readSales(`${header}1,2015/02/01,12:00:00\n`, detailsHeader);
    expect(sales.orders).toEqual([]);
    expect(sales.problems).toEqual(["order 1 has no lines in the details file and is skipped"]);
  });

  it("refuses a file whose quoted field never closes, naming the line", () => {
    expect(() =>
      readSales(`${header}1,"2015/02/01,12:00:00\n2,2015/02/01,12:00:00\n`, detailsHeader),
    ).toThrow(/orders line 2: a quoted field is never closed/);
  });
});
