package io.sluice.workflows.dataproduct;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column of a table's contract. A spec's columns are checked further by {@link DataProductSpec}
 * (Glue names, known types); a column read from the catalog is taken as the catalog has it.
 *
 * @param name the column's name
 * @param type a Hive type as Glue stores it, e.g. {@code string}, {@code bigint}, {@code decimal(10,2)},
 *     {@code array<string>}; kept in lowercase
 */
public record Column(String name, String type) {
    private static final Pattern PRIMITIVE = Pattern.compile(
            "tinyint|smallint|int|integer|bigint|float|double|boolean|string|date|timestamp|binary"
                    + "|decimal(\\(\\d{1,2}, ?\\d{1,2}\\))?|char\\(\\d{1,3}\\)|varchar\\(\\d{1,5}\\)");
    private static final Pattern COMPLEX = Pattern.compile("(array|map|struct)<.+>");

    public Column {
        name = ProductSpecs.text(name, "");
        type = ProductSpecs.text(type, "").toLowerCase(Locale.ROOT);
    }

    /** Whether {@link #type} is a Hive type Glue tables use. */
    boolean hasKnownType() {
        return PRIMITIVE.matcher(type).matches() || COMPLEX.matcher(type).matches();
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
