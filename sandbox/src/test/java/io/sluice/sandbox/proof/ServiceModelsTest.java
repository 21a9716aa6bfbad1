package io.sluice.sandbox.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.PatternSyntaxException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceModelsTest {

    private static String model(String operation) {
        return """
                {"metadata": {"protocol": "json"},
                 "operations": {"%1$s": {"name": "%1$s", "input": {"shape": "%1$sInput"}}},
                 "shapes": {"%1$sInput": {"type": "structure", "required": ["Name"],
                                          "members": {"Name": {"shape": "Name", "locationName": "name"}}},
                            "Name": {"type": "string", "min": 1, "max": 8, "pattern": "[a-z]+"}}}
                """.formatted(operation);
    }

    private static void writePlain(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private static void writeGzip(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void load_readsTheNewestApiVersionWhetherGzippedOrPlain(@TempDir Path data) throws IOException {
        writePlain(data.resolve("widgets/2012-01-01/service-2.json"), model("OldOperation"));
        writeGzip(data.resolve("widgets/2021-06-30/service-2.json.gz"), model("NewOperation"));
        writePlain(data.resolve("gadgets/2019-01-01/service-2.json"), model("PlainOperation"));

        ServiceModel widgets = ServiceModels.load(data, "widgets");
        ServiceModel gadgets = ServiceModels.load(data, "gadgets");

        assertThat(widgets.apiVersion()).isEqualTo("2021-06-30");
        Shape input = widgets.inputShape("NewOperation").orElseThrow();
        assertThat(input.required()).containsExactly("Name");
        assertThat(input.members().get("Name")).isEqualTo(new Shape.Member("Name", "Name", "name"));
        Shape name = widgets.shape("Name");
        assertThat(name.pattern()).hasValue("[a-z]+");
        assertThat(name.max()).hasValueSatisfying(max -> assertThat(max.intValueExact()).isEqualTo(8));
        assertThatThrownBy(() -> widgets.inputShape("OldOperation"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("widgets 2021-06-30 has no operation OldOperation");
        assertThat(gadgets.inputShape("PlainOperation")).isPresent();
    }

    @Test
    void load_missingService_namesTheExpectedFileAndTheFix(@TempDir Path data) {
        assertThatThrownBy(() -> ServiceModels.load(data, "nosuchservice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no botocore model for service 'nosuchservice'")
                .hasMessageContaining(data.resolve("nosuchservice") + "/<api-version>/service-2.json[.gz]")
                .hasMessageContaining("pip install --upgrade botocore")
                .hasMessageContaining("-D" + ServiceModels.DATA_DIRECTORY_PROPERTY);
    }

    @Test
    void load_fromManyThreadsAtOnce_givesEveryoneTheSameModel(@TempDir Path data) throws Exception {
        writeGzip(data.resolve("widgets/2021-06-30/service-2.json.gz"), model("NewOperation"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ServiceModel>> loads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                loads.add(() -> ServiceModels.load(data, "widgets"));
            }
            ServiceModel first = ServiceModels.load(data, "widgets");
            for (Future<ServiceModel> load : threads.invokeAll(loads)) {
                assertThat(load.get()).isSameAs(first);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void forService_findsTheInstalledBotocoreModels() {
        ServiceModel sagemaker = ServiceModels.forService("sagemaker");

        assertThat(sagemaker.apiVersion()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(sagemaker.inputShape("CreateModel").orElseThrow().required()).contains("ModelName");
        assertThat(ServiceModels.forService("sagemaker")).isSameAs(sagemaker);
    }

    @Test
    void load_refusesAServiceNameThatIsNotAFolderName(@TempDir Path data) {
        assertThatThrownBy(() -> ServiceModels.load(data, "../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc' is not a botocore service folder name");
    }

    @Test
    void patternsOfEveryMappedService_compileInJava() {
        List<String> failures = new ArrayList<>();
        int patterns = 0;
        for (String folder : BotocoreServiceNames.folders()) {
            ServiceModel model = ServiceModels.forService(folder);
            for (Shape shape : model.shapes()) {
                if (shape.pattern().isEmpty()) {
                    continue;
                }
                patterns++;
                try {
                    model.pattern(shape);
                } catch (PatternSyntaxException e) {
                    failures.add(folder + " " + shape.name() + ": " + e.getMessage());
                }
            }
        }

        assertThat(patterns).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }
}
