package io.sluice.workflows.approval;

/** What an approver decides. {@code UNSPECIFIED} is what a decision without one carries; gates refuse it. */
public enum Verdict {
    APPROVE,
    REJECT,
    UNSPECIFIED
}
