import { WorkflowNotFoundError } from '@temporalio/client';
import { StrategyReconcilerService } from '../apps/worker/src/reconciler/strategy-reconciler.service';
import { TradingStrategy } from '../libs/database/entities';
import { registerUser } from './support/api-users';
import { startStrategyTestStack, type StrategyTestStack } from './support/strategy-stack';
import { eventually } from './support/temporal';

/** The reconciler converges Temporal to the database, whatever changed behind the API's back. */
describe('strategy reconciler', () => {
  let stack: StrategyTestStack;

  beforeAll(async () => {
    stack = await startStrategyTestStack('sqlite');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const reconcile = () => stack.worker!.get(StrategyReconcilerService).reconcileNow();
  const status = async (strategyId: string) =>
    (await stack.temporal.client.workflow.getHandle(`strategy-${strategyId}`).describe()).status.name;

  async function createStrategy(auth: string, isActive: boolean): Promise<string> {
    const res = await stack
      .http()
      .post('/api/strategies')
      .set('Authorization', auth)
      .send({ name: 'Weekly SPY', type: 'dca', is_active: isActive, configuration: { symbol: 'SPY', amount_per_buy: 25, allocated_capital: 1000 } })
      .expect(201);
    return res.body.id;
  }

  it('starts a workflow for an active strategy that has none (activated in SQL, or lost)', async () => {
    const user = await registerUser(stack);
    const id = await createStrategy(user.auth, false);
    await expect(status(id)).rejects.toThrow();

    await stack.dataSource.getRepository(TradingStrategy).update(id, { isActive: true });
    const report = await reconcile();
    expect(report.started).toContain(id);
    expect(await status(id)).toBe('RUNNING');

    const again = await reconcile();
    expect(again.started).not.toContain(id);
  }, 30_000);

  it('a manual execution of an active strategy whose workflow was lost starts it again first', async () => {
    const user = await registerUser(stack);
    const id = await createStrategy(user.auth, true);
    // Lost: Temporal no longer knows the workflow (a terminate would be an operator's stop, honoured instead).
    const { client } = stack.temporal;
    await client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: `strategy-${id}` } });
    const gone = () => client.workflow.getHandle(`strategy-${id}`).describe().then(() => false, (error: unknown) => error instanceof WorkflowNotFoundError);
    await eventually(gone, 10_000);
    const res = await stack.http().post(`/api/strategies/${id}/execute`).set('Authorization', user.auth).expect(200);
    expect(res.body).toMatchObject({ strategy_id: id, run_number: 1, trigger: 'manual' });
    expect(await status(id)).toBe('RUNNING');
  }, 30_000);

  it('cancels the workflow of a strategy deactivated in SQL (the guide\'s emergency UPDATE) or deleted', async () => {
    const user = await registerUser(stack);
    const deactivated = await createStrategy(user.auth, true);
    const deleted = await createStrategy(user.auth, true);
    expect(await status(deactivated)).toBe('RUNNING');

    await stack.dataSource.getRepository(TradingStrategy).update(deactivated, { isActive: false });
    await stack.dataSource.getRepository(TradingStrategy).delete(deleted);
    const report = await reconcile();
    expect(report.stopped).toEqual(expect.arrayContaining([deactivated, deleted]));
    await eventually(async () => (await status(deactivated)) === 'CANCELLED' && (await status(deleted)) === 'CANCELLED', 5_000);
  }, 30_000);
});
