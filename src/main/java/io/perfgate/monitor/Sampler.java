package io.perfgate.monitor;

/** Takes one sample of some metrics. Called from the monitor's thread only. */
interface Sampler {
  /** Records this moment's values; throws when the source cannot be read this time. */
  void sample(long epochMillis, Recorder recorder) throws Exception;

  /** What is sampled, for messages: "pid 4242", "http://127.0.0.1:9100/metrics". */
  String describe();
}
