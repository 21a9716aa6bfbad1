package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Custom code steps (Python with pandas, Python with PySpark) run as Data Wrangler runs them: the
 * step's table is the variable {@code df}, and what the code leaves in {@code df} is the step's
 * output. The code runs in a Python process of its own, found as {@code $SLUICE_PYTHON}, else the
 * first of {@code python3} and {@code /usr/bin/python3} that imports pandas (Debian's
 * {@code python3-pandas}). PySpark code needs {@code pyspark} importable by that interpreter.
 * Each step may run for {@link #STEP_LIMIT_MINUTES} minutes.
 */
final class CustomCode {
    static final int STEP_LIMIT_MINUTES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");
    private static final Map<String, Optional<String>> INTERPRETERS = new ConcurrentHashMap<>();

    private CustomCode() {}

    /** Why local mode cannot run {@code language} code here, if it cannot. */
    static Optional<String> unavailable(String language) {
        if (interpreter("pandas").isEmpty()) {
            return Optional.of(language + " code needs Python 3 with pandas; none found (set SLUICE_PYTHON, or install Debian's python3-pandas)");
        }
        if (language.equals("PySpark") && interpreter("pyspark").isEmpty()) {
            return Optional.of("PySpark code needs pyspark, which no Python here imports (pip install pyspark, then set SLUICE_PYTHON)");
        }
        return Optional.empty();
    }

    /** The table {@code code} leaves in {@code df}, given {@code table} in it. */
    static Table run(FlowNode node, Table table, String language, String code) {
        unavailable(language).ifPresent(reason -> {
            throw FlowException.at(node, reason);
        });
        String python = interpreter(language.equals("PySpark") ? "pyspark" : "pandas").orElseThrow();
        ObjectNode request = JSON.createObjectNode();
        request.put("language", language.equals("PySpark") ? "pyspark" : "pandas");
        request.put("code", code);
        request.set("columns", JSON.valueToTree(table.columns()));
        request.set("rows", JSON.valueToTree(table.rows()));
        Path script = script();
        Path stderr = null;
        try {
            stderr = Files.createTempFile("sluice-custom-code-", ".log");
            Process process = new ProcessBuilder(python, script.toString()).redirectError(stderr.toFile()).start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (var input = process.getOutputStream()) {
                JSON.writeValue(input, request);
            }
            if (!process.waitFor(STEP_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw FlowException.at(node, "its " + language + " code ran longer than " + STEP_LIMIT_MINUTES + " minutes and was stopped");
            }
            if (process.exitValue() != 0) {
                throw FlowException.at(node, "its " + language + " code failed: " + lastLines(Files.readString(stderr)));
            }
            return table(node, JSON.readTree(stdout.join()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + python + " for node " + node.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowException.at(node, "interrupted while its " + language + " code ran");
        } finally {
            delete(stderr);
            delete(script);
        }
    }

    private static Table table(FlowNode node, JsonNode result) {
        List<String> columns = new ArrayList<>();
        result.path("columns").forEach(column -> columns.add(column.asText()));
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode row : result.path("rows")) {
            if (row.size() != columns.size()) {
                throw FlowException.at(node, "its code returned a row of " + row.size() + " values for " + columns.size() + " columns");
            }
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(row.get(i));
            }
            rows.add(values);
        }
        return new Table(columns, rows);
    }

    private static Object value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The interpreter that imports {@code module}, probed once per process. */
    private static Optional<String> interpreter(String module) {
        return INTERPRETERS.computeIfAbsent(module, key -> {
            String configured = System.getenv("SLUICE_PYTHON");
            List<String> candidates = configured == null || configured.isBlank() ? CANDIDATES : List.of(configured);
            return candidates.stream().filter(python -> imports(python, key)).findFirst();
        });
    }

    private static boolean imports(String python, String module) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path script() {
        try (InputStream source = CustomCode.class.getResourceAsStream("custom_code.py")) {
            if (source == null) {
                throw new IllegalStateException("custom_code.py is missing from the activities jar");
            }
            Path script = Files.createTempFile("sluice-custom-code-", ".py");
            Files.write(script, source.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the custom code runner", e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the custom code's output", e);
        }
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 6), lines.length));
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
