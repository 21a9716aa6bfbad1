package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code sagemaker.spark.featurize_text_0.1} / Vectorize: tokenize a text column and count its
 * terms against a vocabulary, optionally weighted by inverse document frequency, into a vector
 * column (see {@link Vectors}). The vocabulary and IDF weights come from the models Data Wrangler
 * fitted when the step was defined, and are fitted on the data only when the flow has none, as
 * Spark's CountVectorizer and IDF fit them. The Standard tokenizer lower-cases and splits on
 * whitespace (Spark's Tokenizer); Custom is Spark's RegexTokenizer. A missing text gives a missing
 * vector. The vectors go to {@code output_column}, by default {@code <input column>_features},
 * after the last column. Hashing vectorizers and column output are refused.
 */
final class FeaturizeText {
    private FeaturizeText() {}

    static Optional<String> unsupported(JsonNode parameters) {
        JsonNode vectorize = parameters.path("vectorize_parameters");
        String vectorizer = vectorize.path("vectorizer").asText("Count Vectorizer");
        if (!vectorizer.equals("Count Vectorizer")) {
            return Optional.of("vectorizer '" + vectorizer + "' is not supported in local mode; it runs Count Vectorizer");
        }
        String format = vectorize.path("output_format").asText("Vector");
        if (!format.equals("Vector")) {
            return Optional.of("output_format '" + format + "' is not supported in local mode; it writes Vector");
        }
        return Optional.empty();
    }

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        if (!operator.equals("Vectorize")) {
            throw FlowException.at(node, "featurize text transform '" + operator + "' is not supported in local mode; it runs [Vectorize]");
        }
        unsupported(node.parameters()).ifPresent(problem -> {
            throw FlowException.at(node, problem);
        });
        JsonNode parameters = node.parameters().path("vectorize_parameters");
        String column = node.text(parameters, "input_column");
        List<Object> texts = table.column(table.index(node, column));
        List<List<String>> documents = new ArrayList<>(texts.size());
        texts.forEach(text -> documents.add(text == null ? null : tokenize(node, parameters, Table.text(text))));
        JsonNode counting = parameters.path("vectorizer_count_vectorizer_parameters");
        List<String> vocabulary = TrainedModel.at(node, "vectorize_parameters", "vectorizer_model")
                .map(model -> model.list(node, "vocabulary").stream().map(term -> term == null ? "" : term.toString()).toList())
                .orElseGet(() -> fitVocabulary(documents, counting));
        Map<String, Integer> indices = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            indices.putIfAbsent(vocabulary.get(i), i);
        }
        double minimumTermFrequency = counting.path("minimum_term_frequency").asDouble(1);
        boolean binary = counting.path("binarize_count").asBoolean(false);
        List<double[]> counts = new ArrayList<>(documents.size());
        for (List<String> document : documents) {
            counts.add(document == null ? null : count(document, indices, vocabulary.size(), minimumTermFrequency, binary));
        }
        if (parameters.path("apply_idf").asText("No").equals("Yes")) {
            double[] weights = TrainedModel.at(node, "vectorize_parameters", "idf_model")
                    .map(model -> model.vector(node, "idf").stream().mapToDouble(Double::doubleValue).toArray())
                    .orElseGet(() -> fitIdf(counts, vocabulary.size(), parameters.path("apply_idf_yes_parameters").path("minimum_document_frequency").asInt(0)));
            counts.forEach(vector -> {
                for (int i = 0; vector != null && i < vector.length && i < weights.length; i++) {
                    vector[i] *= weights[i];
                }
            });
        }
        List<Object> vectors = new ArrayList<>(counts.size());
        counts.forEach(vector -> vectors.add(vector == null ? null : Vectors.text(vector)));
        String output = parameters.path("output_column").asText("");
        return table.withColumn(output.isEmpty() ? column + "_features" : output, vectors);
    }

    private static List<String> tokenize(FlowNode node, JsonNode parameters, String text) {
        if (parameters.path("tokenizer").asText("Standard").equals("Standard")) {
            return List.of(text.toLowerCase(Locale.ROOT).split("\\s"));
        }
        JsonNode custom = parameters.path("tokenizer_custom_parameters");
        Pattern pattern = Pattern.compile(custom.path("pattern").asText("\\s+"));
        boolean gaps = custom.path("gaps").asBoolean(true);
        int minimumLength = custom.path("minimum_token_length").asInt(1);
        String input = custom.path("lowercase").asBoolean(true) ? text.toLowerCase(Locale.ROOT) : text;
        List<String> tokens = new ArrayList<>();
        if (gaps) {
            tokens.addAll(List.of(pattern.split(input)));
        } else {
            pattern.matcher(input).results().forEach(match -> tokens.add(match.group()));
        }
        return tokens.stream().filter(token -> token.length() >= minimumLength).toList();
    }

    private static double[] count(List<String> document, Map<String, Integer> indices, int size, double minimumTermFrequency, boolean binary) {
        double[] vector = new double[size];
        for (String token : document) {
            Integer index = indices.get(token);
            if (index != null) {
                vector[index]++;
            }
        }
        double threshold = minimumTermFrequency >= 1 ? minimumTermFrequency : minimumTermFrequency * document.size();
        for (int i = 0; i < size; i++) {
            if (vector[i] < threshold) {
                vector[i] = 0;
            } else if (binary && vector[i] > 0) {
                vector[i] = 1;
            }
        }
        return vector;
    }

    /** Spark's CountVectorizer fit: terms in enough (and not too many) documents, most frequent overall first, at most the vocabulary size. */
    private static List<String> fitVocabulary(List<List<String>> documents, JsonNode parameters) {
        long documentCount = documents.stream().filter(document -> document != null).count();
        double minimumDf = parameters.path("minimum_document_frequency").asDouble(1);
        double maximumDf = parameters.path("maximum_document_frequency").asDouble(Double.MAX_VALUE);
        int maximumSize = parameters.path("maximum_vocabulary_size").asInt(262144);
        Map<String, Long> termCounts = new HashMap<>();
        Map<String, Long> documentFrequencies = new HashMap<>();
        for (List<String> document : documents) {
            if (document == null) {
                continue;
            }
            document.forEach(token -> termCounts.merge(token, 1L, Long::sum));
            new HashSet<>(document).forEach(token -> documentFrequencies.merge(token, 1L, Long::sum));
        }
        double minimum = minimumDf >= 1 ? minimumDf : minimumDf * documentCount;
        double maximum = maximumDf >= 1 ? maximumDf : maximumDf * documentCount;
        return termCounts.entrySet().stream()
                .filter(term -> documentFrequencies.get(term.getKey()) >= minimum && documentFrequencies.get(term.getKey()) <= maximum)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(maximumSize)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Spark's IDF fit: log((documents + 1) / (documents with the term + 1)), 0 below the minimum document frequency. */
    private static double[] fitIdf(List<double[]> counts, int size, int minimumDocumentFrequency) {
        long documents = counts.stream().filter(vector -> vector != null).count();
        double[] weights = new double[size];
        for (int i = 0; i < size; i++) {
            int index = i;
            long containing = counts.stream().filter(vector -> vector != null && vector[index] > 0).count();
            weights[i] = containing >= minimumDocumentFrequency ? Math.log((documents + 1.0) / (containing + 1.0)) : 0;
        }
        return weights;
    }
}
