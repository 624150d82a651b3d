/** One ingredient the store tracks, as the server last said (GET /api/v1/devices/me/stock). */
export interface StockRow {
  ingredientId: string;
  nameFr: string;
  nameEn: string;
  unit: string;
  quantity: number;
  lowThreshold: number | null;
  low: boolean;
  /** When this figure was fetched (epoch ms). */
  syncedAtMs: number;
}
