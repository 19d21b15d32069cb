using Orleans.Core.Internal;
using OrleansQueue.Grains;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Partition time-to-live (C21): every put sets it, reads do not, and expiry frees the partition's slot.</summary>
public sealed class TtlTests(ClusterFixture fixture) : QueueTests(fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);

    // Expiry is exact to about a second (C21); this is that second plus room for a busy machine.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    private async Task<int> LivePartitionsAsync(DistributedQueue queue)
    {
        var info = await queue.InfoAsync();
        await foreach (var summary in Queues.ListAsync())
        {
            if (summary.Info.Id == info.Id)
            {
                return summary.LivePartitions;
            }
        }

        throw new InvalidOperationException($"{queue} is not listed.");
    }

    [Fact]
    public async Task An_expired_partition_loses_its_items_and_stops_counting_as_live_without_being_touched() // C21, C5
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2], partition: "short", partitionTtl: Ttl);
        await queue.PutAsync(3, partition: "long");
        Assert.Equal(2, await LivePartitionsAsync(queue));

        // Nothing touches the partition: its timer must expire it.
        await Task.Delay(Ttl + Slack);

        Assert.Equal(1, await LivePartitionsAsync(queue));
        Assert.Equal(0, await queue.LenAsync(partition: "short"));
        Assert.Equal(1, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task Every_put_moves_the_expiry_on() // C21
    {
        var queue = NewQueue();
        await queue.PutAsync(1, partitionTtl: TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await queue.PutAsync(2, partitionTtl: TimeSpan.FromSeconds(2));

        // Past the first put's expiry, within the second's.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(2, await queue.LenAsync());

        await Task.Delay(TimeSpan.FromSeconds(0.8) + Slack);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task Reads_do_not_move_the_expiry_on() // C21
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3], partitionTtl: TimeSpan.FromSeconds(2));

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            await queue.LenAsync();
            await queue.IterateAsync<int>().ToListAsync();
            await queue.TryGetAsync<int>(partition: "other", block: false);
        }

        await Task.Delay(TimeSpan.FromSeconds(0.4) + Slack);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task A_get_after_expiry_finds_nothing() // C21: the lazy check on every access
    {
        var queue = NewQueue();
        await queue.PutAsync(1, partitionTtl: Ttl);

        await Task.Delay(Ttl + Slack);

        await Assert.ThrowsAsync<QueueEmptyException>(() => queue.GetAsync<int>(block: false));
    }

    [Fact]
    public async Task A_partition_that_left_memory_is_expired_by_its_reminder() // C21, C5
    {
        var queue = NewQueue();
        await queue.PutAsync(1, partition: "idle", partitionTtl: TimeSpan.FromSeconds(2));
        var info = await queue.InfoAsync();
        var partition = Fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format(info.Id, "idle"));
        Assert.Equal(1, await LivePartitionsAsync(queue));

        // No activation, no timer: only the reminder can free the slot.
        await partition.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(TimeSpan.FromSeconds(2) + ClusterFixture.ReminderPeriod + Slack);

        Assert.Equal(0, await LivePartitionsAsync(queue));
    }

    [Fact]
    public async Task Putters_waiting_on_a_partition_that_expires_get_in() // C21, C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partitionTtl: Ttl);
        var put = queue.PutAsync(-1, partitionTtl: TimeSpan.FromMinutes(1));

        await put.WaitAsync(Patience);

        Assert.Equal([-1], await queue.GetManyAsync<int>(10, block: false));
    }
}
