/**
 * A handful of real ships in the import's FleetYards shape (see `parseShipExport`), so a demo
 * org has a catalog to register hulls against before anyone runs `starcorp:import-ships`.
 */
const model = (
  id: string,
  name: string,
  maker: [code: string, name: string],
  size: string,
  classification: string,
  pledgePrice: number,
  crew: [number, number],
  cargo = 0,
) => ({
  id: `demo-${id}`,
  name,
  manufacturer: { code: maker[0], name: maker[1] },
  size,
  classification,
  productionStatus: 'flight-ready',
  pledgePrice,
  crew: { min: crew[0], max: crew[1] },
  metrics: { cargo },
});

const AEGIS: [string, string] = ['AEGS', 'Aegis Dynamics'];
const DRAKE: [string, string] = ['DRAK', 'Drake Interplanetary'];
const ANVIL: [string, string] = ['ANVL', 'Anvil Aerospace'];
const RSI: [string, string] = ['RSI', 'Roberts Space Industries'];
const MISC: [string, string] = ['MISC', 'Musashi Industrial & Starflight Concern'];

export const DEMO_SHIP_EXPORT = {
  models: [
    model('avenger-titan', 'Avenger Titan', AEGIS, 'small', 'transport', 60, [1, 1], 8),
    model('gladius', 'Gladius', AEGIS, 'small', 'combat', 90, [1, 1]),
    model('cutlass-black', 'Cutlass Black', DRAKE, 'medium', 'multirole', 110, [1, 3], 46),
    model('caterpillar', 'Caterpillar', DRAKE, 'large', 'transport', 330, [2, 5], 576),
    model('carrack', 'Carrack', ANVIL, 'large', 'exploration', 600, [4, 6], 456),
    model('arrow', 'Arrow', ANVIL, 'small', 'combat', 75, [1, 1]),
    model('constellation-andromeda', 'Constellation Andromeda', RSI, 'large', 'multirole', 240, [3, 4], 96),
    model('prospector', 'Prospector', MISC, 'small', 'industrial', 155, [1, 1], 32),
  ],
};
