using System.Collections.Concurrent;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Cancelling or timing out a waiting call never loses an item (C16).</summary>
public sealed class CancellationTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task A_cancelled_waiting_get_throws_and_leaves_the_next_item_in_the_queue() // C16
    {
        var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var get = queue.GetAsync<int>(cancellationToken: cancel.Token);
        await Task.Delay(Settle);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(Patience));
        await queue.PutAsync(1);

        Assert.Equal(1, await queue.LenAsync());
    }

    [Fact]
    public async Task A_get_with_a_token_cancelled_before_the_call_sends_nothing() // C16
    {
        var queue = NewQueue();
        await queue.PutAsync(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.GetAsync<int>(cancellationToken: new CancellationToken(true)));

        Assert.Equal(1, await queue.LenAsync());
    }

    [Fact]
    public async Task A_cancelled_waiting_put_stores_nothing_and_lets_the_putter_behind_it_in() // C12, C16
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems - 1));
        using var cancel = new CancellationTokenSource();
        var big = queue.PutManyAsync([-1, -2], cancellationToken: cancel.Token);
        await Task.Delay(Settle);
        var small = queue.PutAsync(-3);
        await Task.Delay(Settle);
        Assert.False(small.IsCompleted);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => big.WaitAsync(Patience));
        await small.WaitAsync(Patience);
        var all = await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems);
        Assert.Equal(-3, all[^1]);
        Assert.DoesNotContain(-1, all);
    }

    [Fact]
    public async Task Thousands_of_cancel_then_put_races_lose_no_item() // C16
    {
        const int Cycles = 2_000;
        var queue = NewQueue();
        var received = new List<int>();
        var cancelled = 0;

        for (var i = 0; i < Cycles; i++)
        {
            using var cancel = new CancellationTokenSource();
            var get = queue.GetAsync<int>(cancellationToken: cancel.Token);

            // Vary which goes first, so the cancel meets the get in every state: in flight, parked, being served.
            if (i % 2 == 0)
            {
                await cancel.CancelAsync();
                await queue.PutAsync(i);
            }
            else
            {
                var put = queue.PutAsync(i);
                await cancel.CancelAsync();
                await put;
            }

            try
            {
                received.Add(await get.WaitAsync(Patience));
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }

        var left = await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems, block: false);
        Assert.Equal(Enumerable.Range(0, Cycles), received.Concat(left).Order());

        // Both outcomes happened, or the race was not exercised.
        Assert.InRange(cancelled, 1, Cycles - 1);
    }

    [Fact]
    public async Task Concurrent_cancellations_and_timeouts_racing_puts_lose_no_item() // C16
    {
        const int Workers = 8;
        const int CyclesPerWorker = 300;
        var queue = NewQueue();
        var received = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < CyclesPerWorker; i++)
            {
                var value = (worker * CyclesPerWorker) + i;
                using var cancel = new CancellationTokenSource();
                var get = i % 3 == 0
                    ? queue.TryGetAsync<int>(timeout: TimeSpan.FromMilliseconds(value % 5))
                    : queue.TryGetAsync<int>(cancellationToken: cancel.Token);
                var put = queue.PutAsync(value);
                await cancel.CancelAsync();
                await put;
                try
                {
                    var (found, item) = await get.WaitAsync(Patience);
                    if (found)
                    {
                        received.Add(item);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Cancelled before an item reached it: the item must still be in the queue.
                }
            }
        })));

        var left = await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems, block: false);
        Assert.Equal(Enumerable.Range(0, Workers * CyclesPerWorker), received.Concat(left).Order());
    }
}
