using System.Diagnostics;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Waiting gets and puts: woken in the silo, in arrival order, for as long as asked (C12, C13, C15, C17, C19).</summary>
public sealed class BlockingTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task A_waiting_get_is_woken_by_a_put() // C13
    {
        var queue = NewQueue();
        var get = queue.GetAsync<string>(partition: "p");
        await Task.Delay(Settle);
        Assert.False(get.IsCompleted);

        await queue.PutAsync("hello", partition: "p");

        Assert.Equal("hello", await get.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_waiting_get_times_out_with_queue_empty() // C13
    {
        var queue = NewQueue();
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<QueueEmptyException>(() => queue.GetAsync<int>(timeout: TimeSpan.FromMilliseconds(500)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), Patience);
    }

    [Fact]
    public async Task Waiting_getters_are_served_in_arrival_order() // C15
    {
        var queue = NewQueue();
        var getters = new List<Task<int>>();
        for (var i = 0; i < 5; i++)
        {
            getters.Add(queue.GetAsync<int>());
            await Task.Delay(Settle);
        }

        await queue.PutManyAsync(Enumerable.Range(0, 5));

        Assert.Equal(Enumerable.Range(0, 5), await Task.WhenAll(getters).WaitAsync(Patience));
    }

    [Fact]
    public async Task One_item_goes_to_exactly_one_of_many_waiting_getters() // C15
    {
        var queue = NewQueue();
        var getters = Enumerable.Range(0, 20).Select(_ => queue.TryGetAsync<int>(timeout: TimeSpan.FromSeconds(2))).ToList();
        await Task.Delay(Settle);

        await queue.PutAsync(7);

        var results = await Task.WhenAll(getters).WaitAsync(Patience);
        Assert.Equal(7, Assert.Single(results, r => r.Found).Value);
    }

    [Fact]
    public async Task A_get_many_waits_for_the_first_item_only() // C14
    {
        var queue = NewQueue();
        var get = queue.GetManyAsync<int>(10);
        await Task.Delay(Settle);

        await queue.PutAsync(1);

        Assert.Equal([1], await get.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_put_to_a_full_partition_waits_until_a_get_makes_room() // C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));
        var put = queue.PutAsync(-1);
        await Task.Delay(Settle);
        Assert.False(put.IsCompleted);

        Assert.Equal(0, await queue.GetAsync<int>());

        await put.WaitAsync(Patience);
        Assert.Equal(QueueLimits.MaxPartitionItems, await queue.LenAsync());
    }

    [Fact]
    public async Task A_put_to_a_full_partition_times_out_with_queue_full_and_stores_nothing() // C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<QueueFullException>(() => queue.PutAsync(-1, timeout: TimeSpan.FromMilliseconds(500)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), Patience);
        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
        Assert.Equal(QueueLimits.MaxPartitionItems, await queue.LenAsync());
        Assert.DoesNotContain(-1, await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems));
    }

    [Fact]
    public async Task Waiting_putters_go_in_arrival_order_and_a_small_batch_does_not_overtake_a_big_one() // C12
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));
        var big = queue.PutManyAsync([-1, -2, -3]);
        await Task.Delay(Settle);
        var small = queue.PutAsync(-4);
        await Task.Delay(Settle);

        // One free slot: the small batch would fit, but the big one came first.
        await queue.GetAsync<int>();
        await Task.Delay(Settle);
        Assert.False(big.IsCompleted);
        Assert.False(small.IsCompleted);

        // Three more free slots: the big batch goes in (the partition is full again), then the small one waits on.
        await queue.GetManyAsync<int>(2);
        await big.WaitAsync(Patience);
        Assert.False(small.IsCompleted);

        await queue.GetAsync<int>();
        await small.WaitAsync(Patience);
        var all = await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems);
        Assert.Equal([-1, -2, -3, -4], all.TakeLast(4));
    }

    [Fact]
    public async Task Clear_lets_waiting_putters_in() // C19
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partition: "p");
        var put = queue.PutManyAsync([-1, -2], partition: "p");
        await Task.Delay(Settle);

        await queue.ClearAsync(partition: "p");

        await put.WaitAsync(Patience);
        Assert.Equal([-1, -2], await queue.GetManyAsync<int>(10, partition: "p"));
    }

    [Fact]
    public async Task Clear_all_lets_waiting_putters_in() // C19
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partition: "p");
        var put = queue.PutAsync(-1, partition: "p");
        await Task.Delay(Settle);

        await queue.ClearAsync(all: true);

        await put.WaitAsync(Patience);
        Assert.Equal(1, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task A_get_without_timeout_outlives_many_response_timeouts() // C17
    {
        var queue = NewQueue();
        var get = queue.GetAsync<string>();

        // Over twice the client's response timeout: a single call would have failed with TimeoutException.
        await Task.Delay(ClusterFixture.ResponseTimeout * 2.25);
        Assert.False(get.IsCompleted);
        await queue.PutAsync("late");

        Assert.Equal("late", await get.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_put_without_timeout_outlives_many_response_timeouts() // C17
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));
        var put = queue.PutAsync(-1);

        await Task.Delay(ClusterFixture.ResponseTimeout * 2.25);
        Assert.False(put.IsCompleted);
        await queue.GetAsync<int>();

        await put.WaitAsync(Patience);
        Assert.Equal(QueueLimits.MaxPartitionItems, await queue.LenAsync());
    }

    [Fact]
    public async Task A_timeout_longer_than_the_response_timeout_ends_with_queue_empty_not_a_timeout_exception() // C17
    {
        var queue = NewQueue();
        var timeout = ClusterFixture.ResponseTimeout * 1.5;
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<QueueEmptyException>(() => queue.GetAsync<int>(timeout: timeout));

        Assert.InRange(clock.Elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_long_waiting_getter_keeps_its_place_in_line_across_re_polls() // C15, C17
    {
        var queue = NewQueue();
        var first = queue.GetAsync<int>();

        // The first getter re-polls at least once while later getters arrive.
        await Task.Delay(ClusterFixture.ResponseTimeout);
        var second = queue.GetAsync<int>();
        await Task.Delay(ClusterFixture.ResponseTimeout);
        var third = queue.GetAsync<int>();
        await Task.Delay(Settle);

        await queue.PutManyAsync([1, 2, 3]);

        Assert.Equal(new[] { 1, 2, 3 }, await Task.WhenAll(first, second, third).WaitAsync(Patience));
    }
}
