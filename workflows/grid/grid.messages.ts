import { defineSignal } from '@temporalio/workflow';
import type { OrderFillEvent } from '../../libs/contracts';

/** The fill monitor saw (part of) one of the grid's orders fill; the workflow answers it with the counter order. */
export const orderFilledSignal = defineSignal<[OrderFillEvent]>('orderFilled');
