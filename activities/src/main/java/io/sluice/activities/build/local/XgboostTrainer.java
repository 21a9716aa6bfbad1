package io.sluice.activities.build.local;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains XGBoost on the worker with the built-in algorithm's hyperparameters ({@code num_round}
 * and XGBoost's own parameters), and reports metrics named as SageMaker's XGBoost reports them
 * ({@code train:auc}, {@code validation:auc}, …). The model is saved as XGBoost JSON, which every
 * XGBoost from 1.0 on loads whatever the file is called.
 */
public final class XgboostTrainer {
    private XgboostTrainer() {}

    /** A trained model: its bytes (XGBoost JSON) and metrics on the train and validation channels. */
    public record TrainedModel(byte[] model, Map<String, Double> metrics) {}

    public static TrainedModel train(Map<String, String> hyperparameters, LabeledData train, LabeledData validation) {
        if (train.columns() != validation.columns()) {
            throw new IllegalArgumentException("train has " + train.columns() + " feature columns but validation has "
                    + validation.columns() + "; both channels must come from the same flow output schema");
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("objective", "binary:logistic");
        parameters.put("seed", "0");
        parameters.put("nthread", "1");
        hyperparameters.forEach((key, value) -> {
            if (!key.equals("num_round")) {
                parameters.put(key, value);
            }
        });
        int rounds = rounds(hyperparameters.getOrDefault("num_round", "100"));
        try {
            DMatrix trainMatrix = matrix(train);
            DMatrix validationMatrix = matrix(validation);
            try {
                Booster booster = XGBoost.train(trainMatrix, parameters, rounds, Map.of(), null, null);
                try {
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    String objective = String.valueOf(parameters.get("objective"));
                    addMetrics(metrics, "train", objective, train.labels(), predict(booster, trainMatrix));
                    addMetrics(metrics, "validation", objective, validation.labels(), predict(booster, validationMatrix));
                    return new TrainedModel(booster.toByteArray("json"), metrics);
                } finally {
                    booster.dispose();
                }
            } finally {
                trainMatrix.dispose();
                validationMatrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("XGBoost refused the training: " + e.getMessage(), e);
        }
    }

    /** Scores {@code data} with a model saved by {@link #train}. */
    public static float[] score(byte[] model, LabeledData data) {
        try {
            Booster booster = XGBoost.loadModel(model);
            DMatrix matrix = matrix(data);
            try {
                return predict(booster, matrix);
            } finally {
                matrix.dispose();
                booster.dispose();
            }
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalArgumentException("the model cannot score the data: " + e.getMessage(), e);
        }
    }

    private static void addMetrics(Map<String, Double> metrics, String channel, String objective, float[] labels, float[] scores) {
        if (objective.startsWith("binary:")) {
            metrics.put(channel + ":auc", Metrics.auc(labels, scores));
            metrics.put(channel + ":error", Metrics.error(labels, scores));
            metrics.put(channel + ":logloss", Metrics.logloss(labels, scores));
        } else {
            metrics.put(channel + ":rmse", Metrics.rmse(labels, scores));
        }
    }

    private static DMatrix matrix(LabeledData data) throws XGBoostError {
        DMatrix matrix = new DMatrix(data.features(), data.rows(), data.columns(), Float.NaN);
        matrix.setLabel(data.labels());
        return matrix;
    }

    private static float[] predict(Booster booster, DMatrix matrix) throws XGBoostError {
        float[][] predictions = booster.predict(matrix);
        float[] scores = new float[predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            scores[i] = predictions[i][0];
        }
        return scores;
    }

    private static int rounds(String value) {
        try {
            int rounds = Integer.parseInt(value.strip());
            if (rounds < 1 || rounds > 100_000) {
                throw new NumberFormatException();
            }
            return rounds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter num_round is '" + value + "'; expected a whole number from 1 to 100000");
        }
    }
}
