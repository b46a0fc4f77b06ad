// Loads the create-db-layer generators so `npx plop` lists them (table, seed, ...).
export default async function (plop) {
  await plop.load("create-db-layer", {}, true);
}
