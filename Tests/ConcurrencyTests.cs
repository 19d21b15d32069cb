using System.Collections.Concurrent;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Many producers and consumers on one partition: every item exactly once, each producer's items in order.</summary>
public sealed class ConcurrencyTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [GenerateSerializer, Alias("OrleansQueue.Tests.Message")]
    public sealed record Message(int Producer, int Sequence);

    [Fact]
    public async Task Producers_and_consumers_on_one_partition_deliver_every_item_once_in_producer_order() // C10, C13, C15
    {
        const int Producers = 8;
        const int PerProducer = 400;
        const int Consumers = 8;
        var queue = NewQueue();
        var consumed = new ConcurrentQueue<(int Consumer, Message Message)>();
        var remaining = Producers * PerProducer;

        var consumers = Enumerable.Range(0, Consumers).Select(consumer => Task.Run(async () =>
        {
            while (Volatile.Read(ref remaining) > 0)
            {
                var batch = await queue.GetManyAsync<Message>(1 + (consumer % 3), block: false);
                if (batch.Count == 0)
                {
                    var (found, message) = await queue.TryGetAsync<Message>(timeout: TimeSpan.FromMilliseconds(200));
                    batch = found ? [message!] : [];
                }

                foreach (var message in batch)
                {
                    consumed.Enqueue((consumer, message));
                    Interlocked.Decrement(ref remaining);
                }
            }
        })).ToList();
        var producers = Enumerable.Range(0, Producers).Select(producer => Task.Run(async () =>
        {
            for (var sequence = 0; sequence < PerProducer; sequence++)
            {
                if (sequence % 10 == 0)
                {
                    await queue.PutManyAsync(Enumerable.Range(sequence, 10).Select(s => new Message(producer, s)));
                    sequence += 9;
                }
            }
        })).ToList();

        await Task.WhenAll(producers.Concat(consumers)).WaitAsync(TimeSpan.FromMinutes(2));

        var all = consumed.Select(c => c.Message).ToList();
        Assert.Equal(Producers * PerProducer, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());

        // Each consumer saw each producer's items in the order they were put.
        foreach (var stream in consumed.GroupBy(c => (c.Consumer, c.Message.Producer)))
        {
            var sequences = stream.Select(c => c.Message.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }

        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task Producers_blocked_on_a_full_partition_all_get_in_as_a_consumer_drains_it() // C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partition: "p");
        var producers = Enumerable.Range(0, 50).Select(i => queue.PutManyAsync([-i, -i], partition: "p")).ToList();

        var drained = new List<int>();
        while (drained.Count < QueueLimits.MaxPartitionItems + 100)
        {
            drained.AddRange(await queue.GetManyAsync<int>(7, partition: "p", timeout: Patience));
        }

        await Task.WhenAll(producers).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, QueueLimits.MaxPartitionItems), drained.Take(QueueLimits.MaxPartitionItems));

        // Each batch of two went in whole (C11): the pairs stay side by side.
        var tail = drained.Skip(QueueLimits.MaxPartitionItems).ToList();
        Assert.All(tail.Chunk(2), pair => Assert.Equal(pair[0], pair[1]));
        Assert.Equal(50, tail.Distinct().Count());
    }
}
