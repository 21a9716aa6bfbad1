package io.sluice.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample inputs the local stack seeds: the credit-risk data and the Data Wrangler flow that prepares it. */
public final class Samples {
    /** The flow's name for its dataset (the key of a build spec's {@code inputs}). */
    public static final String DATASET = "credit_risk.csv";
    /** The split node of the sample flow; its outputs are {@code <id>.train}, {@code .validation}, {@code .test}. */
    public static final String SPLIT_NODE = "6c1b9a55-2f0e-4d8e-9b7a-5e3c1f2a8d40";
    public static final int ROWS = 1000;
    public static final long SEED = 20261122L;

    private Samples() {}

    /** The synthetic credit-risk data set. */
    public static String creditRiskCsv() {
        return CreditRiskData.csv(SEED, ROWS);
    }

    /** The sample {@code .flow}, reading its dataset from {@code dataUri}. */
    public static String creditRiskFlow(String dataUri) {
        try (InputStream in = Samples.class.getResourceAsStream("samples/credit-risk.flow")) {
            if (in == null) {
                throw new IllegalStateException("sample flow missing from the sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${DATA_URI}", dataUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
