/**
 * A table whose column headers sort it (click again to reverse), with
 * aria-sort so the order is announced. Rows are sorted on the raw values the
 * columns give, never on the formatted text.
 */
import { useMemo, useState, type ReactNode } from "react";

export interface Column<T> {
  id: string;
  header: string;
  value: (row: T) => string | number;
  /** How the cell shows; the raw value by default. */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  initialSort,
  caption,
  testId,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: { id: string; descending: boolean };
  caption?: string;
  testId?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? { id: columns[0].id, descending: false });
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort.id) ?? columns[0];
    const copy = [...rows];
    copy.sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === "number" && typeof y === "number" ? x - y : compare(x, y);
      return sort.descending ? -order : order;
    });
    return copy;
  }, [rows, columns, sort]);

  const toggle = (id: string) =>
    setSort((current) =>
      current.id === id
        ? { id, descending: !current.descending }
        : { id, descending: columns.find((c) => c.id === id)?.numeric ?? false },
    );

  return (
    <table className="sales-table" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.id}
              scope="col"
              className={column.numeric ? "numeric" : undefined}
              aria-sort={
                sort.id === column.id ? (sort.descending ? "descending" : "ascending") : "none"
              }
            >
              <button type="button" onClick={() => toggle(column.id)}>
                {column.header}
                {sort.id === column.id ? (sort.descending ? " ▼" : " ▲") : ""}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.id} className={column.numeric ? "numeric" : undefined}>
                {column.render ? column.render(row) : column.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function compare(a: string | number, b: string | number): number {
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
