/**
 * The words of the customer sign-up form on /account, French and English;
 * fr.ts and en.ts spread them in.
 */
export const signUpFr = {
  "signup.title": "Créer un compte",
  "signup.intro": "Suivez vos commandes et retrouvez vos coordonnées à la prochaine commande.",
  "signup.name": "Nom",
  "signup.email": "Adresse e-mail",
  "signup.password": "Mot de passe (12 caractères au moins)",
  "signup.again": "Mot de passe, encore",
  "signup.phone": "Téléphone (facultatif)",
  "signup.submit": "Créer mon compte",
  "signup.toSignIn": "J'ai déjà un compte : me connecter",
  "signup.offer": "Pas encore de compte ? En créer un",
  "signup.badName": "Indiquez votre nom (120 caractères au plus).",
  "signup.badEmail": "Adresse e-mail invalide : elle s'écrit nom@exemple.fr.",
  "signup.tooShort": "Le mot de passe doit faire au moins 12 caractères.",
  "signup.badPassword":
    "Mot de passe refusé : pas de caractère de contrôle, 256 caractères au plus.",
  "signup.mismatch": "Les deux mots de passe ne sont pas identiques.",
  "signup.badPhone": "Numéro de téléphone invalide : chiffres, espaces et + seulement.",
  "signup.checkMail":
    "Demande reçue. Vérifiez votre boîte mail : la suite est dans le message que nous venons " +
    "d'envoyer à {email}.",
} as const;

export const signUpEn: Record<keyof typeof signUpFr, string> = {
  "signup.title": "Create an account",
  "signup.intro": "Follow your orders and find your details filled in next time.",
  "signup.name": "Name",
  "signup.email": "Email address",
  "signup.password": "Password (12 characters or more)",
  "signup.again": "Password, again",
  "signup.phone": "Phone (optional)",
  "signup.submit": "Create my account",
  "signup.toSignIn": "I already have an account: sign in",
  "signup.offer": "No account yet? Create one",
  "signup.badName": "Give your name (120 characters at most).",
  "signup.badEmail": "Invalid email address: it reads like name@example.com.",
  "signup.tooShort": "The password needs at least 12 characters.",
  "signup.badPassword": "Password refused: no control characters, 256 characters at most.",
  "signup.mismatch": "The two passwords differ.",
  "signup.badPhone": "Invalid phone number: digits, spaces and + only.",
  "signup.checkMail":
    "Request received. Check your mailbox: the next step is in the mail we just sent to {email}.",
};
