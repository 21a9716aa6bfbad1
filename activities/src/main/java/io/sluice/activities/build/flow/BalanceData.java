package io.sluice.activities.build.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code sagemaker.spark.balance_data_0.1}: random oversampling and undersampling of a categorical
 * target. {@code ratio} is the wanted size of each smaller class relative to the largest (1: as
 * many). Oversampling adds randomly drawn copies of a smaller class's rows after the original
 * rows; undersampling keeps a random share of the largest class. Seeded, so a run repeats.
 */
final class BalanceData {
    private BalanceData() {}

    static final Set<String> TRANSFORMS = Set.of("Random oversample", "Random undersample");

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        if (!TRANSFORMS.contains(operator)) {
            throw FlowException.at(node, "balance data transform '" + operator + "' is not supported in local mode; it runs " + TRANSFORMS);
        }
        int target = table.index(node, node.text(node.parameters(), "target_column"));
        double ratio = node.parameters().path("ratio").asDouble(1);
        if (!(ratio > 0 && ratio <= 1)) {
            throw FlowException.at(node, "ratio " + ratio + " is out of range; expected more than 0 and at most 1");
        }
        Map<String, List<Object[]>> classes = new LinkedHashMap<>();
        table.rows().forEach(row -> classes.computeIfAbsent(Table.text(row[target]), key -> new ArrayList<>()).add(row));
        if (classes.size() < 2) {
            return table;
        }
        Random random = new Random(node.parameters().path("seed").asLong(0));
        int largest = classes.values().stream().mapToInt(List::size).max().orElseThrow();
        if (operator.equals("Random oversample")) {
            List<Object[]> rows = new ArrayList<>(table.rows());
            for (List<Object[]> members : classes.values()) {
                long wanted = Math.round(ratio * largest);
                for (long i = members.size(); i < wanted; i++) {
                    rows.add(members.get(random.nextInt(members.size())));
                }
            }
            return new Table(table.columns(), rows);
        }
        int smallest = classes.values().stream().mapToInt(List::size).min().orElseThrow();
        double keepShare = Math.min(1, smallest / ratio / largest);
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : table.rows()) {
            if (classes.get(Table.text(row[target])).size() != largest || random.nextDouble() < keepShare) {
                rows.add(row);
            }
        }
        return new Table(table.columns(), rows);
    }
}
