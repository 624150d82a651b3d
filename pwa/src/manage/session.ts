/**
 * Who is signed in on the manager and customer pages, as a react-query query
 * (`["me"]`), and the sign-in and sign-out mutations that refresh it. Sign-out
 * clears every cached answer, so the next person sees nothing of the last.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

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
    onSuccess: async () => {
      client.clear();
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => webApi.signOut(),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => webApi.signOutEverywhere(),
    onSuccess: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}
