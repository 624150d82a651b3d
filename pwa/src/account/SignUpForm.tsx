/**
 * The customer sign-up form of /account. The server answers a new and a
 * taken email alike (202, the rest goes by mail); the form then signs in with
 * the typed password: a new account opens its profile (with the banner asking
 * to confirm the email), a refused sign-in only points to the mailbox, so the
 * page tells no more about the email than the sign-in form already does.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { CustomerSignUp } from "@ocpizza/schema";

import { useNavigatorOnline } from "../components/use-online.js";
import { useI18n } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/fr.js";
import { ApiError, webApi } from "../manage/api.js";
import { errorText } from "../manage/error-text.js";
import { useSignIn } from "../manage/session.js";
import { checkSignUp, type SignUpField, type SignUpForm as Fields } from "./sign-up.js";

const EMPTY: Fields = { name: "", email: "", password: "", again: "", phone: "" };

export function SignUpForm({ onSignIn }: { onSignIn: () => void }) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const signIn = useSignIn("customer");
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<SignUpField, MessageKey>>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const signUp = useMutation({
    mutationFn: (request: CustomerSignUp) => webApi.signUp(request),
    onSuccess: (_answer, request) =>
      signIn.mutate(
        { email: request.email, password: request.password },
        {
          // The email had an account already: the mail sent to it says what to do.
          onError: (error) => {
            if (error instanceof ApiError && error.code === "invalid_credentials") {
              setSentTo(request.email);
            }
          },
        },
      ),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkSignUp(fields);
    setProblems(check.ok ? {} : check.problems);
    if (check.ok) signUp.mutate(check.request);
  };
  const input = (name: keyof Fields, problemOf: SignUpField | null = null) => ({
    name: `signup-${name}`,
    value: fields[name],
    onChange: (event: { target: { value: string } }) =>
      setFields({ ...fields, [name]: event.target.value }),
    "aria-invalid": problemOf && problems[problemOf] ? true : undefined,
    "aria-describedby":
      problemOf && problems[problemOf] ? `signup-${problemOf}-problem` : undefined,
  });
  const problem = (name: SignUpField) => {
    const key = problems[name];
    return (
      key && (
        <p className="form-error" id={`signup-${name}-problem`} role="alert">
          {t(key)}
        </p>
      )
    );
  };
  const failure = signUp.error ?? signIn.error;

  if (sentTo) {
    return (
      <section className="web-card">
        <h1>{t("signup.title")}</h1>
        <p role="status">{t("signup.checkMail", { email: sentTo })}</p>
        <button type="button" className="link-button" onClick={onSignIn}>
          {t("signup.toSignIn")}
        </button>
      </section>
    );
  }
  return (
    <section className="web-card">
      <h1>{t("signup.title")}</h1>
      <p className="hint">{t("signup.intro")}</p>
      <form onSubmit={onSubmit} className="web-form" aria-label={t("signup.title")} noValidate>
        <label>
          {t("signup.name")}
          <input autoComplete="name" maxLength={120} required {...input("name", "name")} />
        </label>
        {problem("name")}
        <label>
          {t("signup.email")}
          <input
            type="email"
            autoComplete="email"
            maxLength={254}
            required
            {...input("email", "email")}
          />
        </label>
        {problem("email")}
        <label>
          {t("signup.password")}
          <input
            type="password"
            autoComplete="new-password"
            required
            {...input("password", "password")}
          />
        </label>
        <label>
          {t("signup.again")}
          <input type="password" autoComplete="new-password" required {...input("again")} />
        </label>
        {problem("password")}
        <label>
          {t("signup.phone")}
          <input type="tel" autoComplete="tel" maxLength={32} {...input("phone", "phone")} />
        </label>
        {problem("phone")}
        {failure && !sentTo && (
          <p className="form-error" role="alert">
            {errorText(t, failure)}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={!online || signUp.isPending || signIn.isPending}
        >
          {t("signup.submit")}
        </button>
        <button type="button" className="link-button" onClick={onSignIn}>
          {t("signup.toSignIn")}
        </button>
      </form>
    </section>
  );
}
