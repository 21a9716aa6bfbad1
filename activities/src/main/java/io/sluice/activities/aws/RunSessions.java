package io.sluice.activities.aws;

import io.sluice.workflows.AwsAccount;
import io.sluice.workflows.Sha256;
import io.temporal.activity.Activity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The credentials of one account's role, in a role session of the run and step that makes the call:
 * called from an activity, the session is named after the run ({@code sluice-<run>-<hash>}) and
 * tagged {@value #WORKFLOW_ID_TAG} and {@value #STEP_TAG}, so CloudTrail in every account ties each
 * call to a Sluice run and step (the role's trust policy must allow {@code sts:TagSession}). After a
 * verified approval, the session also carries the approvers ({@value #APPROVED_BY_TAG}) and the
 * first of them as its {@code SourceIdentity} ({@code sts:SetSourceIdentity}), which CloudTrail
 * records on every call made with it. Called
 * outside an activity (clients, checks), the session is the worker's, {@code sluice-<alias>}.
 * Sessions are cached per run and step, at most {@link #MAX_SESSIONS}; each refreshes before it
 * expires.
 */
final class RunSessions implements AwsCredentialsProvider, AutoCloseable {
    static final String WORKFLOW_ID_TAG = "sluice:workflow-id";
    static final String STEP_TAG = "sluice:step";
    static final String APPROVED_BY_TAG = "sluice:approved-by";
    static final int MAX_SESSIONS = 256;
    private static final Logger log = LoggerFactory.getLogger(RunSessions.class);

    private final StsClient sts;
    private final AwsAccount account;
    private final StsAssumeRoleCredentialsProvider workerSession;
    private final Map<String, StsAssumeRoleCredentialsProvider> sessions = new LinkedHashMap<>(16, 0.75f, true);

    RunSessions(StsClient sts, AwsAccount account) {
        this.sts = sts;
        this.account = account;
        this.workerSession = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(account.roleArn()).roleSessionName("sluice-" + account.alias()))
                .build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current().map(this::session).orElse(workerSession).resolveCredentials();
    }

    /** The run and step of the activity this thread executes, if it executes one. */
    static Optional<Step> current() {
        try {
            var info = Activity.getExecutionContext().getInfo();
            return Optional.of(new Step(info.getWorkflowId(), info.getActivityType(), CallAttribution.approvers()));
        } catch (RuntimeException notInAnActivity) {
            return Optional.empty();
        }
    }

    private StsAssumeRoleCredentialsProvider session(Step step) {
        String key = step.workflowId() + "\n" + step.activityType() + "\n" + String.join(",", step.approvers());
        synchronized (sessions) {
            var session = sessions.get(key);
            if (session == null) {
                session = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(request -> {
                            var tags = new java.util.ArrayList<Tag>();
                            tags.add(Tag.builder().key(WORKFLOW_ID_TAG).value(tagValue(step.workflowId())).build());
                            tags.add(Tag.builder().key(STEP_TAG).value(tagValue(step.activityType())).build());
                            request.roleArn(account.roleArn()).roleSessionName(sessionName(step.workflowId()));
                            if (!step.approvers().isEmpty()) {
                                tags.add(Tag.builder().key(APPROVED_BY_TAG).value(tagValue(String.join(" ", step.approvers()))).build());
                                request.sourceIdentity(sourceIdentity(step.approvers().get(0)));
                            }
                            request.tags(tags);
                        })
                        .build();
                sessions.put(key, session);
                if (sessions.size() > MAX_SESSIONS) {
                    var eldest = sessions.entrySet().iterator().next();
                    sessions.remove(eldest.getKey());
                    eldest.getValue().close();
                }
            }
            return session;
        }
    }

    /** {@code sluice-<run, as session names allow>-<8 hex of its SHA-256>}, at most 64 characters. */
    static String sessionName(String workflowId) {
        String readable = workflowId.replaceAll("[^\\w+=,.@-]", "-").replaceAll("-{2,}", "-");
        String prefix = "sluice-" + (readable.length() > 47 ? readable.substring(0, 47) : readable);
        return prefix + "-" + Sha256.hex(workflowId).substring(0, 8);
    }

    /** {@code person} as a source identity allows: 2 to 64 of letters, digits and {@code _+=,.@-}. */
    static String sourceIdentity(String person) {
        String allowed = person.replaceAll("[^\\w+=,.@-]", "_");
        allowed = allowed.length() < 2 ? allowed + "__" : allowed;
        return allowed.length() > 64 ? allowed.substring(0, 64) : allowed;
    }

    /** {@code value} as session tags allow: at most 256 characters of letters, digits, spaces and {@code _.:/=+-@}. */
    static String tagValue(String value) {
        String allowed = value.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
        return allowed.length() > 256 ? allowed.substring(0, 256) : allowed;
    }

    @Override
    public void close() {
        workerSession.close();
        synchronized (sessions) {
            sessions.values().forEach(session -> {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    log.warn("closing a role session of {} failed", account.alias(), e);
                }
            });
            sessions.clear();
        }
    }

    /** The run and activity type a call is made for. */
    record Step(String workflowId, String activityType, List<String> approvers) {}
}
