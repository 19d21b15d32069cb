using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansQueue.Grains.Observability;

/// <summary>
/// The <c>OrleansQueue</c> meter. Counters and histograms are recorded by the partitions as items flow; gauges are
/// summed per queue from the partitions active on this silo when a reader asks, so the queue grain is never involved
/// and each silo reports its own share.
/// </summary>
public sealed class QueueMetrics
{
    /// <summary>The meter's name, to pass to an exporter's <c>AddMeter</c>.</summary>
    public const string MeterName = "OrleansQueue";

    private readonly ConcurrentDictionary<PartitionGauge, byte> partitions = new();
    private readonly TimeProvider clock;
    private readonly Counter<long> itemsPut;
    private readonly Counter<long> itemsGot;
    private readonly Counter<long> expirations;
    private readonly Histogram<double> putDuration;
    private readonly Histogram<double> getDuration;

    /// <summary>Creates the instruments; dependency injection does this once per silo.</summary>
    /// <param name="meters">The host's meter factory.</param>
    /// <param name="clock">The clock that ages items.</param>
    public QueueMetrics(IMeterFactory meters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.clock = clock;
        var meter = meters.Create(MeterName);
        itemsPut = meter.CreateCounter<long>("orleansqueue.items.put", "{item}", "Items put, by queue and outcome (stored, full, cancelled).");
        itemsGot = meter.CreateCounter<long>("orleansqueue.items.got", "{item}", "Items removed by gets, by queue.");
        expirations = meter.CreateCounter<long>("orleansqueue.partitions.expired", "{partition}", "Partitions that expired, by queue.");
        putDuration = meter.CreateHistogram<double>("orleansqueue.put.duration", "ms", "Time a put call spent in the silo, waiting included.");
        getDuration = meter.CreateHistogram<double>("orleansqueue.get.duration", "ms", "Time a get call spent in the silo, waiting included.");
        meter.CreateObservableGauge("orleansqueue.queue.depth", () => PerQueue(gauge => gauge.Items), "{item}", "Items held, by queue.");
        meter.CreateObservableGauge("orleansqueue.queue.bytes", () => PerQueue(gauge => gauge.Bytes), "By", "Bytes of items held, by queue.");
        meter.CreateObservableGauge("orleansqueue.queue.oldest_item_age", OldestAges, "s", "Age of the oldest item, by queue.");
        meter.CreateObservableGauge("orleansqueue.queue.waiting_getters", () => PerQueue(gauge => gauge.WaitingGetters), "{call}", "Gets waiting for an item, by queue.");
        meter.CreateObservableGauge("orleansqueue.queue.waiting_putters", () => PerQueue(gauge => gauge.WaitingPutters), "{call}", "Puts waiting for room, by queue.");
    }

    internal void Track(PartitionGauge gauge) => partitions.TryAdd(gauge, 0);

    internal void Untrack(PartitionGauge gauge) => partitions.TryRemove(gauge, out _);

    internal void Put(string queue, int items, WaitOutcome outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("queue", queue);
        itemsPut.Add(items, tag, new("outcome", outcome switch
        {
            WaitOutcome.Completed => "stored",
            WaitOutcome.TimedOut => "full",
            _ => "cancelled",
        }));
        putDuration.Record(elapsed.TotalMilliseconds, tag);
    }

    internal void Got(string queue, int items, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("queue", queue);
        if (items > 0)
        {
            itemsGot.Add(items, tag);
        }

        getDuration.Record(elapsed.TotalMilliseconds, tag);
    }

    internal void Expired(string queue) => expirations.Add(1, new KeyValuePair<string, object?>("queue", queue));

    private IEnumerable<Measurement<long>> PerQueue(Func<PartitionGauge, long> value) =>
        partitions.Keys.GroupBy(gauge => gauge.Queue)
            .Select(queue => new Measurement<long>(queue.Sum(value), new KeyValuePair<string, object?>("queue", queue.Key)));

    private IEnumerable<Measurement<double>> OldestAges()
    {
        var now = clock.GetUtcNow().UtcTicks;
        return partitions.Keys.Where(gauge => Volatile.Read(ref gauge.OldestStoredAt) > 0).GroupBy(gauge => gauge.Queue)
            .Select(queue => new Measurement<double>(
                TimeSpan.FromTicks(now - queue.Min(gauge => Volatile.Read(ref gauge.OldestStoredAt))).TotalSeconds,
                new KeyValuePair<string, object?>("queue", queue.Key)));
    }
}
