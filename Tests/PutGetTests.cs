using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

[GenerateSerializer, Alias("OrleansQueue.Tests.Job")]
public sealed record Job(int Id, string Name, IReadOnlyList<string> Tags);

public sealed class PutGetTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Put_appends_at_the_tail_and_get_takes_the_head() // C10, C13
    {
        var queue = NewQueue();

        foreach (var i in Enumerable.Range(0, 10))
        {
            await queue.PutAsync(i);
        }

        var got = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            got.Add(await queue.GetAsync<int>());
        }

        Assert.Equal(Enumerable.Range(0, 10), got);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task Put_many_keeps_the_order_of_the_batch() // C10
    {
        var queue = NewQueue();
        await queue.PutAsync("first");

        await queue.PutManyAsync(["a", "b", "c"]);
        await queue.PutAsync("last");

        Assert.Equal(["first", "a", "b", "c", "last"], await queue.GetManyAsync<string>(10));
    }

    [Fact]
    public async Task Put_many_of_nothing_does_nothing() // C7
    {
        var queue = Queues.FromName(UniqueName());

        // No call is made, so even a queue that does not exist is not looked up.
        await queue.PutManyAsync(Array.Empty<int>());

        await Assert.ThrowsAsync<QueueNotFoundException>(() => queue.LenAsync());
    }

    [Fact]
    public async Task Values_keep_their_types_through_the_queue() // C10: the Orleans serializer round-trips
    {
        var queue = NewQueue();
        var job = new Job(7, "resize", ["img", "fast"]);
        object[] values = [job, 42, 4.5, "text", Guid.NewGuid(), new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc), new[] { 1, 2 }, new Dictionary<string, int> { ["a"] = 1 }];

        await queue.PutManyAsync(values);

        var back = await queue.GetManyAsync<object>(values.Length);
        Assert.Equivalent(job, Assert.IsType<Job>(back[0]), strict: true);
        Assert.Equal(values[1..6], back.Skip(1).Take(5));
        Assert.Equal([1, 2], Assert.IsType<int[]>(back[6]));
        Assert.Equal(1, Assert.IsType<Dictionary<string, int>>(back[7])["a"]);
    }

    [Fact]
    public async Task Null_is_a_value_too() // C10
    {
        var queue = NewQueue();

        await queue.PutAsync<string?>(null);

        var (found, value) = await queue.TryGetAsync<string>(block: false);
        Assert.True(found);
        Assert.Null(value);
    }

    [Fact]
    public async Task Reading_an_item_as_the_wrong_type_says_what_it_holds() // C10
    {
        var queue = NewQueue();
        await queue.PutAsync("text");

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => queue.GetAsync<int>());

        Assert.Contains("System.String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_many_returns_what_is_there_without_waiting_to_fill_the_batch() // C14
    {
        var queue = NewQueue();
        await queue.PutManyAsync([1, 2, 3]);

        var got = await queue.GetManyAsync<int>(100, timeout: Patience);

        Assert.Equal([1, 2, 3], got);
    }

    [Fact]
    public async Task Get_many_takes_at_most_n() // C14
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, 10));

        Assert.Equal([0, 1, 2, 3], await queue.GetManyAsync<int>(4));
        Assert.Equal(6, await queue.LenAsync());
    }

    [Fact]
    public async Task Get_many_without_blocking_on_an_empty_partition_is_an_empty_list() // C14
    {
        var queue = NewQueue();

        Assert.Empty(await queue.GetManyAsync<int>(5, block: false));
    }

    [Fact]
    public async Task Get_many_times_out_with_queue_empty() // C14
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<QueueEmptyException>(() => queue.GetManyAsync<int>(5, timeout: TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Get_without_blocking_on_empty_throws_at_once() // C13
    {
        var queue = NewQueue();

        var error = await Assert.ThrowsAsync<QueueEmptyException>(() => queue.GetAsync<int>(partition: "p", block: false));

        Assert.Contains("partition 'p'", error.Message, StringComparison.Ordinal);
        Assert.Contains((await queue.InfoAsync()).Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Try_get_answers_false_instead_of_throwing() // C13
    {
        var queue = NewQueue();

        var (found, _) = await queue.TryGetAsync<int>(timeout: TimeSpan.FromMilliseconds(100));
        Assert.False(found);

        await queue.PutAsync(5);
        Assert.Equal((true, 5), await queue.TryGetAsync<int>(block: false));
    }

    [Fact]
    public async Task Partitions_are_independent_fifos() // C10, C13: partitions never affect each other
    {
        var queue = NewQueue();
        await queue.PutManyAsync(["a1", "a2"], partition: "a");
        await queue.PutManyAsync(["b1", "b2"], partition: "b");
        await queue.PutAsync("d1");

        Assert.Equal("b1", await queue.GetAsync<string>(partition: "b"));
        Assert.Equal("a1", await queue.GetAsync<string>(partition: "a"));
        Assert.Equal("d1", await queue.GetAsync<string>());
        Assert.Equal(1, await queue.LenAsync(partition: "a"));
        Assert.Equal(1, await queue.LenAsync(partition: "b"));
        Assert.Equal(0, await queue.LenAsync());
    }

    [Theory]
    [MemberData(nameof(PartitionKeys.Hostile), MemberType = typeof(PartitionKeys))]
    public async Task Hostile_partition_keys_work(string partition) // C2
    {
        var queue = NewQueue();

        await queue.PutAsync(partition, partition: partition);

        Assert.Equal(1, await queue.LenAsync(partition: partition));
        Assert.Equal(0, await queue.LenAsync());
        Assert.Equal(1, await queue.LenAsync(total: true));
        Assert.Equal(partition, await queue.GetAsync<string>(partition: partition));
    }
}
