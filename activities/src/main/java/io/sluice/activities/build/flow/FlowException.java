package io.sluice.activities.build.flow;

/** A flow cannot run locally: an unsupported node or transform, or a transform's input is wrong. */
public final class FlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlowException(String message) {
        super(message);
    }

    static FlowException at(FlowNode node, String problem) {
        return new FlowException("node " + node.id() + " (" + node.operator() + "): " + problem);
    }
}
