package io.sluice.sandbox;

import java.util.Locale;
import java.util.Random;

/**
 * A synthetic credit-risk data set: applicants with numeric and categorical features, some values
 * missing, and a {@code default} label drawn from a logistic model of the features, so a model can
 * learn it. The same seed gives the same bytes.
 */
public final class CreditRiskData {
    public static final String HEADER =
            "customer_id,age,income,loan_amount,loan_term_months,credit_score,employment_years,home_ownership,purpose,default";
    private static final String[] HOME = {"RENT", "OWN", "MORTGAGE"};
    private static final String[] PURPOSE = {"car", "home_improvement", "education", "business", "debt_consolidation"};
    private static final int[] TERMS = {12, 24, 36, 60};

    private CreditRiskData() {}

    /** {@code rows} applicants as CSV with a header. */
    public static String csv(long seed, int rows) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            int age = 21 + random.nextInt(55);
            double income = Math.round(Math.exp(10.6 + 0.45 * random.nextGaussian()));
            double loan = Math.round(1000 + random.nextDouble() * 39000);
            int term = TERMS[random.nextInt(TERMS.length)];
            int score = (int) Math.max(300, Math.min(850, Math.round(680 + 70 * random.nextGaussian())));
            int employment = Math.max(0, Math.min(age - 18, (int) Math.round(Math.abs(6 + 5 * random.nextGaussian()))));
            String home = HOME[random.nextInt(HOME.length)];
            String purpose = PURPOSE[random.nextInt(PURPOSE.length)];
            double risk = -1.2 + 0.012 * (660 - score) + 2.2 * (loan / income) - 0.06 * employment
                    + (home.equals("RENT") ? 0.6 : home.equals("OWN") ? -0.4 : 0) + (purpose.equals("business") ? 0.8 : 0)
                    + (term == 60 ? 0.4 : 0) - 0.01 * (age - 40);
            int label = random.nextDouble() < 1 / (1 + Math.exp(-risk)) ? 1 : 0;
            csv.append(String.format(Locale.ROOT, "C%05d,%d,%s,%.0f,%d,%s,%d,%s,%s,%d%n", i + 1, age,
                    random.nextDouble() < 0.06 ? "" : String.format(Locale.ROOT, "%.0f", income), loan, term,
                    random.nextDouble() < 0.04 ? "" : Integer.toString(score), employment,
                    random.nextDouble() < 0.05 ? "" : home, purpose, label));
        }
        return csv.toString();
    }
}
