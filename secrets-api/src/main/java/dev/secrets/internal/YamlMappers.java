package dev.secrets.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Creates YAML mappers; loaded only after the YAML module was found on the class path. */
final class YamlMappers {

    private YamlMappers() {
    }

    static ObjectMapper create() {
        return new ObjectMapper(new YAMLFactory());
    }
}
