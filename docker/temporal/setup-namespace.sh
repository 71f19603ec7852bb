#!/bin/sh
# Makes sure the namespace exists and carries the custom search attributes the strategy
# workflows upsert (StrategyId, StrategyType, UserId, NextRunTime): without them every
# workflow task that upserts would fail. Idempotent.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:?}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

attempt=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  [ "$attempt" -lt 60 ] || { echo "Temporal at $ADDRESS is not healthy after 120 s" >&2; exit 1; }
  sleep 2
done

temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1 \
  || temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention 720h

# A new namespace reaches the frontend's cache within seconds; until then it answers "not found".
attempt=0
until existing="$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" 2>&1)"; do
  attempt=$((attempt + 1))
  [ "$attempt" -lt 30 ] || { echo "$existing" >&2; exit 1; }
  sleep 2
done
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" --name "$name" --type "$type"
  fi
done
echo "Namespace $NAMESPACE is ready"
