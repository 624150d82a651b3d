/** The header links to the kitchen and delivery screens (words kept with those screens). */
import { Link } from "../app/router.js";
import { useWords } from "./words.js";

export function KitchenLinks() {
  const { w } = useWords();
  return (
    <>
      <Link to="/kitchen">{w("kitchen.title")}</Link>
      <Link to="/delivery">{w("delivery.title")}</Link>
    </>
  );
}
