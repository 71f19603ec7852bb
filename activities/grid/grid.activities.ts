import { withHeartbeat } from '../shared/with-heartbeat';
import { cancelGridOrders } from './cancel-grid-orders.activity';
import type { GridActivityDeps } from './grid-activity.deps';
import type { CancelGridOrdersInput, HandleGridFillInput, ReconcileGridInput, SetupGridInput } from './grid-activity.types';
import { handleGridFill } from './handle-grid-fill.activity';
import { reconcileGrid } from './reconcile-grid.activity';
import { setupGrid } from './setup-grid.activity';

/** The activities grid workflows call, bound to their dependencies. Workflows import only the type. */
export function createGridActivities(deps: GridActivityDeps) {
  return {
    setupGrid: (input: SetupGridInput) => withHeartbeat(() => setupGrid(deps, input)),
    handleGridFill: (input: HandleGridFillInput) => withHeartbeat(() => handleGridFill(deps, input)),
    reconcileGrid: (input: ReconcileGridInput) => withHeartbeat(() => reconcileGrid(deps, input)),
    cancelGridOrders: (input: CancelGridOrdersInput) => withHeartbeat(() => cancelGridOrders(deps, input)),
  };
}

export type GridActivities = ReturnType<typeof createGridActivities>;
