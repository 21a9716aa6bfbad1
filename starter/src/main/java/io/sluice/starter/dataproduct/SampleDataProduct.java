package io.sluice.starter.dataproduct;

/**
 * The sample {@code data-product.yaml} for the local stack's synthetic credit-risk data: the
 * applications table in the producer's bucket, tagged for the credit domain and granted to dev.
 */
public final class SampleDataProduct {
    private SampleDataProduct() {}

    /**
     * @param producerBucket the producer account's bucket (a name, or {@code s3://name}); the table's
     *     files are under {@code s3://<bucket>/credit-risk/applications/}
     */
    public static String sample(String producerBucket) {
        String bucket = producerBucket.replaceFirst("^s3://", "").replaceAll("/+$", "");
        return """
                # RegisterDataProduct on the local stack: the synthetic credit-risk applications as a data product.
                # Register it with: sluice data-product register --spec data-product.yaml --wait
                domain: credit
                name: applications
                version: 1.0.0
                owner: credit-risk-data@example.com
                description: Credit applications with the applicant's features and whether the loan defaulted
                classification: confidential
                sensitivity: pii
                producerAccount: producer
                governanceAccount: governance
                location: s3://%s/credit-risk/
                lfTags:
                  domain: [credit]
                  sensitivity: [pii]
                tables:
                  - name: applications        # files under s3://%s/credit-risk/applications/
                    format: csv
                    hasHeader: true
                    columns:
                      - {name: customer_id, type: string}
                      - {name: age, type: bigint}
                      - {name: income, type: bigint}
                      - {name: loan_amount, type: bigint}
                      - {name: loan_term_months, type: bigint}
                      - {name: credit_score, type: bigint}
                      - {name: employment_years, type: bigint}
                      - {name: home_ownership, type: string}
                      - {name: purpose, type: string}
                      - {name: default, type: bigint}
                consumers:
                  - account: dev
                    permissions: [SELECT, DESCRIBE]
                allowBreakingChanges: false
                # retrain:                   # a build.yaml's content: BuildModel starts when the version changes
                """.formatted(bucket, bucket);
    }
}
