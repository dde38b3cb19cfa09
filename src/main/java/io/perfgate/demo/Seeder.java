package io.perfgate.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic seed data: the same {@link DataSize} always produces the same jobs, results and
 * messages, so load-test runs against the demo service are comparable.
 */
final class Seeder {

  static final List<String> RELEASES = List.of("r1.0", "r1.1", "r2.0");
  static final List<String> MODULES = List.of("api", "ui", "storage");

  private static final long SEED = 42L;
  private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 6, 8, 0);
  private static final int BATCH_SIZE = 5_000;
  private static final double SKIP_RATE = 0.03;

  private static final List<String> SUITES =
      List.of(
          "CheckoutTest",
          "LoginTest",
          "SearchTest",
          "CartTest",
          "InvoiceTest",
          "ProfileTest",
          "UploadTest",
          "ReplicationTest",
          "MigrationTest",
          "NotificationTest",
          "ReportTest",
          "SessionTest");
  private static final List<String> METHODS =
      List.of(
          "happyPath",
          "rejectsExpiredToken",
          "handlesEmptyInput",
          "retriesOnTimeout",
          "paginatesResults",
          "keepsOrdering",
          "survivesRestart",
          "validatesSchema",
          "respectsQuota",
          "rendersTable",
          "streamsLargeFile",
          "recoversFromCrash",
          "honoursLocale",
          "deduplicatesEvents",
          "closesConnections",
          "appliesDiscount");

  // The variable parts of a message are numbers and hex ids only, so each template (or each
  // choice of a fixed word) normalises to one cluster signature. Slots: {min-max} a number,
  // {hexN} an N-character hex id, {uuid} a UUID, {a|b|c} one of the words.
  static final List<String> TEMPLATES =
      List.of(
          "expected status 200 but was {500|502|503|504}",
          "Timeout after {1000-30000} ms waiting for response from 10.0.{0-255}.{1-254}:8080",
          "Connection refused: connect to localhost:{1024-65535}",
          "NullPointerException at OrderService.java:{20-900}",
          "assertion failed: expected <{0-100}> but was <{0-100}>",
          "Deadlock detected on transaction 0x{hex8}",
          "Row {1-1000000} not found in table {orders|customers|invoices}",
          "element #btn-{1-99} not clickable after {100-5000} ms",
          "request {uuid} failed with HTTP 500",
          "checksum mismatch for block {hex8}: expected {hex8} got {hex8}",
          "lock wait timeout exceeded after {5-120} s on lock {hex12}",
          "StaleElementReferenceException: element {uuid} is no longer attached",
          "OutOfMemoryError: Java heap space (used {500-4000} MB of {2048|4096} MB)",
          "too many open files ({1024-65536}) in process {100-99999}",
          "disk quota exceeded on volume vol-{hex10}",
          "expected {1-20} items in cart but found {0-19}",
          "HTTP 429 Too Many Requests: retry after {1-60} s",
          "SSL handshake failed with peer 192.168.{0-255}.{1-254}: certificate expired {1-400}"
              + " days ago",
          "ConcurrentModificationException in CacheWarmer line {10-400}",
          "snapshot diff: {1-50000} pixels differ (threshold {0-100})",
          "port {1024-65535} already in use",
          "segment {0-512} of upload {uuid} missing",
          "replica {1-5} lagging by {100-90000} ms",
          "write to shard {0-63} rejected: read-only mode",
          "test fixture user-{1-10000} already exists",
          "flaky: passed on retry {2-3} of 3, failing the run anyway",
          "JSON parse error at line {1-400} column {1-120}: unexpected token",
          "schema version mismatch: database at v{10-40}, code expects v{41-45}",
          "invalid auth token {hex32}: signature does not match",
          "page load exceeded budget: {2001-9000} ms > 2000 ms",
          "expected 'SHIPPED' but order {10000-99999} was {'PENDING'|'CANCELLED'}",
          "migration V{1-90}__add_index failed: duplicate column",
          "queue depth {10001-50000} exceeded max 10000",
          "compaction of sstable {hex16} aborted after {1-600000} ms",
          "file /tmp/upload-{1-99999}.bin not found",
          "DNS lookup for svc-{1-40}.internal failed",
          "gRPC UNAVAILABLE: upstream connect error, retried {1-5} times",
          "memory leak suspected: {10000-900000} Session objects retained",
          "clock skew of {500-10000} ms between node-{1-9} and node-{1-9}",
          "unexpected null in field address.line{1-3} of customer {1-500000}");

  private static final Pattern SLOT = Pattern.compile("\\{([^}]+)}");

  private Seeder() {}

  record JobSpec(String jobId, String release, String module, int results) {}

  /** The jobs a size seeds, in id order. */
  static List<JobSpec> jobs(DataSize size) {
    List<JobSpec> jobs = new ArrayList<>();
    addJobs(jobs, "small", size.smallJobs(), size.smallResults());
    addJobs(jobs, "medium", size.mediumJobs(), size.mediumResults());
    addJobs(jobs, "large", size.largeJobs(), size.largeResults());
    return jobs;
  }

  static void seed(Connection c, DataSize size) throws SQLException {
    Random random = new Random(SEED);
    List<JobSpec> jobs = jobs(size);
    // Creation order is shuffled so that the newest-first job list mixes small and large jobs.
    List<JobSpec> creationOrder = new ArrayList<>(jobs);
    Collections.shuffle(creationOrder, random);

    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement insertJob =
            c.prepareStatement(
                "INSERT INTO jobs(job_id, release, module, created_at, status)"
                    + " VALUES (?, ?, ?, ?, ?)");
        PreparedStatement insertResult =
            c.prepareStatement(
                "INSERT INTO test_results(job_id, test_name, status, error_message, duration_ms)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (int position = 0; position < creationOrder.size(); position++) {
        JobSpec job = creationOrder.get(position);
        double failureRate = 0.10 + random.nextDouble() * 0.10;
        boolean anyFailed = false;
        for (int i = 0; i < job.results(); i++) {
          double draw = random.nextDouble();
          String status;
          String message = null;
          int durationMs;
          if (draw < failureRate) {
            status = "failed";
            message = errorMessage(random);
            durationMs = num(random, 50, 30_000);
            anyFailed = true;
          } else if (draw < failureRate + SKIP_RATE) {
            status = "skipped";
            durationMs = 0;
          } else {
            status = "passed";
            durationMs = num(random, 5, 2_000);
          }
          insertResult.setString(1, job.jobId());
          insertResult.setString(2, testName(job.module(), i));
          insertResult.setString(3, status);
          insertResult.setString(4, message);
          insertResult.setInt(5, durationMs);
          insertResult.addBatch();
          if (++pending == BATCH_SIZE) {
            insertResult.executeBatch();
            pending = 0;
          }
        }
        insertJob.setString(1, job.jobId());
        insertJob.setString(2, job.release());
        insertJob.setString(3, job.module());
        insertJob.setObject(4, EPOCH.plusHours(3L * position).plusMinutes(random.nextInt(60)));
        insertJob.setString(5, anyFailed ? "failed" : "passed");
        insertJob.addBatch();
      }
      insertResult.executeBatch();
      insertJob.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Unique within a job: index i maps to one (suite, method, parameter) triple. */
  static String testName(String module, int i) {
    int suites = SUITES.size();
    int methods = METHODS.size();
    return module
        + "."
        + SUITES.get(i % suites)
        + "."
        + METHODS.get((i / suites) % methods)
        + "["
        + (i / (suites * methods))
        + "]";
  }

  // Squaring the draw skews towards the first templates, so cluster sizes differ the way real
  // failures do: a few errors dominate and a long tail shows up once or twice.
  private static String errorMessage(Random r) {
    double d = r.nextDouble();
    int index = (int) (TEMPLATES.size() * d * d);
    return fill(TEMPLATES.get(index), r);
  }

  /** The template with each slot replaced by a random value. */
  static String fill(String template, Random r) {
    Matcher m = SLOT.matcher(template);
    StringBuilder sb = new StringBuilder(template.length() + 32);
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(slot(m.group(1), r)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String slot(String spec, Random r) {
    if (spec.equals("uuid")) {
      return new UUID(r.nextLong(), r.nextLong()).toString();
    }
    if (spec.startsWith("hex")) {
      return hex(r, Integer.parseInt(spec.substring(3)));
    }
    if (spec.contains("|")) {
      String[] choices = spec.split("\\|");
      return choices[r.nextInt(choices.length)];
    }
    int dash = spec.indexOf('-');
    return Integer.toString(
        num(
            r,
            Integer.parseInt(spec.substring(0, dash)),
            Integer.parseInt(spec.substring(dash + 1))));
  }

  private static void addJobs(List<JobSpec> jobs, String kind, int count, int results) {
    for (int n = 1; n <= count; n++) {
      int slot = (n - 1) % (RELEASES.size() * MODULES.size());
      jobs.add(
          new JobSpec(
              String.format("%s-%03d", kind, n),
              RELEASES.get(slot / MODULES.size()),
              MODULES.get(slot % MODULES.size()),
              results));
    }
  }

  private static int num(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  // Starts with a letter and ends with a digit so the clusterer always sees it as a hex id.
  private static String hex(Random r, int length) {
    StringBuilder sb = new StringBuilder(length);
    sb.append((char) ('a' + r.nextInt(6)));
    for (int i = 1; i < length - 1; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    sb.append((char) ('0' + r.nextInt(10)));
    return sb.toString();
  }
}
