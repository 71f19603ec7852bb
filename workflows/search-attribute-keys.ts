import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Typed keys for the attributes registered on the namespace (libs/contracts/search-attributes.ts)
// so the Web UI and `temporal workflow list --query` can find a strategy's workflow.
export const StrategyIdKey = defineSearchAttributeKey('StrategyId', SearchAttributeType.KEYWORD);
export const StrategyTypeKey = defineSearchAttributeKey('StrategyType', SearchAttributeType.KEYWORD);
export const UserIdKey = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const NextRunTimeKey = defineSearchAttributeKey('NextRunTime', SearchAttributeType.DATETIME);
