package dev.secrets.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.SecretConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads configuration files: JSON always, YAML when jackson-dataformat-yaml is on the class path.
 * Error messages show the file and the line, never the file's content, because the file may
 * contain secrets.
 */
public final class ConfigFiles {

    /** Largest configuration file read, in bytes. */
    static final long MAX_FILE_SIZE = 4L * 1024 * 1024;

    private ConfigFiles() {
    }

    /** Reads {@code path} into a tree of maps, lists and scalars. */
    public static Map<String, Object> read(Path path) {
        String fileName = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = fileName.endsWith(".yaml") || fileName.endsWith(".yml");
        byte[] content = readBytes(path);
        ObjectMapper mapper = yaml ? yamlMapper(path) : new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A duplicate key would silently drop the first value, and with it possibly a secret.
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Object tree;
        try {
            tree = mapper.readValue(content, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            String problem = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? " (a key appears twice in one map; keys must be unique)" : "";
            throw new SecretConfigurationException("Invalid " + (yaml ? "YAML" : "JSON") + " in configuration file "
                    + path + where + problem + ". Fix the syntax there.");
        } catch (IOException e) {
            throw new SecretConfigurationException("Cannot read configuration file " + path + ": " + e.getClass().getSimpleName(), e);
        }
        if (!(tree instanceof Map)) {
            throw new SecretConfigurationException("Configuration file " + path
                    + " must contain a map with the key 'stores' at the top level.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
    }

    /** Returns the {@code stores} list of a configuration tree, rejecting unknown top-level keys. */
    public static List<Map<String, Object>> stores(Map<String, Object> tree, Path source) {
        for (String key : tree.keySet()) {
            if (!"stores".equals(key)) {
                throw new SecretConfigurationException("Unknown top-level key '" + key + "' in " + source
                        + ". The only top-level key is 'stores'.");
            }
        }
        Object stores = tree.get("stores");
        if (!(stores instanceof List)) {
            throw new SecretConfigurationException("Configuration file " + source
                    + " must have 'stores' as a list of store configurations.");
        }
        List<?> list = (List<?>) stores;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw new SecretConfigurationException("Invalid configuration at stores[" + i + "] in " + source
                        + ": expected a map with at least 'type'.");
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> typed = (List<Map<String, Object>>) list;
        return typed;
    }

    private static byte[] readBytes(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_SIZE) {
                throw new SecretConfigurationException("Configuration file " + path + " has " + size
                        + " bytes; the maximum is " + MAX_FILE_SIZE + ".");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SecretConfigurationException("Configuration file " + path + " does not exist.", e);
        } catch (IOException e) {
            throw new SecretConfigurationException("Cannot read configuration file " + path + ": " + e, e);
        }
    }

    private static ObjectMapper yamlMapper(Path path) {
        try {
            Class.forName("com.fasterxml.jackson.dataformat.yaml.YAMLFactory", false, ConfigFiles.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SecretConfigurationException("Configuration file " + path + " is YAML, but YAML support is not on "
                    + "the class path. Add com.fasterxml.jackson.dataformat:jackson-dataformat-yaml, or use JSON.");
        }
        return YamlMappers.create();
    }
}
