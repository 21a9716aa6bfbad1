#!/usr/bin/env bash
# Registers Sluice's search attributes on a Temporal cluster, with the `temporal` CLI.
# Idempotent: an attribute that already exists with the same type is left as it is.
#   usage: deploy/temporal/register-search-attributes.sh [NAMESPACE]  (plus any --address/--tls flags
#          the CLI needs, through TEMPORAL_ADDRESS, TEMPORAL_TLS_* or TEMPORAL_API_KEY)
# The list must match workflows/src/main/java/io/sluice/workflows/SluiceSearchAttributes.java.
set -euo pipefail
namespace="${1:-${TEMPORAL_NAMESPACE:-default}}"

attributes=(
  SluiceStage=Keyword
  SluiceModelPackageGroup=Keyword
  SluiceAwaitingApproval=Bool
  SluiceDataProduct=Keyword
)

existing="$(temporal operator search-attribute list --namespace "$namespace" 2>/dev/null || true)"
for attribute in "${attributes[@]}"; do
  name="${attribute%%=*}"
  type="${attribute#*=}"
  if grep -qw "$name" <<<"$existing"; then
    echo "$name already registered"
    continue
  fi
  temporal operator search-attribute create --namespace "$namespace" --name "$name" --type "$type"
  echo "$name registered as $type"
done
