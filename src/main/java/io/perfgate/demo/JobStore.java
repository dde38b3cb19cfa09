package io.perfgate.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/** The jobs and test results, in a private in-memory H2 database. */
final class JobStore implements AutoCloseable {

  static final List<String> STATUSES = List.of("passed", "failed", "skipped");

  // Requests that wait on the artificial latency hold no connection, so a few dozen connections
  // serve hundreds of concurrent requests; more would only add contention on two cores.
  private static final int MAX_CONNECTIONS = 32;
  private static final int CONNECTION_TIMEOUT_SECONDS = 30;

  private static final String JOB_COLUMNS = "job_id, release, module, created_at, status";

  private final JdbcConnectionPool pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  record Job(
      String jobId,
      String release,
      String module,
      String createdAt,
      String status,
      long resultCount) {}

  record JobDetail(
      String jobId,
      String release,
      String module,
      String createdAt,
      String status,
      long resultCount,
      Map<String, Long> counts) {}

  record JobPage(List<Job> items, long total, int limit, int skip) {
    JobPage {
      items = List.copyOf(items);
    }
  }

  private record JobRow(String release, String module, String createdAt, String status) {
    boolean isUnder(String release, String module) {
      return this.release.equals(release) && this.module.equals(module);
    }
  }

  /** A result to import; {@code status} is one of {@link #STATUSES}. */
  record NewResult(String testName, String status, String errorMessage, int durationMs) {}

  private JobStore(JdbcConnectionPool pool) {
    this.pool = pool;
  }

  /** Creates a fresh database, its schema and the seed data. */
  static JobStore createSeeded(DataSize size) throws SQLException {
    String url = "jdbc:h2:mem:perfgate-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(MAX_CONNECTIONS);
    pool.setLoginTimeout(CONNECTION_TIMEOUT_SECONDS);
    JobStore store = new JobStore(pool);
    try (Connection c = pool.getConnection()) {
      createSchema(c);
      Seeder.seed(c, size);
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE jobs(job_id VARCHAR PRIMARY KEY, release VARCHAR NOT NULL, module VARCHAR"
              + " NOT NULL, created_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL)");
      s.execute(
          "CREATE TABLE test_results(id BIGINT AUTO_INCREMENT PRIMARY KEY,"
              + " job_id VARCHAR NOT NULL, test_name VARCHAR NOT NULL, status VARCHAR NOT NULL,"
              + " error_message VARCHAR, duration_ms INT NOT NULL)");
      s.execute("CREATE INDEX idx_results_job_status ON test_results(job_id, status)");
    }
  }

  /** Jobs newest first, ties by id; a null release or module matches any. */
  JobPage listJobs(String release, String module, int limit, int skip) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> args = new ArrayList<>(2);
    if (release != null) {
      where.append(" AND release = ?");
      args.add(release);
    }
    if (module != null) {
      where.append(" AND module = ?");
      args.add(module);
    }
    // The page is cut before counting results, so only the listed jobs' results are counted.
    String pageSql =
        "SELECT p.job_id, p.release, p.module, p.created_at, p.status,"
            + " (SELECT COUNT(*) FROM test_results r WHERE r.job_id = p.job_id) AS result_count"
            + " FROM (SELECT "
            + JOB_COLUMNS
            + " FROM jobs"
            + where
            + " ORDER BY created_at DESC, job_id LIMIT ? OFFSET ?) p"
            + " ORDER BY p.created_at DESC, p.job_id";
    try (Connection c = pool.getConnection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM jobs" + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Job> items = new ArrayList<>(limit);
      try (PreparedStatement ps = c.prepareStatement(pageSql)) {
        int next = bind(ps, args);
        ps.setInt(next, limit);
        ps.setInt(next + 1, skip);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(
                new Job(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    instant(rs, 4),
                    rs.getString(5),
                    rs.getLong(6)));
          }
        }
      }
      return new JobPage(items, total, limit, skip);
    }
  }

  /** The job with its result counts per status, if it exists under that release and module. */
  Optional<JobDetail> findJob(String release, String module, String jobId) throws SQLException {
    try (Connection c = pool.getConnection()) {
      Optional<JobRow> job = jobRow(c, jobId).filter(j -> j.isUnder(release, module));
      if (job.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      STATUSES.forEach(s -> counts.put(s, 0L));
      long total = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT status, COUNT(*) FROM test_results WHERE job_id = ? GROUP BY status")) {
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            counts.put(rs.getString(1), rs.getLong(2));
            total += rs.getLong(2);
          }
        }
      }
      JobRow row = job.get();
      return Optional.of(
          new JobDetail(
              jobId,
              release,
              module,
              row.createdAt(),
              row.status(),
              total,
              Collections.unmodifiableMap(counts)));
    }
  }

  /** The job's failures in insertion order, if the job exists under that release and module. */
  Optional<List<FailureClusterer.Failure>> failures(String release, String module, String jobId)
      throws SQLException {
    try (Connection c = pool.getConnection()) {
      if (jobRow(c, jobId).filter(j -> j.isUnder(release, module)).isEmpty()) {
        return Optional.empty();
      }
      List<FailureClusterer.Failure> failures = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT test_name, error_message FROM test_results"
                  + " WHERE job_id = ? AND status = 'failed' ORDER BY id")) {
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            failures.add(new FailureClusterer.Failure(rs.getString(1), rs.getString(2)));
          }
        }
      }
      return Optional.of(failures);
    }
  }

  /**
   * Adds results to the job, creating it if absent, in one transaction.
   *
   * @throws ApiException 409 when the job id already belongs to another release or module
   */
  int importResults(String release, String module, String jobId, List<NewResult> results)
      throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        ensureJob(c, release, module, jobId);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO test_results(job_id, test_name, status, error_message, duration_ms)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
          for (NewResult r : results) {
            ps.setString(1, jobId);
            ps.setString(2, r.testName());
            ps.setString(3, r.status());
            ps.setString(4, r.errorMessage());
            ps.setInt(5, r.durationMs());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE jobs SET status = CASE WHEN EXISTS (SELECT 1 FROM test_results"
                    + " WHERE job_id = ? AND status = 'failed') THEN 'failed' ELSE 'passed' END"
                    + " WHERE job_id = ?")) {
          ps.setString(1, jobId);
          ps.setString(2, jobId);
          ps.executeUpdate();
        }
        c.commit();
        return results.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true); // the connection goes back to the pool
      }
    }
  }

  private static void ensureJob(Connection c, String release, String module, String jobId)
      throws SQLException {
    Optional<JobRow> owner = jobRow(c, jobId);
    if (owner.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO jobs(" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, 'passed')")) {
        ps.setString(1, jobId);
        ps.setString(2, release);
        ps.setString(3, module);
        ps.setObject(4, LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        ps.executeUpdate();
        return;
      } catch (SQLException e) {
        // Another import created the job between our look-up and insert: fall through and check
        // that it was created under the same release and module.
        if (e.getErrorCode() != ErrorCode.DUPLICATE_KEY_1) {
          throw e;
        }
        owner = jobRow(c, jobId);
      }
    }
    JobRow job = owner.orElseThrow();
    if (!job.isUnder(release, module)) {
      throw new ApiException(
          409,
          "job "
              + jobId
              + " belongs to "
              + job.release()
              + "/"
              + job.module()
              + ", not "
              + release
              + "/"
              + module);
    }
  }

  private static Optional<JobRow> jobRow(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT release, module, created_at, status FROM jobs WHERE job_id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new JobRow(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4)))
            : Optional.empty();
      }
    }
  }

  private static int bind(PreparedStatement ps, List<String> args) throws SQLException {
    int i = 1;
    for (String a : args) {
      ps.setString(i++, a);
    }
    return i;
  }

  // Timestamps are stored without a zone and always mean UTC.
  private static String instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
  }

  /** Drops the database; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      // DB_CLOSE_DELAY=-1 keeps an in-memory database alive until it is shut down explicitly.
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // The database is going away either way; nothing useful to tell the caller.
    } finally {
      pool.dispose();
    }
  }
}
