using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Reading a partition in place (C20).</summary>
public sealed class IterateTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Iterate_yields_in_fifo_order_without_removing() // C20
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3], partition: "p");

        Assert.Equal([1, 2, 3], await queue.IterateAsync<int>(partition: "p").ToListAsync());
        Assert.Equal(3, await queue.LenAsync(partition: "p"));
    }

    [Fact]
    public async Task The_seed_example_iterates_what_is_there() // C20: Modal's guide, last lines
    {
        var queue = NewQueue();
        await queue.PutAsync(0);
        await queue.PutAsync(1);

        Assert.Equal([0, 1], await queue.IterateAsync<int>().ToListAsync());
    }

    [Fact]
    public async Task Iterating_an_empty_partition_ends_at_once() // C20
    {
        var queue = NewQueue();

        Assert.Empty(await queue.IterateAsync<int>().ToListAsync());
    }

    [Fact]
    public async Task Items_put_during_the_iteration_are_yielded_and_it_ends_after_the_poll_timeout() // C20
    {
        var queue = NewQueue();
        await queue.PutAsync(1);
        var seen = new List<int>();

        await foreach (var item in queue.IterateAsync<int>(itemPollTimeout: TimeSpan.FromSeconds(1)))
        {
            seen.Add(item);
            if (item < 3)
            {
                await queue.PutAsync(item + 1);
            }
        }

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task An_iteration_waits_for_a_new_item_longer_than_the_response_timeout() // C20, C17
    {
        var queue = NewQueue();
        var iteration = queue.IterateAsync<int>(itemPollTimeout: ClusterFixture.ResponseTimeout * 2).ToListAsync().AsTask();

        await Task.Delay(ClusterFixture.ResponseTimeout * 1.25);
        await queue.PutAsync(7);

        Assert.Equal([7], await iteration.WaitAsync(Patience));
    }

    [Fact]
    public async Task Items_taken_ahead_of_the_cursor_are_not_yielded() // C20
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3, 4, 5]);
        var seen = new List<int>();

        await foreach (var item in queue.IterateAsync<int>())
        {
            seen.Add(item);
            if (item == 1)
            {
                Assert.Equal([1, 2, 3], await queue.GetManyAsync<int>(3));
            }
        }

        // 1 was read before the gets; 2 and 3 were consumed ahead of the cursor. The first page may already hold them.
        Assert.Equal(1, seen[0]);
        Assert.Equal([4, 5], seen.TakeLast(2));
    }

    [Fact]
    public async Task Iterate_pages_through_more_items_than_a_page_holds() // C20
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));

        Assert.Equal(Enumerable.Range(0, QueueLimits.MaxPartitionItems), await queue.IterateAsync<int>().ToListAsync());
    }

    [Fact]
    public async Task Iterate_pages_through_more_bytes_than_a_page_holds() // C20
    {
        var queue = NewQueue();
        var items = Enumerable.Range(0, 10).Select(i => Enumerable.Repeat((byte)i, 1_000_000).ToArray()).ToList();
        await queue.PutManyAsync(items);

        var read = await queue.IterateAsync<byte[]>().ToListAsync();

        Assert.Equal(items.Select(item => item[0]), read.Select(item => item[0]));
        Assert.All(read, item => Assert.Equal(1_000_000, item.Length));
    }

    [Fact]
    public async Task Cancelling_ends_a_waiting_iteration() // C20
    {
        var queue = NewQueue();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => queue.IterateAsync<int>(itemPollTimeout: TimeSpan.FromMinutes(1), cancellationToken: cancel.Token).ToListAsync().AsTask());
    }

    [Fact]
    public async Task A_negative_poll_timeout_is_refused() // C20
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.IterateAsync<int>(itemPollTimeout: TimeSpan.FromSeconds(-1)).ToListAsync().AsTask());
    }
}
