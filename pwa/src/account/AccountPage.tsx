/**
 * /account: a customer signs in or signs up, sees their profile (with a banner and a
 * resend button while the email is unconfirmed), downloads their data, and
 * erases their account after typing the password and confirming. An
 * unconfirmed customer may do all of this (docs/security.md).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Dialog } from "../components/Dialog.js";
import { useNavigatorOnline } from "../components/use-online.js";
import { useI18n } from "../i18n/i18n.js";
import { EXPORT_URL, webApi } from "../manage/api.js";
import { errorText } from "../manage/error-text.js";
import { forgetEverything, useMe, useSignOut, type SignedIn } from "../manage/session.js";
import { SignInForm } from "../manage/SignInForm.js";
import { SignUpForm } from "./SignUpForm.js";

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const [erased, setErased] = useState(false);
  const [signingUp, setSigningUp] = useState(false);

  if (erased)
    return (
      <p className="web-card" role="status">
        {t("web.account.erased")}
      </p>
    );
  if (me.isPending) return <p aria-busy="true">{t("web.loading")}</p>;
  if (me.isError) {
    return (
      <p className="form-error" role="alert">
        {errorText(t, me.error)}
      </p>
    );
  }
  const account = me.data?.account;
  if (!account) {
    if (signingUp) return <SignUpForm onSignIn={() => setSigningUp(false)} />;
    return (
      <>
        <SignInForm account="customer" />
        <p className="web-card">
          <button type="button" className="link-button" onClick={() => setSigningUp(true)}>
            {t("signup.offer")}
          </button>
        </p>
      </>
    );
  }
  if (account.kind !== "customer") {
    return (
      <p className="web-card">
        <a href="/manage">{t("web.account.staffHere")}</a>
      </p>
    );
  }
  return <Profile account={account} onErased={() => setErased(true)} />;
}

function Profile({ account, onErased }: { account: SignedIn; onErased: () => void }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const signOut = useSignOut();
  const resend = useMutation({ mutationFn: () => webApi.resendVerification(account.email) });

  return (
    <section className="web-page">
      <h1>{t("web.account.title")}</h1>
      {account.emailVerified === false && (
        <div className="notice web-banner" role="status">
          <p>{t("web.account.unverified")}</p>
          {resend.isSuccess ? (
            <p>{t("web.account.resent")}</p>
          ) : (
            <button
              type="button"
              disabled={!online || resend.isPending}
              onClick={() => resend.mutate()}
            >
              {t("web.account.resend")}
            </button>
          )}
          {resend.isError && <p className="form-error">{errorText(t, resend.error)}</p>}
        </div>
      )}
      <dl className="web-profile">
        <dt>{t("web.account.name")}</dt>
        <dd>{account.name}</dd>
        <dt>{t("web.account.email")}</dt>
        <dd>
          {account.email}
          {account.emailVerified && ` — ${t("web.account.verified")}`}
        </dd>
      </dl>
      <div className="web-toolbar">
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t("web.signout")}
        </button>
      </div>

      <h2>{t("web.account.export")}</h2>
      <p className="hint">{t("web.account.exportHint")}</p>
      {online ? (
        <a className="button-link" href={EXPORT_URL} download>
          {t("web.account.export")}
        </a>
      ) : (
        <button type="button" disabled>
          {t("web.account.export")}
        </button>
      )}

      <EraseAccount onErased={onErased} />
    </section>
  );
}

function EraseAccount({ onErased }: { onErased: () => void }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const client = useQueryClient();
  const [password, setPassword] = useState("");
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () => webApi.eraseAccount(password),
    onSuccess: () => {
      forgetEverything(client);
      onErased();
    },
    onError: () => setConfirming(false),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };

  return (
    <>
      <h2>{t("web.account.erase")}</h2>
      <p className="hint">{t("web.account.eraseHint")}</p>
      <form onSubmit={onSubmit} className="web-form">
        <label>
          {t("web.account.erasePassword")}
          <input
            type="password"
            name="erase-password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            maxLength={256}
          />
        </label>
        {erase.isError && (
          <p className="form-error" role="alert">
            {errorText(t, erase.error, {
              invalid_credentials: "web.account.wrongPassword",
              order_under_way: "web.account.orderUnderWay",
            })}
          </p>
        )}
        <button type="submit" className="danger" disabled={!online}>
          {t("web.account.erase")}
        </button>
      </form>
      {confirming && (
        <Dialog title={t("web.account.eraseTitle")} onClose={() => setConfirming(false)}>
          <p>{t("web.account.eraseText")}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t("web.cancel")}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!online || erase.isPending}
              onClick={() => erase.mutate()}
            >
              {t("web.account.eraseConfirm")}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
