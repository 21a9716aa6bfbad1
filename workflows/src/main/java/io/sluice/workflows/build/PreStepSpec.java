package io.sluice.workflows.build;

/**
 * {@code preStep:} of {@code build.yaml}: an existing Step Functions state machine run before
 * processing, e.g. a team's data refresh.
 *
 * @param stateMachineArn the state machine, in the build's account; empty for none
 * @param input the execution's JSON input (default {@code {}})
 */
public record PreStepSpec(String stateMachineArn, String input) {
    public static final PreStepSpec NONE = new PreStepSpec("", "{}");

    public PreStepSpec {
        stateMachineArn = Specs.text(stateMachineArn, "");
        input = Specs.text(input, "{}");
    }

    /** Checks every value, naming the field ({@code preStep.…}) that is wrong. */
    public void validate() {
        if (!stateMachineArn.isEmpty() && !Specs.STATE_MACHINE_ARN.matcher(stateMachineArn).matches()) {
            throw new IllegalArgumentException("preStep.stateMachineArn '" + stateMachineArn
                    + "' is not a state machine ARN; expected arn:aws:states:<region>:<account>:stateMachine:<name>");
        }
        if (!input.startsWith("{")) {
            throw new IllegalArgumentException("preStep.input must be a JSON object; expected e.g. {\"date\": \"2026-11-22\"}");
        }
    }

    public boolean configured() {
        return !stateMachineArn.isEmpty();
    }
}
