/**
 * A small CSV reader for the Pizza Place files (seed menu and replayed
 * sales): header row, commas, fields in double quotes that may hold commas,
 * line breaks and doubled quotes, LF or CRLF. Each record keeps its line
 * number so errors can name it.
 */

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export function parseCsv(text: string): CsvRecord[] {
  const rows = splitRows(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0) return [];
  const header = rows[0].fields.map((name) => name.trim());
  return rows
    .slice(1)
    .filter((row) => row.fields.some((field) => field.trim() !== ""))
    .map((row) => ({
      line: row.line,
      values: Object.fromEntries(header.map((name, i) => [name, (row.fields[i] ?? "").trim()])),
    }));
}

/** The records' values only, keyed by the header. */
export function parseCsvValues(text: string): Record<string, string>[] {
  return parseCsv(text).map((record) => record.values);
}

function splitRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line += 1;
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line += 1;
      rowLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError(`line ${rowLine}: a quoted field is never closed`);
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

/** The text is not CSV this reader can trust (the message names the line). */
export class CsvError extends Error {}
