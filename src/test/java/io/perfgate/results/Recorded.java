package io.perfgate.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every record of a log, kept in lists: the brute-force reference the tests compare with. */
final class Recorded implements RecordHandler {
  record Request(GroupPath group, String name, int start, int end, boolean ok, String message) {
    int responseTime() {
      return end - start;
    }

    String path() {
      return group.isRoot() ? name : group + "/" + name;
    }
  }

  record User(String scenario, boolean start, int timestamp) {}

  record Group(GroupPath group, int start, int end, int cumulated, boolean ok) {}

  record Error(String message, int timestamp) {}

  RunHeader header;

  /** Every record in log order (Request, User, Group, Error). */
  final List<Object> all = new ArrayList<>();

  final List<Request> requests = new ArrayList<>();
  final List<Request> unmatched = new ArrayList<>();
  final List<User> users = new ArrayList<>();
  final List<Group> groups = new ArrayList<>();
  final List<Error> errors = new ArrayList<>();
  ReadOutcome outcome;

  static Recorded of(Path log) throws IOException {
    Recorded r = new Recorded();
    r.outcome = LogReader.read(log, r);
    return r;
  }

  @Override
  public void header(RunHeader h) {
    header = h;
  }

  @Override
  public void request(GroupPath group, String name, int start, int end, boolean ok, String msg) {
    requests.add(new Request(group, name, start, end, ok, msg));
    all.add(requests.get(requests.size() - 1));
  }

  @Override
  public void unmatched(GroupPath group, String name, int start, boolean ok, String message) {
    unmatched.add(new Request(group, name, start, Integer.MIN_VALUE, ok, message));
    all.add(unmatched.get(unmatched.size() - 1));
  }

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    users.add(new User(scenario, start, timestamp));
    all.add(users.get(users.size() - 1));
  }

  @Override
  public void group(GroupPath group, int start, int end, int cumulated, boolean ok) {
    groups.add(new Group(group, start, end, cumulated, ok));
    all.add(groups.get(groups.size() - 1));
  }

  @Override
  public void error(String message, int timestamp) {
    errors.add(new Error(message, timestamp));
    all.add(errors.get(errors.size() - 1));
  }

  /** Gatling's run bounds (FirstPassParser): earliest start, latest end, in offsets. */
  long first() {
    long f = Long.MAX_VALUE;
    for (Request r : requests) {
      f = Math.min(f, r.start());
    }
    for (Group g : groups) {
      f = Math.min(f, g.start());
    }
    for (User u : users) {
      if (u.start()) {
        f = Math.min(f, u.timestamp());
      }
    }
    return f;
  }

  long last() {
    long l = Long.MIN_VALUE;
    for (Request r : requests) {
      l = Math.max(l, r.end());
    }
    for (Group g : groups) {
      l = Math.max(l, g.end());
    }
    for (User u : users) {
      l = Math.max(l, u.timestamp());
    }
    return l;
  }

  List<Request> requests(Predicate<Request> p) {
    return requests.stream().filter(p).toList();
  }

  /**
   * Brute-force figures of values, by their definitions: every value kept and sorted, the
   * percentile p the value at rank ceil(p * count), mean and population standard deviation as
   * Gatling computes them.
   */
  record Figures(long count, long ok, int min, int max, double mean, double stdDev, int[] sorted) {
    static Figures of(List<Integer> values, List<Boolean> oks) {
      long sum = 0;
      long sumSq = 0;
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int v : values) {
        sum += v;
        sumSq += (long) v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double n = values.size();
      double mean = sum / n;
      int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
      return new Figures(
          values.size(),
          oks.stream().filter(b -> b).count(),
          min,
          max,
          mean,
          Math.sqrt(sumSq / n - mean * mean),
          sorted);
    }

    static Figures ofRequests(List<Request> rs) {
      return of(
          rs.stream().map(Request::responseTime).toList(), rs.stream().map(Request::ok).toList());
    }

    /** The value at rank ceil(count * numerator / denominator) of the sorted values. */
    int percentile(long numerator, long denominator) {
      long rank = (count * numerator + denominator - 1) / denominator;
      return sorted[(int) Math.max(0, rank - 1)];
    }
  }
}
