package io.sluice.sandbox;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The people of the local stack, signed in as IAM Identity Center would sign them in: each a
 * session of an {@code AWSReservedSSO_<permission set>_<id>} role, named by the person's user name.
 * Their credentials are moto's: they sign proofs of identity that the local STS answers as that
 * person (moto does not check the signature itself; real STS does).
 */
public final class LocalPersonas {
    /** Approves builds at {@code model-approval}. */
    public static final Persona LEAD_DATA_SCIENTIST =
            new Persona("lead-data-scientist", "lead-ds@example.com", "dev", "LeadDataScientist");
    /** Approves promotions at {@code promotion-approval}. */
    public static final Persona ML_ENGINEER = new Persona("ml-engineer", "ml-engineer@example.com", "shared", "MLEngineer");
    /** Approves production at {@code production-approval}. */
    public static final Persona GOVERNANCE_OFFICER =
            new Persona("governance-officer", "governance-officer@example.com", "governance", "GovernanceOfficer");
    /** Requests runs; approves none. */
    public static final Persona DATA_SCIENTIST = new Persona("data-scientist", "data-scientist@example.com", "dev", "DataScientist");
    /** Signed in, but no approver of anything. */
    public static final Persona OUTSIDER = new Persona("outsider", "outsider@example.com", "dev", "Analyst");
    public static final List<Persona> ALL = List.of(LEAD_DATA_SCIENTIST, ML_ENGINEER, GOVERNANCE_OFFICER, DATA_SCIENTIST, OUTSIDER);

    /** How long the credentials of a persona last (moto's maximum for a role session). */
    private static final int SESSION_SECONDS = 43_200;

    private LocalPersonas() {}

    /**
     * @param profile the AWS profile name {@code sluice dev} writes for the persona
     * @param userName the person's user name, which becomes the role session name
     * @param accountAlias the account the person signs in to
     * @param permissionSet the IAM Identity Center permission set the person has there
     */
    public record Persona(String profile, String userName, String accountAlias, String permissionSet) {
        /** The role IAM Identity Center creates for the permission set (the suffix is fixed on the local stack). */
        public String roleName() {
            return "AWSReservedSSO_" + permissionSet + "_5e1a0c7d2b9f3a64";
        }

        /** The approver pattern that admits everyone with this permission set, in any account. */
        public String approverPattern() {
            return "arn:aws:sts::*:assumed-role/AWSReservedSSO_" + permissionSet + "_*/*";
        }
    }

    /** Signs {@code persona} in: a role session of their permission set's role, named by their user name. */
    public static AwsSessionCredentials signIn(LocalAws localAws, Persona persona) {
        String roleArn = "arn:aws:iam::" + localAws.account(persona.accountAlias()).id()
                + ":role/aws-reserved/sso.amazonaws.com/" + persona.roleName();
        try (var sts = StsClient.builder()
                .region(Region.of(LocalAws.REGION))
                .endpointOverride(localAws.awsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(LocalAws.WORKER_IDENTITY))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            var credentials = sts.assumeRole(request -> request.roleArn(roleArn).roleSessionName(persona.userName())
                    .durationSeconds(SESSION_SECONDS)).credentials();
            return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        }
    }

    /** Every persona signed in, by profile name. */
    public static Map<String, AwsSessionCredentials> signInAll(LocalAws localAws) {
        var signedIn = new java.util.LinkedHashMap<String, AwsSessionCredentials>();
        ALL.forEach(persona -> signedIn.put(persona.profile(), signIn(localAws, persona)));
        return signedIn;
    }
}
