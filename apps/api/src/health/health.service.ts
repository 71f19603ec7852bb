import { Injectable } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { temporalAddress, type AppConfig } from '../../../../libs/config';
import { InjectAppConfig } from '../../../../libs/engine/config/app-config.token';
import { workerFlagsOf, type WorkerFlags } from '../../../../libs/scheduling/worker-flags';
import { checkBroker, type BrokerHealth } from './checks/broker.check';
import { checkDatabase, type DatabaseHealth } from './checks/database.check';
import { checkTemporal, checkWorkerPollers, type TemporalHealth, type WorkerHealth } from './checks/temporal.check';

/** Per-dependency budget (ms): the endpoint answers within about this long even when all are down. */
const PROBE_TIMEOUT_MS = 2_000;

export interface DetailedHealth {
  status: 'ok' | 'degraded';
  services: {
    database: DatabaseHealth;
    temporal: TemporalHealth;
    broker: BrokerHealth;
    worker: WorkerHealth;
  };
  /** The worker switches of this deployment's environment (DISABLE_BACKGROUND_SERVICES, ENABLE_*). */
  flags: WorkerFlags;
  checked_at: string;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: Connection,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** Probes every dependency in parallel; each probe reports its own failure instead of throwing. */
  async detailed(): Promise<DetailedHealth> {
    const namespace = this.config.temporal.namespace;
    const [database, temporal, broker, worker] = await Promise.all([
      checkDatabase(this.dataSource, PROBE_TIMEOUT_MS),
      checkTemporal(this.connection, { address: temporalAddress(this.config), namespace }, PROBE_TIMEOUT_MS),
      checkBroker(this.config.alpaca.tradingUrl, PROBE_TIMEOUT_MS),
      checkWorkerPollers(this.connection, namespace, this.config.temporal.taskQueue, PROBE_TIMEOUT_MS),
    ]);
    const healthy =
      database.status === 'connected' && temporal.status === 'connected' && broker.status === 'reachable' && worker.status === 'running';
    return {
      status: healthy ? 'ok' : 'degraded',
      services: { database, temporal, broker, worker },
      flags: workerFlagsOf(this.config),
      checked_at: new Date().toISOString(),
    };
  }
}
