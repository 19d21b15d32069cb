using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Listing the named queues of an environment (C24).</summary>
public sealed class ListTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task List_gives_named_queues_newest_first_with_partition_and_item_counts() // C24
    {
        var environment = UniqueName();
        var first = await Queues.CreateAsync("first", environment: environment);
        await first.PutManyAsync([1, 2, 3]);
        var second = await Queues.CreateAsync("second", environment: environment);
        await second.PutAsync(1, partition: "a");
        await second.PutAsync(2, partition: "b");
        await Queues.CreateAsync("third", environment: environment);
        await using var anonymous = await Queues.EphemeralAsync(environment);

        var listed = await Queues.ListAsync(environment: environment).ToListAsync();

        Assert.Equal(["third", "second", "first"], listed.Select(q => q.Info.Name));
        Assert.Equal([0, 2, 1], listed.Select(q => q.LivePartitions));
        Assert.Equal([0L, 2L, 3L], listed.Select(q => q.TotalItems));
        Assert.Equal((await second.InfoAsync()).Id, listed[1].Info.Id);
    }

    [Fact]
    public async Task List_pages_with_max_objects_and_created_before() // C24
    {
        var environment = UniqueName();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await Queues.CreateAsync(name, environment: environment);
        }

        var page = await Queues.ListAsync(maxObjects: 2, environment: environment).ToListAsync();
        var rest = await Queues.ListAsync(createdBefore: page[^1].Info.CreatedAt, environment: environment).ToListAsync();

        Assert.Equal(["d", "c"], page.Select(q => q.Info.Name));
        Assert.Equal(["b", "a"], rest.Select(q => q.Info.Name));
    }

    [Fact]
    public async Task Deleted_queues_are_not_listed_and_max_objects_below_one_is_refused() // C24
    {
        var environment = UniqueName();
        await Queues.CreateAsync("kept", environment: environment);
        await Queues.CreateAsync("gone", environment: environment);
        await Queues.DeleteAsync("gone", environment: environment);

        Assert.Equal(["kept"], (await Queues.ListAsync(environment: environment).ToListAsync()).Select(q => q.Info.Name));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queues.ListAsync(maxObjects: 0).ToListAsync().AsTask());
    }
}
