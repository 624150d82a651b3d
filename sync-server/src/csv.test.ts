/**
 * Tests of the small CSV reader of the seed and the replay.
 */
import { describe, expect, it } from "vitest";

import { parseCsv, parseCsvValues } from "./csv.js";

describe("parseCsv", () => {
  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    const text =
      'id,name,notes\n1,"The Pepperoni, Mushroom, and Peppers Pizza","say ""ciao""\nthen go"\n';

    expect(parseCsvValues(text)).toEqual([
      {
        id: "1",
        name: "The Pepperoni, Mushroom, and Peppers Pizza",
        notes: 'say "ciao"\nthen go',
      },
    ]);
  });

  it("accepts CRLF line ends, a byte order mark and a missing last newline", () => {
    expect(parseCsvValues("\uFEFFa,b\r\n1,2\r\n3,4")).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
  });

  it("skips blank lines and fills missing trailing fields with empty text", () => {
    expect(parseCsvValues("a,b,c\n\n1\n")).toEqual([{ a: "1", b: "", c: "" }]);
  });

  it("numbers each record by the line it starts on", () => {
    const records = parseCsv('a,b\n1,"x\ny"\n2,z\n');
    expect(records.map((r) => r.line)).toEqual([2, 4]);
  });
});
