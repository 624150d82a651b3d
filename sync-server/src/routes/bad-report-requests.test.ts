/**
 * Bad requests to the dashboard, devices panel and alerts endpoints: the
 * right 4xx naming the field, nothing written.
 */
import { call, describeBadRequests, type Case, type World } from "../testing/bad-requests.js";

const asOperator = (method: string, path: string) => (w: World) =>
  call(w, method, path, { token: w.t.adminToken });
const dashboard = (query: string) => asOperator("GET", `/api/v1/reports/dashboard?${query}`);
const january = "from=2015-01-01&to=2015-01-31";

const cases: Case[] = [
  [
    "dashboard: no credential",
    (w) => call(w, "GET", `/api/v1/reports/dashboard?${january}`),
    401,
    "unauthorized",
  ],
  [
    "dashboard: a device token",
    (w) => call(w, "GET", `/api/v1/reports/dashboard?${january}`, { token: w.storeA.token }),
    403,
    "forbidden",
  ],
  ["dashboard: no dates", dashboard(""), 400, "invalid_message", /from/],
  [
    "dashboard: 31 April",
    dashboard("from=2015-04-31&to=2015-05-01"),
    400,
    "invalid_message",
    /from/,
  ],
  [
    "dashboard: a time",
    dashboard("from=2015-01-01T00:00&to=2015-01-31"),
    400,
    "invalid_message",
    /from/,
  ],
  [
    "dashboard: from after to",
    dashboard("from=2015-02-01&to=2015-01-01"),
    400,
    "invalid_message",
    /to/,
  ],
  [
    "dashboard: year 10000",
    dashboard("from=2015-01-01&to=10000-01-01"),
    400,
    "invalid_message",
    /to/,
  ],
  [
    "dashboard: eleven years",
    dashboard("from=2004-01-01&to=2015-01-01"),
    400,
    "invalid_message",
    /3660/,
  ],
  ["dashboard: an unknown store", dashboard(`${january}&storeId=lyon`), 404, "not_found", /lyon/],
  [
    "dashboard: a hostile store id",
    dashboard(`${january}&storeId=${encodeURIComponent("x'; DROP TABLE orders;--".repeat(3))}`),
    400,
    "invalid_message",
    /storeId/,
  ],
  ["dashboard: format xml", dashboard(`${january}&format=xml`), 400, "invalid_message", /format/],
  [
    "dashboard: an unknown CSV section",
    dashboard(`${january}&format=csv&section=${encodeURIComponent("<script>")}`),
    400,
    "invalid_message",
    /section/,
  ],
  [
    "devices: an unknown store",
    asOperator("GET", "/api/v1/reports/devices?storeId=nowhere"),
    404,
    "not_found",
    /nowhere/,
  ],
  [
    "alerts: an unknown status",
    asOperator("GET", "/api/v1/alerts?status=closed"),
    400,
    "invalid_message",
    /status/,
  ],
  ["alerts: limit 0", asOperator("GET", "/api/v1/alerts?limit=0"), 400, "invalid_message", /limit/],
  [
    "alerts: limit in words",
    asOperator("GET", "/api/v1/alerts?limit=lots"),
    400,
    "invalid_message",
    /limit/,
  ],
  [
    "acknowledge: an id that is not a number",
    asOperator("POST", "/api/v1/alerts/abc/acknowledge"),
    400,
    "invalid_message",
    /id/,
  ],
  [
    "acknowledge: a negative id",
    asOperator("POST", "/api/v1/alerts/-3/acknowledge"),
    400,
    "invalid_message",
    /id/,
  ],
  [
    "acknowledge: an alert that does not exist",
    asOperator("POST", "/api/v1/alerts/999999/acknowledge"),
    404,
    "not_found",
    /999999/,
  ],
  [
    "acknowledge: a device token",
    (w) => call(w, "POST", "/api/v1/alerts/1/acknowledge", { token: w.storeA.token }),
    403,
    "forbidden",
  ],
];

describeBadRequests("a bad dashboard, devices or alerts request", cases);
