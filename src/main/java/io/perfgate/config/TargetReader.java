package io.perfgate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.target.Guard;
import io.perfgate.target.Redactor;
import io.perfgate.target.Target;
import io.perfgate.target.Tls;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code target} section: where load goes, the headers sent with every request, the
 * production guard, TLS, and the run's secrets. Secrets come from environment variables or files,
 * never from a committed configuration file.
 */
final class TargetReader {
  /** Header names whose values are credentials: never written in a file, always masked. */
  private static final Pattern SENSITIVE =
      Pattern.compile(
          "(?i).*(authorization|cookie|token|api[-_]?key|secret|password|passwd|credential|session).*");

  /** "Bearer abc", "Basic abc": the credential after the scheme is a secret on its own too. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][\\w-]*\\s+(\\S.*)$");

  private static final String HOW =
      "a value from the environment, e.g. Authorization = \"Bearer \"${API_TOKEN} with API_TOKEN"
          + " exported before the run, or from a file named in target.secretFiles";

  private TargetReader() {}

  static boolean sensitive(String header) {
    return SENSITIVE.matcher(header).matches();
  }

  /**
   * @param endpointHeaders the headers of every endpoint: sensitive ones are secrets too
   */
  static Target read(
      Node node,
      Map<String, String> variables,
      Collection<String> fileSecrets,
      Stream<Map.Entry<String, String>> endpointHeaders,
      Path projectDir) {
    node.rejectUnknown(
        Set.of(
            "baseUrl",
            "headers",
            "requestTimeout",
            "production",
            "allowHosts",
            "secrets",
            "secretFiles",
            "tls",
            "monitor",
            "maxResponseSize"));
    String raw = node.string("baseUrl").trim();
    Optional<URI> baseUrl = raw.isEmpty() ? Optional.empty() : Optional.of(url(node, raw));
    Map<String, String> headers = new LinkedHashMap<>();
    Node h = node.child("headers");
    for (String name : h.keys()) {
      headers.put(name, h.string(name));
    }
    Guard guard = guard(node);
    Tls tls = tls(node.child("tls"), projectDir);

    List<String> secrets = new ArrayList<>(fileSecrets);
    List<Map.Entry<String, String>> allHeaders = new ArrayList<>(headers.entrySet());
    endpointHeaders.forEach(allHeaders::add);
    for (Map.Entry<String, String> e : allHeaders) {
      if (sensitive(e.getKey())) {
        List<String> credentials = credentials(e.getKey(), e.getValue());
        if (!credentials.isEmpty()) {
          secrets.add(e.getValue());
          secrets.addAll(credentials);
        }
      }
    }
    for (String variable : strings(node, "secrets")) {
      String value = variables.get(variable);
      if (value != null) {
        secrets.add(value);
      }
    }
    baseUrl.ifPresent(
        u -> {
          if (u.getRawUserInfo() != null) {
            secrets.add(u.getRawUserInfo());
            secrets.add(u.getUserInfo());
            int colon = u.getUserInfo().indexOf(':');
            if (colon >= 0) {
              secrets.add(u.getUserInfo().substring(colon + 1));
            }
          }
        });
    tls.trustStorePassword().ifPresent(secrets::add);
    return new Target(
        baseUrl, headers, node.duration("requestTimeout", false), guard, tls, Redactor.of(secrets));
  }

  /**
   * The credentials in a sensitive header's value, each a secret on its own (a target may echo the
   * token without its scheme): the token of "Bearer abc", the values of "a=1; b=2" in a cookie, or
   * the whole value. Empty when a variable was left unset ("Bearer ").
   */
  static List<String> credentials(String header, String value) {
    List<String> out = new ArrayList<>();
    if (header.toLowerCase(Locale.ROOT).contains("cookie")) {
      for (String pair : value.split(";")) {
        int eq = pair.indexOf('=');
        String v = (eq < 0 ? pair : pair.substring(eq + 1)).trim();
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
      return out;
    }
    Matcher m = SCHEME.matcher(value.trim());
    if (m.matches()) {
      out.add(m.group(1).trim());
    } else if (!value.isBlank() && !value.trim().matches("(?i)bearer|basic|token|digest")) {
      out.add(value.trim());
    }
    return out;
  }

  private static Guard guard(Node node) {
    boolean production = node.bool("production");
    List<String> hosts = new ArrayList<>();
    for (String host : strings(node, "allowHosts")) {
      String h = host.trim().toLowerCase(Locale.ROOT);
      if (h.isEmpty() || h.contains("/") || h.contains(":") || h.contains(" ")) {
        throw node.error(
            "allowHosts",
            "'" + host + "' is not a host name",
            "host names without scheme or port, e.g. [\"staging.example.com\", \"127.0.0.1\"]");
      }
      hosts.add(h);
    }
    return new Guard(
        production,
        production ? node.where("production") : "",
        hosts,
        hosts.isEmpty() ? "" : node.where("allowHosts"));
  }

  private static Tls tls(Node node, Path projectDir) {
    node.rejectUnknown(Set.of("insecure", "trustStore", "trustStoreType", "trustStorePassword"));
    String store = node.string("trustStore").trim();
    Optional<Path> trustStore = Optional.empty();
    if (!store.isEmpty()) {
      Path file = projectDir.resolve(store);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw node.error(
            "trustStore",
            "there is no readable file " + file,
            "the path of a PKCS12 or JKS trust store, relative to the project folder, or \"\""
                + " for the JDK's trusted authorities");
      }
      trustStore = Optional.of(file);
    }
    String type = node.string("trustStoreType").trim();
    String password = node.string("trustStorePassword");
    return new Tls(
        node.bool("insecure"),
        trustStore,
        type,
        password.isEmpty() ? Optional.empty() : Optional.of(password));
  }

  /** A list of names, or one string of comma-separated names as -Dtarget.allowHosts=a,b gives. */
  private static List<String> strings(Node node, String key) {
    List<String> out = new ArrayList<>();
    if (node.has(key) && node.value(key).valueType() == ConfigValueType.STRING) {
      for (String part : node.string(key).split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    for (ConfigValue v : node.list(key)) {
      if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
        throw node.error(key, "expected a list of names, got " + Node.describe(v), "[a, b]");
      }
      out.add(String.valueOf(v.unwrapped()));
    }
    return out;
  }

  private static URI url(Node node, String raw) {
    String allowed =
        "an http or https URL such as https://staging.example.com or http://127.0.0.1:8080, or \"\""
            + " to use the embedded demo service";
    String shown = Redactor.maskUserInfo(raw);
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw node.error("baseUrl", "'" + shown + "' is not an http(s) URL", allowed);
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw node.error("baseUrl", "'" + shown + "' has no host name", allowed);
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw node.error("baseUrl", "'" + shown + "' has a query or fragment", allowed);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.error(
          "baseUrl", "'" + shown + "' is not a valid URL (" + e.getReason() + ")", allowed);
    }
  }

  /**
   * The variables defined by files under target.secretFiles ({@code API_TOKEN =
   * "/run/secrets/api-token"}): each file's content, without its trailing line break, is the
   * variable's value for ${API_TOKEN} substitutions, and a secret.
   */
  static Map<String, String> secretFiles(
      Config merged, Map<String, String> environment, Path projectDir) {
    Config partial;
    try {
      partial =
          merged.resolve(
              ConfigResolveOptions.defaults()
                  .setAllowUnresolved(true)
                  .setUseSystemEnvironment(false)
                  .appendResolver(new EnvironmentResolver(environment)));
    } catch (ConfigException e) {
      return Map.of(); // the full resolution reports it
    }
    String path = "target.secretFiles";
    if (!partial.hasPathOrNull(path)) {
      return Map.of();
    }
    Node node = new Node(partial).child("target").child("secretFiles");
    Map<String, String> out = new LinkedHashMap<>();
    for (String variable : node.keys()) {
      String file;
      try {
        file = node.string(variable).trim();
      } catch (ConfigException.NotResolved e) {
        continue; // reported by the full resolution
      }
      if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw node.error(
            variable, "'" + variable + "' is not a variable name", "letters, digits and _");
      }
      Path p = projectDir.resolve(file);
      String content;
      try {
        content = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw node.error(
            variable,
            "the secret file "
                + p
                + " cannot be read ("
                + (Files.exists(p) ? "permission or encoding" : "no such file")
                + ")",
            "the path of a readable UTF-8 file holding the secret, e.g. /run/secrets/api-token");
      }
      content = content.replaceFirst("\\r?\\n$", "");
      if (content.isBlank()) {
        throw node.error(
            variable, "the secret file " + p + " is empty", "a file holding the secret value");
      }
      out.put(variable, content);
    }
    return out;
  }

  /**
   * Refuses a credential written as a literal in a configuration file (which ends up in git): a
   * sensitive header of the target or of an endpoint, or the trust store password, must come from a
   * variable or a secret file. Endpoint headers may also be templates (#{token}) fed at run time.
   */
  static void rejectCommittedSecrets(Config merged) {
    ConfigObject target = object(merged.root(), "target");
    ConfigObject headers = target == null ? null : object(target, "headers");
    if (headers != null) {
      for (String name : new TreeSet<>(headers.keySet())) {
        if (sensitive(name)) {
          literal(headers.get(name), "target.headers." + quote(name));
        }
      }
    }
    ConfigObject tls = target == null ? null : object(target, "tls");
    if (tls != null) {
      literal(tls.get("trustStorePassword"), "target.tls.trustStorePassword");
    }
    ConfigObject workload = object(merged.root(), "workload");
    ConfigObject endpoints = workload == null ? null : object(workload, "endpoints");
    if (endpoints != null) {
      for (String endpoint : new TreeSet<>(endpoints.keySet())) {
        ConfigObject e = object(endpoints, endpoint);
        ConfigObject h = e == null ? null : object(e, "headers");
        if (h != null) {
          for (String name : new TreeSet<>(h.keySet())) {
            if (sensitive(name)) {
              literal(
                  h.get(name), "workload.endpoints." + quote(endpoint) + ".headers." + quote(name));
            }
          }
        }
      }
    }
  }

  private static void literal(ConfigValue v, String key) {
    if (v == null) {
      return;
    }
    try {
      if (v.valueType() != ConfigValueType.STRING
          || String.valueOf(v.unwrapped()).isBlank()
          || !inFile(v.origin())) {
        return;
      }
    } catch (ConfigException.NotResolved e) {
      return; // ${VAR} or "Bearer "${VAR}: taken from the environment at resolution
    }
    throw ConfigError.at(
        key,
        Origins.describe(v.origin()),
        "a credential is written in a configuration file, where anyone who can read the"
            + " repository can use it (its value is not shown here)",
        HOW);
  }

  private static boolean inFile(ConfigOrigin origin) {
    return origin != null
        && (origin.filename() != null || origin.resource() != null || origin.url() != null);
  }

  private static ConfigObject object(ConfigObject parent, String key) {
    try {
      ConfigValue v = parent.get(key);
      return v instanceof ConfigObject o ? o : null;
    } catch (ConfigException e) {
      return null;
    }
  }

  private static String quote(String name) {
    return name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"";
  }
}
