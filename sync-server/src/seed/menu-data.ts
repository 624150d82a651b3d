/**
 * What the Pizza Place files do not say: French names, pizza categories,
 * each ingredient's kind (which sets its unit, extra price and recipe
 * quantity), and the drinks and desserts OC Pizza sells beside pizzas.
 */

export interface SeedCategory {
  id: string;
  csvName: string | null;
  nameFr: string;
  nameEn: string;
  kind: "pizza" | "drink" | "dessert";
}

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  { id: "classic", csvName: "Classic", nameFr: "Classique", nameEn: "Classic", kind: "pizza" },
  { id: "chicken", csvName: "Chicken", nameFr: "Poulet", nameEn: "Chicken", kind: "pizza" },
  { id: "supreme", csvName: "Supreme", nameFr: "Suprême", nameEn: "Supreme", kind: "pizza" },
  { id: "veggie", csvName: "Veggie", nameFr: "Végétarienne", nameEn: "Veggie", kind: "pizza" },
  { id: "drinks", csvName: null, nameFr: "Boissons", nameEn: "Drinks", kind: "drink" },
  { id: "desserts", csvName: null, nameFr: "Desserts", nameEn: "Desserts", kind: "dessert" },
];

/** VAT in basis points per service mode. */
export interface SeedVat {
  eatIn: number;
  takeaway: number;
  delivery: number;
}

export const PIZZA_VAT: SeedVat = { eatIn: 1000, takeaway: 1000, delivery: 1000 };
/** Soft drinks and desserts: 10 % eaten in, 5.5 % taken away or delivered. */
export const SOFT_VAT: SeedVat = { eatIn: 1000, takeaway: 550, delivery: 550 };
/** Beer and wine: 20 % in every mode. */
export const ALCOHOL_VAT: SeedVat = { eatIn: 2000, takeaway: 2000, delivery: 2000 };

export const PIZZA_NAMES_FR: Record<string, string> = {
  bbq_ckn: "Poulet barbecue",
  cali_ckn: "Poulet californienne",
  ckn_alfredo: "Poulet Alfredo",
  ckn_pesto: "Poulet pesto",
  southw_ckn: "Poulet du Sud-Ouest américain",
  thai_ckn: "Poulet thaï",
  big_meat: "Big Meat",
  classic_dlx: "Classique deluxe",
  hawaiian: "Hawaïenne",
  ital_cpcllo: "Coppa italienne",
  napolitana: "Napolitaine",
  pep_msh_pep: "Pepperoni, champignons et poivrons",
  pepperoni: "Pepperoni",
  the_greek: "Grecque",
  brie_carre: "Brie carré",
  calabrese: "Calabraise",
  ital_supr: "Suprême italienne",
  peppr_salami: "Salami poivré",
  prsc_argla: "Jambon cru et roquette",
  sicilian: "Sicilienne",
  soppressata: "Soppressata",
  spicy_ital: "Italienne épicée",
  spinach_supr: "Suprême aux épinards",
  five_cheese: "Cinq fromages",
  four_cheese: "Quatre fromages",
  green_garden: "Jardin vert",
  ital_veggie: "Légumes à l'italienne",
  mediterraneo: "Méditerranéenne",
  mexicana: "Mexicaine",
  spin_pesto: "Épinards et pesto",
  spinach_fet: "Épinards et feta",
  veggie_veg: "Légumes + légumes",
};

export type IngredientKind = "meat" | "cheese" | "vegetable" | "herb" | "sauce";

/** Unit, extra price (cents, null: not offered as an extra) and size-M quantity by kind. */
export const INGREDIENT_KINDS: Record<
  IngredientKind,
  { unit: string; extraPriceCents: number | null; quantityM: number }
> = {
  meat: { unit: "g", extraPriceCents: 250, quantityM: 50 },
  cheese: { unit: "g", extraPriceCents: 250, quantityM: 60 },
  vegetable: { unit: "g", extraPriceCents: 150, quantityM: 40 },
  herb: { unit: "g", extraPriceCents: 150, quantityM: 3 },
  sauce: { unit: "ml", extraPriceCents: null, quantityM: 80 },
};

/** Anchovy fillets are counted, not weighed. */
export const PIECE_INGREDIENTS: Record<string, number> = { Anchovies: 4 };

/** Recipe quantities scale with the pizza's size. */
export const SIZE_FACTORS: Record<string, number> = { S: 0.75, M: 1, L: 1.25, XL: 1.5, XXL: 1.75 };

/** Each CSV ingredient name: its French name and kind. */
export const INGREDIENTS: Record<string, { nameFr: string; kind: IngredientKind }> = {
  "Alfredo Sauce": { nameFr: "Sauce Alfredo", kind: "sauce" },
  Anchovies: { nameFr: "Anchois", kind: "meat" },
  Artichoke: { nameFr: "Artichaut", kind: "vegetable" },
  Artichokes: { nameFr: "Cœurs d'artichaut", kind: "vegetable" },
  Arugula: { nameFr: "Roquette", kind: "vegetable" },
  "Asiago Cheese": { nameFr: "Asiago", kind: "cheese" },
  Bacon: { nameFr: "Bacon", kind: "meat" },
  "Barbecue Sauce": { nameFr: "Sauce barbecue", kind: "sauce" },
  "Barbecued Chicken": { nameFr: "Poulet grillé au barbecue", kind: "meat" },
  "Beef Chuck Roast": { nameFr: "Rôti de paleron de bœuf", kind: "meat" },
  "Blue Cheese": { nameFr: "Fromage bleu", kind: "cheese" },
  "Brie Carre Cheese": { nameFr: "Brie carré", kind: "cheese" },
  "Calabrese Salami": { nameFr: "Salami de Calabre", kind: "meat" },
  Capocollo: { nameFr: "Coppa", kind: "meat" },
  "Caramelized Onions": { nameFr: "Oignons caramélisés", kind: "vegetable" },
  Chicken: { nameFr: "Poulet", kind: "meat" },
  "Chipotle Sauce": { nameFr: "Sauce chipotle", kind: "sauce" },
  "Chorizo Sausage": { nameFr: "Chorizo", kind: "meat" },
  Cilantro: { nameFr: "Coriandre", kind: "herb" },
  "Coarse Sicilian Salami": { nameFr: "Salami sicilien", kind: "meat" },
  Corn: { nameFr: "Maïs", kind: "vegetable" },
  Eggplant: { nameFr: "Aubergine", kind: "vegetable" },
  "Feta Cheese": { nameFr: "Feta", kind: "cheese" },
  "Fontina Cheese": { nameFr: "Fontina", kind: "cheese" },
  "Friggitello Peppers": { nameFr: "Piments friggitelli", kind: "vegetable" },
  Garlic: { nameFr: "Ail", kind: "herb" },
  "Genoa Salami": { nameFr: "Salami de Gênes", kind: "meat" },
  "Goat Cheese": { nameFr: "Chèvre", kind: "cheese" },
  "Gorgonzola Piccante Cheese": { nameFr: "Gorgonzola piccante", kind: "cheese" },
  "Gouda Cheese": { nameFr: "Gouda", kind: "cheese" },
  "Green Olives": { nameFr: "Olives vertes", kind: "vegetable" },
  "Green Peppers": { nameFr: "Poivrons verts", kind: "vegetable" },
  "Italian Sausage": { nameFr: "Saucisse italienne", kind: "meat" },
  "Jalapeno Peppers": { nameFr: "Piments jalapeños", kind: "vegetable" },
  "Kalamata Olives": { nameFr: "Olives de Kalamata", kind: "vegetable" },
  "Luganega Sausage": { nameFr: "Saucisse luganega", kind: "meat" },
  "Mozzarella Cheese": { nameFr: "Mozzarella", kind: "cheese" },
  Mushrooms: { nameFr: "Champignons", kind: "vegetable" },
  Onions: { nameFr: "Oignons", kind: "vegetable" },
  Oregano: { nameFr: "Origan", kind: "herb" },
  Pancetta: { nameFr: "Pancetta", kind: "meat" },
  "Parmigiano Reggiano Cheese": { nameFr: "Parmigiano Reggiano", kind: "cheese" },
  Pears: { nameFr: "Poires", kind: "vegetable" },
  "Peperoncini verdi": { nameFr: "Peperoncini verts", kind: "vegetable" },
  Pepperoni: { nameFr: "Pepperoni", kind: "meat" },
  "Pesto Sauce": { nameFr: "Sauce pesto", kind: "sauce" },
  Pineapple: { nameFr: "Ananas", kind: "vegetable" },
  "Plum Tomatoes": { nameFr: "Tomates olivettes", kind: "vegetable" },
  Prosciutto: { nameFr: "Jambon cru", kind: "meat" },
  "Prosciutto di San Daniele": { nameFr: "Jambon de San Daniele", kind: "meat" },
  "Provolone Cheese": { nameFr: "Provolone", kind: "cheese" },
  "Red Onions": { nameFr: "Oignons rouges", kind: "vegetable" },
  "Red Peppers": { nameFr: "Poivrons rouges", kind: "vegetable" },
  "Ricotta Cheese": { nameFr: "Ricotta", kind: "cheese" },
  "Romano Cheese": { nameFr: "Pecorino romano", kind: "cheese" },
  "Sliced Ham": { nameFr: "Jambon blanc", kind: "meat" },
  "Smoked Gouda Cheese": { nameFr: "Gouda fumé", kind: "cheese" },
  "Soppressata Salami": { nameFr: "Soppressata", kind: "meat" },
  Spinach: { nameFr: "Épinards", kind: "vegetable" },
  "Sun-dried Tomatoes": { nameFr: "Tomates séchées", kind: "vegetable" },
  "Thai Sweet Chilli Sauce": { nameFr: "Sauce chili douce thaïe", kind: "sauce" },
  Thyme: { nameFr: "Thym", kind: "herb" },
  Tomatoes: { nameFr: "Tomates", kind: "vegetable" },
  Zucchini: { nameFr: "Courgettes", kind: "vegetable" },
  "eNduja Salami": { nameFr: "'Nduja", kind: "meat" },
};

export interface SeedExtraProduct {
  id: string;
  categoryId: "drinks" | "desserts";
  nameFr: string;
  nameEn: string;
  priceCents: number;
  vat: SeedVat;
}

/** Drinks and desserts, sold in one size "U". */
export const EXTRA_PRODUCTS: readonly SeedExtraProduct[] = [
  {
    id: "coca_cola_33",
    categoryId: "drinks",
    nameFr: "Coca-Cola 33 cl",
    nameEn: "Coca-Cola 33 cl",
    priceCents: 350,
    vat: SOFT_VAT,
  },
  {
    id: "orangina_33",
    categoryId: "drinks",
    nameFr: "Orangina 33 cl",
    nameEn: "Orangina 33 cl",
    priceCents: 350,
    vat: SOFT_VAT,
  },
  {
    id: "eau_plate_50",
    categoryId: "drinks",
    nameFr: "Eau minérale 50 cl",
    nameEn: "Still water 50 cl",
    priceCents: 250,
    vat: SOFT_VAT,
  },
  {
    id: "eau_gazeuse_50",
    categoryId: "drinks",
    nameFr: "Eau gazeuse 50 cl",
    nameEn: "Sparkling water 50 cl",
    priceCents: 280,
    vat: SOFT_VAT,
  },
  {
    id: "biere_peroni_33",
    categoryId: "drinks",
    nameFr: "Bière Peroni 33 cl",
    nameEn: "Peroni beer 33 cl",
    priceCents: 450,
    vat: ALCOHOL_VAT,
  },
  {
    id: "vin_chianti_75",
    categoryId: "drinks",
    nameFr: "Chianti 75 cl",
    nameEn: "Chianti 75 cl",
    priceCents: 1800,
    vat: ALCOHOL_VAT,
  },
  {
    id: "vin_rose_75",
    categoryId: "drinks",
    nameFr: "Rosé de Provence 75 cl",
    nameEn: "Provence rosé 75 cl",
    priceCents: 1600,
    vat: ALCOHOL_VAT,
  },
  {
    id: "tiramisu",
    categoryId: "desserts",
    nameFr: "Tiramisu",
    nameEn: "Tiramisu",
    priceCents: 550,
    vat: SOFT_VAT,
  },
  {
    id: "panna_cotta",
    categoryId: "desserts",
    nameFr: "Panna cotta aux fruits rouges",
    nameEn: "Berry panna cotta",
    priceCents: 500,
    vat: SOFT_VAT,
  },
  {
    id: "fondant_chocolat",
    categoryId: "desserts",
    nameFr: "Fondant au chocolat",
    nameEn: "Chocolate fondant",
    priceCents: 550,
    vat: SOFT_VAT,
  },
  {
    id: "glace_vanille_500",
    categoryId: "desserts",
    nameFr: "Glace vanille 500 ml",
    nameEn: "Vanilla ice cream 500 ml",
    priceCents: 650,
    vat: SOFT_VAT,
  },
];

/** "Sun-dried Tomatoes" -> "sun-dried-tomatoes": the ingredient's id. */
export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
