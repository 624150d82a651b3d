/** The app version sent with every push; "0.0.0-dev" where Vite did not define it (unit tests). */
export const APP_VERSION: string =
  typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "0.0.0-dev";
