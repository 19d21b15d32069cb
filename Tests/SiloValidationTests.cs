using System.Collections.Immutable;
using OrleansQueue.Grains;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The silo checks every request itself, whatever a client sent (C3, C6, C7).</summary>
public sealed class SiloValidationTests(ClusterFixture fixture) : QueueTests(fixture)
{
    private async Task<(DistributedQueue Queue, IPartitionGrain Partition)> PartitionAsync()
    {
        var queue = NewQueue();
        var info = await queue.InfoAsync();
        return (queue, Fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format(info.Id, null)));
    }

    private static PutRequest Put(ImmutableArray<byte[]> items, TimeSpan? ttl = null, TimeSpan? wait = null) =>
        new(Guid.NewGuid(), items, ttl ?? TimeSpan.FromHours(1), wait ?? TimeSpan.Zero, 0);

    [Fact]
    public async Task An_oversized_item_sent_past_the_client_is_refused() // C3
    {
        var (queue, partition) = await PartitionAsync();

        var error = await Assert.ThrowsAsync<QueueItemTooLargeException>(
            () => partition.PutAsync(Put([[1], new byte[QueueLimits.MaxItemBytes + 1]])));

        Assert.Contains((await queue.InfoAsync()).Name!, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24 * 3600 + 1)]
    public async Task A_ttl_out_of_range_sent_past_the_client_is_refused(int seconds) // C6
    {
        var (queue, partition) = await PartitionAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => partition.PutAsync(Put([[1]], TimeSpan.FromSeconds(seconds))));

        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task Batches_outside_1_to_5000_sent_past_the_client_are_refused() // C7
    {
        var (queue, partition) = await PartitionAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => partition.PutAsync(Put([])));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => partition.PutAsync(Put([.. Enumerable.Repeat(new byte[1], QueueLimits.MaxPartitionItems + 1)])));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => partition.TakeAsync(new TakeRequest(Guid.NewGuid(), 0, TimeSpan.Zero, 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => partition.TakeAsync(new TakeRequest(Guid.NewGuid(), QueueLimits.MaxPartitionItems + 1, TimeSpan.Zero, 0)));

        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task A_negative_wait_sent_past_the_client_is_refused() // C12, C13
    {
        var (queue, partition) = await PartitionAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => partition.PutAsync(Put([[1]], wait: TimeSpan.FromSeconds(-1))));

        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task A_partition_of_a_queue_that_was_never_created_says_not_found() // C22
    {
        var partition = Fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format("qu-never-created", null));

        await Assert.ThrowsAsync<QueueNotFoundException>(() => partition.PutAsync(Put([[1]])));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Queues.FromId("qu-never-created").LenAsync());
    }
}
