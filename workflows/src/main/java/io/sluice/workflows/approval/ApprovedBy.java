package io.sluice.workflows.approval;

import io.temporal.workflow.WorkflowLocal;
import java.util.List;

/**
 * Who approved the run so far, as STS verified them: the persons of the verified approvals of its
 * gates, in order. After a gate opens, every activity the run schedules carries them in the
 * {@value #HEADER} header, and the worker names them in the role sessions those activities call AWS
 * in (session tag and {@code SourceIdentity}), so CloudTrail ties post-approval calls to their approver.
 */
public final class ApprovedBy {
    /** The activity header carrying the approvers, comma-separated. */
    public static final String HEADER = "sluice-approved-by";
    private static final WorkflowLocal<List<String>> PERSONS = WorkflowLocal.withCachedInitial(List::of);

    private ApprovedBy() {}

    /** The verified approvers of this run so far; empty outside a workflow or before any verified approval. */
    public static List<String> current() {
        return PERSONS.get();
    }

    static void add(List<String> persons) {
        var all = new java.util.ArrayList<>(PERSONS.get());
        persons.stream().filter(person -> !all.contains(person)).forEach(all::add);
        PERSONS.set(List.copyOf(all));
    }
}
