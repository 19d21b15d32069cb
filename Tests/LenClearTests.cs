using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

public sealed class LenClearTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Len_counts_one_partition_or_with_total_every_live_one() // C18
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3]);
        await queue.PutManyAsync([1, 2], partition: "a");
        await queue.PutAsync(1, partition: "b");

        Assert.Equal(3, await queue.LenAsync());
        Assert.Equal(2, await queue.LenAsync(partition: "a"));
        Assert.Equal(0, await queue.LenAsync(partition: "never-used"));
        Assert.Equal(6, await queue.LenAsync(total: true));

        await queue.GetAsync<int>(partition: "a");
        Assert.Equal(5, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task Len_of_a_new_queue_is_zero() // C18
    {
        var queue = NewQueue();

        Assert.Equal(0, await queue.LenAsync());
        Assert.Equal(0, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task Clear_empties_one_partition_only() // C19
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3], partition: "a");
        await queue.PutManyAsync([4, 5], partition: "b");

        await queue.ClearAsync(partition: "a");

        Assert.Equal(0, await queue.LenAsync(partition: "a"));
        Assert.Equal(2, await queue.LenAsync(total: true));
        Assert.Equal(4, await queue.GetAsync<int>(partition: "b"));
    }

    [Fact]
    public async Task Clear_all_empties_every_partition_and_the_queue_takes_puts_again() // C19
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3]);
        await queue.PutManyAsync([4, 5], partition: "a");
        await queue.PutAsync(6, partition: "b");

        await queue.ClearAsync(all: true);

        Assert.Equal(0, await queue.LenAsync(total: true));
        await queue.PutAsync(7, partition: "a");
        Assert.Equal(1, await queue.LenAsync(total: true));
        Assert.Equal(7, await queue.GetAsync<int>(partition: "a"));
    }

    [Fact]
    public async Task Clear_does_not_wake_a_waiting_getter_with_anything() // C19, C13
    {
        var queue = NewQueue();
        var get = queue.TryGetAsync<int>(timeout: TimeSpan.FromSeconds(1));

        await queue.ClearAsync();

        Assert.False((await get.WaitAsync(Patience)).Found);
    }
}
