package io.sluice.sandbox.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * AWS's own service models, as botocore ships them: {@code <data>/<service>/<api-version>/service-2.json.gz}
 * (or {@code .json}). The newest API version of a service is used.
 *
 * <p>The data directory is the system property {@value #DATA_DIRECTORY_PROPERTY} when it is set; otherwise
 * {@code python3} is asked once where botocore is installed. Models are read once per data directory and
 * service and then shared; every method is safe to call from many threads. Failures to find or read a
 * model are {@link IllegalStateException}s that say what is missing and how to provide it.
 */
public final class ServiceModels {
    /** System property naming botocore's {@code data} directory, which skips asking {@code python3}. */
    public static final String DATA_DIRECTORY_PROPERTY = "sluice.botocore.data";

    private static final String MODEL_FILE = "service-2.json";
    private static final String HOW_TO_FIX = "install botocore (python3 -m pip install --upgrade botocore) or set -D"
            + DATA_DIRECTORY_PROPERTY + " to the data directory of a botocore installation";
    private static final Pattern SERVICE_FOLDER = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private static final Map<String, Path> PYTHON_BOTOCORE_DATA = new ConcurrentHashMap<>();
    private static final Map<Path, ServiceModel> MODELS = new ConcurrentHashMap<>();

    private ServiceModels() {}

    /** The model of {@code serviceName} (botocore's folder name, e.g. {@code sagemaker-runtime}). */
    public static ServiceModel forService(String serviceName) {
        return load(dataDirectory(), serviceName);
    }

    /** The model of {@code serviceName} under {@code dataDirectory}, read on first use and cached. */
    public static ServiceModel load(Path dataDirectory, String serviceName) {
        if (!SERVICE_FOLDER.matcher(serviceName).matches()) {
            throw new IllegalArgumentException("'" + serviceName + "' is not a botocore service folder name");
        }
        Path serviceDirectory = dataDirectory.resolve(serviceName).toAbsolutePath().normalize();
        return MODELS.computeIfAbsent(serviceDirectory, directory -> read(serviceName, directory));
    }

    /** botocore's {@code data} directory: from {@value #DATA_DIRECTORY_PROPERTY}, else from {@code python3}. */
    public static Path dataDirectory() {
        String configured = System.getProperty(DATA_DIRECTORY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return PYTHON_BOTOCORE_DATA.computeIfAbsent("python3", ServiceModels::askPython);
        }
        Path directory = Path.of(configured);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("-D" + DATA_DIRECTORY_PROPERTY + "=" + configured
                    + " is not a directory; point it at the data directory of a botocore installation");
        }
        return directory;
    }

    private static ServiceModel read(String serviceName, Path serviceDirectory) {
        Path modelFile = newestModelFile(serviceDirectory).orElseThrow(() -> new IllegalStateException(
                "no botocore model for service '" + serviceName + "': expected " + serviceDirectory
                        + "/<api-version>/" + MODEL_FILE + "[.gz]; " + HOW_TO_FIX + " that has it"));
        String apiVersion = modelFile.getParent().getFileName().toString();
        try (InputStream file = Files.newInputStream(modelFile);
                InputStream json = modelFile.toString().endsWith(".gz") ? new GZIPInputStream(file) : file) {
            JsonNode model = JSON.readTree(json);
            return ServiceModel.read(serviceName, apiVersion, model);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the botocore model " + modelFile + "; " + HOW_TO_FIX, e);
        }
    }

    private static Optional<Path> newestModelFile(Path serviceDirectory) {
        if (!Files.isDirectory(serviceDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(serviceDirectory)) {
            return versions.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path version) -> version.getFileName().toString()).reversed())
                    .flatMap(version -> Stream.of(version.resolve(MODEL_FILE + ".gz"), version.resolve(MODEL_FILE)))
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (IOException e) {
            throw new IllegalStateException("could not list " + serviceDirectory, e);
        }
    }

    private static Path askPython(String python) {
        List<String> command = List.of(python, "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find botocore's service models: could not run " + python
                    + " (" + e.getMessage() + "); " + HOW_TO_FIX, e);
        }
        String output;
        try {
            if (!process.waitFor(PYTHON_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cannot find botocore's service models: " + python
                        + " did not answer within " + PYTHON_TIMEOUT + "; " + HOW_TO_FIX);
            }
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + python + " where botocore is", e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the answer of " + python, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("cannot find botocore's service models: " + String.join(" ", command)
                    + " exited with " + process.exitValue() + ":\n" + output + "\n" + HOW_TO_FIX);
        }
        Path data = Path.of(output.lines().reduce((first, second) -> second).orElse("")).resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("cannot find botocore's service models: " + data
                    + " is not a directory; " + HOW_TO_FIX);
        }
        return data;
    }
}
