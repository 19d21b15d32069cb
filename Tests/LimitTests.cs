using Orleans.Core.Internal;
using OrleansQueue.Grains;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The partition's item limit and the queue's partition limit (C4, C5).</summary>
public sealed class LimitTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public void Silo_limits_default_to_the_contract() // C3, C4, C5, C6
    {
        var options = new QueueOptions();

        Assert.Equal(1_048_576, options.MaxItemBytes);
        Assert.Equal(5_000, options.MaxPartitionItems);
        Assert.Equal(100_000, options.MaxPartitions);
        Assert.Equal(TimeSpan.FromHours(24), options.MaxPartitionTtl);
    }

    [Fact]
    public async Task A_partition_holds_5000_items_and_refuses_the_next_without_change() // C4, C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, 4_999), partition: "p");
        await queue.PutAsync(4_999, partition: "p");

        var error = await Assert.ThrowsAsync<QueueFullException>(() => queue.PutAsync(5_000, partition: "p", block: false));

        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
        Assert.Contains("partition 'p'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5_000, await queue.LenAsync(partition: "p"));
        Assert.Equal(0, await queue.GetAsync<int>(partition: "p"));
        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task A_batch_that_does_not_fit_whole_stores_nothing() // C11, C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, 4_998));

        await Assert.ThrowsAsync<QueueFullException>(() => queue.PutManyAsync([1, 2, 3], block: false));

        Assert.Equal(4_998, await queue.LenAsync());
        await queue.PutManyAsync([1, 2], block: false);
        Assert.Equal(5_000, await queue.LenAsync());
    }

    [Fact]
    public async Task The_partition_after_the_limit_is_refused_with_queue_full_and_a_cleared_one_frees_its_slot() // C5
    {
        var queue = NewQueue();
        for (var i = 0; i < ClusterFixture.MaxPartitions; i++)
        {
            await queue.PutAsync(i, partition: $"p{i}");
        }

        var error = await Assert.ThrowsAsync<QueueFullException>(() => queue.PutAsync(-1, partition: "one-too-many"));

        Assert.Contains($"{ClusterFixture.MaxPartitions} live partitions", error.Message, StringComparison.Ordinal);
        Assert.Contains("one-too-many", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await queue.LenAsync(partition: "one-too-many"));
        Assert.Equal(ClusterFixture.MaxPartitions, await queue.LenAsync(total: true));

        // A live partition takes more puts, and a cleared one gives its slot back.
        await queue.PutAsync(100, partition: "p0");
        await queue.ClearAsync(partition: "p1");
        await queue.PutAsync(-1, partition: "one-too-many");
        Assert.Equal(ClusterFixture.MaxPartitions + 1, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task Partitions_joining_and_leaving_at_once_share_writes_keep_the_limit_exactly_and_survive_a_reload() // C5
    {
        var queue = NewQueue();
        var id = (await queue.InfoAsync()).Id;

        var puts = Enumerable.Range(0, ClusterFixture.MaxPartitions + 20).Select(i => queue.PutAsync(i, partition: $"p{i}")).ToArray();
        var refused = 0;
        foreach (var put in puts)
        {
            refused += await Record.ExceptionAsync(() => put) is QueueFullException ? 1 : 0;
        }

        Assert.Equal(20, refused);
        Assert.Equal(ClusterFixture.MaxPartitions, await LivePartitionsAsync(queue));

        await Task.WhenAll(Enumerable.Range(0, ClusterFixture.MaxPartitions + 20).Select(i => queue.ClearAsync(partition: $"p{i}")));
        await queue.PutManyAsync([1, 2], partition: "after");
        await Fixture.Cluster.Client.GetGrain<IQueueGrain>(id).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(Settle);

        Assert.Equal(1, await LivePartitionsAsync(queue));
        Assert.Equal(2, await queue.LenAsync(total: true));
    }

    private async Task<int> LivePartitionsAsync(DistributedQueue queue)
    {
        var name = (await queue.InfoAsync()).Name;
        await foreach (var summary in Queues.ListAsync())
        {
            if (summary.Info.Name == name)
            {
                return summary.LivePartitions;
            }
        }

        throw new InvalidOperationException($"Queue {name} is not listed.");
    }

    [Fact]
    public async Task A_drained_partition_stays_live_until_cleared() // C5: live from the first put until it expires or is cleared
    {
        var queue = NewQueue();
        for (var i = 0; i < ClusterFixture.MaxPartitions; i++)
        {
            await queue.PutAsync(i, partition: $"p{i}");
            await queue.GetAsync<int>(partition: $"p{i}");
        }

        await Assert.ThrowsAsync<QueueFullException>(() => queue.PutAsync(-1, partition: "extra"));
    }
}
