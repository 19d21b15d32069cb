using OrleansQueue.Grains;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Deleting a queue (C23).</summary>
public sealed class DeleteTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Delete_removes_the_data_and_a_re_created_name_starts_empty() // C23
    {
        var name = UniqueName();
        var old = Queues.FromName(name, createIfMissing: true);
        await old.PutManyAsync([1, 2, 3]);
        await old.PutAsync(4, partition: "p", partitionTtl: TimeSpan.FromSeconds(1));
        var oldId = (await old.InfoAsync()).Id;

        await Queues.DeleteAsync(name);

        await Assert.ThrowsAsync<QueueNotFoundException>(() => old.LenAsync());
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Queues.FromName(name).LenAsync());
        var renewed = await Queues.CreateAsync(name);
        Assert.NotEqual(oldId, (await renewed.InfoAsync()).Id);
        Assert.Equal(0, await renewed.LenAsync(total: true));
        Assert.Equal(0, await renewed.LenAsync(partition: "p"));

        // The old partition's expiry reminder fires into nothing, and the new queue is untouched by it.
        await Task.Delay(TimeSpan.FromSeconds(1) + ClusterFixture.ReminderPeriod * 2);
        await renewed.PutAsync(5, partition: "p");
        Assert.Equal(1, await renewed.LenAsync(total: true));
    }

    [Fact]
    public async Task The_old_queues_partitions_refuse_calls_after_delete() // C23
    {
        var queue = NewQueue();
        await queue.PutAsync(1, partition: "p");
        var info = await queue.InfoAsync();
        await Queues.DeleteAsync(info.Name!);

        var partition = Fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format(info.Id, "p"));

        await Assert.ThrowsAsync<QueueNotFoundException>(() => partition.CountAsync());
        await Assert.ThrowsAsync<QueueNotFoundException>(() => queue.PutAsync(2, partition: "p"));
    }

    [Fact]
    public async Task Deleting_a_missing_queue_says_not_found_unless_allowed() // C23
    {
        var name = UniqueName();

        var error = await Assert.ThrowsAsync<QueueNotFoundException>(() => Queues.DeleteAsync(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        await Queues.DeleteAsync(name, allowMissing: true);
    }

    [Fact]
    public async Task Getters_and_putters_waiting_on_a_deleted_queue_end_with_not_found() // C23
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partition: "full");
        await queue.PutAsync(1, partition: "drained");
        await queue.GetAsync<int>(partition: "drained");
        var waiting = new List<Task>
        {
            queue.GetAsync<int>(partition: "never-used"),
            queue.GetAsync<int>(partition: "drained"),
            queue.GetManyAsync<int>(5),
            queue.PutAsync(-1, partition: "full"),
            queue.IterateAsync<int>(partition: "never-used", itemPollTimeout: TimeSpan.FromMinutes(1)).ToListAsync().AsTask(),
        };
        await Task.Delay(Settle);

        await Queues.DeleteAsync((await queue.InfoAsync()).Name!);

        foreach (var call in waiting)
        {
            await Assert.ThrowsAsync<QueueNotFoundException>(() => call.WaitAsync(Patience));
        }
    }
}
