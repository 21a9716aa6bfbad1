package io.sluice.starter.dataproduct;

import picocli.CommandLine.Command;

/** {@code sluice data-product}: data products in the governance catalog. */
@Command(name = "data-product", description = "Register data products and show what the catalog holds for them.",
        subcommands = {RegisterDataProductCommand.class, ShowDataProductCommand.class})
public final class DataProductCommand {}
