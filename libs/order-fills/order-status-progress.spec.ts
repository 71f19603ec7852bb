import type { BotOrderStatus } from '../database/entities/bot-order.entity';
import { nextOrderStatus } from './order-status-progress';

describe('nextOrderStatus', () => {
  it.each<[BotOrderStatus, string, BotOrderStatus]>([
    ['pending', 'accepted', 'accepted'],
    ['pending', 'new', 'new'],
    ['accepted', 'new', 'new'],
    ['new', 'partially_filled', 'partially_filled'],
    ['partially_filled', 'filled', 'filled'],
    ['new', 'canceled', 'canceled'],
    ['partially_filled', 'expired', 'expired'],
    ['pending', 'rejected', 'rejected'],
    // never backwards
    ['filled', 'new', 'filled'],
    ['filled', 'partially_filled', 'filled'],
    ['partially_filled', 'new', 'partially_filled'],
    ['new', 'accepted', 'new'],
    // one end state never replaces another
    ['canceled', 'filled', 'canceled'],
    ['filled', 'canceled', 'filled'],
    // a status we do not know leaves the row alone
    ['new', 'calculated', 'new'],
  ])('%s + reported %s -> %s', (current, reported, expected) => {
    expect(nextOrderStatus(current, reported)).toBe(expected);
  });
});
