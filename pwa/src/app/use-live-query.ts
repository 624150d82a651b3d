/**
 * Reads IndexedDB through Dexie's liveQuery and re-renders when the rows it
 * read change, in this tab or another. `undefined` until the first result.
 */
import { liveQuery } from "dexie";
import { useEffect, useState, type DependencyList } from "react";

export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [result, setResult] = useState<{ value: T } | undefined>(undefined);

  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ value }),
      error: (error: unknown) => console.error("local query failed", error),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
  }, deps);

  return result?.value;
}
