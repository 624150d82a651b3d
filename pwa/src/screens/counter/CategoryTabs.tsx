/** The menu's categories as tabs (Classique, Poulet, ..., Boissons, Desserts), in menu order. */
import type { MenuSnapshot } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";

type Category = MenuSnapshot["categories"][number];

interface CategoryTabsProps {
  categories: Category[];
  activeId: string;
  panelId: string;
  onSelect: (categoryId: string) => void;
}

export function tabId(categoryId: string): string {
  return `category-tab-${categoryId}`;
}

export function CategoryTabs({ categories, activeId, panelId, onSelect }: CategoryTabsProps) {
  const { t, locale } = useI18n();
  return (
    <div className="category-tabs" role="tablist" aria-label={t("counter.categories")}>
      {categories.map((category) => (
        <button
          key={category.id}
          id={tabId(category.id)}
          type="button"
          role="tab"
          aria-selected={category.id === activeId}
          aria-controls={panelId}
          tabIndex={category.id === activeId ? 0 : -1}
          onClick={() => onSelect(category.id)}
        >
          {locale === "fr" ? category.nameFr : category.nameEn}
        </button>
      ))}
    </div>
  );
}
