/**
 * A tiny CSV reader for the seed data: a header row, commas, fields in
 * double quotes that may hold commas, line breaks and doubled quotes, LF or
 * CRLF line ends. Rows come back as objects keyed by the header.
 */

export function parseCsv(text: string): Record<string, string>[] {
  const rows = splitRows(text.replace(/^\uFEFF/, ""));
  const header = rows.shift();
  if (!header) return [];
  return rows
    .filter((fields) => fields.some((field) => field !== ""))
    .map((fields) => Object.fromEntries(header.map((name, i) => [name.trim(), fields[i] ?? ""])));
}

function splitRows(text: string): string[][] {
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = "";
    } else {
      field += char;
    }
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}
