package io.sluice.starter.specs;

import io.sluice.client.config.ConfigException;
import io.sluice.client.config.SluiceConfig;
import io.sluice.workflows.build.BuildSpec;
import io.sluice.workflows.build.CatalogTable;
import io.sluice.workflows.dataproduct.DataProductSpec;
import io.sluice.workflows.deployment.DeploymentSpec;
import io.sluice.workflows.promotion.PromotionSpec;
import io.sluice.workflows.promotion.SourceAccounts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account aliases a spec names, each checked against the config's accounts before a run
 * starts: a misspelt alias ({@code account: devv}) is bad input the CLI can name, not a step
 * the run would retry.
 */
public final class SpecAccounts {
    private SpecAccounts() {}

    /** Fails naming the file, the field and the config's aliases when {@code spec} names an account {@code config} lacks. */
    public static void requireKnown(SluiceConfig config, Path file, BuildSpec spec) {
        requireKnown(config, file, of(spec, ""));
        requireBuildAccountAsSource(file, spec, "");
    }

    public static void requireKnown(SluiceConfig config, Path file, PromotionSpec spec) {
        requireKnown(config, file, of(spec, ""));
    }

    public static void requireKnown(SluiceConfig config, Path file, DeploymentSpec spec) {
        requireKnown(config, file, of(spec, ""));
    }

    public static void requireKnown(SluiceConfig config, Path file, DataProductSpec spec) {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("producerAccount", spec.producerAccount());
        aliases.put("governanceAccount", spec.governanceAccount());
        for (int i = 0; i < spec.consumers().size(); i++) {
            aliases.put("consumers[" + i + "].account", spec.consumers().get(i).account());
        }
        if (spec.retrain() != null) {
            aliases.putAll(of(spec.retrain(), "retrain."));
            requireBuildAccountAsSource(file, spec.retrain(), "retrain.");
        }
        requireKnown(config, file, aliases);
    }

    static Map<String, String> of(BuildSpec spec, String prefix) {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(prefix + "account", spec.account());
        spec.inputs().forEach((name, uri) -> CatalogTable.parse(uri, spec.account())
                .ifPresent(table -> aliases.put(prefix + "inputs." + name + " (?account=)", table.account())));
        if (spec.promotion() != null) {
            aliases.putAll(of(spec.promotion(), prefix + "promotion."));
        }
        return aliases;
    }

    static Map<String, String> of(PromotionSpec spec, String prefix) {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(prefix + "sourceAccount", spec.sourceAccount());
        aliases.put(prefix + "targetAccount", spec.targetAccount());
        for (int i = 0; i < spec.pullAccounts().size(); i++) {
            aliases.put(prefix + "pullAccounts[" + i + "]", spec.pullAccounts().get(i));
        }
        if (spec.deployment() != null) {
            aliases.putAll(of(spec.deployment(), prefix + "deployment."));
        }
        return aliases;
    }

    static Map<String, String> of(DeploymentSpec spec, String prefix) {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(prefix + "sharedAccount", spec.sharedAccount());
        aliases.put(prefix + "test.account", spec.test().account());
        aliases.put(prefix + "prod.account", spec.prod().account());
        return aliases;
    }

    /**
     * Refuses a promotion of {@code packageArn} the worker would refuse: the config must name the
     * account the ARN is in, and {@code spec.sourceAccount}, when given, must be its alias.
     *
     * @throws ConfigException naming the file and the field otherwise
     */
    public static void requireSourceAccount(SluiceConfig config, Path file, PromotionSpec spec, String packageArn) {
        try {
            SourceAccounts.of(config.accountIds(), "sourceAccount", spec.sourceAccount(), packageArn);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** A build's promotion reads the package the build registers, so its sourceAccount, when given, is the build's account. */
    private static void requireBuildAccountAsSource(Path file, BuildSpec spec, String prefix) {
        if (spec.promotion() != null && !spec.promotion().sourceAccount().isEmpty()
                && !spec.promotion().sourceAccount().equals(spec.account())) {
            throw new ConfigException(file + ": " + prefix + "promotion.sourceAccount '" + spec.promotion().sourceAccount()
                    + "' is not the build's account '" + spec.account() + "': the promotion reads the package the build registers "
                    + "there; leave " + prefix + "promotion.sourceAccount out");
        }
    }

    private static void requireKnown(SluiceConfig config, Path file, Map<String, String> aliases) {
        aliases.forEach((field, alias) -> {
            if (alias != null && !alias.isEmpty() && !config.accounts().containsKey(alias)) {
                throw new ConfigException(file + ": " + field + " '" + alias + "' is not an account of the config; expected one of "
                        + config.accounts().keySet());
            }
        });
    }
}
