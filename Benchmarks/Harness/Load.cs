using System.Diagnostics;
using HdrHistogram;

namespace OrleansQueue.Benchmarks.Harness;

/// <summary>What one measured run did: operations, time, and the latency of each call.</summary>
/// <param name="Callers">How many callers ran at once.</param>
/// <param name="Operations">How many calls completed.</param>
/// <param name="Elapsed">How long the run took.</param>
/// <param name="Latency">Each call's latency, in microseconds.</param>
internal sealed record LoadResult(int Callers, long Operations, TimeSpan Elapsed, HistogramBase Latency)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double Percentile(double percentile) => Latency.GetValueAtPercentile(percentile);
}

/// <summary>Runs a bounded number of callers in a loop for a fixed time.</summary>
internal static class Load
{
    /// <summary>Calls <paramref name="call"/> from <paramref name="callers"/> callers until <paramref name="duration"/> is over.</summary>
    public static async Task<LoadResult> RunAsync(int callers, TimeSpan duration, Func<int, long, Task> call)
    {
        var latency = new LongConcurrentHistogram(1, TimeSpan.FromMinutes(1).Ticks / 10, 3);
        long operations = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call(caller, i);
                latency.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                Interlocked.Increment(ref operations);
            }
        })));
        return new LoadResult(callers, operations, clock.Elapsed, latency);
    }
}
