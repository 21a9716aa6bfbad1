package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code sagemaker.spark.manage_columns_0.1}: drop, rename, duplicate and move columns. */
final class ManageColumns {
    private ManageColumns() {}

    static Table apply(FlowNode node, Table table) {
        JsonNode parameters = node.parameters();
        String operator = node.text(parameters, "operator");
        return switch (operator) {
            case "Drop column" -> drop(node, table, node.columns(parameters.path("drop_column_parameters"), "column_to_drop"));
            case "Rename column" -> rename(node, table, parameters.path("rename_column_parameters"));
            case "Duplicate column" -> duplicate(node, table, parameters.path("duplicate_column_parameters"));
            case "Move column" -> move(node, table, parameters.path("move_column_parameters"));
            default -> throw FlowException.at(node, "manage columns operator '" + operator + "' is not supported in local mode");
        };
    }

    private static Table drop(FlowNode node, Table table, List<String> dropped) {
        List<Integer> keep = new ArrayList<>();
        dropped.forEach(column -> table.index(node, column));
        for (int i = 0; i < table.columns().size(); i++) {
            if (!dropped.contains(table.columns().get(i))) {
                keep.add(i);
            }
        }
        return select(table, keep);
    }

    private static Table rename(FlowNode node, Table table, JsonNode parameters) {
        int index = table.index(node, node.text(parameters, "input_column"));
        String newName = node.text(parameters, "new_name");
        if (table.columns().contains(newName)) {
            throw FlowException.at(node, "cannot rename to '" + newName + "': that column exists");
        }
        List<String> columns = new ArrayList<>(table.columns());
        columns.set(index, newName);
        return new Table(columns, table.rows());
    }

    private static Table duplicate(FlowNode node, Table table, JsonNode parameters) {
        int index = table.index(node, node.text(parameters, "input_column"));
        List<String> columns = new ArrayList<>(table.columns());
        columns.add(node.text(parameters, "new_name"));
        List<Object[]> rows = table.rows().stream().map(row -> {
            Object[] copy = Arrays.copyOf(row, row.length + 1);
            copy[row.length] = row[index];
            return copy;
        }).toList();
        return new Table(columns, rows);
    }

    private static Table move(FlowNode node, Table table, JsonNode parameters) {
        String moveType = node.text(parameters, "move_type");
        String key = switch (moveType) {
            case "Move to start" -> "move_to_start_parameters";
            case "Move to end" -> "move_to_end_parameters";
            case "Move to index" -> "move_to_index_parameters";
            case "Move after" -> "move_after_parameters";
            case "Move before" -> "move_before_parameters";
            default -> throw FlowException.at(node, "move type '" + moveType + "' is not supported in local mode");
        };
        JsonNode moveParameters = parameters.path(key);
        List<String> moved = node.columns(moveParameters, "column_to_move");
        moved.forEach(column -> table.index(node, column));
        List<String> rest = new ArrayList<>(table.columns());
        rest.removeAll(moved);
        int at = switch (moveType) {
            case "Move to start" -> 0;
            case "Move to end" -> rest.size();
            case "Move to index" -> {
                int index = moveParameters.path("index").asInt(-1);
                if (index < 0 || index > rest.size()) {
                    throw FlowException.at(node, "index " + index + " is outside 0.." + rest.size());
                }
                yield index;
            }
            default -> {
                String target = node.text(moveParameters, "target_column");
                int targetIndex = rest.indexOf(target);
                if (targetIndex < 0) {
                    throw FlowException.at(node, "no target column '" + target + "'");
                }
                yield moveType.equals("Move after") ? targetIndex + 1 : targetIndex;
            }
        };
        List<String> order = new ArrayList<>(rest);
        order.addAll(at, moved);
        List<Integer> indexes = order.stream().map(column -> table.columns().indexOf(column)).toList();
        return select(table, indexes);
    }

    static Table select(Table table, List<Integer> indexes) {
        List<String> columns = indexes.stream().map(table.columns()::get).toList();
        List<Object[]> rows = table.rows().stream().map(row -> {
            Object[] selected = new Object[indexes.size()];
            for (int i = 0; i < selected.length; i++) {
                selected[i] = row[indexes.get(i)];
            }
            return selected;
        }).toList();
        return new Table(columns, rows);
    }
}
