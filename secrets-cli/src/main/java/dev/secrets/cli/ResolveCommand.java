package dev.secrets.cli;

import dev.secrets.FileSecretStore;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.StoreConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secrets resolve}: resolves references through a chain of stores, as a node would, and
 * prints where each was found. Values are printed only with {@code --reveal}.
 */
@Command(name = "resolve", description = {"Resolves secret references through the configured chain of stores.",
    "With --config, the chain is the stores of that file. Otherwise it is the environment (variables "
            + "SECRETS__<KEY>, where KEY is the name upper-cased with - as _), then the embedded default store.",
    "Prints each reference with the store that had it and *** in place of the value."})
final class ResolveCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REFERENCE", arity = "1..*", description = "Selects a secret: a name, or "
            + "name:field for a field of a JSON object.")
    List<String> references;

    @Option(names = "--config", paramLabel = "FILE", description = "Sets the JSON or YAML file with the "
            + "'stores' list to resolve through. By default, the environment and then the embedded default store.")
    Path config;

    @Option(names = "--reveal", description = "Prints only the values, one per line in the order given, for "
            + "scripts. If any reference fails, prints no value at all.")
    boolean reveal;

    @Override
    public Integer call() throws IOException {
        List<SecretReference> parsed = new ArrayList<>();
        for (String reference : references) {
            parsed.add(SecretReference.parse(reference));
        }
        try (Secrets secrets = openChain()) {
            diagnostic("resolving through " + secrets);
            Map<SecretReference, SecretLookup> results = secrets.lookupAll(parsed);
            try {
                return print(parsed, results);
            } finally {
                results.values().stream().filter(SecretLookup::isFound).forEach(lookup -> lookup.value().close());
            }
        }
    }

    private Secrets openChain() {
        Secrets.Builder builder = Secrets.builder().environment(context().environment());
        if (config != null) {
            return builder.config(config).build();
        }
        Path home = context().secretsHome();
        return builder.store(StoreConfig.builder("env").build())
                .store(StoreConfig.builder("file").name(FileSecretStore.DEFAULT_STORE_NAME)
                        .option("directory", home.toString()).build())
                .build();
    }

    private int print(List<SecretReference> parsed, Map<SecretReference, SecretLookup> results) throws IOException {
        boolean failed = false;
        for (SecretReference reference : parsed) {
            SecretLookup lookup = results.get(reference);
            if (!lookup.isFound()) {
                failed = true;
                context().err().println("error: " + reference + ": " + lookup.failure().getMessage());
            }
        }
        if (reveal) {
            if (!failed) {
                printValues(parsed, results);
            }
        } else {
            for (SecretReference reference : parsed) {
                SecretLookup lookup = results.get(reference);
                if (lookup.isFound()) {
                    String store = lookup.value().store().orElse("?");
                    context().out().println(reference + "\t" + store + "\t***");
                }
            }
        }
        return failed ? 1 : 0;
    }

    /** Writes the raw bytes of each value and a newline, so binary values pass through unchanged. */
    private void printValues(List<SecretReference> parsed, Map<SecretReference, SecretLookup> results)
            throws IOException {
        context().out().flush();
        OutputStream raw = context().rawOut();
        for (SecretReference reference : parsed) {
            try (SecretValue value = results.get(reference).value()) {
                byte[] bytes = value.asBytes();
                raw.write(bytes);
                raw.write('\n');
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        }
        raw.flush();
    }
}
