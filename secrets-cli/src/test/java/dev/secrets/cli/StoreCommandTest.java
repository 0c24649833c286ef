package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.FileSecretStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands on the embedded default, which has no platform to manage stores. */
class StoreCommandTest {

    @TempDir
    Path temp;

    private Path home;
    private CliRun cli;

    @BeforeEach
    void setUp() {
        home = temp.resolve("secrets-home");
        cli = new CliRun(home);
    }

    @Test
    void listShowsBuiltInStoreAsDefault() {
        CliRun.Result result = cli.run("secret", "store", "list");

        assertEquals(0, result.status(), result::toString);
        assertEquals(List.of("ID       NAME     TYPE      DEFAULT", "default  default  built-in  yes"),
                List.of(result.out().split("\n")));
    }

    @Test
    void listJsonIncludesOtherFileStores() throws Exception {
        FileSecretStore.builder().directory(home).storeName("team").build()
                .add(dev.secrets.SecretName.of("x"), new byte[] {1}).join();

        CliRun.Result result = cli.run("secret", "store", "list", "--json");

        JsonNode stores = new ObjectMapper().readTree(result.out());
        assertEquals(0, result.status(), result::toString);
        assertEquals(2, stores.size());
        assertEquals("default", stores.get(0).get("id").asText());
        assertTrue(stores.get(0).get("is_default").asBoolean());
        assertEquals("team", stores.get(1).get("id").asText());
        assertEquals("file", stores.get(1).get("type").asText());
    }

    @Test
    void addAwsNeedsPlatform() {
        CliRun.Result result = cli.run("secret", "store", "add", "aws", "--region=eu-west-1",
                "--assumed-role-arn=arn:aws:iam::123456789012:role/read");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("'secret store add' manages the stores of a platform workspace and needs "
                + "one: pass --endpoint"), result::toString);
    }

    @Test
    void addAwsRequiresRegionAndRole() {
        CliRun.Result result = cli.run("secret", "store", "add", "aws", "--region=eu-west-1");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("Missing required option: '--assumed-role-arn=ARN'"), result::toString);
    }

    @Test
    void setDefaultNeedsPlatform() {
        CliRun.Result result = cli.run("secret", "store", "set-default", "default");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("'secret store set-default' manages the stores"), result::toString);
    }

    @Test
    void deleteNeedsPlatform() {
        CliRun.Result result = cli.run("secret", "store", "delete", "st-1");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("'secret store delete' manages the stores"), result::toString);
    }

    @Test
    void platformEndpointRequiresUserKey() {
        CliRun.Result result = cli.env("SECRETS_PLATFORM_ENDPOINT", "http://127.0.0.1:9/api")
                .run("secret", "list");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("--user-key is required: pass --user-key or set SECRETS_USER_KEY"),
                result::toString);
    }
}
