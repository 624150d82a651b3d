/**
 * Email and password sign-in for a manager (`staff`) or a customer, with a
 * "forgot your password?" form that asks for the reset mail. Neither answer
 * tells whether the email has an account.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { useNavigatorOnline } from "../components/use-online.js";
import { useI18n } from "../i18n/i18n.js";
import { webApi } from "./api.js";
import { errorText } from "./error-text.js";
import { useSignIn } from "./session.js";

export function SignInForm({ account }: { account: "staff" | "customer" }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const signIn = useSignIn(account);
  const reset = useMutation({ mutationFn: (email: string) => webApi.askReset(email, account) });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [forgot, setForgot] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (forgot) reset.mutate(email.trim());
    else signIn.mutate({ email: email.trim(), password });
  };

  return (
    <section className="web-card">
      <h1>{t("web.signin.title")}</h1>
      <form onSubmit={onSubmit} className="web-form" aria-label={t("web.signin.title")}>
        <label>
          {t("web.signin.email")}
          <input
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            maxLength={254}
          />
        </label>
        {!forgot && (
          <label>
            {t("web.signin.password")}
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              maxLength={256}
            />
          </label>
        )}
        {signIn.isError && !forgot && (
          <p className="form-error" role="alert">
            {errorText(t, signIn.error, { invalid_credentials: "web.signin.wrong" })}
          </p>
        )}
        {forgot && reset.isSuccess && <p role="status">{t("web.signin.resetSent")}</p>}
        {forgot && reset.isError && (
          <p className="form-error" role="alert">
            {errorText(t, reset.error)}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={!online || signIn.isPending || reset.isPending}
        >
          {forgot ? t("web.signin.sendReset") : t("web.signin.submit")}
        </button>
        <button type="button" className="link-button" onClick={() => setForgot(!forgot)}>
          {forgot ? t("web.signin.submit") : t("web.signin.forgot")}
        </button>
      </form>
    </section>
  );
}
