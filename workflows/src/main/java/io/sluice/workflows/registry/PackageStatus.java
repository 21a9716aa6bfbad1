package io.sluice.workflows.registry;

/**
 * A model package's approval status as SageMaker's registry names it. Records that cross Temporal
 * keep the registry's word as text ({@link #registryName()}), so a status they once carried always
 * reads back; workflow code compares and writes through this type.
 */
public enum PackageStatus {
    APPROVED("Approved"),
    REJECTED("Rejected"),
    PENDING_MANUAL_APPROVAL("PendingManualApproval");

    private final String registryName;

    PackageStatus(String registryName) {
        this.registryName = registryName;
    }

    /** The registry's word: {@code Approved}, {@code Rejected} or {@code PendingManualApproval}. */
    public String registryName() {
        return registryName;
    }

    /** Whether {@code registryName} is this status, as the registry writes it. */
    public boolean is(String registryName) {
        return this.registryName.equals(registryName);
    }
}
