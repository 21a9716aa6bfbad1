package io.sluice.workflows.dataproduct;

import java.util.Map;
import java.util.TreeMap;

/** The business metadata a product's database carries as Glue parameters; the keys are wire contracts. */
public final class DataProductMetadata {
    public static final String VERSION = "sluice:version";
    public static final String DOMAIN = "sluice:domain";
    public static final String PRODUCT = "sluice:product";
    public static final String OWNER = "sluice:owner";
    public static final String CLASSIFICATION = "sluice:classification";
    public static final String SENSITIVITY = "sluice:sensitivity";
    public static final String PRODUCER_ACCOUNT = "sluice:producerAccount";
    public static final String WORKFLOW_ID = "sluice:workflowId";
    public static final String REGISTERED_BY = "sluice:registeredBy";

    private DataProductMetadata() {}

    /** The parameters of {@code spec}'s database, without the version (recorded once a registration completes). */
    public static Map<String, String> of(DataProductSpec spec, String workflowId, String requester) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put(DOMAIN, spec.domain());
        parameters.put(PRODUCT, spec.name());
        parameters.put(OWNER, spec.owner());
        parameters.put(CLASSIFICATION, spec.classification());
        parameters.put(SENSITIVITY, spec.sensitivity());
        parameters.put(PRODUCER_ACCOUNT, spec.producerAccount());
        parameters.put(WORKFLOW_ID, workflowId);
        parameters.put(REGISTERED_BY, requester);
        return parameters;
    }
}
