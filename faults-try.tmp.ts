import { Counter } from "./faults/counter-driver.js";
import { World } from "./faults/world.js";
import { seededRandom } from "./faults/random.js";
const random = seededRandom(1);
const world = new World(random.next);
try {
  await world.start(process.cwd());
  await world.createStaff();
  const c = new Counter("Comptoir 1", world.url);
  let t = Date.now();
  await c.open(world.browser, await world.pairingCode());
  console.log("opened", Date.now() - t);
  for (let i = 0; i < 5; i++) { t = Date.now(); console.log(await c.sellOne(random), Date.now() - t); }
  await new Promise(r => setTimeout(r, 6000));
  console.log(c.pushes.length);
  const [rows] = await world.sql.query("select count(*) n from orders");
  console.log(rows);
} catch (e) { console.error(e); } finally { await world.close(); }
