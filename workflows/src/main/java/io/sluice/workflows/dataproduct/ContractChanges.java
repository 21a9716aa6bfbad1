package io.sluice.workflows.dataproduct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a product's contract changes from the tables the catalog holds to the tables declared.
 * Removed columns, changed types and changed partition keys are breaking: consumers' queries on
 * them fail. Added columns and new tables are not. Tables the catalog holds that the contract no
 * longer declares are left as they are, so they break nothing.
 *
 * @param breaking what would break, e.g. {@code applications.income removed}
 * @param additions what is added, e.g. {@code applications.region added (string)}
 */
public record ContractChanges(List<String> breaking, List<String> additions) {
    public ContractChanges {
        breaking = List.copyOf(breaking);
        additions = List.copyOf(additions);
    }

    /** The changes from {@code stored} to {@code declared}. */
    public static ContractChanges between(List<TableContract> stored, List<TableContract> declared) {
        Map<String, TableContract> before = new LinkedHashMap<>();
        stored.forEach(table -> before.put(table.name(), table));
        List<String> breaking = new ArrayList<>();
        List<String> additions = new ArrayList<>();
        for (TableContract table : declared) {
            TableContract previous = before.get(table.name());
            if (previous == null) {
                additions.add(table.name() + " added");
                continue;
            }
            compare(previous, table, breaking, additions);
        }
        return new ContractChanges(breaking, additions);
    }

    private static void compare(TableContract previous, TableContract next, List<String> breaking, List<String> additions) {
        Map<String, String> nextTypes = types(next.allColumns());
        Map<String, String> previousTypes = types(previous.allColumns());
        previousTypes.forEach((column, type) -> {
            String nextType = nextTypes.get(column);
            if (nextType == null) {
                breaking.add(next.name() + "." + column + " removed");
            } else if (!nextType.equals(type)) {
                breaking.add(next.name() + "." + column + " changed from " + type + " to " + nextType);
            }
        });
        nextTypes.forEach((column, type) -> {
            if (!previousTypes.containsKey(column)) {
                additions.add(next.name() + "." + column + " added (" + type + ")");
            }
        });
        List<String> previousKeys = previous.partitionKeys().stream().map(Column::name).toList();
        List<String> nextKeys = next.partitionKeys().stream().map(Column::name).toList();
        if (!previousKeys.equals(nextKeys)) {
            breaking.add(next.name() + " partition keys changed from " + previousKeys + " to " + nextKeys);
        }
    }

    private static Map<String, String> types(List<Column> columns) {
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach(column -> types.put(column.name(), column.type()));
        return types;
    }
}
