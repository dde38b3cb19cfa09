package io.perfgate.config;

import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/** Resolves ${VAR} from a given environment, so that loading is the same in tests and runs. */
final class EnvironmentResolver implements ConfigResolver {
  private final Map<String, String> environment;

  EnvironmentResolver(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public ConfigValue lookup(String path) {
    String value = environment.get(path);
    return value == null
        ? null
        : ConfigValueFactory.fromAnyRef(value, "environment variable " + path);
  }

  @Override
  public ConfigResolver withFallback(ConfigResolver fallback) {
    return this;
  }
}
