/**
 * The package's plop entry (package.json `main`): a scaffolded repo's plopfile calls
 * `plop.load('create-db-layer')`, which registers these generators there.
 */
import type { NodePlopAPI } from 'plop';

export default function createDbLayerGenerators(plop: NodePlopAPI): void {
  plop.setWelcomeMessage('create-db-layer generators');
}
