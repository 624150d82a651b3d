/**
 * The words of the manager pages (/manage) and the customer pages (/account,
 * /reset-password, /verify-email), French and English. fr.ts and en.ts spread
 * them into the app's dictionaries, so `t` knows these keys like any other.
 */
export const manageFr = {
  "web.offline":
    "Pas de connexion Internet : ces pages ont besoin du serveur. " +
    "Elles reviendront avec le réseau.",
  "web.loading": "Chargement…",
  "web.error": "Le serveur a répondu : {message}",
  "web.networkError": "Le serveur est injoignable. Vérifiez la connexion et réessayez.",
  "web.rateLimited": "Trop d'essais : réessayez dans {seconds} secondes.",
  "web.cancel": "Annuler",
  "web.close": "Fermer",
  "web.save": "Enregistrer",

  "web.signin.title": "Connexion",
  "web.signin.email": "Adresse e-mail",
  "web.signin.password": "Mot de passe",
  "web.signin.submit": "Se connecter",
  "web.signin.wrong": "E-mail ou mot de passe incorrect.",
  "web.signin.forgot": "Mot de passe oublié ?",
  "web.signin.sendReset": "Envoyer le lien",
  "web.signin.resetSent":
    "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe " +
    "vient d'y partir.",
  "web.signout": "Se déconnecter",
  "web.signout.everywhere": "Se déconnecter partout",

  "web.manage.title": "Espace responsable",
  "web.manage.nav": "Navigation responsable",
  "web.manage.nav.devices": "Caisses",
  "web.manage.nav.staff": "Équipe",
  "web.manage.nav.sales": "Ventes",
  "web.manage.nav.password": "Mot de passe",
  "web.manage.notManager":
    "Cet espace est réservé aux responsables. Votre compte ({role}) n'y a pas accès.",
  "web.manage.signedInAs": "Connecté : {name}",
  "web.manage.allStores": "Tous les magasins",
  "web.manage.store": "Magasin",

  "web.devices.title": "Caisses appairées",
  "web.devices.none": "Aucune caisse appairée pour ce magasin.",
  "web.devices.name": "Caisse",
  "web.devices.register": "Code caisse",
  "web.devices.lastSeen": "Dernier contact",
  "web.devices.never": "jamais",
  "web.devices.pending": "En attente",
  "web.devices.status": "État",
  "web.devices.active": "Active",
  "web.devices.revoked": "Révoquée",
  "web.devices.revoke": "Révoquer",
  "web.devices.revokeTitle": "Révoquer « {name} » ?",
  "web.devices.revokeText":
    "Cette caisse ne pourra plus envoyer ni recevoir de ventes. Pour la réutiliser, il faudra " +
    "l'appairer à nouveau avec un nouveau code.",
  "web.devices.revokeConfirm": "Révoquer la caisse",
  "web.devices.newCode": "Nouveau code d'appairage",
  "web.devices.chooseStore": "Choisissez un magasin pour créer un code.",
  "web.devices.codeFor": "Code d'appairage pour {store}",
  "web.devices.codeExpires": "Valable jusqu'à {time}, une seule fois.",
  "web.devices.codeHint":
    "Saisissez ce code sur la tablette, dans l'écran « Appairer cette caisse ».",

  "web.staff.title": "Équipe",
  "web.staff.none": "Personne pour ce magasin.",
  "web.staff.name": "Nom",
  "web.staff.email": "E-mail",
  "web.staff.role": "Rôle",
  "web.staff.stores": "Magasins",
  "web.staff.state": "État",
  "web.staff.enabled": "Actif",
  "web.staff.disabled": "Désactivé",
  "web.staff.role.manager": "Responsable",
  "web.staff.role.counter": "Caisse",
  "web.staff.role.pizzaiolo": "Pizzaiolo",
  "web.staff.role.driver": "Livreur",
  "web.staff.create": "Ajouter une personne",
  "web.staff.password": "Mot de passe (12 caractères au moins, obligatoire pour un responsable)",
  "web.staff.created": "{name} est ajouté(e).",
  "web.staff.edit": "Modifier",
  "web.staff.editTitle": "Modifier {name}",
  "web.staff.disable": "Désactiver",
  "web.staff.enable": "Réactiver",
  "web.staff.disableTitle": "Désactiver {name} ?",
  "web.staff.disableText":
    "Ses sessions se ferment tout de suite et la personne ne peut plus se connecter, jusqu'à " +
    "ce qu'elle soit réactivée.",
  "web.staff.pin": "Code PIN",
  "web.staff.pinTitle": "Code PIN de {name}",
  "web.staff.pinHint":
    "4 à 6 chiffres, ni un chiffre répété (0000) ni une suite (1234). Il sert à changer " +
    "d'utilisateur sur la caisse.",
  "web.staff.pinSaved": "Le code PIN de {name} est enregistré.",
  "web.staff.pinUnavailable":
    "Ce serveur ne gère pas encore les codes PIN. Réessayez après sa mise à jour.",
  "web.staff.noStores": "Choisissez au moins un magasin.",
  "web.staff.lastManager":
    "C'est le dernier responsable de tous les magasins : nommez-en un autre d'abord.",
  "web.staff.emailTaken": "Un compte de l'équipe utilise déjà cette adresse.",
  "web.staff.forbidden":
    "Refusé : cette personne travaille aussi dans un magasin qui n'est pas le vôtre, ou c'est " +
    "votre propre rôle, vos magasins ou votre accès (un autre responsable s'en charge).",

  "web.password.title": "Changer de mot de passe",
  "web.password.current": "Mot de passe actuel",
  "web.password.new": "Nouveau mot de passe (12 caractères au moins)",
  "web.password.again": "Nouveau mot de passe, encore",
  "web.password.tooShort": "Le nouveau mot de passe doit faire au moins 12 caractères.",
  "web.password.mismatch": "Les deux mots de passe ne sont pas identiques.",
  "web.password.wrongCurrent": "Le mot de passe actuel est incorrect.",
  "web.password.changed": "Mot de passe changé. Vos autres sessions sont fermées ({count}).",

  "web.reset.title": "Choisir un nouveau mot de passe",
  "web.reset.noToken":
    "Ce lien est incomplet. Ouvrez le lien reçu par e-mail en entier, ou demandez-en un nouveau.",
  "web.reset.submit": "Enregistrer le mot de passe",
  "web.reset.invalid":
    "Ce lien est inconnu, expiré ou déjà utilisé. Demandez un nouveau lien depuis la page de " +
    "connexion.",
  "web.reset.done": "Votre mot de passe est changé. Connectez-vous avec lui.",
  "web.reset.toAccount": "Espace client",
  "web.reset.toManage": "Espace responsable",

  "web.verify.title": "Confirmer votre adresse e-mail",
  "web.verify.intro": "Un clic pour confirmer que cette adresse est bien la vôtre.",
  "web.verify.submit": "Confirmer mon adresse",
  "web.verify.done": "Merci : votre adresse e-mail est confirmée.",
  "web.verify.invalid":
    "Ce lien est inconnu, expiré ou déjà utilisé. Demandez-en un nouveau depuis votre " +
    "espace client.",

  "web.account.title": "Mon compte",
  "web.account.name": "Nom",
  "web.account.email": "E-mail",
  "web.account.unverified":
    "Votre adresse e-mail n'est pas encore confirmée. Vous pouvez commander ; ouvrez le lien " +
    "reçu par e-mail pour la confirmer.",
  "web.account.resend": "Renvoyer le lien",
  "web.account.resent": "Un nouveau lien de confirmation est parti.",
  "web.account.verified": "Adresse confirmée",
  "web.account.export": "Télécharger mes données",
  "web.account.exportHint": "Un fichier JSON avec votre profil et vos commandes.",
  "web.account.erase": "Supprimer mon compte",
  "web.account.eraseHint":
    "Vos nom, e-mail et téléphone sont effacés et vos commandes deviennent anonymes. Les ventes " +
    "restent dans la comptabilité, comme la loi l'exige.",
  "web.account.erasePassword": "Votre mot de passe, pour confirmer",
  "web.account.eraseTitle": "Supprimer définitivement votre compte ?",
  "web.account.eraseText":
    "Ce n'est pas réversible : vous ne pourrez plus vous connecter avec ce compte.",
  "web.account.eraseConfirm": "Supprimer définitivement",
  "web.account.erased": "Votre compte est supprimé. Merci d'avoir commandé chez OC Pizza.",
  "web.account.wrongPassword": "Mot de passe incorrect.",
  "web.account.orderUnderWay":
    "Une de vos commandes est en cours : supprimez votre compte une fois qu'elle est remise, " +
    "livrée ou annulée.",
  "web.account.staffHere":
    "Vous êtes connecté avec un compte de l'équipe : voir l'espace responsable.",
} as const;

export type ManageMessageKey = keyof typeof manageFr;

export const manageEn: Record<ManageMessageKey, string> = {
  "web.offline":
    "No internet connection: these pages need the server. They will be back with the network.",
  "web.loading": "Loading…",
  "web.error": "The server answered: {message}",
  "web.networkError": "The server cannot be reached. Check the connection and try again.",
  "web.rateLimited": "Too many attempts: try again in {seconds} seconds.",
  "web.cancel": "Cancel",
  "web.close": "Close",
  "web.save": "Save",

  "web.signin.title": "Sign in",
  "web.signin.email": "Email address",
  "web.signin.password": "Password",
  "web.signin.submit": "Sign in",
  "web.signin.wrong": "Wrong email or password.",
  "web.signin.forgot": "Forgot your password?",
  "web.signin.sendReset": "Send the link",
  "web.signin.resetSent":
    "If an account uses this address, a link to choose a new password is on its way to it.",
  "web.signout": "Sign out",
  "web.signout.everywhere": "Sign out everywhere",

  "web.manage.title": "Manager pages",
  "web.manage.nav": "Manager navigation",
  "web.manage.nav.devices": "Counters",
  "web.manage.nav.staff": "Staff",
  "web.manage.nav.sales": "Sales",
  "web.manage.nav.password": "Password",
  "web.manage.notManager": "These pages are for managers. Your account ({role}) cannot use them.",
  "web.manage.signedInAs": "Signed in: {name}",
  "web.manage.allStores": "Every store",
  "web.manage.store": "Store",

  "web.devices.title": "Paired counters",
  "web.devices.none": "No counter is paired for this store.",
  "web.devices.name": "Counter",
  "web.devices.register": "Register code",
  "web.devices.lastSeen": "Last seen",
  "web.devices.never": "never",
  "web.devices.pending": "Waiting",
  "web.devices.status": "State",
  "web.devices.active": "Active",
  "web.devices.revoked": "Revoked",
  "web.devices.revoke": "Revoke",
  "web.devices.revokeTitle": "Revoke “{name}”?",
  "web.devices.revokeText":
    "This counter will no longer send or receive sales. To use it again, pair it again with a " +
    "new code.",
  "web.devices.revokeConfirm": "Revoke the counter",
  "web.devices.newCode": "New pairing code",
  "web.devices.chooseStore": "Choose a store to make a code.",
  "web.devices.codeFor": "Pairing code for {store}",
  "web.devices.codeExpires": "Valid until {time}, once.",
  "web.devices.codeHint": "Type this code on the tablet, in the “Pair this counter” screen.",

  "web.staff.title": "Staff",
  "web.staff.none": "Nobody for this store.",
  "web.staff.name": "Name",
  "web.staff.email": "Email",
  "web.staff.role": "Role",
  "web.staff.stores": "Stores",
  "web.staff.state": "State",
  "web.staff.enabled": "Active",
  "web.staff.disabled": "Disabled",
  "web.staff.role.manager": "Manager",
  "web.staff.role.counter": "Counter",
  "web.staff.role.pizzaiolo": "Pizzaiolo",
  "web.staff.role.driver": "Driver",
  "web.staff.create": "Add someone",
  "web.staff.password": "Password (12 characters or more, required for a manager)",
  "web.staff.created": "{name} is added.",
  "web.staff.edit": "Edit",
  "web.staff.editTitle": "Edit {name}",
  "web.staff.disable": "Disable",
  "web.staff.enable": "Enable",
  "web.staff.disableTitle": "Disable {name}?",
  "web.staff.disableText":
    "Their sessions end at once and they cannot sign in until they are enabled again.",
  "web.staff.pin": "PIN",
  "web.staff.pinTitle": "PIN of {name}",
  "web.staff.pinHint":
    "4 to 6 digits, not one digit repeated (0000) nor a run (1234). It switches user on the " +
    "counter.",
  "web.staff.pinSaved": "{name}'s PIN is saved.",
  "web.staff.pinUnavailable": "This server does not handle PINs yet. Try again after its update.",
  "web.staff.noStores": "Choose at least one store.",
  "web.staff.lastManager": "This is the last manager of every store: appoint another one first.",
  "web.staff.emailTaken": "A staff account already uses this address.",
  "web.staff.forbidden":
    "Refused: this person also works at a store that is not yours, or these are your own " +
    "role, stores or access (another manager does that).",

  "web.password.title": "Change password",
  "web.password.current": "Current password",
  "web.password.new": "New password (12 characters or more)",
  "web.password.again": "New password, again",
  "web.password.tooShort": "The new password needs at least 12 characters.",
  "web.password.mismatch": "The two passwords differ.",
  "web.password.wrongCurrent": "The current password is wrong.",
  "web.password.changed": "Password changed. Your other sessions are closed ({count}).",

  "web.reset.title": "Choose a new password",
  "web.reset.noToken":
    "This link is incomplete. Open the whole link from the mail, or ask for a new one.",
  "web.reset.submit": "Save the password",
  "web.reset.invalid":
    "This link is unknown, expired or already used. Ask for a new link from the sign-in page.",
  "web.reset.done": "Your password is changed. Sign in with it.",
  "web.reset.toAccount": "Customer account",
  "web.reset.toManage": "Manager pages",

  "web.verify.title": "Confirm your email address",
  "web.verify.intro": "One click to confirm that this address is yours.",
  "web.verify.submit": "Confirm my address",
  "web.verify.done": "Thank you: your email address is confirmed.",
  "web.verify.invalid":
    "This link is unknown, expired or already used. Ask for a new one from your account page.",

  "web.account.title": "My account",
  "web.account.name": "Name",
  "web.account.email": "Email",
  "web.account.unverified":
    "Your email address is not confirmed yet. You can order; open the link we mailed you to " +
    "confirm it.",
  "web.account.resend": "Send the link again",
  "web.account.resent": "A new confirmation link is on its way.",
  "web.account.verified": "Address confirmed",
  "web.account.export": "Download my data",
  "web.account.exportHint": "A JSON file with your profile and your orders.",
  "web.account.erase": "Delete my account",
  "web.account.eraseHint":
    "Your name, email and phone are erased and your orders become anonymous. The sales stay in " +
    "the books, as the law requires.",
  "web.account.erasePassword": "Your password, to confirm",
  "web.account.eraseTitle": "Delete your account for good?",
  "web.account.eraseText":
    "This cannot be undone: you will not be able to sign in to this account.",
  "web.account.eraseConfirm": "Delete for good",
  "web.account.erased": "Your account is deleted. Thank you for ordering from OC Pizza.",
  "web.account.wrongPassword": "Wrong password.",
  "web.account.orderUnderWay":
    "One of your orders is under way: delete your account once it is handed over, delivered or " +
    "cancelled.",
  "web.account.staffHere": "You are signed in with a staff account: see the manager pages.",
};
