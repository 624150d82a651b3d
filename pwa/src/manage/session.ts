/**
 * Who is signed in on the manager and customer pages, as a react-query query
 * (`["me"]`), and the sign-in and sign-out mutations that refresh it. Sign-out
 * drops every cached answer, so the next person sees nothing of the last.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import type { MeResponse } from "@ocpizza/schema";

import { webApi } from "./api.js";

export type SignedIn = MeResponse["account"];

export const ME_KEY = ["me"] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => webApi.me(),
    retry: false,
    staleTime: 60_000,
  });
}

export function useSignIn(account: "staff" | "customer") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) =>
      webApi.signIn(email, password, account),
    // The sign-in answer has the shape of `me`: it becomes the cached answer at once.
    onSuccess: (answer) => client.setQueryData(ME_KEY, answer),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => webApi.signOut(),
    onSettled: () => forgetEverything(client),
  });
}

export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => webApi.signOutEverywhere(),
    onSuccess: () => forgetEverything(client),
  });
}

/** Every answer of the last account is dropped; `me` becomes "nobody". */
export function forgetEverything(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}
