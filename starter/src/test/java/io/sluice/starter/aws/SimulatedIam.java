package io.sluice.starter.aws;

import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.AwsRequest;
import io.sluice.sandbox.proof.IamDecision;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.sandbox.proof.IamRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code iam:SimulatePrincipalPolicy} as AWS answers it, for a local stack whose stand-in has none:
 * the source role's identity policies as the local stack holds them, and the resource policy the
 * request carries, judged by the IAM policy evaluator; the answer is IAM's XML.
 */
final class SimulatedIam implements Function<AwsRequest, AwsReply> {
    private final IamPolicyEvaluator evaluator;
    private final LocalPolicies policies;

    SimulatedIam(IamPolicyEvaluator evaluator, LocalPolicies policies) {
        this.evaluator = evaluator;
        this.policies = policies;
    }

    @Override
    public AwsReply apply(AwsRequest request) {
        String role = request.parameter("PolicySourceArn");
        String callerAccount = role.split(":")[4];
        String resourcePolicy = request.parameter("ResourcePolicy");
        String owner = request.parameter("ResourceOwner");
        String resourceAccount = owner.isEmpty() ? callerAccount : owner.split(":")[4];
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (int entry = 1; !request.parameter("ContextEntries.member." + entry + ".ContextKeyName").isEmpty(); entry++) {
            List<String> values = new ArrayList<>();
            for (int value = 1; !request.parameter("ContextEntries.member." + entry + ".ContextKeyValues.member." + value).isEmpty();
                    value++) {
                values.add(request.parameter("ContextEntries.member." + entry + ".ContextKeyValues.member." + value));
            }
            context.put(request.parameter("ContextEntries.member." + entry + ".ContextKeyName"), values);
        }
        StringBuilder results = new StringBuilder();
        for (String action : members(request, "ActionNames")) {
            for (String resource : members(request, "ResourceArns")) {
                IamDecision decision = evaluator.evaluate(new IamRequest(role, action, resource, resourceAccount,
                        policies.identityPolicies(role), resourcePolicy, context));
                String answer = switch (decision.decision()) {
                    case ALLOWED -> "allowed";
                    case EXPLICITLY_DENIED -> "explicitDeny";
                    case IMPLICITLY_DENIED -> "implicitDeny";
                };
                results.append("<member><EvalActionName>").append(xml(action)).append("</EvalActionName><EvalResourceName>")
                        .append(xml(resource)).append("</EvalResourceName><EvalDecision>").append(answer)
                        .append("</EvalDecision><MatchedStatements/><MissingContextValues/></member>");
            }
        }
        String body = "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>" + results
                + "</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>simulated</RequestId>"
                + "</ResponseMetadata></SimulatePrincipalPolicyResponse>";
        return new AwsReply(200, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> members(AwsRequest request, String list) {
        List<String> members = new ArrayList<>();
        for (int index = 1; !request.parameter(list + ".member." + index).isEmpty(); index++) {
            members.add(request.parameter(list + ".member." + index));
        }
        return members;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
