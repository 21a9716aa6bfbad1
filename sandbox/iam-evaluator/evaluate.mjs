// Evaluates AWS calls against IAM policies, one JSON request per line on stdin, one JSON answer
// per line on stdout, in request order. Runs until stdin closes.
//
// Request: {"id": any, "principal": role ARN, "action": "service:Action", "resource": ARN or "*",
//           "resourceAccount": 12 digits, "identityPolicies": [policy, ...],
//           "resourcePolicy": policy or null, "context": {"key": "value" or ["value", ...]}}
// Answer:  {"id": the request's id, "decision": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied",
//           "reason": text, "error": null}
//       or {"id": ..., "decision": null, "reason": null, "error": text} when the request cannot be
//           evaluated: unknown action or service, a resource ARN the action does not take, an
//           invalid policy, a malformed line.
//
// For sts:AssumeRole the resource is the role to assume and the resource policy its trust policy.
// aws:PrincipalArn, aws:PrincipalAccount and aws:ResourceAccount, which AWS sets on every signed
// call, are derived from the request unless the context gives them.
// The evaluation library is AGPL-licensed: this folder is a test tool and is never shipped.
import { createInterface } from 'node:readline'
import { getDenialReasons, getGrantReasons, runSimulation } from '@cloud-copilot/iam-simulate'

const ERROR_TEXT = {
  'invalid.principal': 'the principal is not a valid ARN',
  'invalid.action': 'the action is not in the Service Authorization Reference',
  'invalid.service': 'the service prefix is not in the Service Authorization Reference',
  'must.use.wildcard': 'the action takes no resource ARN; its resource must be "*"',
  'no.resource.types': 'the resource ARN matches no resource type of the action',
  'multiple.resource.types': 'the resource ARN matches more than one resource type of the action'
}

const input = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of input) {
  if (line.trim() === '') {
    continue
  }
  process.stdout.write(JSON.stringify(await answer(line)) + '\n')
}

async function answer(line) {
  let request
  try {
    request = JSON.parse(line)
  } catch (e) {
    return failure(null, `the line is not JSON: ${e.message}`)
  }
  const id = request?.id ?? null
  const invalid = missingField(request)
  if (invalid) {
    return failure(id, invalid)
  }
  try {
    return await evaluate(id, request)
  } catch (e) {
    return failure(id, `evaluation failed: ${e?.stack ?? e}`)
  }
}

function missingField(request) {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return 'the request is not a JSON object'
  }
  for (const field of ['principal', 'action', 'resource', 'resourceAccount']) {
    if (typeof request[field] !== 'string' || request[field] === '') {
      return `the request has no ${field}`
    }
  }
  if (!Array.isArray(request.identityPolicies)) {
    return 'the request has no identityPolicies array'
  }
  return null
}

async function evaluate(id, request) {
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: withRequestKeys(request)
    },
    identityPolicies: request.identityPolicies.map((policy, index) => ({
      name: identityPolicyName(index),
      policy
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy ?? undefined
  }
  const result = await runSimulation(simulation, { simulationMode: 'Strict' })
  if (result.resultType === 'error') {
    return failure(id, errorText(request, result.errors))
  }
  const analyses =
    result.resultType === 'single' ? [result.result.analysis] : result.results.map((r) => r.analysis)
  return {
    id,
    decision: result.overallResult,
    reason: reasonFor(request, result.overallResult, analyses),
    error: null
  }
}

function withRequestKeys(request) {
  const context = { ...(request.context ?? {}) }
  const given = new Set(Object.keys(context).map((key) => key.toLowerCase()))
  const derived = {
    'aws:PrincipalArn': principalArn(request.principal),
    'aws:PrincipalAccount': accountOf(request.principal),
    'aws:ResourceAccount': request.resourceAccount
  }
  for (const [key, value] of Object.entries(derived)) {
    if (!given.has(key.toLowerCase())) {
      context[key] = value
    }
  }
  return context
}

// An assumed-role session's aws:PrincipalArn is its role's ARN (without the role's path, which
// the session ARN does not carry).
function principalArn(arn) {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn)
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : arn
}

function identityPolicyName(index) {
  return `identity policy ${index + 1}`
}

function errorText(request, errors) {
  if (errors.message !== 'policy.errors') {
    const text = ERROR_TEXT[errors.message] ?? errors.message
    return `${request.action} on ${request.resource}: ${text}`
  }
  const problems = []
  for (const [name, list] of Object.entries(errors.identityPolicyErrors ?? {})) {
    problems.push(...list.map((e) => `${name}: ${e.path}: ${e.message}`))
  }
  for (const e of errors.resourcePolicyErrors ?? []) {
    problems.push(`resource policy: ${e.path}: ${e.message}`)
  }
  return `invalid policy: ${problems.join('; ')}`
}

function reasonFor(request, decision, analyses) {
  if (analyses.length === 0) {
    return `no policy statement names a resource matching ${request.resource}`
  }
  const analysis = analyses.find((a) => a.result === decision) ?? analyses[0]
  if (decision === 'Allowed') {
    const grants = getGrantReasons(analysis)
    return grants.length > 0
      ? `allowed by ${grants.map(statementName).join(' and ')}`
      : 'allowed by the service without a policy statement'
  }
  const denials = getDenialReasons(analysis)
  const explicit = denials.filter((d) => d.denialType === 'Explicit')
  if (explicit.length > 0) {
    return `denied by ${explicit.map(statementName).join(' and ')}`
  }
  const reasons = denials.map((denial) => implicitReason(request, analysis, denial))
  if (!analysis.sameAccount && analysis.resourceAnalysis?.result === 'NotApplicable') {
    reasons.push(
      `the resource is in account ${request.resourceAccount} and there is no resource policy ` +
        `to allow the caller's account ${accountOf(request.principal)}`
    )
  }
  return reasons.length > 0 ? reasons.join('; ') : 'no policy allows it'
}

function implicitReason(request, analysis, denial) {
  switch (denial.policyType) {
    case 'identity':
      return analysis.sameAccount || analysis.resourceAnalysis?.result === 'NotApplicable'
        ? 'no identity statement allows it'
        : 'no identity statement allows it, and a cross-account call needs both the identity and the resource policy'
    case 'resource':
      return analysis.sameAccount
        ? 'the resource policy does not allow the caller'
        : `the resource policy does not allow the caller's account ${accountOf(request.principal)} or role`
    default:
      return `the ${denial.policyType} policy does not allow it`
  }
}

function statementName(reference) {
  const statement =
    reference.statementId === undefined
      ? `statement ${reference.statementIndex}`
      : `statement Sid ${reference.statementId}`
  switch (reference.policyType) {
    case 'identity':
      return `${statement} in ${reference.policyIdentifier}`
    case 'resource':
      return `${statement} in the resource policy`
    default:
      return `${statement} in the ${reference.policyType} policy ${reference.policyIdentifier ?? ''}`.trim()
  }
}

function accountOf(arn) {
  return arn.split(':')[4] ?? ''
}

function failure(id, error) {
  return { id, decision: null, reason: null, error }
}
