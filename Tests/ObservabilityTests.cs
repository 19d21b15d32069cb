using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansQueue.Grains.Observability;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>What operators see: the OrleansQueue meter, and the partitions of a queue.</summary>
public sealed class ObservabilityTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task The_meter_shows_depth_flow_waiting_calls_and_latency_as_items_move()
    {
        var queue = NewQueue();
        var name = (await queue.InfoAsync()).Name!;
        using var meter = new MeterRecorder(name);

        await queue.PutManyAsync([1, 2, 3], partition: "a");
        await queue.PutAsync(4, partition: "b");
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        var afterPuts = meter.Observe();
        await queue.GetManyAsync<int>(2, partition: "a");
        var waiting = queue.GetAsync<int>(partition: "empty");
        await Task.Delay(Settle);
        var afterGets = meter.Observe();
        await queue.PutAsync(5, partition: "empty");
        await waiting.WaitAsync(Patience);

        Assert.Equal(4, afterPuts["orleansqueue.queue.depth"]);
        Assert.True(afterPuts["orleansqueue.queue.bytes"] > 0);
        Assert.True(afterPuts["orleansqueue.queue.oldest_item_age"] > 0);
        Assert.Equal(2, afterGets["orleansqueue.queue.depth"]);
        Assert.Equal(1, afterGets["orleansqueue.queue.waiting_getters"]);
        Assert.Equal(5, meter.Total("orleansqueue.items.put"));
        Assert.Equal(3, meter.Total("orleansqueue.items.got"));
        Assert.True(meter.Count("orleansqueue.put.duration") >= 3);
        Assert.True(meter.Count("orleansqueue.get.duration") >= 2);
    }

    [Fact]
    public async Task A_full_put_is_counted_with_its_outcome()
    {
        var queue = NewQueue();
        using var meter = new MeterRecorder((await queue.InfoAsync()).Name!);
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));

        await Assert.ThrowsAsync<QueueFullException>(() => queue.PutAsync(-1, block: false));

        Assert.Equal(1, meter.Total("orleansqueue.items.put", "outcome", "full"));
        Assert.Equal(QueueLimits.MaxPartitionItems, meter.Total("orleansqueue.items.put", "outcome", "stored"));
    }

    [Fact]
    public async Task List_partitions_pages_through_live_partitions_with_their_state()
    {
        var queue = NewQueue();
        for (var i = 0; i < 25; i++)
        {
            await queue.PutManyAsync(Enumerable.Range(0, i + 1), partition: $"p{i:D2}", partitionTtl: TimeSpan.FromHours(1));
        }

        await queue.PutAsync(1);
        await queue.GetAsync<int>();
        var waiting = queue.GetAsync<int>();
        await Task.Delay(Settle);

        var partitions = await queue.ListPartitionsAsync(pageSize: 7).ToListAsync();
        await queue.PutAsync(2);
        await waiting.WaitAsync(Patience);

        Assert.Equal(26, partitions.Count);
        var drained = Assert.Single(partitions, p => p.Partition is null);
        Assert.Equal((0, 1, (TimeSpan?)null), (drained.Length, drained.WaitingGetters, drained.OldestItemAge));
        var p07 = Assert.Single(partitions, p => p.Partition == "p07");
        Assert.Equal(8, p07.Length);
        Assert.True(p07.Bytes > 0);
        Assert.InRange(p07.TimeToExpiry, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
        Assert.True(p07.OldestItemAge > TimeSpan.Zero);
        Assert.Equal(
            [.. partitions.Where(p => p.Partition is not null).Select(p => p.Partition).Order(StringComparer.Ordinal)],
            partitions.Where(p => p.Partition is not null).Select(p => p.Partition).ToList());
    }

    [Fact]
    public async Task List_partitions_refuses_a_page_size_outside_1_to_1000()
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ListPartitionsAsync(pageSize: 0).ToListAsync().AsTask());
    }

    /// <summary>Listens to the OrleansQueue meter of every silo in this process, for one queue.</summary>
    private sealed class MeterRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();
        private readonly string queue;

        public MeterRecorder(string queue)
        {
            this.queue = queue;
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == QueueMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.Start();
        }

        /// <summary>Reads the gauges now, summed over the silos.</summary>
        public Dictionary<string, double> Observe()
        {
            var before = measurements.Count;
            listener.RecordObservableInstruments();
            return measurements.Skip(before).GroupBy(m => m.Instrument).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        }

        public double Total(string instrument, string? tag = null, string? value = null) =>
            measurements.Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))))
                .Sum(m => m.Value);

        public int Count(string instrument) => measurements.Count(m => m.Instrument == instrument);

        public void Dispose() => listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copied = tags.ToArray();
            if (copied.Any(tag => tag.Key == "queue" && Equals(tag.Value, queue)))
            {
                measurements.Enqueue((instrument.Name, value, copied));
            }
        }
    }
}
